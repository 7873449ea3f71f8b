/**
 * The statistics page and file of an agency's complaints (issue 16, item 3): public, as the agency links
 * them from its website as OIT evidence (ITA-METHOD §3 o31, §6 O18). The numbers are ./statistics.ts's;
 * this file reads the rows, chooses the fiscal year, and writes the CSV.
 */
import type { Db } from "../../../db/client.server";
import { getFirstComplaintDay, listComplaintsReceivedBetween } from "../../../db/queries/complaints";
import { bangkokDate, BUDDHIST_ERA_OFFSET, fiscalYearOf, fiscalYearRange } from "../../text/dates";
import type { Lang } from "../../text/i18n";
import { formatDate } from "../../text/format";
import { formatMonthShort } from "../../text/months";
import { csvCell } from "../export/csv.server";
import { kindLabel, OUTCOME_LABELS } from "./kinds";
import { computeComplaintStatistics, type ComplaintStatistics } from "./statistics";

/**
 * The fiscal year asked for (?year=2570), or the current one: a year that is not four digits from 2500
 * to 2800 is no year, and the current one is shown (a junk query is not an error page).
 */
export function chooseFiscalYear(param: string | null, today: string): number {
  const year = param && /^\d{4}$/.test(param) ? Number(param) : NaN;
  return year >= 2500 && year <= 2800 ? year : fiscalYearOf(today);
}

export interface ComplaintStatisticsPage {
  statistics: ComplaintStatistics;
  /** The day the figures are as of. */
  asOf: string;
  /** The fiscal years one may choose: from the first complaint's (or the current) to the current one. */
  years: number[];
}

export async function getComplaintStatistics(db: Db, organizationId: number, yearParam: string | null, now: Date): Promise<ComplaintStatisticsPage> {
  const today = bangkokDate(now);
  const fiscalYear = chooseFiscalYear(yearParam, today);
  const range = { fiscalYear, ...fiscalYearRange(fiscalYear) };
  const rows = await listComplaintsReceivedBetween(db, organizationId, range.startsOn, range.endsOn);
  const current = fiscalYearOf(today);
  const first = await getFirstComplaintDay(db, organizationId);
  const from = Math.min(first ? fiscalYearOf(first) : current, current, fiscalYear);
  const to = Math.max(current, fiscalYear);
  const years: number[] = [];
  for (let y = to; y >= from && years.length < 30; y--) years.push(y);
  return { statistics: computeComplaintStatistics(rows, range), asOf: today, years };
}

const HEAD = {
  th: { section: "หมวด", item: "รายการ", received: "เรื่องที่ได้รับ", finished: "ดำเนินการแล้วเสร็จ", inProgress: "อยู่ระหว่างดำเนินการ", total: "รวมทั้งปี", kind: "ประเภท", month: "เดือนที่ได้รับเรื่อง", outcome: "ผลการพิจารณา (เรื่องที่แล้วเสร็จ)", none: "ไม่มีเรื่องร้องเรียนในปีงบประมาณนี้", asOf: "ข้อมูล ณ วันที่" },
  en: { section: "Section", item: "Item", received: "Received", finished: "Finished", inProgress: "In progress", total: "Whole year", kind: "Type", month: "Month received", outcome: "Outcome (finished cases)", none: "No complaints in this fiscal year", asOf: "Figures as of" },
} as const;

/**
 * The statistics as CSV (UTF-8 with a byte-order mark, CRLF, as the answer exports): the year's totals,
 * a row per type and per month, and the outcomes; a year without complaints says so in a row of its own.
 */
export function complaintStatisticsCsv(page: ComplaintStatisticsPage, agencyName: string, lang: Lang): string {
  const h = HEAD[lang];
  const s = page.statistics;
  const rows: string[][] = [];
  rows.push([lang === "th" ? `สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ${agencyName} ปีงบประมาณ พ.ศ. ${s.fiscalYear}` : `Complaints of corruption and misconduct, ${agencyName}, fiscal year ${s.fiscalYear - BUDDHIST_ERA_OFFSET} (B.E. ${s.fiscalYear})`]);
  rows.push([h.asOf, formatDate(page.asOf, lang)]);
  rows.push([h.section, h.item, h.received, h.finished, h.inProgress]);
  const counts = (c: { received: number; finished: number; inProgress: number }) => [String(c.received), String(c.finished), String(c.inProgress)];
  rows.push([h.total, String(s.fiscalYear), ...counts(s)]);
  if (s.none) rows.push([h.total, h.none, "0", "0", "0"]);
  for (const kind of s.byKind) rows.push([h.kind, kindLabel(kind.code)[lang], ...counts(kind)]);
  for (const month of s.byMonth) rows.push([h.month, formatMonthShort(month.month, lang), ...counts(month)]);
  for (const outcome of s.byOutcome) rows.push([h.outcome, OUTCOME_LABELS[outcome.code][lang], "", String(outcome.count), ""]);
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
