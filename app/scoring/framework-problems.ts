import type { Framework } from "./framework";

/**
 * Checks that a framework is consistent enough for the scoring engine: unique codes, every reference
 * resolves (item → indicator → instrument, field → scale, sub-indicator → checklist indicator), weights
 * add up to 1 (ITA-METHOD §1), levels run from the highest bound down to 0 (§1), option scores and the
 * pass mark lie in 0–100 (§2), and the sample-size rules are usable (§5).
 *
 * @returns one English sentence per problem; empty when the framework is fine.
 */
export function listFrameworkProblems(framework: Framework): string[] {
  const problems: string[] = [];
  const inRange = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 100;
  const duplicates = (codes: string[]) => [...new Set(codes.filter((c, i) => codes.indexOf(c) !== i))];

  if (!inRange(framework.passMark)) problems.push(`passMark ${String(framework.passMark)} is not in 0–100`);

  // Instruments and weights.
  const instrumentCodes = framework.instruments.map((i) => i.code);
  for (const d of duplicates(instrumentCodes)) problems.push(`instrument ${d} is defined twice`);
  let weights = 0;
  for (const i of framework.instruments) {
    if (typeof i.weight !== "number" || !(i.weight >= 0 && i.weight <= 1)) problems.push(`instrument ${i.code} has weight ${String(i.weight)}, not in 0–1`);
    else weights += i.weight;
  }
  if (Math.abs(weights - 1) > 1e-9) problems.push(`instrument weights add up to ${weights}, not 1`);

  // Levels.
  if (framework.levels.length === 0) problems.push("no levels");
  for (const d of duplicates(framework.levels.map((l) => l.code))) problems.push(`level ${d} is defined twice`);
  framework.levels.forEach((l, n) => {
    if (!inRange(l.min)) problems.push(`level ${l.code} has min ${String(l.min)}, not in 0–100`);
    const prev = framework.levels[n - 1];
    if (prev && !(prev.min > l.min)) problems.push(`level ${l.code} is not listed below level ${prev.code} (bounds must go down)`);
  });
  if (framework.levels.length > 0 && Math.min(...framework.levels.map((l) => l.min)) !== 0) {
    problems.push("the lowest level does not start at 0, so some scores would have no level");
  }

  // Scales.
  for (const [key, scale] of Object.entries(framework.scales)) {
    if (scale.code !== key) problems.push(`scale under key ${key} has code ${scale.code}`);
    if (scale.options.length === 0) problems.push(`scale ${key} has no options`);
    for (const d of duplicates(scale.options.map((o) => String(o.value)))) problems.push(`scale ${key} has value ${d} twice`);
    for (const o of scale.options) {
      if (typeof o.value !== "number" || !Number.isFinite(o.value)) problems.push(`scale ${key} has a non-numeric value ${JSON.stringify(o.value)}`);
      if (!inRange(o.score)) problems.push(`scale ${key}, value ${String(o.value)} has score ${String(o.score)}, not in 0–100`);
    }
  }

  // Indicators.
  const kindOf = new Map(framework.instruments.map((i) => [i.code, i.kind]));
  const indicatorKind = new Map<string, "survey" | "checklist" | undefined>();
  for (const d of duplicates(framework.indicators.map((i) => i.code))) problems.push(`indicator ${d} is defined twice`);
  for (const i of framework.indicators) {
    if (!kindOf.has(i.instrument)) problems.push(`indicator ${i.code} names an unknown instrument ${i.instrument}`);
    indicatorKind.set(i.code, kindOf.get(i.instrument));
  }
  for (const instrument of framework.instruments) {
    if (!framework.indicators.some((i) => i.instrument === instrument.code)) problems.push(`instrument ${instrument.code} has no indicators`);
  }

  // Survey items and their fields.
  for (const d of duplicates(framework.items.map((i) => i.code))) problems.push(`item ${d} is defined twice`);
  for (const d of duplicates(framework.items.flatMap((i) => i.fields.map((f) => f.name)))) problems.push(`field ${d} is defined twice`);
  for (const item of framework.items) {
    if (!indicatorKind.has(item.indicator)) problems.push(`item ${item.code} names an unknown indicator ${item.indicator}`);
    else if (indicatorKind.get(item.indicator) !== "survey") problems.push(`item ${item.code} belongs to indicator ${item.indicator}, which is not a survey indicator`);
    if (item.fields.length === 0) problems.push(`item ${item.code} has no fields`);
    for (const f of item.fields) {
      if (!Object.hasOwn(framework.scales, f.scale)) problems.push(`field ${f.name} names an unknown scale ${f.scale}`);
    }
  }

  // OIT checklist.
  const subIndicators = framework.subIndicators ?? [];
  for (const d of duplicates(subIndicators.map((s) => s.code))) problems.push(`sub-indicator ${d} is defined twice`);
  for (const d of duplicates(subIndicators.flatMap((s) => s.items.map((i) => i.code)))) problems.push(`checklist item ${d} is defined twice`);
  for (const sub of subIndicators) {
    if (!indicatorKind.has(sub.indicator)) problems.push(`sub-indicator ${sub.code} names an unknown indicator ${sub.indicator}`);
    else if (indicatorKind.get(sub.indicator) !== "checklist") problems.push(`sub-indicator ${sub.code} belongs to indicator ${sub.indicator}, which is not a checklist indicator`);
    if (sub.items.length === 0) problems.push(`sub-indicator ${sub.code} has no items`);
  }
  for (const i of framework.indicators) {
    const kind = indicatorKind.get(i.code);
    if (kind === "survey" && !framework.items.some((item) => item.indicator === i.code)) problems.push(`indicator ${i.code} has no items`);
    if (kind === "checklist" && !subIndicators.some((s) => s.indicator === i.code)) problems.push(`indicator ${i.code} has no sub-indicators`);
  }

  // Sample sizes.
  const { iit, eit } = framework.sampleSize;
  if (!(typeof iit.percent === "number" && iit.percent > 0 && iit.percent <= 100)) problems.push(`sampleSize.iit.percent ${String(iit.percent)} is not in (0, 100]`);
  if (!Number.isInteger(iit.minimum) || iit.minimum < 0) problems.push(`sampleSize.iit.minimum ${String(iit.minimum)} is not a whole number ≥ 0`);
  for (const d of duplicates(eit.groups.map((g) => g.code))) problems.push(`EIT sample group ${d} is defined twice`);
  for (const g of eit.groups) {
    if (!Number.isInteger(g.minimum) || g.minimum < 0) problems.push(`EIT sample group ${g.code} has minimum ${String(g.minimum)}, not a whole number ≥ 0`);
  }
  if (!eit.groups.some((g) => g.code === eit.defaultGroup)) problems.push(`sampleSize.eit.defaultGroup ${eit.defaultGroup} is not one of the groups`);

  return problems;
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
