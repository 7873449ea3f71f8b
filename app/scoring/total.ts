import type { Framework, InstrumentCode, Level } from "./framework";
import type { InstrumentScore } from "./instrument-scores";
import { rate } from "./levels";
import { indexInstruments } from "./lookup";

export interface TotalScore {
  /** Σ weight × instrument score, 0–100 at full precision; null unless every instrument is assessed. */
  total: number | null;
  level: Level | null;
  pass: boolean | null;
  /** The instruments that have a score, in framework order. */
  assessed: InstrumentCode[];
  /** Each assessed instrument's score, 0–100 at full precision (what a rating rule looks at). */
  instrumentScores: Partial<Record<InstrumentCode, number>>;
  /**
   * The weighted mean over the assessed instruments only, weights re-normalised to add up to 1, so a
   * dashboard can show "IIT + EIT so far, OIT not yet assessed". It is NOT the ITA total and must be
   * shown as partial; it equals `total` when every instrument is assessed, and is null when none is.
   */
  partial: { score: number | null; level: Level | null; instruments: InstrumentCode[] };
}

/**
 * The total ITA score: total = Σ weight × instrument score, with the weights of `framework.instruments`
 * (ITA-METHOD §1: 0.30 × IIT + 0.30 × EIT + 0.40 × OIT), plus its level and pass, and the clearly marked
 * `partial` score over the instruments assessed so far. Unit: 0–100, full precision.
 *
 * @param instrumentScores usually the output of `computeInstrumentScores`; a missing instrument counts as
 *   not assessed.
 * @throws Error when an instrument score names an instrument the framework does not have.
 */
export function computeTotal(framework: Framework, instrumentScores: readonly InstrumentScore[]): TotalScore {
  const known = indexInstruments(framework);
  const byCode = new Map<InstrumentCode, number | null>();
  for (const s of instrumentScores) {
    if (!known.has(s.code)) throw new Error(`Score for unknown instrument ${JSON.stringify(s.code)} (framework ${framework.id})`);
    byCode.set(s.code, s.score);
  }

  let weighted = 0;
  let weights = 0;
  const assessed: InstrumentCode[] = [];
  const scores: Partial<Record<InstrumentCode, number>> = {};
  for (const instrument of framework.instruments) {
    const score = byCode.get(instrument.code);
    if (score === undefined || score === null) continue;
    weighted += instrument.weight * score;
    weights += instrument.weight;
    assessed.push(instrument.code);
    scores[instrument.code] = score;
  }

  const complete = assessed.length === framework.instruments.length && assessed.length > 0;
  const total = complete ? weighted : null;
  // When complete, partial is the total itself (the weights add up to 1, see listFrameworkProblems).
  const partial = complete ? total : assessed.length > 0 && weights > 0 ? weighted / weights : null;
  return {
    total,
    ...rate(framework, total),
    assessed,
    instrumentScores: scores,
    partial: { score: partial, level: rate(framework, partial).level, instruments: [...assessed] },
  };
}
