/**
 * /complaints/:slug/guideline — the agency's complaint-handling guideline (issue 16, item 4; ITA-METHOD §3
 * o29, §6 O16): the channels, the steps, the units responsible, the time limits and how complainants are
 * protected, as the agency's admin wrote them (/admin/complaints/guideline). It prints as a document the
 * agency can also post on its website.
 */
import { data } from "react-router";
import { getDb } from "../../../lib/db.server";
import { getEnv } from "../../../lib/env.server";
import { getComplaintGuideline } from "../../../services/complaints/guideline.server";
import { requireComplaintAgency } from "../../../services/complaints/intake.server";
import { bangkokDate } from "../../../text/dates";
import { formatDate } from "../../../text/format";
import { defineTexts, getRequestLang, langCookieHeader, pick } from "../../../text/i18n";
import { agencyView, ComplaintErrorBoundary, complaintPaths, ComplaintShell, PrintButton } from "./shell";
import { ct } from "./text";
import type { Route } from "./+types/guideline";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = getRequestLang(request);
  const db = getDb();
  const agency = await requireComplaintAgency(db, params.slug, lang);
  const guideline = await getComplaintGuideline(db, agency.id);
  const paths = complaintPaths(agency.slug);
  const base = getEnv().PUBLIC_URL;
  return data(
    {
      lang,
      agency: agencyView(agency),
      retentionMonths: agency.retentionMonths,
      guideline,
      updatedOn: guideline.updatedAt ? bangkokDate(new Date(guideline.updatedAt)) : null,
      formUrl: `${base}${paths.form}`,
      statusUrl: `${base}${paths.status}`,
    },
    { headers: langCookieHeader(request) },
  );
}

export { ComplaintErrorBoundary as ErrorBoundary };

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  return [{ title: `${say(data.lang, "title")} · ${pick(data.lang, data.agency.name)}` }];
}

const say = defineTexts({
  title: { th: "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", en: "Guideline for handling complaints of corruption and misconduct" },
  channels: { th: "ช่องทางการร้องเรียน", en: "How to complain" },
  online: { th: "แบบฟอร์มออนไลน์ (ไม่ระบุตัวตนได้):", en: "Online form (anonymous if you wish):" },
  follow: { th: "ติดตามเรื่องด้วยรหัสติดตามเรื่อง:", en: "Follow it with its tracking code:" },
  steps: { th: "ขั้นตอนการจัดการเรื่องร้องเรียน", en: "How a complaint is handled" },
  units: { th: "ส่วนงานที่รับผิดชอบ", en: "Responsible units" },
  noUnits: { th: "หน่วยงานยังไม่ได้ระบุส่วนงานที่รับผิดชอบ", en: "The agency has not named its responsible units yet." },
  limits: { th: "ระยะเวลาดำเนินการ", en: "Time limits" },
  acknowledge: { th: "รับเรื่องไว้พิจารณาภายใน {n} วันนับแต่วันที่ได้รับเรื่อง", en: "Taken up within {n} days of its receipt" },
  decide: { th: "พิจารณาและแจ้งผลภายใน {n} วันนับแต่วันที่ได้รับเรื่อง", en: "Decided, and the complainant told, within {n} days of its receipt" },
  updated: { th: "ปรับปรุงเมื่อ {date}", en: "Last updated {date}" },
  default: {
    th: "หน่วยงานยังไม่ได้ปรับแนวปฏิบัตินี้ จึงแสดงขั้นตอนและระยะเวลามาตรฐานของระบบ",
    en: "The agency has not adapted this guideline yet: the system's standard steps and time limits are shown.",
  },
});

export default function ComplaintGuidelinePage({ loaderData }: Route.ComponentProps) {
  const { lang, agency, guideline, formUrl, statusUrl, retentionMonths, updatedOn } = loaderData;
  return (
    <ComplaintShell lang={lang} agency={agency} className="complaint-document">
      <main className="page page-narrow">
        <p className="document-org">{pick(lang, agency.name)}</p>
        <h1>{say(lang, "title")}</h1>
        {!guideline.custom && <p className="muted no-print">{say(lang, "default")}</p>}
        <section>
          <h2>{say(lang, "channels")}</h2>
          <ul>
            <li>
              {say(lang, "online")} <span className="link-url">{formUrl}</span>
            </li>
            <li>
              {say(lang, "follow")} <span className="link-url">{statusUrl}</span>
            </li>
          </ul>
          {guideline.channels && <p className="complaint-text">{guideline.channels}</p>}
        </section>
        <section>
          <h2>{say(lang, "steps")}</h2>
          <ol className="guideline-steps" data-testid="guideline-steps">
            {guideline.steps.map((step, i) => (
              <li key={i}>{pick(lang, step)}</li>
            ))}
          </ol>
        </section>
        <section>
          <h2>{say(lang, "units")}</h2>
          {guideline.units.length === 0 ? (
            <p className="muted">{say(lang, "noUnits")}</p>
          ) : (
            <ul data-testid="guideline-units">
              {guideline.units.map((unit) => (
                <li key={unit.id}>{lang === "th" ? unit.nameTh : unit.nameEn || unit.nameTh}</li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <h2>{say(lang, "limits")}</h2>
          <ul data-testid="guideline-limits">
            <li>{say(lang, "acknowledge", { n: guideline.acknowledgeDays })}</li>
            <li>{say(lang, "decide", { n: guideline.decideDays })}</li>
          </ul>
        </section>
        <section>
          <h2>{ct(lang, "protectionTitle")}</h2>
          <ul>
            <li>{ct(lang, "protectionAnonymous")}</li>
            <li>{ct(lang, "protectionContact", { months: retentionMonths })}</li>
            <li>{ct(lang, "protectionFiles")}</li>
          </ul>
        </section>
        {updatedOn && <p className="muted small">{say(lang, "updated", { date: formatDate(updatedOn, lang) })}</p>}
        <div className="button-row no-print">
          <PrintButton lang={lang} />
        </div>
      </main>
    </ComplaintShell>
  );
}
