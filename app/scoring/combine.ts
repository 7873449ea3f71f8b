/**
 * How scores combine. The methods are named in the framework (`subItemCombine`, `checklistCombine`)
 * because ITA-METHOD §1 marks the sub-item rule [U]: a new method is added to the `Framework` type
 * first, and the exhaustive switches below then fail to compile until it is implemented here.
 */
import type { Framework } from "./framework";

/**
 * The arithmetic mean of the given scores at full precision, or null for an empty list.
 * Unit: the unit of the inputs (scores 0–100 give 0–100).
 */
export function meanOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * A question (item) score from the scores of its answered sub-items, 0–100, or null when none was
 * answered. Rule: `framework.subItemCombine` (ITA-METHOD §1, "a question = mean of its sub-item scores").
 */
export function combineSubItems(framework: Framework, scores: readonly number[]): number | null {
  const method = framework.subItemCombine;
  switch (method) {
    case "mean":
      return meanOf(scores);
    default:
      return unknownMethod("subItemCombine", method);
  }
}

/**
 * An OIT indicator score from its sub-indicator scores, 0–100, or null when any sub-indicator is
 * not yet assessed. Rule: `framework.checklistCombine` (ITA-METHOD §1: "indicator 9 or 10 = mean of its
 * sub-indicators, not of its items").
 */
export function combineSubIndicators(framework: Framework, scores: readonly (number | null)[]): number | null {
  const method = framework.checklistCombine;
  switch (method) {
    case "mean-of-sub-indicators": {
      const known: number[] = [];
      for (const s of scores) {
        if (s === null) return null;
        known.push(s);
      }
      return meanOf(known);
    }
    default:
      return unknownMethod("checklistCombine", method);
  }
}

function unknownMethod(setting: string, method: never): never {
  throw new Error(`Framework setting ${setting} = ${JSON.stringify(method)} is not implemented by app/scoring`);
}
