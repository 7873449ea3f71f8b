import type { Framework, InstrumentCode, Level } from "./framework";
import { decideHeadlineTotal, type FullHeadlineTotal } from "./headline-total";
import type { IndicatorScore } from "./indicator-scores";
import { computeInstrumentScores, type InstrumentScore } from "./instrument-scores";
import { levelFor, passes } from "./levels";
import { instrumentOf } from "./lookup";
import { computeTotal } from "./total";

/** The result of `scoreFromIndicators`, ready to print as JSON. */
export interface IndicatorsResult {
  /** The framework id, e.g. "ita-2565". */
  framework: string;
  /** The ten (or however many the framework has) indicator scores, in framework order, 0–100. */
  indicators: Record<string, number>;
  /** Instrument scores by code, 0–100 at full precision. */
  instruments: Partial<Record<InstrumentCode, number>>;
  /** Σ weight × instrument score, 0–100 at full precision. */
  total: number;
  /** The level code of the total, e.g. "B". */
  level: string;
  /** total ≥ framework.passMark */
  pass: boolean;
}

/**
 * Recomputes the instrument scores, the total and its level from published indicator scores, so anyone
 * can check the engine against an official result (ARCHITECTURE.md §6, `npm run cli -- score`).
 * Formula: ITA-METHOD §1 (instrument = mean of its indicators; total = Σ weight × instrument).
 * For the reference document (ITA 2565) it gives IIT 85.564, EIT 76.52, OIT 73.405, total 77.9872 → B.
 *
 * @param scores indicator code → score; typically parsed JSON such as {"1": 91.70, …, "10": 68.75}.
 * @throws Error listing every problem when an indicator is missing or unknown, or a score is not a number
 *   in 0–100.
 */
export function scoreFromIndicators(framework: Framework, scores: Readonly<Record<string, unknown>>): IndicatorsResult {
  const { indicators: scored, instruments: instrumentScores, headline } = scorePublishedIndicators(framework, scores);
  const indicators: Record<string, number> = {};
  for (const s of scored) indicators[s.code] = s.score;
  const instruments: Partial<Record<InstrumentCode, number>> = {};
  for (const s of instrumentScores) if (s.score !== null) instruments[s.code] = s.score;
  return { framework: framework.id, indicators, instruments, total: headline.score, level: headline.level.code, pass: headline.pass };
}

/** An indicator score as published: always assessed. */
export interface PublishedIndicatorScore extends IndicatorScore {
  score: number;
  level: Level;
  pass: boolean;
}

/** Published indicator scores carried through the chain of ITA-METHOD §1. */
export interface PublishedScores {
  /** Every indicator of the framework, in framework order, 0–100. */
  indicators: PublishedIndicatorScore[];
  /** Every instrument, in framework order: the mean of its indicators, 0–100 at full precision. */
  instruments: InstrumentScore[];
  /** The ITA total with its level and pass: every instrument is assessed. */
  headline: FullHeadlineTotal;
}

/**
 * Scores published indicator scores (an official result, the CLI's `score`): checks them as
 * `scoreFromIndicators` does, then instrument = mean of its indicators and total = Σ weight × instrument
 * (ITA-METHOD §1), the total's level and pass by `decideHeadlineTotal`. Unit: 0–100, full precision.
 *
 * @throws Error listing every problem of the given scores (see `scoreFromIndicators`).
 */
export function scorePublishedIndicators(framework: Framework, scores: Readonly<Record<string, unknown>>): PublishedScores {
  checkIndicatorScores(framework, scores);
  const indicators = framework.indicators.map((indicator): PublishedIndicatorScore => {
    const score = scores[indicator.code] as number;
    return {
      code: indicator.code,
      instrument: instrumentOf(framework, indicator).code,
      score,
      answers: 0,
      level: levelFor(framework, score),
      pass: passes(framework, score),
      progress: null,
    };
  });
  const instruments = computeInstrumentScores(framework, indicators);
  const headline = decideHeadlineTotal(framework, computeTotal(framework, instruments));
  if (!headline.full) {
    // Unreachable: every indicator has a score, so every instrument that has indicators does too.
    throw new Error(`Framework ${framework.id} has an instrument without indicators; no total can be computed`);
  }
  return { indicators, instruments, headline };
}

/** Throws an Error listing every problem: a missing or unknown indicator, a score that is not a number in 0–100. */
function checkIndicatorScores(framework: Framework, scores: Readonly<Record<string, unknown>>): void {
  if (typeof scores !== "object" || scores === null || Array.isArray(scores)) {
    throw new Error(`Indicator scores must be an object such as {"1": 91.7, …}, got ${Array.isArray(scores) ? "an array" : typeof scores}`);
  }
  const codes = framework.indicators.map((i) => i.code);
  const problems: string[] = [];
  const missing = codes.filter((c) => !Object.hasOwn(scores, c));
  if (missing.length > 0) problems.push(`missing indicator(s) ${missing.join(", ")}`);
  const unknown = Object.keys(scores).filter((c) => !codes.includes(c));
  if (unknown.length > 0) problems.push(`unknown indicator(s) ${unknown.join(", ")} (framework ${framework.id} has ${codes.join(", ")})`);
  for (const code of codes) {
    if (!Object.hasOwn(scores, code)) continue;
    const v = scores[code];
    if (typeof v !== "number" || !Number.isFinite(v)) problems.push(`indicator ${code}: ${JSON.stringify(v)} is not a number`);
    else if (v < 0 || v > 100) problems.push(`indicator ${code}: ${v} is outside 0–100`);
  }
  if (problems.length > 0) throw new Error(`Invalid indicator scores: ${problems.join("; ")}`);
}
