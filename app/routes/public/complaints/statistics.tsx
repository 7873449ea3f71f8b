/**
 * /complaints/:slug/statistics?year=2570 — the agency's published complaint statistics of a fiscal year
 * (issue 16, item 3; ITA-METHOD §3 o31, §6 O18): received, finished and in progress, by type and by
 * month, the outcomes, and "no complaints" said in words for a year without any. Public and printable;
 * the same figures download as CSV (statistics.csv). The agency links both from its website as OIT
 * evidence; the OIT checklist offers them for the statistics item.
 */
import { data, Form } from "react-router";
import { getDb } from "../../../lib/db.server";
import { kindLabel, OUTCOME_LABELS } from "../../../services/complaints/kinds";
import { requireComplaintAgency } from "../../../services/complaints/intake.server";
import { getComplaintStatistics } from "../../../services/complaints/statistics.server";
import { BUDDHIST_ERA_OFFSET } from "../../../text/dates";
import { formatCount, formatDate } from "../../../text/format";
import { defineTexts, getRequestLang, langCookieHeader, pick, type Lang } from "../../../text/i18n";
import { formatMonthShort } from "../../../text/months";
import { agencyView, ComplaintErrorBoundary, complaintPaths, ComplaintShell, PrintButton } from "./shell";
import type { Route } from "./+types/statistics";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = getRequestLang(request);
  const db = getDb();
  const agency = await requireComplaintAgency(db, params.slug, lang);
  const page = await getComplaintStatistics(db, agency.id, new URL(request.url).searchParams.get("year"), new Date());
  return data({ lang, agency: agencyView(agency), ...page }, { headers: langCookieHeader(request) });
}

export { ComplaintErrorBoundary as ErrorBoundary };

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  return [{ title: `${say(data.lang, "title", { year: yearLabel(data.lang, data.statistics.fiscalYear) })} · ${pick(data.lang, data.agency.name)}` }];
}

function yearLabel(lang: Lang, fiscalYear: number): string {
  return lang === "th" ? String(fiscalYear) : `${fiscalYear - BUDDHIST_ERA_OFFSET} (B.E. ${fiscalYear})`;
}

const say = defineTexts({
  title: { th: "สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ปีงบประมาณ พ.ศ. {year}", en: "Complaints of corruption and misconduct, fiscal year {year}" },
  period: { th: "ระหว่าง {from} ถึง {to} · ข้อมูล ณ วันที่ {asOf}", en: "From {from} to {to} · figures as of {asOf}" },
  year: { th: "ปีงบประมาณ", en: "Fiscal year" },
  show: { th: "แสดง", en: "Show" },
  received: { th: "เรื่องร้องเรียนทั้งหมด", en: "Complaints received" },
  finished: { th: "ดำเนินการแล้วเสร็จ", en: "Finished" },
  inProgress: { th: "อยู่ระหว่างดำเนินการ", en: "In progress" },
  none: {
    th: "ในปีงบประมาณ พ.ศ. {year} ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
    en: "There were no complaints of corruption or misconduct in fiscal year {year}.",
  },
  byKind: { th: "จำแนกตามประเภท", en: "By type" },
  byMonth: { th: "จำแนกตามเดือนที่ได้รับเรื่อง", en: "By month received" },
  byOutcome: { th: "ผลการพิจารณาของเรื่องที่แล้วเสร็จ", en: "Outcome of the finished complaints" },
  kind: { th: "ประเภท", en: "Type" },
  month: { th: "เดือน", en: "Month" },
  outcome: { th: "ผลการพิจารณา", en: "Outcome" },
  count: { th: "จำนวน (เรื่อง)", en: "Complaints" },
  colReceived: { th: "ทั้งหมด", en: "Received" },
  colFinished: { th: "แล้วเสร็จ", en: "Finished" },
  colInProgress: { th: "ระหว่างดำเนินการ", en: "In progress" },
  total: { th: "รวม", en: "Total" },
  csv: { th: "ดาวน์โหลดไฟล์ CSV", en: "Download as CSV" },
  counted: {
    th: "นับตามวันที่ได้รับเรื่อง เรื่องที่แล้วเสร็จรวมทุกผลการพิจารณา (มีมูล ไม่มีมูล ส่งต่อ ถอนเรื่อง)",
    en: "Counted by the day each complaint was received; finished includes every outcome (upheld, not upheld, referred, withdrawn).",
  },
});

interface Counts {
  received: number;
  finished: number;
  inProgress: number;
}

