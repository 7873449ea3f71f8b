import { computeFieldScores, type FieldScore, type Tally } from "./field-scores";
import type { Framework, InstrumentCode, Level } from "./framework";
import { computeIndicatorScores } from "./indicator-scores";
import { computeInstrumentScores } from "./instrument-scores";
import { computeItemScores, type ItemScore } from "./item-scores";
import { rate } from "./levels";
import { indexFields } from "./lookup";
import { suppressSmallCells, type SuppressionReason } from "./suppression";

/**
 * Results down to the question (issue 15, item 5): for a range of months of a round, every IIT and EIT
 * question's answers per option, its score as the chain of ITA-METHOD §1 computes it, its change against
 * a comparison (the month before, or the previous round of the same framework), and the EIT by counter ×
 * question with the questions under the pass mark (the weak-area rule of ITA-METHOD §4) marked.
 *
 * Anonymity (ARCHITECTURE.md §4, docs/decisions/results-by-question.md): answers enter the tallies in
 * groups of at least k per link, dated the day of their release, so every link × month cell holds 0 or ≥ k
 * answer sets and any two ranges differ by whole cells. Where the data does not have that shape (answers
 * stored before the pool, or by a seed), a month or counter × month cell of 1 … k−1 would be the difference
 * between two ranges; so a range that leaves out some month with answers (a "part" of the round) is shown
 * only when every month cell it could be subtracted from holds 0 or ≥ k ("uneven-months" otherwise); the
 * whole round is always subject to the ordinary rule (fewer than k: hidden; counters with their
 * complementary cells, app/scoring/suppression.ts).
 */

/** A tally with where and when it was counted: the input of the question views. */
export interface SegmentTally extends Tally {
  /** The counter whose link took the answers; null for a link without a counter (the IIT's). */
  counterId: number | null;
  /** YYYY-MM (Bangkok), the tally's month. */
  month: string;
}

/** Months from `from` to `to`, both included, YYYY-MM. */
export interface MonthRange {
  from: string;
  to: string;
}

/** Why the figures of a range (or a cell of it) are not shown. */
export type RangeHiddenReason =
  /** Nobody answered in it: nothing to show, nothing to hide. */
  | "empty"
  /** 1 … k−1 answer sets. */
  | "small"
  /**
   * A part of the round, while some month (or counter × month) of the round holds 1 … k−1 answer sets:
   * the difference between two ranges could be that small cell. Only the whole round is shown then.
   */
  | "uneven-months";

export interface OptionCount {
  /** The stored value (what SurveyJS posts), as in the field's scale. */
  value: number;
  count: number;
}

/** One answer field's answers per option: a question without sub-items has one, a question with sub-items one each. */
export interface FieldDistribution {
  field: string;
  /** Σ of the option counts: the answers to the field. */
  answers: number;
  /** 0–100 full precision, null when nobody answered. */
  score: number | null;
  /** Every option of the field's scale, in the scale's order, with 0 for options nobody chose. */
  options: OptionCount[];
}

export interface QuestionResult {
  /** The item code, e.g. "e11". */
  item: string;
  indicator: string;
  instrument: InstrumentCode;
  /** The people who answered the question (the largest count among its fields). */
  answers: number;
  /** 0–100 full precision; null when nobody answered. */
  score: number | null;
  level: Level | null;
  /** score ≥ the pass mark; false marks a weak question (ITA-METHOD §4). */
  pass: boolean | null;
  fields: FieldDistribution[];
  /** The comparison's score of the question, or null when there is no comparison to show. */
  previousScore: number | null;
  /** score − previousScore, full precision (the page rounds both the same way); null without both. */
  change: number | null;
}

/** The figures of one instrument in a range: shown, or the reason they are not. */
export interface RangeFigures {
  status: "shown" | RangeHiddenReason;
  /** Answer sets in the range; null when the count itself would say too much ("small"). */
  answers: number | null;
  /** The instrument's score in the range (its indicators' mean, ITA-METHOD §1); null unless shown. */
  score: number | null;
  level: Level | null;
  pass: boolean | null;
}

