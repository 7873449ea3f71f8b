/**
 * Results down to the question (issue 15, item 5) for the round's detailed results page: every IIT and
 * EIT question's answers per option, its score, its change against the month before (a one-month range)
 * or against the same months of the previous round of the same framework (several months), and the EIT
 * by counter × question with the weak cells marked, all for a range of the round's months.
 *
 * Read from tallies only (one query per round: sums per counter, month, field and value), so the cost
 * does not grow with the number of responses (docs/decisions/tallies.md; `npm run bench --
 * question-results`). The arithmetic and the anonymity rules are app/scoring's (computeQuestionResults);
 * this gathers the tallies and words the result in the page's language, texts already chosen, so the
 * page data carries one language. Scores leave at full precision; the route rounds them to the two
 * decimals the page shows (app/lib/shown-precision.ts).
 */
import type { Db } from "../../db/client.server";
import { listRoundCounters, sumRoundTalliesByCounterAndMonth } from "../../db/queries/dashboard";
import { findPreviousRoundOfFramework } from "../../db/queries/round-lifecycle";
import type { AgencyRound } from "../auth/round-access.server";
import { getFramework } from "../lib/frameworks.server";
import { HttpError } from "../lib/http";
import {
  chooseComparison,
  computeQuestionResults,
  minimumGroupSize,
  type ComparisonBasis,
  type CounterQuestionCell,
  type MonthRange,
  type RangeFigures,
  type SegmentTally,
} from "../scoring";
import type { Level } from "../scoring/framework";
import type { Lang } from "../text/i18n";
import { formatMonthLong, formatMonthShort, isMonth, listMonths } from "../text/months";
import { getFieldWording, getQuestionWording } from "./question-wording.server";

/** A level as the page needs it: its code and colour (not its long meaning). */
export interface LevelMark {
  code: string;
  color: string;
}

export interface FiguresView {
  status: RangeFigures["status"];
  answers: number | null;
  score: number | null;
  level: LevelMark | null;
  pass: boolean | null;
}

export interface OptionView {
  value: number;
  label: string;
}

export interface FieldView {
  field: string;
  /** The sub-item's wording; null for a question without sub-items. */
  subItem: string | null;
  answers: number;
  score: number | null;
  /** The field's scale code: its options are `scales[scale]`. */
  scale: string;
  /** Answers per option, in the order of `scales[scale]`. */
  counts: number[];
}

export interface QuestionView {
  item: string;
  /** The framework's short title of the question. */
  title: string;
  /** The question as respondents read it. */
  wording: string;
  answers: number;
  score: number | null;
  level: LevelMark | null;
  pass: boolean | null;
  previousScore: number | null;
  change: number | null;
  fields: FieldView[];
}

export interface IndicatorGroupView {
  code: string;
  title: string;
  questions: QuestionView[];
}

export interface InstrumentView {
  code: "iit" | "eit";
  abbreviation: string;
  title: string;
  figures: FiguresView;
  previous: FiguresView | null;
  indicators: IndicatorGroupView[];
}

export interface CounterCellView {
  status: CounterQuestionCell["status"];
  score: number | null;
  pass: boolean | null;
  level: LevelMark | null;
}

export interface CounterColumnView {
  counterId: number | null;
  name: string;
  status: "shown" | "empty" | "small" | "complement";
  answers: number | null;
}

export interface QuestionResultsView {
  k: number;
  passMark: number;
  /** The months the range may take, in order, with their labels ("ตุลาคม 2568"). */
  months: { month: string; label: string }[];
  range: MonthRange & { whole: boolean; label: string };
  comparison: { kind: ComparisonBasis["kind"]; reason: string | null; label: string | null };
  /** Scale code → its options in the order of the counts, worst score first (the bars read bad → good). */
  scales: Record<string, OptionView[]>;
  instruments: InstrumentView[];
  counters: {
    status: "shown" | "empty" | "small" | "uneven-months";
    columns: CounterColumnView[];
    /** One row per EIT question: its code, short title and a cell per column. */
    rows: { item: string; title: string; cells: CounterCellView[] }[];
  };
}

/** The month range asked for by `?from=YYYY-MM&to=YYYY-MM`: either may be left out (the round's first or last month). */
export function parseMonthRange(search: URLSearchParams, months: readonly string[]): MonthRange {
  const from = search.get("from") || months[0]!;
  const to = search.get("to") || months[months.length - 1]!;
  for (const month of [from, to]) {
    if (!isMonth(month) || !months.includes(month)) {
      throw new HttpError(
        400,
        `ช่วงเดือนไม่ถูกต้อง: ${month.slice(0, 20)} ไม่ใช่เดือนของรอบนี้`,
        `Invalid month range: ${month.slice(0, 20)} is not a month of this round.`,
      );
    }
  }
  // "From December to October" is read as October to December.
  return from <= to ? { from, to } : { from: to, to: from };
}

function levelMark(level: Level | null): LevelMark | null {
  return level ? { code: level.code, color: level.color } : null;
}

function figuresView(figures: RangeFigures): FiguresView {
  return { ...figures, level: levelMark(figures.level) };
}

function rangeLabel(range: MonthRange, lang: Lang): string {
  return range.from === range.to ? formatMonthShort(range.from, lang) : `${formatMonthShort(range.from, lang)} – ${formatMonthShort(range.to, lang)}`;
}

const segmentTallies = (rows: Awaited<ReturnType<typeof sumRoundTalliesByCounterAndMonth>>): SegmentTally[] =>
  rows.map((r) => ({ counterId: r.counterId, month: r.month, instrument: r.instrument, field: r.field, value: r.value, count: r.count }));

/**
 * The results by question of `round` (already checked to be the user's agency's: requireRound) for the
 * months asked in `search`, worded in `lang`.
 *
 * @throws HttpError 400 for a month that is not one of the round's.
 */