/** A table of received, finished and in-progress counts, one row per type or month, with an optional total. */
function CountsTable(props: {
  lang: Lang;
  testId: string;
  heading: string;
  rows: { key: string; label: string; counts: Counts; attributes: Record<string, string> }[];
  total?: { label: string; counts: Counts };
}) {
  const { lang } = props;
  const cells = (counts: Counts) => (
    <>
      <td className="num">{formatCount(counts.received, lang)}</td>
      <td className="num">{formatCount(counts.finished, lang)}</td>
      <td className="num">{formatCount(counts.inProgress, lang)}</td>
    </>
  );
  return (
    <div className="table-scroll">
      <table className="scores" data-testid={props.testId}>
        <thead>
          <tr>
            <th>{props.heading}</th>
            <th className="num">{say(lang, "colReceived")}</th>
            <th className="num">{say(lang, "colFinished")}</th>
            <th className="num">{say(lang, "colInProgress")}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key} {...row.attributes}>
              <td>{row.label}</td>
              {cells(row.counts)}
            </tr>
          ))}
          {props.total && (
            <tr className="stat-total-row">
              <td>{props.total.label}</td>
              {cells(props.total.counts)}
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

export default function ComplaintStatisticsPage({ loaderData }: Route.ComponentProps) {
  const { lang, agency, statistics: s, asOf, years } = loaderData;
  const paths = complaintPaths(agency.slug);
  const yearText = yearLabel(lang, s.fiscalYear);
  const n = (value: number) => formatCount(value, lang);
  return (
    <ComplaintShell lang={lang} agency={agency} className="complaint-document">
      <main className="page complaint-statistics">
        <p className="document-org">{pick(lang, agency.name)}</p>
        <h1>{say(lang, "title", { year: yearText })}</h1>
        <p className="muted">{say(lang, "period", { from: formatDate(s.startsOn, lang), to: formatDate(s.endsOn, lang), asOf: formatDate(asOf, lang) })}</p>
        <Form method="get" className="inline-form no-print">
          <label>
            {say(lang, "year")}{" "}
            <select name="year" defaultValue={String(s.fiscalYear)}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {yearLabel(lang, y)}
                </option>
              ))}
            </select>
          </label>
          {lang === "en" && <input type="hidden" name="lang" value="en" />}
          <button className="small-button" type="submit">
            {say(lang, "show")}
          </button>
        </Form>
        {s.none && (
          <p className="note stat-none" data-testid="stat-none">
            {say(lang, "none", { year: yearText })}
          </p>
        )}
        <div className="stat-totals" data-testid="stat-totals">
          <div className="card">
            <span className="stat-label">{say(lang, "received")}</span>
            <span className="stat-number" data-testid="stat-received">
              {n(s.received)}
            </span>
          </div>
          <div className="card">
            <span className="stat-label">{say(lang, "finished")}</span>
            <span className="stat-number" data-testid="stat-finished">
              {n(s.finished)}
            </span>
          </div>
          <div className="card">
            <span className="stat-label">{say(lang, "inProgress")}</span>
            <span className="stat-number" data-testid="stat-in-progress">
              {n(s.inProgress)}
            </span>
          </div>
        </div>
        <p className="muted small">{say(lang, "counted")}</p>
        <h2>{say(lang, "byKind")}</h2>
        <CountsTable
          lang={lang}
          testId="stat-by-kind"
          heading={say(lang, "kind")}
          rows={s.byKind.map((row) => ({ key: row.code, label: pick(lang, kindLabel(row.code)), counts: row, attributes: { "data-kind": row.code } }))}
          total={{ label: say(lang, "total"), counts: s }}
        />
        <h2>{say(lang, "byMonth")}</h2>
        <CountsTable
          lang={lang}
          testId="stat-by-month"
          heading={say(lang, "month")}
          rows={s.byMonth.map((row) => ({ key: row.month, label: formatMonthShort(row.month, lang), counts: row, attributes: { "data-month": row.month } }))}
        />
        <h2>{say(lang, "byOutcome")}</h2>
        <div className="table-scroll">
          <table className="scores" data-testid="stat-by-outcome">
            <thead>
              <tr>
                <th>{say(lang, "outcome")}</th>
                <th className="num">{say(lang, "count")}</th>
              </tr>
            </thead>
            <tbody>
              {s.byOutcome.map((row) => (
                <tr key={row.code}>
                  <td>{pick(lang, OUTCOME_LABELS[row.code])}</td>
                  <td className="num">{n(row.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="button-row no-print">
          <a className="button button-secondary" href={`${paths.csv}?year=${s.fiscalYear}${lang === "en" ? "&lang=en" : ""}`} download>
            {say(lang, "csv")}
          </a>
          <PrintButton lang={lang} />
        </div>
      </main>
    </ComplaintShell>
  );
}
