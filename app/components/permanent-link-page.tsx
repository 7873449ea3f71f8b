import { ComplaintLink } from "./complaint-link";
import { LanguageSwitch } from "./language-switch";
import { defineTexts, pick, t, type Lang } from "../text/i18n";

/** What a permanent link (/c/:token, /staff/:token) shows when it cannot send the respondent to a survey. */
export interface PermanentLinkPageData {
  lang: Lang;
  kind: "counter" | "staff";
  outcome: "paused" | "nothing-open";
  organization: { th: string; en: string };
  counter: { th: string; en: string } | null;
  /** The name respondents are shown for the link's survey (no round is open: the default framework's). */
  surveyTitle: { th: string; en: string };
  /** The agency's code, for its complaint form (/complaints/:slug, issue 16). */
  agencySlug: string;
}

const say = defineTexts({
  counterNothingOpenTitle: { th: "ขณะนี้ยังไม่มีแบบสอบถามเปิดรับที่จุดบริการนี้", en: "No survey is open at this counter now" },
  staffNothingOpenTitle: { th: "ขณะนี้ยังไม่มีแบบสอบถามสำหรับบุคลากรที่เปิดรับ", en: "No staff survey is open now" },
  staffPausedBody: {
    th: "แบบสอบถามสำหรับบุคลากรปิดรับคำตอบไว้ชั่วคราว กรุณาลองใหม่ภายหลัง หรือสอบถามผู้ดูแลระบบของหน่วยงาน",
    en: "The staff questionnaire is paused for now. Please try again later or ask your agency's administrator.",
  },
  nothingOpenBody: {
    th: "หน่วยงานยังไม่ได้เปิดรอบการประเมิน หรือรอบการประเมินปิดแล้ว QR code และลิงก์นี้จะใช้ได้อีกเมื่อเปิดรอบใหม่ ขอบคุณที่ต้องการแสดงความคิดเห็น",
    en: "The agency has no assessment round open now, or the round has closed. This QR code and link work again once a new round opens. Thank you for wanting to give feedback.",
  },
});

/** Large type, the agency's name on top: read on a phone at the counter, often in a hurry. */
export function PermanentLinkPage({ data }: { data: PermanentLinkPageData }) {
  const { lang, kind, outcome, organization, counter, agencySlug } = data;
  const title =
    outcome === "paused" ? t(lang, "pausedTitle") : say(lang, kind === "counter" ? "counterNothingOpenTitle" : "staffNothingOpenTitle");
  return (
    <div className="respondent">
      <header className="topbar">
        <p className="topbar-title">
          <span className="org">{pick(lang, organization)}</span>
          {counter && <span>{pick(lang, counter)}</span>}
        </p>
        <LanguageSwitch lang={lang} />
      </header>
      <main className="page page-narrow message-page" data-outcome={outcome}>
        <h1>{title}</h1>
        <p className="lead">{outcome === "nothing-open" ? say(lang, "nothingOpenBody") : kind === "staff" ? say(lang, "staffPausedBody") : t(lang, "pausedBody")}</p>
      </main>
      <ComplaintLink lang={lang} agencySlug={agencySlug} />
    </div>
  );
}
