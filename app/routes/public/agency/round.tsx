/**
 * /agency/:slug/rounds/:roundId — one published round on the agency's public page (issue 17, item 1): its
 * report as the agency prints it (app/components/report-document.tsx: section ๑, the analysis, when the
 * report is published; section ๒, the measures with their status and dated progress notes, when they are),
 * and the satisfaction per service counter under the small-group rules
 * (app/services/publication/counter-satisfaction.server.ts). Thai digits by default in Thai, as the report.
 */
import { data } from "react-router";
import { ReportDocument } from "../../../components/report-document";
import { getDb } from "../../../lib/db.server";
import { getPublicRoundPage, requirePublicAgency } from "../../../services/publication/public-page.server";
import { publicPagePaths } from "../../../services/publication/paths";
import { formatDate, formatScore, withDigits } from "../../../text/format";
import { defineTexts, langCookieHeader, pick } from "../../../text/i18n";
import { formatMonthLong } from "../../../text/months";
import reportCss from "../../../styles/report.css?url";
import publicCss from "../../../styles/public-page.css?url";
import { PUBLIC_PAGE_CACHE_CONTROL, PublicShell, publicAgencyView, pt, readPublicView, viewHref, yearLabel } from "./shell";
import type { Route } from "./+types/round";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: reportCss },
  { rel: "stylesheet", href: publicCss },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const view = readPublicView(request);
  const db = getDb();
  const agency = await requirePublicAgency(db, params.slug);
  const page = await getPublicRoundPage(db, agency, params.roundId, new Date());
  return data({ ...view, agency: publicAgencyView(agency), ...page }, { headers: { ...langCookieHeader(request), "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL } });
}

export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export function meta({ loaderData: d }: Route.MetaArgs) {
  if (!d) return [{ title: "โปร่งใส" }];
  return [{ title: `${withDigits(pick(d.lang, d.round.title), d.digits)} · ${pick(d.lang, d.agency.name)}` }];
}

const say = defineTexts({
  back: { th: "← ข้อมูลทั้งหมดของหน่วยงาน", en: "← All of the agency's information" },
  fiscalYear: { th: "ปีงบประมาณ พ.ศ. {year}", en: "Fiscal year {year}" },
  withheld: {
    th: "รอบการประเมินนี้ยังเปิดรับคำตอบ คะแนนที่วัดด้วยระบบจึงยังเปลี่ยนตามคำตอบแต่ละชุด ผลการวิเคราะห์จะแสดงเมื่อปิดรอบการประเมินแล้ว",
    en: "This round still takes answers, so its measured scores still move with each one: the analysis is shown once the round closes.",
  },
  counters: { th: "ความพึงพอใจของผู้รับบริการรายจุดบริการ (EIT)", en: "Service users' satisfaction per counter (EIT)" },
  countersRule: {
    th: "นับเฉพาะเดือนที่สิ้นสุดแล้ว และเฉพาะเดือนที่จุดบริการมีผู้ตอบตั้งแต่ {k} คนขึ้นไป จุดบริการที่มีผู้ตอบน้อยกว่านี้จะไม่แสดงผล เพื่อไม่ให้ระบุตัวผู้ตอบได้",
    en: "Only months that have ended count, and only months in which the counter had {k} or more answers; counters with fewer are not shown, so that no one who answered can be singled out.",
  },
  through: { th: "ข้อมูลถึงสิ้นเดือน{month}", en: "Figures up to the end of {month}" },
  noMonth: { th: "ยังไม่มีเดือนที่สิ้นสุดแล้ว", en: "No month has ended yet." },
  counter: { th: "จุดบริการ", en: "Counter" },
  score: { th: "คะแนน", en: "Score" },
  level: { th: "ระดับ", en: "Level" },
  answers: { th: "ผู้ตอบ", en: "Answers" },
  hidden: { th: "ผู้ตอบยังไม่พอที่จะแสดงผล", en: "Too few answers to show" },
  others: { th: "รอบอื่นที่เผยแพร่", en: "Other published rounds" },
});

export default function PublicRoundPage({ loaderData }: Route.ComponentProps) {
  const { lang, digits, agency, round, others, report, counters } = loaderData;
  const d = (text: string | number) => withDigits(String(text), digits);
  const paths = publicPagePaths(agency.slug);
  return (
    <PublicShell lang={lang} digits={digits} agency={agency} path={paths.round(round.id)}>
      <main className="page public-main public-round-page">
        <p className="no-print">
          <a href={viewHref(paths.agency, lang, digits)}>{say(lang, "back")}</a>
        </p>
        <h1>{d(pick(lang, round.title))}</h1>
        <p className="muted">{d(say(lang, "fiscalYear", { year: yearLabel(lang, round.fiscalYear) }))}</p>
        {round.parts.analysisWithheld && (
          <p className="note" data-testid="analysis-withheld">
            {say(lang, "withheld")}
          </p>
        )}
        {report && (round.parts.analysis || round.parts.measures) && (
          <div className="public-report">
            <ReportDocument report={report} lang={lang} digits={digits} parts={{ analysis: round.parts.analysis, measures: round.parts.measures }} notes />
          </div>
        )}
        {counters && (
          <section className="public-counters" data-testid="public-counters">
            <h2>{say(lang, "counters")}</h2>
            <p className="muted">{d(say(lang, "countersRule", { k: counters.k }))}</p>
            <p className="muted">{counters.throughMonth ? d(say(lang, "through", { month: formatMonthLong(counters.throughMonth, lang) })) : say(lang, "noMonth")}</p>
            <ul className="public-counter-list">
              {counters.counters.map((c, i) => (
                <li key={i} className="card" data-status={c.status}>
                  <span className="public-counter-name">{d(pick(lang, c.name))}</span>
                  {c.status === "shown" && c.score !== null ? (
                    <span className="public-counter-figures">
                      <span className="public-counter-score">{d(formatScore(c.score))}</span>
                      {c.level && (
                        <span className="level-badge" style={{ background: c.level.color }}>
                          {pick(lang, c.level.title)}
                        </span>
                      )}
                      <span className="muted">
                        {say(lang, "answers")} {d(c.answers ?? 0)}
                      </span>
                    </span>
                  ) : (
                    <span className="muted">{say(lang, "hidden")}</span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        {others.length > 0 && (
          <nav className="public-others no-print" aria-label={say(lang, "others")}>
            <h2>{say(lang, "others")}</h2>
            <ul>
              {others.map((o) => (
                <li key={o.id}>
                  <a href={viewHref(paths.round(o.id), lang, digits)}>
                    {d(pick(lang, o.title))} · {d(say(lang, "fiscalYear", { year: yearLabel(lang, o.fiscalYear) }))}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <p className="muted small">{d(pt(lang, "asOf", { date: formatDate(loaderData.asOf, lang, { month: "long" }) }))}</p>
      </main>
    </PublicShell>
  );
}
