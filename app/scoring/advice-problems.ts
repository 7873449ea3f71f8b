import type { Framework, FrameworkAdvice, MeasureAdvice } from "./framework";

const PLACEHOLDERS = new Set(["year", "yearShort", "yearStart", "yearShortStart"]);
const CHECKLIST_PLACEHOLDERS = new Set([...PLACEHOLDERS, "title", "requirement", "code"]);

/**
 * Checks a framework's advice (surveys/<id>/advice.json) against the framework: every indicator and
 * every survey item has a proposed measure (OIT items share a template, unless `checklistItems` gives one
 * its own), no unknown code appears, every text is present in Thai and
 * English, and placeholders are known ones (a typo would otherwise reach a printed plan).
 *
 * @returns one English sentence per problem; empty when the advice is fine.
 */
export function listAdviceProblems(framework: Framework, advice: FrameworkAdvice): string[] {
  const problems: string[] = [];
  if (advice.framework !== framework.id) problems.push(`advice is for framework ${String(advice.framework)}, not ${framework.id}`);

  const compare = (kind: string, expected: string[], given: Record<string, MeasureAdvice> | undefined) => {
    const present = Object.keys(given ?? {});
    for (const code of expected) if (!present.includes(code)) problems.push(`${kind} ${code} has no advice`);
    for (const code of present) if (!expected.includes(code)) problems.push(`advice names unknown ${kind} ${code}`);
  };
  compare("indicator", framework.indicators.map((i) => i.code), advice.indicators);
  compare("item", framework.items.map((i) => i.code), advice.items);

  for (const [code, entry] of Object.entries(advice.indicators ?? {})) checkEntry(`indicator ${code}`, entry, PLACEHOLDERS, problems);
  for (const [code, entry] of Object.entries(advice.items ?? {})) checkEntry(`item ${code}`, entry, PLACEHOLDERS, problems);
  const checklistCodes = new Set(framework.subIndicators.flatMap((sub) => sub.items.map((i) => i.code)));
  for (const [code, entry] of Object.entries(advice.checklistItems ?? {})) {
    if (!checklistCodes.has(code)) problems.push(`checklistItems.${code}: advice names unknown OIT item ${code}`);
    checkEntry(`OIT item ${code}`, entry, CHECKLIST_PLACEHOLDERS, problems);
  }
  if (!advice.checklistItem) problems.push("no advice template for OIT checklist items");
  else checkEntry("the OIT checklist template", advice.checklistItem, CHECKLIST_PLACEHOLDERS, problems);
  return problems;
}

function checkEntry(where: string, entry: MeasureAdvice, allowed: ReadonlySet<string>, problems: string[]): void {
  const texts: [string, unknown][] = [
    ["title", entry?.title],
    ["unitHint", entry?.unitHint],
    ["period", entry?.period],
    ["followUp", entry?.followUp],
    ...(Array.isArray(entry?.steps) ? entry.steps.map((s, n) => [`step ${n + 1}`, s] as [string, unknown]) : []),
  ];
  if (!Array.isArray(entry?.steps) || entry.steps.length === 0) problems.push(`${where} has no steps`);
  for (const [name, text] of texts) {
    for (const lang of ["th", "en"] as const) {
      const value = (text as Partial<Record<string, unknown>> | undefined)?.[lang];
      if (typeof value !== "string" || value.trim() === "") {
        problems.push(`${where}: ${name} has no ${lang} text`);
        continue;
      }
      for (const match of value.matchAll(/\{([^}]*)\}/g)) {
        if (!allowed.has(match[1]!)) problems.push(`${where}: ${name} (${lang}) has unknown placeholder {${match[1]}}`);
      }
    }
  }
}

/** The advice, or an Error listing every problem: a broken data file stops the server at start. */
export function requireValidAdvice(framework: Framework, advice: FrameworkAdvice): FrameworkAdvice {
  const problems = listAdviceProblems(framework, advice);
  if (problems.length > 0) throw new Error(`Advice of framework ${framework.id} is inconsistent:\n- ${problems.join("\n- ")}`);
  return advice;
}
