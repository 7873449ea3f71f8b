import type { Framework } from "./framework";

export type SampleSizeQuery = { instrument: "iit"; headCount: number } | { instrument: "eit"; group?: string };

/**
 * The minimum number of responses for a round (ITA-METHOD §5), from `framework.sampleSize`:
 *
 * - IIT: everyone when the head-count of eligible staff is under `iit.minimum`; otherwise
 *   max(`iit.minimum`, ⌈`iit.percent` % × head-count⌉). With 10 % and 30: 25 → 25, 120 → 30, 400 → 40.
 * - EIT: the minimum of the agency's size group (`eit.groups`), `eit.defaultGroup` when none is given.
 *
 * Unit: people (a non-negative integer).
 *
 * @throws Error for a head-count that is not a non-negative integer, or an unknown EIT group.
 */
export function minimumSample(framework: Framework, query: SampleSizeQuery): number {
  const rules = framework.sampleSize;
  if (query.instrument === "iit") {
    const { headCount } = query;
    if (!Number.isInteger(headCount) || headCount < 0) {
      throw new Error(`IIT head-count must be a whole number ≥ 0, got ${String(headCount)}`);
    }
    if (headCount < rules.iit.minimum) return headCount;
    // The tolerance keeps 2.2 % of 1500 at 33 although 2.2 × 1500 / 100 comes out as 33.00000000000001.
    const share = Math.ceil((rules.iit.percent * headCount) / 100 - 1e-9);
    return Math.max(rules.iit.minimum, share);
  }
  const code = query.group ?? rules.eit.defaultGroup;
  const group = rules.eit.groups.find((g) => g.code === code);
  if (!group) {
    const known = rules.eit.groups.map((g) => g.code).join(", ");
    throw new Error(`Unknown EIT sample group ${JSON.stringify(code)} in framework ${framework.id} (known: ${known})`);
  }
  return group.minimum;
}
