/**
 * The report the agency publishes: มาตรการส่งเสริมคุณธรรมและความโปร่งใส of the round's fiscal year, on A4
 * (app/components/report-document.tsx, app/styles/report.css). Outside the admin chrome so that it
 * prints clean; every role may read it. Its PDF is the same page printed by the server's Chromium
 * (report.pdf, app/routes/resources/report-pdf.ts).
 */
import { data } from "react-router";
import { ReportDocument } from "../../components/report-document";
import { bangkokDate } from "../../text/dates";
import { defineTexts } from "../../text/i18n";
import { getDb } from "../../lib/db.server";
import { type ReportView, readReportView, ReportViewError, reportHref } from "../../lib/report-view";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { getRoundReport } from "../../services/report.server";
import reportCss from "../../styles/report.css?url";
import type { Route } from "./+types/report";
import { toShownPrecision } from "../../lib/shown-precision";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  let view: ReportView;
  try {
    view = readReportView(request);
  } catch (error) {
    if (error instanceof ReportViewError) throw data({ message: error.messageTh, messageEn: error.messageEn }, { status: 400 });
    throw error;
  }
  const report = await getRoundReport(db, user, params.roundId, { source: view.source, today: bangkokDate(new Date()) });
  return { view, report: toShownPrecision(report) };
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  const year = data?.report.round.fiscalYear ?? "";
  return [{ title: say(data?.view.lang ?? "th", "metaTitle", { year }) }, { name: "robots", content: "noindex" }];
}

const say = defineTexts({
  metaTitle: { th: "มาตรการส่งเสริมคุณธรรมและความโปร่งใส {year} · โปร่งใส", en: "ITA measures {year} · Prongsai" },
  options: { th: "ตัวเลือกรายงาน", en: "Report options" },
  back: { th: "← กลับไปหน้าผลการประเมิน", en: "← Back to the dashboard" },
  print: { th: "พิมพ์", en: "Print" },
  pdf: { th: "ดาวน์โหลด PDF", en: "Download PDF" },
  language: { th: "English", en: "ภาษาไทย" },
  digits: { th: "ตัวเลข:", en: "Digits:" },
  thaiDigits: { th: "ไทย (๑๒๓)", en: "Thai (๑๒๓)" },
  arabicDigits: { th: "อารบิก (123)", en: "Arabic (123)" },
  source: { th: "คะแนน:", en: "Scores:" },
  measured: { th: "ที่วัดด้วยระบบ", en: "measured" },
  official: { th: "ผลอย่างเป็นทางการ", en: "official result" },
  noOfficial: { th: "(ยังไม่ได้บันทึกผลอย่างเป็นทางการของปีนี้)", en: "(no official result entered for this year)" },
  tip: {
    th: "ตั้งค่าการพิมพ์: กระดาษ A4 แนวตั้ง ขนาดจริง (100%) ไม่ต้องพิมพ์หัวกระดาษและท้ายกระดาษ หรือใช้ไฟล์ PDF",
    en: "Print settings: A4 portrait, actual size (100%), no headers and footers — or use the PDF.",
  },
});

export default function ReportPage({ loaderData }: Route.ComponentProps) {
  const { view, report } = loaderData;
  const { lang } = view;
  const roundId = report.round.id;
  const choice = (label: string, href: string, current: boolean) =>
    current ? (
      <strong aria-current="true">{label}</strong>
    ) : (
      <a href={href} rel="nofollow">
        {label}
      </a>
    );
  return (
    <div className="report-page">
      <nav className="report-toolbar" aria-label={say(lang, "options")}>
        <a href={`/admin/rounds/${roundId}`}>{say(lang, "back")}</a>
        <a className="lang-switch" href={reportHref(roundId, view, { lang: lang === "th" ? "en" : "th", digits: lang === "th" ? "arabic" : "thai" })} hrefLang={lang === "th" ? "en" : "th"}>
          {say(lang, "language")}
        </a>
        <span className="report-choice">
          {say(lang, "digits")} {choice(say(lang, "thaiDigits"), reportHref(roundId, view, { digits: "thai" }), view.digits === "thai")} ·{" "}
          {choice(say(lang, "arabicDigits"), reportHref(roundId, view, { digits: "arabic" }), view.digits === "arabic")}
        </span>
        <span className="report-choice">
          {say(lang, "source")} {choice(say(lang, "measured"), reportHref(roundId, view, { source: "measured" }), report.source.shown === "measured")} ·{" "}
          {report.source.officialAvailable ? (
            choice(say(lang, "official"), reportHref(roundId, view, { source: "official" }), report.source.shown === "official")
          ) : (
            <span className="muted">
              {say(lang, "official")} {say(lang, "noOfficial")}
            </span>
          )}
        </span>
        <span className="report-actions">
          <a className="button" href={reportHref(roundId, view, {}, true)} data-testid="report-pdf-link">
            {say(lang, "pdf")}
          </a>
          <button className="button" type="button" onClick={() => window.print()}>
            {say(lang, "print")}
          </button>
        </span>
        <p className="muted">{say(lang, "tip")}</p>
      </nav>
      <ReportDocument report={report} lang={lang} digits={view.digits} />
    </div>
  );
}