export async function getQuestionResults(db: Db, round: AgencyRound, search: URLSearchParams, lang: Lang): Promise<QuestionResultsView> {
  const framework = getFramework(round.frameworkId);
  const k = minimumGroupSize(framework);
  const tallies = segmentTallies(await sumRoundTalliesByCounterAndMonth(db, round.id));
  const months = unique([...listMonths(round.startsOn, round.endsOn), ...tallies.map((t) => t.month)]).sort();
  const range = parseMonthRange(search, months);

  const previousRound = await findPreviousRoundOfFramework(db, round.organizationId, round.frameworkId, round.startsOn);
  const previousTallies = previousRound ? segmentTallies(await sumRoundTalliesByCounterAndMonth(db, previousRound.id)) : [];
  const previousMonths = previousRound
    ? unique([...listMonths(previousRound.startsOn, previousRound.endsOn), ...previousTallies.map((t) => t.month)]).sort()
    : undefined;
  const basis = chooseComparison(months, range, previousMonths);
  const counters = await listRoundCounters(db, round.id, "eit");

  const results = computeQuestionResults(framework, {
    tallies,
    range,
    counterIds: counters.map((c) => c.counterId),
    comparison: basis.kind === "none" ? undefined : { basis, tallies: basis.kind === "previous-month" ? tallies : previousTallies },
    k,
  });

  const itemWording = getQuestionWording(framework.id);
  const fieldWording = getFieldWording(framework.id);
  const instruments = results.instruments
    .filter((r): r is typeof r & { instrument: "iit" | "eit" } => r.instrument === "iit" || r.instrument === "eit")
    .map((r): InstrumentView => {
      const meta = framework.instruments.find((i) => i.code === r.instrument)!;
      return {
        code: r.instrument,
        abbreviation: meta.abbreviation,
        title: meta.title[lang],
        figures: figuresView(r.figures),
        previous: r.previous ? figuresView(r.previous) : null,
        indicators: framework.indicators
          .filter((indicator) => indicator.instrument === r.instrument)
          .map((indicator) => ({
            code: indicator.code,
            title: indicator.title[lang],
            questions: r.questions
              .filter((q) => q.indicator === indicator.code)
              .map((q): QuestionView => {
                const item = framework.items.find((i) => i.code === q.item)!;
                return {
                  item: q.item,
                  title: item.title[lang],
                  wording: itemWording.get(q.item)?.[lang] ?? item.title[lang],
                  answers: q.answers,
                  score: q.score,
                  level: levelMark(q.level),
                  pass: q.pass,
                  previousScore: q.previousScore,
                  change: q.change,
                  fields: q.fields.map((f) => {
                    const field = item.fields.find((x) => x.name === f.field)!;
                    const order = optionOrder(framework.scales[field.scale]!.options);
                    return {
                      field: f.field,
                      subItem: item.fields.length > 1 ? (fieldWording.get(f.field)?.subItem?.[lang] ?? field.title?.[lang] ?? f.field) : null,
                      answers: f.answers,
                      score: f.score,
                      scale: field.scale,
                      counts: order.map((value) => f.options.find((o) => o.value === value)?.count ?? 0),
                    };
                  }),
                };
              }),
          })),
      };
    });

  const counterName = new Map(counters.map((c) => [c.counterId, lang === "th" ? c.nameTh : c.nameEn]));
  const eitItems = framework.items.filter((item) => framework.indicators.find((i) => i.code === item.indicator)?.instrument === "eit");
  const table = results.counters;
  const noCounter = lang === "th" ? "ไม่ระบุจุดบริการ" : "No counter";

  return {
    k,
    passMark: framework.passMark,
    months: months.map((month) => ({ month, label: formatMonthLong(month, lang) })),
    range: { ...range, whole: range.from === months[0] && range.to === months[months.length - 1], label: rangeLabel(range, lang) },
    comparison: describeComparison(basis, previousRound ? (lang === "th" ? previousRound.titleTh : previousRound.titleEn) : null, lang),
    scales: Object.fromEntries(
      Object.entries(framework.scales).map(([code, scale]) => {
        const order = optionOrder(scale.options);
        return [code, order.map((value) => ({ value, label: scale.options.find((o) => o.value === value)!.title[lang] }))];
      }),
    ),
    instruments,
    counters: {
      status: table.status,
      columns: table.rows.map((row) => ({
        counterId: row.counterId,
        name: row.counterId === null ? noCounter : (counterName.get(row.counterId) ?? `${lang === "th" ? "จุดบริการ" : "Counter"} ${row.counterId}`),
        status: row.status,
        answers: row.answers,
      })),
      rows:
        table.status === "shown"
          ? eitItems.map((item) => ({
              item: item.code,
              title: item.title[lang],
              cells: table.rows.map((row) => {
                const cell = row.cells[item.code]!;
                return { status: cell.status, score: cell.score, pass: cell.pass, level: levelMark(cell.level) };
              }),
            }))
          : [],
    },
  };
}

/** A scale's option values, worst score first: every bar reads from bad to good, reversed scales included. */
function optionOrder(options: readonly { value: number; score: number }[]): number[] {
  return [...options].sort((a, b) => a.score - b.score).map((o) => o.value);
}

function describeComparison(basis: ComparisonBasis, previousTitle: string | null, lang: Lang): QuestionResultsView["comparison"] {
  if (basis.kind === "none") return { kind: "none", reason: basis.reason, label: null };
  if (basis.kind === "previous-month") return { kind: basis.kind, reason: null, label: rangeLabel(basis.range, lang) };
  return { kind: basis.kind, reason: null, label: `${previousTitle ?? ""} (${rangeLabel(basis.range, lang)})` };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
