import { scoreChecklist, type Checklist, type ChecklistScores } from "./checklist-scores";
import { computeFieldScores, type FieldScore, type Tally } from "./field-scores";
import type { Framework } from "./framework";
import { computeIndicatorScores, type IndicatorScore } from "./indicator-scores";
import { computeInstrumentScores, type InstrumentScore } from "./instrument-scores";
import { computeItemScores, type ItemScore } from "./item-scores";
import { computeTotal, type TotalScore } from "./total";

/** Every level of the score chain for one segment of answers (a round, a counter, a month). */
export interface RoundScores {
  fields: FieldScore[];
  items: ItemScore[];
  /** The OIT checklist items, sub-indicators and indicators with their progress. */
  checklist: ChecklistScores;
  indicators: IndicatorScore[];
  instruments: InstrumentScore[];
  total: TotalScore;
}

/**
 * The whole chain of ITA-METHOD §1 in one call: tallies → fields → items → indicators (with the OIT
 * checklist) → instruments → total. All scores 0–100 at full precision, null where not assessed.
 *
 * @param tallies the IIT/EIT answer counts of the segment.
 * @param checklist the OIT checklist (item code → pass/fail/unchecked); without it OIT is not assessed.
 * @throws Error on tallies or a checklist that do not match the framework (see the step functions).
 */
export function computeRoundScores(framework: Framework, tallies: readonly Tally[], checklist?: Checklist): RoundScores {
  const fields = computeFieldScores(framework, tallies);
  const items = computeItemScores(framework, fields);
  const oit = scoreChecklist(framework, checklist);
  const indicators = computeIndicatorScores(framework, items, oit);
  const instruments = computeInstrumentScores(framework, indicators);
  const total = computeTotal(framework, instruments);
  return { fields, items, checklist: oit, indicators, instruments, total };
}
