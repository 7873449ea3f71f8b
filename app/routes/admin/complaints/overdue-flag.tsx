import { formatCount } from "../../../text/format";
import type { Lang } from "../../../text/i18n";
import { say } from "./text";

/** How late an open case is: past its acknowledgement, or past its decision (app/services/complaints/cases.server.ts overdueOf). */
export function OverdueFlag({ lang, overdue }: { lang: Lang; overdue: { acknowledge: boolean; decide: boolean; days: number } | null }) {
  if (!overdue) return null;
  return (
    <span className="dash-flag" data-testid="overdue-flag">
      {say(lang, overdue.decide ? "overdueDecide" : "overdueAcknowledge", { days: formatCount(overdue.days, lang) })}
    </span>
  );
}
