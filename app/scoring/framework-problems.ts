import type { Framework } from "./framework";
import { findRatingGaps } from "./rating";

/**
 * Checks that a framework is consistent enough for the scoring engine: unique codes, every reference
 * resolves (item → indicator → instrument, field → scale, sub-indicator → checklist indicator), weights
 * add up to 1 (ITA-METHOD §1), levels run from the highest bound down to 0 (§1), option scores and the
 * pass mark lie in 0–100 (§2), the sample-size rules are usable (§5), and the rating rule gives every
 * possible score a rating (§6).
 *
 * @returns one English sentence per problem, led by the file and field to fix ("framework.json ›
 *   instruments.eit.weight: …"); empty when the framework is fine.
 */
export function listFrameworkProblems(framework: Framework): string[] {
  const problems: string[] = [];
  /** A problem with the file and field an editor of the framework must look at. */
  const at = (file: string, field: string, message: string) => problems.push(`${file} › ${field}: ${message}`);
  const inRange = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 100;
  const duplicates = (codes: string[]) => [...new Set(codes.filter((c, i) => codes.indexOf(c) !== i))];

  if (!inRange(framework.passMark)) at("framework.json", "passMark", `passMark ${String(framework.passMark)} is not in 0–100`);

  // Instruments and weights.
  const instrumentCodes = framework.instruments.map((i) => i.code);
  for (const d of duplicates(instrumentCodes)) at("framework.json", "instruments", `instrument ${d} is defined twice`);
  let weights = 0;
  for (const i of framework.instruments) {
    if (typeof i.weight !== "number" || !(i.weight >= 0 && i.weight <= 1)) at("framework.json", `instruments.${i.code}.weight`, `instrument ${i.code} has weight ${String(i.weight)}, not in 0–1`);
    else weights += i.weight;
  }
  if (Math.abs(weights - 1) > 1e-9) at("framework.json", "instruments.*.weight", `instrument weights add up to ${Math.round(weights * 1e9) / 1e9}, not 1`);

  // Levels.
  if (framework.levels.length === 0) at("framework.json", "levels", "no levels");
  for (const d of duplicates(framework.levels.map((l) => l.code))) at("framework.json", "levels", `level ${d} is defined twice`);
  framework.levels.forEach((l, n) => {
    if (!inRange(l.min)) at("framework.json", `levels.${l.code}.min`, `level ${l.code} has min ${String(l.min)}, not in 0–100`);
    const prev = framework.levels[n - 1];
    if (prev && !(prev.min > l.min)) at("framework.json", `levels.${l.code}`, `level ${l.code} is not listed below level ${prev.code} (bounds must go down)`);
  });
  if (framework.levels.length > 0 && Math.min(...framework.levels.map((l) => l.min)) !== 0) {
    at("framework.json", "levels", "the lowest level does not start at 0, so some scores would have no level");
  }

  // Scales.
  for (const [key, scale] of Object.entries(framework.scales)) {
    if (scale.code !== key) at("framework.json", `scales.${key}.code`, `scale under key ${key} has code ${scale.code}`);
    if (scale.options.length === 0) at("framework.json", `scales.${key}.options`, `scale ${key} has no options`);
    for (const d of duplicates(scale.options.map((o) => String(o.value)))) at("framework.json", `scales.${key}.options`, `scale ${key} has value ${d} twice`);
    for (const o of scale.options) {
      if (typeof o.value !== "number" || !Number.isFinite(o.value)) at("framework.json", `scales.${key}.options`, `scale ${key} has a non-numeric value ${JSON.stringify(o.value)}`);
      if (!inRange(o.score)) at("framework.json", `scales.${key}.options`, `scale ${key}, value ${String(o.value)} has score ${String(o.score)}, not in 0–100`);
    }
  }

  // Indicators.
  const kindOf = new Map(framework.instruments.map((i) => [i.code, i.kind]));
  const indicatorKind = new Map<string, "survey" | "checklist" | undefined>();
  for (const d of duplicates(framework.indicators.map((i) => i.code))) at("framework.json", "indicators", `indicator ${d} is defined twice`);
  for (const i of framework.indicators) {
    if (!kindOf.has(i.instrument)) at("framework.json", `indicators.${i.code}.instrument`, `indicator ${i.code} names an unknown instrument ${i.instrument}`);
    indicatorKind.set(i.code, kindOf.get(i.instrument));
  }
  for (const instrument of framework.instruments) {
    if (!framework.indicators.some((i) => i.instrument === instrument.code)) at("framework.json", "indicators", `instrument ${instrument.code} has no indicators`);
  }

  // Survey items and their fields.
  for (const d of duplicates(framework.items.map((i) => i.code))) at("framework.json", "items", `item ${d} is defined twice`);
  for (const d of duplicates(framework.items.flatMap((i) => i.fields.map((f) => f.name)))) at("framework.json", "items", `field ${d} is defined twice`);
  for (const item of framework.items) {
    if (!indicatorKind.has(item.indicator)) at("framework.json", `items.${item.code}.indicator`, `item ${item.code} names an unknown indicator ${item.indicator}`);
    else if (indicatorKind.get(item.indicator) !== "survey") at("framework.json", `items.${item.code}.indicator`, `item ${item.code} belongs to indicator ${item.indicator}, which is not a survey indicator`);
    if (item.fields.length === 0) at("framework.json", `items.${item.code}.fields`, `item ${item.code} has no fields`);
    for (const f of item.fields) {
      if (!Object.hasOwn(framework.scales, f.scale)) at("framework.json", `items.${item.code}.fields.${f.name}.scale`, `field ${f.name} names an unknown scale ${f.scale}`);
    }
  }

  // The suggestion: free text, never scored (issue 15, item 3).
  if (framework.suggestion !== undefined) listSuggestionProblems(framework, at, kindOf, new Set(framework.items.flatMap((i) => i.fields.map((f) => f.name))));

  // OIT checklist.
  const subIndicators = framework.subIndicators ?? [];
  for (const d of duplicates(subIndicators.map((s) => s.code))) at("oit.json", "subIndicators", `sub-indicator ${d} is defined twice`);
  for (const d of duplicates(subIndicators.flatMap((s) => s.items.map((i) => i.code)))) at("oit.json", "subIndicators.*.items", `checklist item ${d} is defined twice`);
  for (const sub of subIndicators) {
    if (!indicatorKind.has(sub.indicator)) at("oit.json", `subIndicators.${sub.code}.indicator`, `sub-indicator ${sub.code} names an unknown indicator ${sub.indicator}`);
    else if (indicatorKind.get(sub.indicator) !== "checklist") at("oit.json", `subIndicators.${sub.code}.indicator`, `sub-indicator ${sub.code} belongs to indicator ${sub.indicator}, which is not a checklist indicator`);
    if (sub.items.length === 0) at("oit.json", `subIndicators.${sub.code}.items`, `sub-indicator ${sub.code} has no items`);
  }
  for (const i of framework.indicators) {
    const kind = indicatorKind.get(i.code);
    if (kind === "survey" && !framework.items.some((item) => item.indicator === i.code)) at("framework.json", `indicators.${i.code}`, `indicator ${i.code} has no items`);
    if (kind === "checklist" && !subIndicators.some((s) => s.indicator === i.code)) at("oit.json", "subIndicators", `indicator ${i.code} has no sub-indicators`);
  }

  // Sample sizes.
  const { iit, eit } = framework.sampleSize;
  if (!(typeof iit.percent === "number" && iit.percent > 0 && iit.percent <= 100)) at("framework.json", "sampleSize.iit.percent", `sampleSize.iit.percent ${String(iit.percent)} is not in (0, 100]`);
  if (!Number.isInteger(iit.minimum) || iit.minimum < 0) at("framework.json", "sampleSize.iit.minimum", `sampleSize.iit.minimum ${String(iit.minimum)} is not a whole number ≥ 0`);
  for (const d of duplicates(eit.groups.map((g) => g.code))) at("framework.json", "sampleSize.eit.groups", `EIT sample group ${d} is defined twice`);
  for (const g of eit.groups) {
    if (!Number.isInteger(g.minimum) || g.minimum < 0) at("framework.json", `sampleSize.eit.groups.${g.code}.minimum`, `EIT sample group ${g.code} has minimum ${String(g.minimum)}, not a whole number ≥ 0`);
  }
  if (!eit.groups.some((g) => g.code === eit.defaultGroup)) at("framework.json", "sampleSize.eit.defaultGroup", `sampleSize.eit.defaultGroup ${eit.defaultGroup} is not one of the groups`);

  // The rating rule (ITA-METHOD §6).
  listRatingProblems(framework, at, inRange);

  return problems;
}

