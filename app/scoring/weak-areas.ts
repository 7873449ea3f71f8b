import type { ChecklistScores } from "./checklist-scores";
import type { FieldScore } from "./field-scores";
import type { Framework, Localized } from "./framework";
import type { IndicatorScore } from "./indicator-scores";
import type { ItemScore } from "./item-scores";
import { indexFields, indexIndicators, indexItems } from "./lookup";

export type WeakAreaKind = "indicator" | "item" | "field" | "checklist-item";

/** Something a management plan has to fix (ITA-METHOD §4). */
export interface WeakArea {
  kind: WeakAreaKind;
  /** The indicator ("4"), item ("i20"), field ("i11_2") or checklist item ("o23") code. */
  code: string;
  /** The indicator it belongs to (itself for an indicator). */
  indicator: string;
  /** The item of a field, the sub-indicator of a checklist item; null for indicators and items. */
  parent: string | null;
  /** 0–100 at full precision (0 for a failing checklist item). */
  score: number;
  /** The indicator's or item's title, a sub-item's own wording, a checklist item's title. */
  title: Localized;
  /** What the low score means, from the framework. */
  low: Localized;
}

/** The scores to look through; usually a `RoundScores`. Any part may be left out. */
export interface WeakAreaInput {
  fields?: readonly FieldScore[];
  items?: readonly ItemScore[];
  indicators?: readonly IndicatorScore[];
  checklist?: ChecklistScores;
}

const KIND_ORDER: Record<WeakAreaKind, number> = { indicator: 0, item: 1, field: 2, "checklist-item": 3 };

/**
 * Lists the weak areas of ITA-METHOD §4: indicators, items (questions) and sub-items (the fields of an
 * item that has more than one) scoring under `framework.passMark`, and OIT checklist items that fail
 * (score 0). Null scores and unchecked items are not weak: they are not measured.
 *
 * Sorted weakest first; ties by indicator order in the framework, then indicator before item before
 * field before checklist item, then the code's order in the framework (so i2 comes before i10).
 *
 * @throws Error when a score names a code the framework does not have.
 */
export function findWeakAreas(framework: Framework, scores: WeakAreaInput): WeakArea[] {
  const indicators = indexIndicators(framework);
  const items = indexItems(framework);
  const fields = indexFields(framework);
  const position = new Map<string, number>();
  framework.indicators.forEach((i, n) => position.set(`indicator:${i.code}`, n));
  framework.items.forEach((i, n) => position.set(`item:${i.code}`, n));
  [...fields.keys()].forEach((f, n) => position.set(`field:${f}`, n));
  framework.subIndicators.flatMap((s) => s.items).forEach((i, n) => position.set(`checklist-item:${i.code}`, n));

  const weak: WeakArea[] = [];
  const under = (score: number | null): score is number => score !== null && score < framework.passMark;

  for (const s of scores.indicators ?? []) {
    const indicator = indicators.get(s.code);
    if (!indicator) throw new Error(`Weak areas: unknown indicator ${JSON.stringify(s.code)}`);
    if (under(s.score)) {
      weak.push({ kind: "indicator", code: s.code, indicator: s.code, parent: null, score: s.score, title: indicator.title, low: indicator.low });
    }
  }
  for (const s of scores.items ?? []) {
    const item = items.get(s.item);
    if (!item) throw new Error(`Weak areas: unknown item ${JSON.stringify(s.item)}`);
    if (under(s.score)) {
      weak.push({ kind: "item", code: item.code, indicator: item.indicator, parent: null, score: s.score, title: item.title, low: item.low });
    }
  }
  for (const s of scores.fields ?? []) {
    const info = fields.get(s.field);
    if (!info) throw new Error(`Weak areas: unknown field ${JSON.stringify(s.field)}`);
    // A question without sub-items is already listed as an item.
    if (info.item.fields.length > 1 && under(s.score)) {
      weak.push({
        kind: "field",
        code: s.field,
        indicator: info.item.indicator,
        parent: info.item.code,
        score: s.score,
        title: info.field.title ?? info.item.title,
        low: info.item.low,
      });
    }
  }
  if (scores.checklist) {
    const checklistItems = new Map(framework.subIndicators.flatMap((sub) => sub.items.map((item) => [item.code, item] as const)));
    for (const s of scores.checklist.items) {
      const item = checklistItems.get(s.code);
      if (!item) throw new Error(`Weak areas: unknown checklist item ${JSON.stringify(s.code)}`);
      if (s.status === "fail") {
        weak.push({ kind: "checklist-item", code: s.code, indicator: s.indicator, parent: s.subIndicator, score: 0, title: item.title, low: item.low });
      }
    }
  }

  const at = (key: string) => position.get(key) ?? Number.MAX_SAFE_INTEGER;
  return weak.sort(
    (a, b) =>
      a.score - b.score ||
      at(`indicator:${a.indicator}`) - at(`indicator:${b.indicator}`) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      at(`${a.kind}:${a.code}`) - at(`${b.kind}:${b.code}`),
  );
}
