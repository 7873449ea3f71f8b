import { sumChecklistProgress, type ChecklistProgress } from "./checklist-scores";
import { meanOf } from "./combine";
import type { Framework, InstrumentCode, Level } from "./framework";
import type { IndicatorScore } from "./indicator-scores";
import { rate } from "./levels";
import { indexIndicators, maxOf } from "./lookup";

/** The score of one instrument (IIT, EIT, OIT). */
export interface InstrumentScore {
  code: InstrumentCode;
  /** 0–100 at full precision; null unless every one of its indicators is assessed. */
  score: number | null;
  /** The largest `answers` among its indicators. */
  answers: number;
  level: Level | null;
  pass: boolean | null;
  /** Checklist instruments: checking progress summed over its indicators; null for survey instruments. */
  progress: ChecklistProgress | null;
}

/**
 * Scores every instrument of the framework, in framework order: the mean of its indicators, each
 * counting equally (ITA-METHOD §1: IIT = mean of indicators 1–5, EIT = mean of 6–8, OIT = mean of 9
 * and 10). Unit: 0–100, full precision.
 *
 * An instrument is either fully measured or not assessed: its score is null when any of its indicators
 * is null (or missing from `indicatorScores`), never a mean of the indicators that happen to have data.
 *
 * @throws Error when an indicator score names an indicator the framework does not have.
 */
export function computeInstrumentScores(framework: Framework, indicatorScores: readonly IndicatorScore[]): InstrumentScore[] {
  const known = indexIndicators(framework);
  const byCode = new Map<string, IndicatorScore>();
  for (const s of indicatorScores) {
    if (!known.has(s.code)) throw new Error(`Score for unknown indicator ${JSON.stringify(s.code)} (framework ${framework.id})`);
    byCode.set(s.code, s);
  }

  return framework.instruments.map((instrument) => {
    const own = framework.indicators.filter((i) => i.instrument === instrument.code).map((i) => byCode.get(i.code));
    const scores: number[] = [];
    let complete = own.length > 0;
    for (const s of own) {
      if (s === undefined || s.score === null) complete = false;
      else scores.push(s.score);
    }
    const score = complete ? meanOf(scores) : null;
    const present = own.filter((s): s is IndicatorScore => s !== undefined);
    const progress =
      instrument.kind === "checklist" ? sumChecklistProgress(present.flatMap((s) => (s.progress === null ? [] : [s.progress]))) : null;
    return {
      code: instrument.code,
      score,
      answers: maxOf(present.map((s) => s.answers)),
      ...rate(framework, score),
      progress,
    };
  });
}