/** The longest suggestion a framework may allow: what the pool, the suggestions page and the tests are sized for. */
export const SUGGESTION_MAX_LENGTH = 1000;

function listSuggestionProblems(
  framework: Framework,
  at: (file: string, field: string, message: string) => void,
  kindOf: ReadonlyMap<string, "survey" | "checklist">,
  fieldNames: ReadonlySet<string>,
): void {
  const suggestion = framework.suggestion!;
  if (suggestion === null || typeof suggestion !== "object") {
    at("framework.json", "suggestion", "the suggestion must be an object {instrument, name, maxLength, title}");
    return;
  }
  if (kindOf.get(suggestion.instrument) !== "survey") at("framework.json", "suggestion.instrument", `${String(suggestion.instrument)} is not a survey instrument of the framework`);
  // Colleagues know how each other write: free text would undo the IIT's anonymity (docs/decisions/suggestions.md).
  else if (suggestion.instrument === "iit") at("framework.json", "suggestion.instrument", "no free text on the IIT: a colleague can be recognised by how they write");
  if (typeof suggestion.name !== "string" || !/^[a-z][a-z0-9_]{0,63}$/.test(suggestion.name)) at("framework.json", "suggestion.name", `${JSON.stringify(suggestion.name)} is not a question name (a-z, 0-9, _; at most 64)`);
  else if (fieldNames.has(suggestion.name)) at("framework.json", "suggestion.name", `${suggestion.name} is also an answer field`);
  if (!Number.isInteger(suggestion.maxLength) || suggestion.maxLength < 1 || suggestion.maxLength > SUGGESTION_MAX_LENGTH) {
    at("framework.json", "suggestion.maxLength", `${String(suggestion.maxLength)} is not a whole number of characters from 1 to ${SUGGESTION_MAX_LENGTH}`);
  }
  if (!suggestion.title?.th || !suggestion.title?.en) at("framework.json", "suggestion.title", "a title in Thai and English is required");
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

function listRatingProblems(framework: Framework, at: (file: string, field: string, message: string) => void, inRange: (v: unknown) => v is number): void {
  const rows = framework.rating?.rows;
  if (!Array.isArray(rows) || rows.length === 0) {
    at("framework.json", "rating.rows", "no rating rule: a list of rows, the first matching one wins");
    return;
  }
  const subjects = new Set<string>(["total", ...framework.instruments.map((i) => i.code)]);
  const seen = new Set<string>();
  let shapeOk = true;
  rows.forEach((row, n) => {
    const where = `rating.rows[${n}]${typeof row.code === "string" ? ` (${row.code})` : ""}`;
    if (typeof row.code !== "string" || row.code === "") at("framework.json", where, "a row has no code");
    else if (seen.has(row.code)) at("framework.json", where, `rating ${row.code} is defined twice`);
    else seen.add(row.code);
    if (!row.label?.th || !row.label?.en) at("framework.json", `${where}.label`, "a rating needs a label in Thai and English");
    if (typeof row.color !== "string" || !HEX_COLOUR.test(row.color)) at("framework.json", `${where}.color`, `colour ${JSON.stringify(row.color)} is not #rrggbb`);
    if (typeof row.pass !== "boolean") at("framework.json", `${where}.pass`, "pass must be true or false");
    if (row.when === null || typeof row.when !== "object") {
      at("framework.json", `${where}.when`, "conditions must be an object ({} for none)");
      shapeOk = false;
      return;
    }
    for (const [subject, bound] of Object.entries(row.when)) {
      if (!subjects.has(subject)) {
        at("framework.json", `${where}.when.${subject}`, `a condition on ${subject}, which is neither the total nor an instrument (${[...subjects].join(", ")})`);
        shapeOk = false;
        continue;
      }
      const keys = Object.keys(bound ?? {});
      if (keys.length === 0 || keys.some((k) => k !== "min" && k !== "below")) {
        at("framework.json", `${where}.when.${subject}`, "a condition is {\"min\": n} and/or {\"below\": n}");
        shapeOk = false;
      }
      for (const key of ["min", "below"] as const) {
        if (bound?.[key] !== undefined && !inRange(bound[key])) {
          at("framework.json", `${where}.when.${subject}.${key}`, `${String(bound[key])} is not in 0–100`);
          shapeOk = false;
        }
      }
      if (bound?.min !== undefined && bound.below !== undefined && !(bound.min < bound.below)) {
        at("framework.json", `${where}.when.${subject}`, `min ${bound.min} is not under below ${bound.below}: no score meets it`);
      }
    }
  });
  if (!shapeOk) return;
  for (const gap of findRatingGaps(framework)) {
    const scores = Object.entries(gap).map(([subject, score]) => `${subject} ${score}`).join(", ");
    at("framework.json", "rating.rows", `a gap in the rating rule: ${scores} matches no row (end the list with a row without conditions)`);
  }
}

/**
 * Throws when `listFrameworkProblems` finds anything; for the code that loads a framework from
 * `surveys/<id>/` (once, at start), so the scoring steps can trust it.
 */
export function requireValidFramework(framework: Framework): Framework {
  const problems = listFrameworkProblems(framework);
  if (problems.length > 0) throw new Error(`Framework ${framework.id} is inconsistent:\n- ${problems.join("\n- ")}`);
  return framework;
}
