import type { Framework, Level } from "./framework";

/**
 * The level (AA … F) of a score: the highest level whose inclusive lower bound `min` is ≤ the score,
 * compared at full precision (84.999 is B, not A). Bounds come from `framework.levels`
 * (ITA-METHOD §1 "Levels"); they are sorted here, so the order in the data does not matter.
 *
 * @param score 0–100 (an indicator, an instrument or the total)
 * @throws Error when the score is not a finite number or lies below the lowest bound
 */
export function levelFor(framework: Framework, score: number): Level {
  if (!Number.isFinite(score)) throw new Error(`Cannot give a level to the score ${String(score)}`);
  const sorted = [...framework.levels].sort((a, b) => b.min - a.min);
  const level = sorted.find((l) => l.min <= score);
  if (!level) {
    throw new Error(`Score ${score} lies below the lowest level bound of framework ${framework.id}`);
  }
  return level;
}

/**
 * Whether a score reaches the pass mark: score ≥ `framework.passMark` (85 in ITA 2565, ITA-METHOD §1),
 * at full precision, so 84.999 does not pass.
 *
 * @param score 0–100
 */
export function passes(framework: Framework, score: number): boolean {
  return score >= framework.passMark;
}

/** `levelFor` and `passes` for a score that may be null (not assessed): both null then. */
export function rate(framework: Framework, score: number | null): { level: Level | null; pass: boolean | null } {
  if (score === null) return { level: null, pass: null };
  return { level: levelFor(framework, score), pass: passes(framework, score) };
}
