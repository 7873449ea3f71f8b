import { combineSubItems } from "./combine";
import type { FieldScore } from "./field-scores";
import type { Framework, InstrumentCode } from "./framework";
import { indexFields, indexIndicators, maxOf } from "./lookup";

/** The score of one question (item), e.g. i20. */
export interface ItemScore {
  /** The item code, e.g. "i20". */
  item: string;
  indicator: string;
  instrument: InstrumentCode;
  /** 0–100 at full precision; null when none of its fields was answered. */
  score: number | null;
  /** The largest answer count among its fields (≈ the number of people who answered the question). */
  answers: number;
}

/**
 * Scores every item (question) of the framework from its field scores, in framework order.
 *
 * score = the fields' scores combined by `framework.subItemCombine` ("mean": the mean of its sub-items,
 * ITA-METHOD §1 [U]), over the fields that were answered; null when none was. A question without
 * sub-items has one field, so its score is that field's. Unit: 0–100, full precision.
 *
 * @param fieldScores usually the output of `computeFieldScores`; fields missing from it count as unanswered.
 * @throws Error when a field score names a field the framework does not have.
 */
export function computeItemScores(framework: Framework, fieldScores: readonly FieldScore[]): ItemScore[] {
  const known = indexFields(framework);
  const byField = new Map<string, FieldScore>();
  for (const fs of fieldScores) {
    if (!known.has(fs.field)) throw new Error(`Score for unknown field ${JSON.stringify(fs.field)} (framework ${framework.id})`);
    byField.set(fs.field, fs);
  }
  const indicators = indexIndicators(framework);

  return framework.items.map((item) => {
    const scores: number[] = [];
    const answers: number[] = [];
    for (const field of item.fields) {
      const fs = byField.get(field.name);
      if (fs && fs.score !== null) scores.push(fs.score);
      if (fs) answers.push(fs.answers);
    }
    const indicator = indicators.get(item.indicator);
    if (!indicator) throw new Error(`Item ${item.code} names an unknown indicator ${item.indicator}`);
    return {
      item: item.code,
      indicator: item.indicator,
      instrument: indicator.instrument,
      score: combineSubItems(framework, scores),
      answers: maxOf(answers),
    };
  });
}
