import { combineSubIndicators, meanOf } from "./combine";
import type { Framework } from "./framework";

/** The state of one OIT checklist item: its required elements are all published, not, or nobody looked yet. */
export type ChecklistStatus = "pass" | "fail" | "unchecked";

/** The OIT checklist of a round, by item code ("o1" …); an item that is absent counts as "unchecked". */
export type Checklist = Readonly<Record<string, ChecklistStatus>>;

/** How far the checking of a sub-indicator, an indicator or the OIT has gone. */
export interface ChecklistProgress {
  /** Items marked pass or fail. */
  checked: number;
  /** Items marked pass. */
  passed: number;
  /** All items. */
  total: number;
}

export interface ChecklistItemResult {
  code: string;
  subIndicator: string;
  indicator: string;
  status: ChecklistStatus;
  /** 100 for pass, 0 for fail, null while unchecked (ITA-METHOD §1: each item scores 100 or 0). */
  score: number | null;
}

export interface SubIndicatorScore extends ChecklistProgress {
  /** "9.1" … */
  code: string;
  indicator: string;
  /** Mean of its items' scores, 0–100; null until every item is checked. */
  score: number | null;
}

export interface ChecklistIndicatorScore extends ChecklistProgress {
  /** "9" or "10" */
  code: string;
  /** Its sub-indicators combined by `framework.checklistCombine`, 0–100; null until every item is checked. */
  score: number | null;
}

export interface ChecklistScores {
  items: ChecklistItemResult[];
  subIndicators: SubIndicatorScore[];
  indicators: ChecklistIndicatorScore[];
}

const STATUSES: readonly ChecklistStatus[] = ["pass", "fail", "unchecked"];

/**
 * Scores the OIT checklist (ITA-METHOD §1): an item scores 100 when it passes and 0 when it fails;
 * a sub-indicator is the mean of its items; an indicator (9, 10) combines its sub-indicators by
 * `framework.checklistCombine` ("mean-of-sub-indicators": the mean of the sub-indicator scores, not of
 * the items). Unit: 0–100, full precision.
 *
 * Decision: an unchecked item is not scored as 0. A sub-indicator stays null ("not yet assessed") until
 * every one of its items is checked, and an indicator until all of its sub-indicators are; `checked`,
 * `passed` and `total` let a page show the progress meanwhile. A partly checked list would otherwise
 * give a score that moves with the order in which someone happens to check the items.
 *
 * @param checklist status by item code; absent items are unchecked.
 * @throws Error for an item code the framework does not have or a status other than pass/fail/unchecked.
 */
export function scoreChecklist(framework: Framework, checklist: Checklist = {}): ChecklistScores {
  const known = new Set<string>();
  for (const sub of framework.subIndicators) for (const item of sub.items) known.add(item.code);
  const problems: string[] = [];
  for (const [code, status] of Object.entries(checklist)) {
    if (!known.has(code)) problems.push(`unknown checklist item ${JSON.stringify(code)}`);
    else if (!STATUSES.includes(status)) problems.push(`item ${code} has an invalid status ${JSON.stringify(status)}`);
  }
  if (problems.length > 0) throw new Error(`Invalid OIT checklist for framework ${framework.id}: ${problems.join("; ")}`);

  const items: ChecklistItemResult[] = [];
  const subIndicators: SubIndicatorScore[] = [];
  for (const sub of framework.subIndicators) {
    const scores: number[] = [];
    let passed = 0;
    for (const item of sub.items) {
      const status = Object.hasOwn(checklist, item.code) ? (checklist[item.code] as ChecklistStatus) : "unchecked";
      const score = status === "pass" ? 100 : status === "fail" ? 0 : null;
      if (score !== null) scores.push(score);
      if (status === "pass") passed += 1;
      items.push({ code: item.code, subIndicator: sub.code, indicator: sub.indicator, status, score });
    }
    const total = sub.items.length;
    const complete = scores.length === total && total > 0;
    subIndicators.push({
      code: sub.code,
      indicator: sub.indicator,
      score: complete ? meanOf(scores) : null,
      checked: scores.length,
      passed,
      total,
    });
  }

  const indicators: ChecklistIndicatorScore[] = [];
  for (const indicator of framework.indicators) {
    const subs = subIndicators.filter((s) => s.indicator === indicator.code);
    if (subs.length === 0) continue;
    indicators.push({
      code: indicator.code,
      score: combineSubIndicators(framework, subs.map((s) => s.score)),
      ...sumChecklistProgress(subs),
    });
  }
  return { items, subIndicators, indicators };
}

/**
 * The checking progress of several parts of the OIT checklist together: sub-indicators into an
 * indicator, indicators into the OIT (ITA-METHOD §1, 43 items in 2565). Pages show it while the OIT
 * score stays null ("not yet assessed") until every item is checked.
 *
 * Unit: items (whole numbers ≥ 0); passed ≤ checked ≤ total. No parts give all zeros.
 *
 * @param parts usually `ChecklistScores.indicators` (the whole checklist) or an indicator's sub-indicators.
 */
export function sumChecklistProgress(parts: readonly ChecklistProgress[]): ChecklistProgress {
  const progress: ChecklistProgress = { checked: 0, passed: 0, total: 0 };
  for (const part of parts) {
    progress.checked += part.checked;
    progress.passed += part.passed;
    progress.total += part.total;
  }
  return progress;
}
