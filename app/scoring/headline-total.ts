import type { Framework, InstrumentCode, Level } from "./framework";
import { levelFor, passes, rate } from "./levels";
import { type Rating, rateScores } from "./rating";
import type { TotalScore } from "./total";

/** The ITA total: every instrument is assessed. */
export interface FullHeadlineTotal {
  full: true;
  partial: false;
  /** Σ weight × instrument score (ITA-METHOD §1), 0–100 at full precision. */
  score: number;
  level: Level;
  /** score ≥ framework.passMark */
  pass: boolean;
  /** Every instrument of the framework, in framework order. */
  instruments: InstrumentCode[];
  /** The framework's rating of the total and the instruments, with why it is not the row above. */
  rating: Rating;
}

/** The score measured so far: at least one instrument is not assessed yet. */
export interface PartialHeadlineTotal {
  full: false;
  /** True when there is a score at all; false when no instrument is assessed (score, level, pass null). */
  partial: boolean;
  /** The weighted mean over the assessed instruments, weights re-normalised (`TotalScore.partial`), 0–100. */
  score: number | null;
  level: Level | null;
  pass: boolean | null;
  /** The instruments the score is made of, in framework order; empty when none is assessed. */
  instruments: InstrumentCode[];
  /**
   * The rating the scores so far reach, an instrument not assessed meeting no condition (so the reason
   * says "OIT not assessed"); null when nothing is assessed.
   */
  rating: Rating | null;
}

/** The one score a page, a report, a trend or an export heads with; `full` says which kind it is. */
export type HeadlineTotal = FullHeadlineTotal | PartialHeadlineTotal;

/**
 * Decides what stands as a round's total: the ITA total (ITA-METHOD §1: 0.30 × IIT + 0.30 × EIT +
 * 0.40 × OIT) once every instrument is assessed, otherwise the partial score over the instruments
 * assessed so far, with the level and pass of whichever it is (ITA-METHOD §1 "Levels", pass mark), and its
 * rating by the framework's rule (§6).
 * A partial score must be labelled as such wherever it is shown: it is not the ITA total.
 *
 * Unit: 0–100 at full precision (round for display only); null when no instrument is assessed.
 *
 * @param total usually `RoundScores.total`, from `computeTotal`.
 */
export function decideHeadlineTotal(framework: Framework, total: TotalScore): HeadlineTotal {
  const instruments = [...total.assessed];
  const instrumentScores = Object.fromEntries(framework.instruments.map((i) => [i.code, total.instrumentScores[i.code] ?? null]));
  if (total.total !== null) {
    const score = total.total;
    const rating = rateScores(framework, { total: score, instruments: instrumentScores })!;
    return { full: true, partial: false, score, level: levelFor(framework, score), pass: passes(framework, score), instruments, rating };
  }
  const score = total.partial.score;
  return { full: false, partial: score !== null, score, ...rate(framework, score), instruments, rating: rateScores(framework, { total: score, instruments: instrumentScores }) };
}
