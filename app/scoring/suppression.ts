import type { Framework, InstrumentCode } from "./framework";
import type { Tally } from "./field-scores";
import { computeRoundScores, type RoundScores } from "./round-scores";

/**
 * Small-group suppression for breakdowns (by counter, by month): ARCHITECTURE.md §4, "breakdowns are
 * hidden below a minimum group size (k = 5 by default), including the complementary cell that would
 * reveal a hidden one".
 *
 * The default k when the framework does not set `minimumGroupSize` (surveys/<id>/framework.json). It is
 * the common statistical-disclosure threshold for published tables; a framework may raise it.
 */
export const DEFAULT_MINIMUM_GROUP_SIZE = 5;

/**
 * The k of a framework: its `minimumGroupSize` when the data sets one, else DEFAULT_MINIMUM_GROUP_SIZE.
 * The field is optional, so frameworks written before it existed keep working.
 *
 * @returns a whole number ≥ 1 (people).
 * @throws Error when the framework sets a value that is not a whole number ≥ 1.
 */
export function minimumGroupSize(framework: Pick<Framework, "id"> & { minimumGroupSize?: unknown }): number {
  const value = framework.minimumGroupSize;
  if (value === undefined || value === null) return DEFAULT_MINIMUM_GROUP_SIZE;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new Error(`Framework ${framework.id}: minimumGroupSize must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Why a cell of a breakdown is not shown. */
export type SuppressionReason = "small" | "complement";

/** One cell of a breakdown: a key the caller chooses (a counter id, a month) and its number of answers. */
export interface CountCell<K> {
  key: K;
  /** People who answered in this cell, a whole number ≥ 0. */
  count: number;
}

export interface SuppressedCell<K> extends CountCell<K> {
  /**
   * "shown": publish it. "empty": nobody answered, nothing to hide or to show (it never hides another
   * cell either: a cell known to be empty protects nobody). "small": 1 … k−1 answers. "complement":
   * k or more answers, hidden so that the small ones cannot be worked out by subtraction from the total.
   */
  status: "shown" | "empty" | SuppressionReason;
}

export interface SuppressionOptions {
  /** The minimum group size, ≥ 1 (see `minimumGroupSize`). */
  k: number;
  /**
   * Whether the total over all the cells is published next to the breakdown (on the dashboard it is:
   * the round's EIT score and answer count). Only then can a hidden cell be recovered by subtraction,
   * so only then are complementary cells hidden. Default true.
   */
  totalShown?: boolean;
}

/**
 * Decides which cells of one breakdown may be shown.
 *
 * 1. Primary suppression: a cell with 1 … k−1 answers is hidden ("small"). Cells with 0 answers are
 *    "empty": there is no one to protect.
 * 2. Complementary suppression, when the total is shown: the total minus the shown cells equals the sum
 *    of the hidden ones. While the hidden cells together hold fewer than k answers, or exactly one
 *    cell is hidden, the smallest shown non-empty cell is hidden too ("complement"; ties: the earlier
 *    cell in the input). So "one hidden" always becomes at least "two hidden", and two hidden cells with
 *    1 and 2 answers (3 people, still fewer than k, recoverable together) draw a third.
 *    When no shown cell is left to hide, every non-empty cell is already hidden.
 *
 * Order is kept: the result lists the cells as given. Pure; no arithmetic on scores.
 *
 * @throws Error for k that is not a whole number ≥ 1 or a count that is not a whole number ≥ 0.
 */
export function suppressSmallCells<K>(cells: readonly CountCell<K>[], options: SuppressionOptions): SuppressedCell<K>[] {
  const { k } = options;
  const totalShown = options.totalShown ?? true;
  if (!Number.isInteger(k) || k < 1) throw new Error(`The minimum group size must be a whole number ≥ 1, got ${String(k)}`);
  for (const cell of cells) {
    if (!Number.isInteger(cell.count) || cell.count < 0) {
      throw new Error(`A breakdown cell (${String(cell.key)}) has an invalid count ${String(cell.count)}`);
    }
  }

  const result: SuppressedCell<K>[] = cells.map((cell) => ({
    key: cell.key,
    count: cell.count,
    status: cell.count === 0 ? "empty" : cell.count < k ? "small" : "shown",
  }));
  if (!totalShown) return result;

  for (;;) {
    const hidden = result.filter((c) => c.status === "small" || c.status === "complement");
    if (hidden.length === 0) break;
    const hiddenAnswers = hidden.reduce((sum, c) => sum + c.count, 0);
    if (hidden.length >= 2 && hiddenAnswers >= k) break;
    let smallest: SuppressedCell<K> | undefined;
    for (const c of result) if (c.status === "shown" && (!smallest || c.count < smallest.count)) smallest = c;
    if (!smallest) break;
    smallest.status = "complement";
  }
  return result;
}

/** One segment of a breakdown to score: its key and its tallies (already summed over whatever it covers). */
export interface BreakdownSegment<K> {
  key: K;
  tallies: readonly Tally[];
}

/** A scored segment; `scores` is null whenever the segment is not shown, so hidden figures never leave the server. */
export interface BreakdownCell<K> extends SuppressedCell<K> {
  scores: RoundScores | null;
}

/**
 * Scores each segment of a breakdown of one survey instrument (EIT by counter, EIT by month …) with the
 * whole chain of ITA-METHOD §1 (`computeRoundScores` on the segment's tallies), and hides the segments
 * that `suppressSmallCells` hides. The size of a segment is the number of people who answered the
 * instrument there: the largest answer count among its fields (`InstrumentScore.answers`; every field of
 * the IIT and EIT is required, so that is the number of responses).
 *
 * @param instrument the instrument whose answers count as the segment's size.
 * @throws Error on tallies the framework does not know (see computeFieldScores) or an invalid k.
 */
export function computeBreakdown<K>(
  framework: Framework,
  instrument: InstrumentCode,
  segments: readonly BreakdownSegment<K>[],
  options: SuppressionOptions,
): BreakdownCell<K>[] {
  const scored = segments.map((segment) => {
    const scores = computeRoundScores(framework, segment.tallies);
    const count = scores.instruments.find((i) => i.code === instrument)?.answers ?? 0;
    return { key: segment.key, count, scores };
  });
  const decided = suppressSmallCells(scored, options);
  return decided.map((cell, n) => ({ ...cell, scores: cell.status === "shown" ? scored[n]!.scores : null }));
}
