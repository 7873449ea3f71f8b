import { scoreChecklist, type Checklist, type ChecklistProgress, type ChecklistScores } from "./checklist-scores";
import { meanOf } from "./combine";
import type { Framework, InstrumentCode, Level } from "./framework";
import type { ItemScore } from "./item-scores";
import { rate } from "./levels";
import { indexItems, instrumentOf, maxOf } from "./lookup";

/** The score of one indicator ("1" … "10"). */
export interface IndicatorScore {
  code: string;
  instrument: InstrumentCode;
  /** 0–100 at full precision; null when not assessed. */
  score: number | null;
  /** Survey indicators: the largest answer count among its items. Checklist indicators: items checked. */
  answers: number;
  level: Level | null;
  /** score ≥ framework.passMark; null when not assessed. */
  pass: boolean | null;
  /** Checklist (OIT) indicators: how many of its items are checked; null for survey indicators. */
  progress: ChecklistProgress | null;
}

/**
 * Scores every indicator of the framework, in framework order (ITA-METHOD §1).
 *
 * - Survey indicators (IIT, EIT): the mean of their items' scores, over the items that were answered;
 *   null when none was.
 * - Checklist indicators (OIT 9, 10): from `checklist` through `scoreChecklist` (mean of sub-indicators,
 *   each the mean of its 0/100 items); null until every one of its items is checked.
 *
 * Unit: 0–100, full precision; level and pass from `levelFor` / `passes`.
 *
 * @param itemScores usually the output of `computeItemScores`; items missing from it count as unanswered.
 * @param checklist the OIT checklist (item code → pass/fail/unchecked), or the result of `scoreChecklist`;
 *   without it every checklist indicator is null.
 * @throws Error when an item score names an item the framework does not have, or the checklist is invalid.
 */
export function computeIndicatorScores(
  framework: Framework,
  itemScores: readonly ItemScore[],
  checklist?: Checklist | ChecklistScores,
): IndicatorScore[] {
  const known = indexItems(framework);
  const byIndicator = new Map<string, ItemScore[]>();
  for (const is of itemScores) {
    const item = known.get(is.item);
    if (!item) throw new Error(`Score for unknown item ${JSON.stringify(is.item)} (framework ${framework.id})`);
    const list = byIndicator.get(item.indicator) ?? [];
    list.push(is);
    byIndicator.set(item.indicator, list);
  }
  const oit = isChecklistScores(checklist) ? checklist : scoreChecklist(framework, checklist);

  return framework.indicators.map((indicator) => {
    const instrument = instrumentOf(framework, indicator);
    if (instrument.kind === "checklist") {
      const c = oit.indicators.find((i) => i.code === indicator.code);
      const score = c?.score ?? null;
      const progress = { checked: c?.checked ?? 0, passed: c?.passed ?? 0, total: c?.total ?? 0 };
      return { code: indicator.code, instrument: instrument.code, score, answers: progress.checked, ...rate(framework, score), progress };
    }
    const items = byIndicator.get(indicator.code) ?? [];
    const scores = items.flatMap((i) => (i.score === null ? [] : [i.score]));
    const score = meanOf(scores);
    return {
      code: indicator.code,
      instrument: instrument.code,
      score,
      answers: maxOf(items.map((i) => i.answers)),
      ...rate(framework, score),
      progress: null,
    };
  });
}

function isChecklistScores(c: Checklist | ChecklistScores | undefined): c is ChecklistScores {
  return c !== undefined && Array.isArray((c as ChecklistScores).subIndicators) && Array.isArray((c as ChecklistScores).indicators);
}