/** What the questions are compared with. */
export type ComparisonBasis =
  /** A one-month range: the month before it, in the same round. */
  | { kind: "previous-month"; range: MonthRange }
  /** A range of several months: the same months of the previous round of the same framework. */
  | { kind: "previous-round"; range: MonthRange }
  /** Nothing to compare with: the round's first month, or no earlier round of this framework. */
  | { kind: "none"; reason: "first-month" | "no-previous-round" | "no-same-months" };

/** One cell of the counter × question table. */
export interface CounterQuestionCell {
  status: "shown" | "empty" | SuppressionReason;
  /** 0–100 full precision when shown, else null. */
  score: number | null;
  level: Level | null;
  /** false: under the pass mark (a weak cell). */
  pass: boolean | null;
}

export interface CounterRow {
  counterId: number | null;
  status: "shown" | "empty" | SuppressionReason;
  /** Answer sets of the counter in the range; null when hidden ("small" or "complement"). */
  answers: number | null;
  /** Item code → its cell. */
  cells: Record<string, CounterQuestionCell>;
}

export interface CounterTable {
  /** "shown", or why the whole table is hidden for this range. */
  status: "shown" | RangeHiddenReason;
  rows: CounterRow[];
}

export interface InstrumentQuestionResults {
  instrument: InstrumentCode;
  figures: RangeFigures;
  /** The comparison's figures for the instrument (null when there is no comparison). */
  previous: RangeFigures | null;
  /** Every question of the instrument, in framework order; empty unless `figures.status` is "shown". */
  questions: QuestionResult[];
}

export interface QuestionResultsInput {
  /** The round's tallies of both survey instruments, every month. */
  tallies: readonly SegmentTally[];
  range: MonthRange;
  /** The counters to list in the EIT table (with no answers they show as empty), in the order to show. */
  counterIds: readonly (number | null)[];
  /** What to compare with (chooseComparison), and the tallies of its round: the same round's for "previous-month". */
  comparison?: { basis: ComparisonBasis; tallies: readonly SegmentTally[] };
  /** The minimum group size (minimumGroupSize(framework)). */
  k: number;
}

export interface QuestionResults {
  instruments: InstrumentQuestionResults[];
  /** The EIT by counter × question. */
  counters: CounterTable;
}

/**
 * Decides the comparison of a range (docs/decisions/results-by-question.md): one month → the month
 * before it in the round; several months → the same months a year earlier, within the previous round
 * of the same framework (the whole previous round when the range is the whole round).
 *
 * @param roundMonths every month of the round, in order.
 * @param previousRoundMonths every month of the previous round of the same framework, or undefined for none.
 */
export function chooseComparison(roundMonths: readonly string[], range: MonthRange, previousRoundMonths?: readonly string[]): ComparisonBasis {
  if (range.from === range.to) {
    const at = roundMonths.indexOf(range.from);
    if (at <= 0) return { kind: "none", reason: "first-month" };
    const before = roundMonths[at - 1]!;
    return { kind: "previous-month", range: { from: before, to: before } };
  }
  if (!previousRoundMonths || previousRoundMonths.length === 0) return { kind: "none", reason: "no-previous-round" };
  const whole = range.from <= roundMonths[0]! && range.to >= roundMonths[roundMonths.length - 1]!;
  if (whole) return { kind: "previous-round", range: { from: previousRoundMonths[0]!, to: previousRoundMonths[previousRoundMonths.length - 1]! } };
  const shifted = previousRoundMonths.filter((m) => m >= shiftYear(range.from, -1) && m <= shiftYear(range.to, -1));
  if (shifted.length === 0) return { kind: "none", reason: "no-same-months" };
  return { kind: "previous-round", range: { from: shifted[0]!, to: shifted[shifted.length - 1]! } };
}

function shiftYear(month: string, years: number): string {
  return `${String(Number(month.slice(0, 4)) + years).padStart(4, "0")}${month.slice(4)}`;
}

const inRange = (month: string, range: MonthRange) => month >= range.from && month <= range.to;

