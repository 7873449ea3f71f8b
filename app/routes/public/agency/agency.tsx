/**
 * /agency/:slug — the agency's public transparency page (issue 17, item 1): what its admins have published
 * on /admin/publication — the rounds whose report, measures or counter satisfaction are public, each on its
 * own page, and the fiscal year's complaint statistics. No sign-in; one stable address per agency, linked
 * from the agency's website and given as OIT evidence. A 404 until something is published, and again at
 * once when it is taken down. Served from app/server/public-page-cache.server.ts.
 */
import { data } from "react-router";
import { getDb } from "../../../lib/db.server";
import { kindLabel } from "../../../services/complaints/kinds";
import { getPublicAgencyPage, requirePublicAgency } from "../../../services/publication/public-page.server";
import { publicPagePaths } from "../../../services/publication/paths";
import { formatDate, withDigits } from "../../../text/format";
import { defineTexts, langCookieHeader, pick } from "../../../text/i18n";
import { PUBLIC_PAGE_CACHE_CONTROL, PublicShell, publicAgencyView, pt, readPublicView, viewHref, yearLabel } from "./shell";
import publicCss from "../../../styles/public-page.css?url";
import type { Route } from "./+types/agency";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: publicCss }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const view = readPublicView(request);
  const db = getDb();
  const agency = await requirePublicAgency(db, params.slug);
  const page = await getPublicAgencyPage(db, agency, new Date());
  return data({ ...view, agency: publicAgencyView(agency), ...page }, { headers: { ...langCookieHeader(request), "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL } });
}

export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export function meta({ loaderData: d }: Route.MetaArgs) {
  if (!d) return [{ title: "โปร่งใส" }];
  return [{ title: `${say(d.lang, "title")} · ${pick(d.lang, d.agency.name)}` }, { name: "description", content: say(d.lang, "lead", { org: pick(d.lang, d.agency.name) }) }];
}

const say = defineTexts({
  title: { th: "ข้อมูลคุณธรรมและความโปร่งใส", en: "Integrity and transparency" },
  lead: {
    th: "{org} เผยแพร่ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA) มาตรการและความคืบหน้า และสถิติเรื่องร้องเรียน ตามที่หน่วยงานเลือกเผยแพร่",
    en: "{org} publishes its Integrity and Transparency Assessment (ITA) results, its measures and their progress, and its complaint statistics, as it chooses.",
  },
  rounds: { th: "ผลการประเมินและมาตรการ", en: "Assessments and measures" },
  fiscalYear: { th: "ปีงบประมาณ พ.ศ. {year}", en: "Fiscal year {year}" },
  reportMeasured: { th: "ผลการวิเคราะห์ (คะแนนที่วัดด้วยระบบ)", en: "Analysis (measured scores)" },
  reportOfficial: { th: "ผลการวิเคราะห์ (ผลการประเมินอย่างเป็นทางการ)", en: "Analysis (official result)" },
  reportWithheld: { th: "ผลการวิเคราะห์ (แสดงเมื่อปิดรอบการประเมิน)", en: "Analysis (shown once the round closes)" },
  measures: { th: "มาตรการและความคืบหน้า", en: "Measures and progress" },
  counters: { th: "ความพึงพอใจรายจุดบริการ", en: "Satisfaction per service counter" },
  open: { th: "ดูรายละเอียด", en: "View" },
  complaints: { th: "สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ปีงบประมาณ พ.ศ. {year}", en: "Complaints of corruption and misconduct, fiscal year {year}" },
  received: { th: "เรื่องร้องเรียนทั้งหมด", en: "Received" },
  finished: { th: "ดำเนินการแล้วเสร็จ", en: "Finished" },
  inProgress: { th: "อยู่ระหว่างดำเนินการ", en: "In progress" },
  none: { th: "ในปีงบประมาณ พ.ศ. {year} ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", en: "There were no complaints of corruption or misconduct in fiscal year {year}." },
  statistics: { th: "สถิติฉบับเต็มและไฟล์ CSV", en: "Full statistics and CSV" },
  complain: { th: "แจ้งเรื่องร้องเรียน", en: "File a complaint" },
  nothingYet: { th: "ยังไม่มีผลการประเมินที่เผยแพร่", en: "No assessment is published yet." },
});


export default function PublicAgencyPage({ loaderData }: Route.ComponentProps) {
  const { lang, digits, agency, rounds, complaints, asOf } = loaderData;
  const d = (text: string | number) => withDigits(String(text), digits);
  const paths = publicPagePaths(agency.slug);
  const org = pick(lang, agency.name);
  return (
    <PublicShell lang={lang} digits={digits} agency={agency} path={paths.agency}>
      <main className="page page-narrow public-main">
        <h1>{say(lang, "title")}</h1>
        <p className="lead">{say(lang, "lead", { org })}</p>
        <p className="muted">{d(pt(lang, "asOf", { date: formatDate(asOf, lang, { month: "long" }) }))}</p>

        <h2>{say(lang, "rounds")}</h2>
        {rounds.length === 0 && <p className="note">{say(lang, "nothingYet")}</p>}
        {rounds.map((round) => (
          <section className="card public-round" key={round.id} data-testid="public-round">
            <h3>{d(pick(lang, round.title))}</h3>
            <p className="muted">{d(say(lang, "fiscalYear", { year: yearLabel(lang, round.fiscalYear) }))}</p>
            <ul className="public-parts">
              {round.parts.analysis && <li>{say(lang, round.parts.report === "official" ? "reportOfficial" : "reportMeasured")}</li>}
              {round.parts.analysisWithheld && <li>{say(lang, "reportWithheld")}</li>}
              {round.parts.measures && <li>{say(lang, "measures")}</li>}
              {round.parts.counters && <li>{say(lang, "counters")}</li>}
            </ul>
            <a className="button public-button" href={viewHref(paths.round(round.id), lang, digits)}>
              {say(lang, "open")}
            </a>
          </section>
        ))}

        {complaints && (
          <section className="public-complaints" data-testid="public-complaints">
            <h2>{d(say(lang, "complaints", { year: yearLabel(lang, complaints.fiscalYear) }))}</h2>
            {complaints.none && <p className="note">{d(say(lang, "none", { year: yearLabel(lang, complaints.fiscalYear) }))}</p>}
            <div className="stat-totals">
              <div className="card">
                <span className="stat-label">{say(lang, "received")}</span>
                <span className="stat-number">{d(complaints.received)}</span>
              </div>
              <div className="card">
                <span className="stat-label">{say(lang, "finished")}</span>
                <span className="stat-number">{d(complaints.finished)}</span>
              </div>
              <div className="card">
                <span className="stat-label">{say(lang, "inProgress")}</span>
                <span className="stat-number">{d(complaints.inProgress)}</span>
              </div>
            </div>
            {!complaints.none && (
              <ul className="public-kinds">
                {complaints.byKind
                  .filter((k) => k.received > 0)
                  .map((k) => (
                    <li key={k.code}>
                      {pick(lang, kindLabel(k.code))}: {d(k.received)}
                    </li>
                  ))}
              </ul>
            )}
            <p className="button-row">
              <a className="button button-secondary public-button" href={`/complaints/${encodeURIComponent(agency.slug)}/statistics?year=${complaints.fiscalYear}${lang === "en" ? "&lang=en" : ""}`}>
                {say(lang, "statistics")}
              </a>
              <a className="button button-secondary public-button" href={`/complaints/${encodeURIComponent(agency.slug)}${lang === "en" ? "?lang=en" : ""}`}>
                {say(lang, "complain")}
              </a>
            </p>
          </section>
        )}
      </main>
    </PublicShell>
  );
}
