/** Small shared pieces of the measures pages: status names and badges, due dates in the Buddhist Era. */
import { formatDate } from "../text/format";
import { defineTexts, type Lang } from "../text/i18n";

export type MeasureStatusCode = "planned" | "in-progress" | "done";

/** The name of a measure's status: measureStatusText(lang, status). */
export const measureStatusText = defineTexts({
  planned: { th: "วางแผน", en: "Planned" },
  "in-progress": { th: "กำลังดำเนินการ", en: "In progress" },
  done: { th: "ดำเนินการแล้วเสร็จ", en: "Done" },
} satisfies Record<MeasureStatusCode, unknown>);

const say = defineTexts({
  overdue: { th: "เลยกำหนด ({date})", en: "Overdue (due {date})" },
  due: { th: "ครบกำหนด {date}", en: "due {date}" },
});

export function StatusBadge({ status, lang }: { status: MeasureStatusCode; lang: Lang }) {
  return (
    <span className={`measure-status measure-status-${status}`} data-status={status}>
      {measureStatusText(lang, status)}
    </span>
  );
}

export function OverdueBadge({ dueOn, lang }: { dueOn: string; lang: Lang }) {
  return (
    <span className="measure-overdue" data-testid="overdue">
      {say(lang, "overdue", { date: formatDate(dueOn, lang) })}
    </span>
  );
}

/** "ครบกำหนด 31 มี.ค. 2569" / "due 31 Mar 2026". */
export function dueText(dueOn: string, lang: Lang): string {
  return say(lang, "due", { date: formatDate(dueOn, lang) });
}
