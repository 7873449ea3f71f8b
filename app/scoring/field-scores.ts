import type { Framework, InstrumentCode } from "./framework";
import { indexFields } from "./lookup";

/**
 * How many answers gave `value` to the answer field `field` of `instrument`, summed over whatever
 * segment the caller chose (a round, a counter, a month). Several tallies for the same field and value
 * (one per counter, say) simply add up. `value` is the stored option value (what SurveyJS posts), not a
 * score. See ARCHITECTURE.md §4 for where tallies come from.
 */
export interface Tally {
  instrument: InstrumentCode;
  field: string;
  value: number;
  count: number;
}

/** The score of one answer field (a question without sub-items, or one sub-item). */
export interface FieldScore {
  /** The field name, e.g. "i1_1" or "i2". */
  field: string;
  /** The item (question) code, e.g. "i1". */
  item: string;
  indicator: string;
  instrument: InstrumentCode;
  /** 0–100 at full precision; null when nobody answered the field. */
  score: number | null;
  /** The number of answers (Σ count), ≥ 0. */
  answers: number;
}

/**
 * Scores every answer field of the framework's survey instruments from tallies, in framework order
 * (items, then their fields); fields without tallies come back with `score: null, answers: 0`.
 *
 * score = Σ(count × option score) / Σ count, where the option score is the value's score in the field's
 * scale (`framework.scales`, ITA-METHOD §2). Unit: 0–100, full precision.
 *
 * @throws Error when a tally names a field the framework does not have, a field of another instrument,
 *   a value outside the field's scale, or a count that is not a non-negative integer: tallies are written
 *   by the application after validation, so any of these is data corruption, not user input.
 */
export function computeFieldScores(framework: Framework, tallies: readonly Tally[]): FieldScore[] {
  const fields = indexFields(framework);
  const sums = new Map<string, { points: number; answers: number }>();

  for (const t of tallies) {
    const info = fields.get(t.field);
    if (!info) {
      throw new Error(`Tally for unknown field ${JSON.stringify(t.field)} (framework ${framework.id})`);
    }
    if (info.instrument !== t.instrument) {
      throw new Error(
        `Tally says field ${t.field} belongs to ${t.instrument}, but framework ${framework.id} puts it in ${info.instrument}`,
      );
    }
    const option = info.scale.options.find((o) => o.value === t.value);
    if (!option) {
      const allowed = info.scale.options.map((o) => o.value).join(", ");
      throw new Error(
        `Tally for field ${t.field} has value ${String(t.value)}, not in scale ${info.field.scale} (${allowed})`,
      );
    }
    if (!Number.isInteger(t.count) || t.count < 0) {
      throw new Error(`Tally for field ${t.field}, value ${t.value} has an invalid count ${String(t.count)}`);
    }
    const sum = sums.get(t.field) ?? { points: 0, answers: 0 };
    sum.points += t.count * option.score;
    sum.answers += t.count;
    sums.set(t.field, sum);
  }

  return [...fields.values()].map((info) => {
    const sum = sums.get(info.field.name);
    const answers = sum?.answers ?? 0;
    return {
      field: info.field.name,
      item: info.item.code,
      indicator: info.indicator.code,
      instrument: info.instrument,
      score: sum && answers > 0 ? sum.points / answers : null,
      answers,
    };
  });
}
