/**
 * The respondent's page for a link of a suspended agency (403, app/services/agency-suspended.ts): a
 * friendly explanation naming the agency, not an error.
 */
import { isRouteErrorResponse } from "react-router";
import { defineTexts, type Lang, pick } from "../text/i18n";

const say = defineTexts({
  suspendedTitle: { th: "หน่วยงานนี้งดรับแบบสอบถามชั่วคราว", en: "This agency is not taking surveys at the moment" },
  suspendedBody: {
    th: "การใช้งานระบบของหน่วยงานนี้ถูกระงับไว้ชั่วคราว จึงยังไม่บันทึกคำตอบ ขอบคุณที่ตั้งใจให้ความเห็น กรุณาสอบถามเจ้าหน้าที่ของหน่วยงาน",
    en: "This agency's use of the system is suspended for now, so no answer is recorded. Thank you for wanting to give feedback; please ask a member of the agency's staff.",
  },
});

export interface SuspendedAgency {
  lang: Lang;
  organization: { th: string; en: string };
}

/** The agency of a route error thrown for a suspended agency's link, or null for any other error. */
export function suspendedAgencyOf(error: unknown): SuspendedAgency | null {
  if (!isRouteErrorResponse(error) || error.status !== 403) return null;
  const details = error.data as { lang?: Lang; suspended?: { th: string; en: string } } | null;
  return details?.suspended ? { lang: details.lang ?? "th", organization: details.suspended } : null;
}

export function AgencySuspendedPage({ lang, organization }: SuspendedAgency) {
  return (
    <div className="respondent">
      <header className="topbar">
        <p className="topbar-title org">{pick(lang, organization)}</p>
      </header>
      <main className="page page-narrow message-page">
        <h1>{say(lang, "suspendedTitle")}</h1>
        <p className="lead">{say(lang, "suspendedBody")}</p>
      </main>
    </div>
  );
}
