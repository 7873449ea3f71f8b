import type { Framework, InstrumentCode } from "./framework";
import type { IndicatorScore } from "./indicator-scores";
import { computeInstrumentScores } from "./instrument-scores";
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

  const indicators: Record<string, number> = {};
  const indicatorScores: IndicatorScore[] = framework.indicators.map((indicator) => {
    const score = scores[indicator.code] as number;
    indicators[indicator.code] = score;
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

  const instrumentScores = computeInstrumentScores(framework, indicatorScores);
  const instruments: Partial<Record<InstrumentCode, number>> = {};
  for (const s of instrumentScores) if (s.score !== null) instruments[s.code] = s.score;
  const total = computeTotal(framework, instrumentScores);
  if (total.total === null || total.level === null || total.pass === null) {
    // Unreachable: every indicator has a score, so every instrument that has indicators does too.
    throw new Error(`Framework ${framework.id} has an instrument without indicators; no total can be computed`);
  }
  return { framework: framework.id, indicators, instruments, total: total.total, level: total.level.code, pass: total.pass };
}