/** Answer sets per key: the largest field count (every IIT and EIT field is required, so that is the number of answer sets). */
function answerSets<K>(tallies: readonly SegmentTally[], keyOf: (t: SegmentTally) => K): Map<K, number> {
  const perField = new Map<K, Map<string, number>>();
  for (const t of tallies) {
    const key = keyOf(t);
    const fields = perField.get(key) ?? new Map<string, number>();
    fields.set(t.field, (fields.get(t.field) ?? 0) + t.count);
    perField.set(key, fields);
  }
  const out = new Map<K, number>();
  for (const [key, fields] of perField) out.set(key, Math.max(0, ...fields.values()));
  return out;
}

/** Whether every cell holds 0 or at least k answer sets. */
function allWhole(counts: Iterable<number>, k: number): boolean {
  for (const n of counts) if (n > 0 && n < k) return false;
  return true;
}

/**
 * Whether a range is a part of the round for these tallies: some answers lie outside it. (A range holding
 * every answer of the round shows what the whole round shows.)
 */
function isPart(tallies: readonly SegmentTally[], range: MonthRange): boolean {
  return tallies.some((t) => t.count > 0 && !inRange(t.month, range));
}

interface ScoredRange {
  figures: RangeFigures;
  fields: FieldScore[];
  items: ItemScore[];
  counts: Map<string, Map<number, number>>;
}

/** One instrument's tallies in a range, scored, or the reason they are hidden. */
function scoreRange(framework: Framework, instrument: InstrumentCode, tallies: readonly SegmentTally[], range: MonthRange, k: number): ScoredRange {
  const own = tallies.filter((t) => t.instrument === instrument);
  const inside = own.filter((t) => inRange(t.month, range));
  const answers = Math.max(0, ...answerSets(inside, () => 0).values());
  const hidden = (status: RangeHiddenReason): ScoredRange => ({
    figures: { status, answers: status === "small" || status === "uneven-months" ? null : answers, score: null, level: null, pass: null },
    fields: [],
    items: [],
    counts: new Map(),
  });
  if (answers === 0) return hidden("empty");
  if (isPart(own, range) && !allWhole(answerSets(own, (t) => t.month).values(), k)) return hidden("uneven-months");
  if (answers < k) return hidden("small");
  const fields = computeFieldScores(framework, inside);
  const items = computeItemScores(framework, fields);
  const instrumentScore = computeInstrumentScores(framework, computeIndicatorScores(framework, items)).find((i) => i.code === instrument)!;
  const counts = new Map<string, Map<number, number>>();
  for (const t of inside) {
    const byValue = counts.get(t.field) ?? new Map<number, number>();
    byValue.set(t.value, (byValue.get(t.value) ?? 0) + t.count);
    counts.set(t.field, byValue);
  }
  return {
    figures: { status: "shown", answers, score: instrumentScore.score, ...rate(framework, instrumentScore.score) },
    fields,
    items,
    counts,
  };
}

/**
 * The question views of one range of a round (see the module's comment for the rules).
 *
 * Unit: scores 0–100 at full precision, counts in answers. Pure.
 *
 * @throws Error on tallies the framework does not know (computeFieldScores), a range whose `from` is
 *   after its `to`, or an invalid k.
 */
