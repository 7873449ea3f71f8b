import { isRouteErrorResponse, useRouteError } from "react-router";
import { defineTexts, type Lang, pick, t } from "../text/i18n";
import { ErrorBoundary as RootErrorBoundary } from "../root";
import { AgencySuspendedPage, suspendedAgencyOf } from "./agency-suspended-page";
import { PlainTopbar } from "./plain-topbar";

const say = defineTexts({
  closedTitle: { th: "แบบสอบถามนี้ปิดรับคำตอบแล้ว", en: "This survey is closed" },
  wayOn: { th: "ตอบแบบสอบถามของรอบที่เปิดอยู่ขณะนี้", en: "Answer the survey of the round open now" },
  closedBody: {
    th: "รอบการประเมินของแบบสอบถามนี้สิ้นสุดแล้ว จึงไม่รับคำตอบเพิ่ม ขอบคุณที่ตั้งใจให้ความเห็น หากหน่วยงานเปิดรอบใหม่ กรุณาสแกน QR code หรือใช้ลิงก์ใหม่ที่หน่วยงานประกาศ หรือสอบถามเจ้าหน้าที่",
    en: "The assessment round of this survey has ended, so it takes no more answers. Thank you for wanting to give feedback. If the agency has opened a new round, please use the QR code or link it has published, or ask a member of staff.",
  },
});

/**
 * A paused link (a counter closed for a while) gets a polite 404 page, and a closed round (or a day
 * outside its period) a polite 410 page saying the survey is closed: neither is an error.
 */
export function RespondentErrorBoundary() {
  const error = useRouteError();
  const suspended = suspendedAgencyOf(error);
  if (suspended) return <AgencySuspendedPage {...suspended} />;
  const details = isRouteErrorResponse(error)
    ? (error.data as { lang?: Lang; paused?: { th: string; en: string }; closed?: { th: string; en: string }; wayOn?: string | null } | null)
    : null;
  const organization = details?.paused ?? details?.closed;
  if (!details || !organization) return <RootErrorBoundary />;
  const lang = details.lang ?? "th";
  return (
    <div className="respondent">
      <PlainTopbar lang={lang} title={pick(lang, organization)} />
      <main className="page page-narrow message-page">
        <h1>{details.closed ? say(lang, "closedTitle") : t(lang, "pausedTitle")}</h1>
        <p className="lead">{details.closed ? say(lang, "closedBody") : t(lang, "pausedBody")}</p>
        {details.closed && details.wayOn && (
          <p>
            <a className="button" href={details.wayOn}>
              {say(lang, "wayOn")}
            </a>
          </p>
        )}
      </main>
    </div>
  );
}