export function computeQuestionResults(framework: Framework, input: QuestionResultsInput): QuestionResults {
  const { range, k, tallies, comparison } = input;
  if (range.from > range.to) throw new Error(`A month range must not end before it starts: ${range.from} … ${range.to}`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`The minimum group size must be a whole number ≥ 1, got ${String(k)}`);
  const fieldInfo = indexFields(framework);
  const surveys = framework.instruments.filter((i) => i.kind === "survey").map((i) => i.code);

  const instruments = surveys.map((instrument): InstrumentQuestionResults => {
    const current = scoreRange(framework, instrument, tallies, range, k);
    const before = comparison && comparison.basis.kind !== "none" ? scoreRange(framework, instrument, comparison.tallies, comparison.basis.range, k) : null;
    const previousItems = before?.figures.status === "shown" ? new Map(before.items.map((i) => [i.item, i])) : new Map<string, ItemScore>();
    const questions =
      current.figures.status !== "shown"
        ? []
        : current.items
            .filter((item) => item.instrument === instrument)
            .map((item): QuestionResult => {
              const meta = framework.items.find((i) => i.code === item.item)!;
              const previousScore = previousItems.get(item.item)?.score ?? null;
              return {
                item: item.item,
                indicator: item.indicator,
                instrument,
                answers: item.answers,
                score: item.score,
                ...rate(framework, item.score),
                fields: meta.fields.map((field) => {
                  const scale = fieldInfo.get(field.name)!.scale;
                  const byValue = current.counts.get(field.name);
                  const score = current.fields.find((f) => f.field === field.name)!;
                  return {
                    field: field.name,
                    answers: score.answers,
                    score: score.score,
                    options: scale.options.map((o) => ({ value: o.value, count: byValue?.get(o.value) ?? 0 })),
                  };
                }),
                previousScore,
                change: item.score !== null && previousScore !== null ? item.score - previousScore : null,
              };
            });
    return { instrument, figures: current.figures, previous: before?.figures ?? null, questions };
  });

  return { instruments, counters: computeCounterTable(framework, input) };
}

/**
 * The EIT by counter × question in the range. Each question's column is a breakdown of the question's
 * answers shown above it, so its cells go through suppressSmallCells with the total shown; a part of the
 * round is shown only while every counter × month cell holds 0 or ≥ k answer sets.
 */
function computeCounterTable(framework: Framework, input: QuestionResultsInput): CounterTable {
  const { range, k, counterIds } = input;
  const eit = input.tallies.filter((t) => t.instrument === "eit");
  const inside = eit.filter((t) => inRange(t.month, range));
  const ids = [...counterIds];
  for (const t of inside) if (!ids.includes(t.counterId)) ids.push(t.counterId);
  const emptyRows = (): CounterRow[] => ids.map((counterId) => ({ counterId, status: "empty", answers: 0, cells: {} }));

  const total = Math.max(0, ...answerSets(inside, () => 0).values());
  if (total === 0) return { status: "empty", rows: emptyRows() };
  if (isPart(eit, range) && !allWhole(answerSets(eit, (t) => `${String(t.counterId)}|${t.month}`).values(), k)) {
    return { status: "uneven-months", rows: [] };
  }
  if (total < k) return { status: "small", rows: [] };

  const byCounter = new Map<number | null, SegmentTally[]>(ids.map((id) => [id, []]));
  for (const t of inside) byCounter.get(t.counterId)!.push(t);
  const scored = ids.map((id) => {
    const own = byCounter.get(id)!;
    const items = computeItemScores(framework, computeFieldScores(framework, own));
    return { id, answers: Math.max(0, ...answerSets(own, () => 0).values()), items: new Map(items.map((i) => [i.item, i])) };
  });
  const rowStatus = suppressSmallCells(
    scored.map((s) => ({ key: s.id, count: s.answers })),
    { k },
  );
  const eitItems = framework.items.filter((item) => framework.indicators.find((i) => i.code === item.indicator)?.instrument === "eit");
  const columns = new Map(
    eitItems.map((item) => [
      item.code,
      suppressSmallCells(
        scored.map((s) => ({ key: s.id, count: s.items.get(item.code)?.answers ?? 0 })),
        { k },
      ),
    ]),
  );
  const rows = scored.map((s, n): CounterRow => {
    const status = rowStatus[n]!.status;
    const cells: Record<string, CounterQuestionCell> = {};
    for (const item of eitItems) {
      const cellStatus = columns.get(item.code)![n]!.status;
      // A cell is shown only when both its row (the counter's answer sets) and its column (the question's) allow it.
      const shown = cellStatus === "shown" && status === "shown";
      const score = shown ? (s.items.get(item.code)?.score ?? null) : null;
      cells[item.code] = { status: shown ? "shown" : cellStatus === "shown" ? status : cellStatus, score, ...rate(framework, score) };
    }
    // A complementary cell's count is hidden too: with the total shown, it would give the small cell's count.
    return { counterId: s.id, status, answers: status === "small" || status === "complement" ? null : s.answers, cells };
  });
  return { status: "shown", rows };
}
