/**
 * Reading assessment frameworks from their folders (issue 13): a framework is a folder named by its id
 * holding framework.json, one file per instrument (iit.json, eit.json: SurveyJS definitions; oit.json: the
 * checklist) and advice.json. The frameworks shipped with Prongsai live in `surveys/`; an installation adds
 * or corrects its own in FRAMEWORKS_DIR (default data/frameworks), made with `npm run cli -- framework new`
 * — next year's framework needs no programmer and survives an upgrade of Prongsai.
 *
 * Each folder is checked as a whole (listFrameworkProblems, listAdviceProblems, and the files' own shape),
 * every problem named with its file and field, so that `framework check` and the server's start say the
 * same thing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { listAdviceProblems, listFrameworkProblems } from "../scoring";
import { getEnv } from "./env.server";
import { CHECKLIST_EVIDENCE, type Framework, type FrameworkAdvice, type InstrumentCode, type SubIndicator } from "../scoring/framework";
import { type SurveyDefinition, type SurveyElement, walkSurveyElements } from "../services/survey-definition";

export interface FrameworkBundle {
  framework: Framework;
  /** SurveyJS definitions of the survey instruments. */
  surveys: Partial<Record<InstrumentCode, unknown>>;
  /** Proposed measures for weak areas (the measures plan). */
  advice: FrameworkAdvice;
  /** The folder it was read from. */
  folder: string;
}

/** The folder of the frameworks shipped with Prongsai: surveys/ at the project's root (app/lib/ and build/server/ are both two levels down). */
export function builtInFrameworksDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "surveys");
}

/** The installation's own frameworks: FRAMEWORKS_DIR (default data/frameworks under the working folder). */
export function installationFrameworksDir(): string {
  return resolve(getEnv().FRAMEWORKS_DIR);
}

/** A framework id: the folder's name, lower-case letters, digits and dashes ("ita-2570"). */
export const FRAMEWORK_ID = /^[a-z][a-z0-9-]{1,39}$/;

function readJson(folder: string, file: string, problems: string[]): unknown {
  const path = join(folder, file);
  if (!existsSync(path)) {
    problems.push(`${file}: the file is missing`);
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    problems.push(`${file}: not valid JSON (${(error as Error).message})`);
    return undefined;
  }
}

export interface FolderReading {
  bundle: FrameworkBundle | null;
  /** Every problem, each led by its file and field; empty when the framework is usable. */
  problems: string[];
}

/** Reads and checks one framework folder; never throws for what is in the files. */
export function readFrameworkFolder(folder: string): FolderReading {
  const problems: string[] = [];
  const id = folder.split(/[\\/]/).filter(Boolean).at(-1) ?? "";
  const raw = readJson(folder, "framework.json", problems) as (Omit<Framework, "subIndicators"> & Record<string, unknown>) | undefined;
  if (!raw || typeof raw !== "object") return { bundle: null, problems };
  if (raw.id !== id) problems.push(`framework.json › id: "${String(raw.id)}" is not the folder's name "${id}"`);
  if (!Array.isArray(raw.instruments) || !Array.isArray(raw.indicators) || !Array.isArray(raw.items) || !Array.isArray(raw.levels) || typeof raw.scales !== "object") {
    problems.push("framework.json: instruments, indicators, items, levels and scales are required");
    return { bundle: null, problems };
  }
  const surveys: FrameworkBundle["surveys"] = {};
  let subIndicators: SubIndicator[] = [];
  for (const instrument of raw.instruments) {
    const content = readJson(folder, instrument.file, problems) as { subIndicators?: unknown } | undefined;
    if (content === undefined) continue;
    if (instrument.kind === "checklist") {
      if (!Array.isArray(content.subIndicators)) problems.push(`${instrument.file} › subIndicators: a list of sub-indicators is required`);
      else subIndicators = content.subIndicators as SubIndicator[];
    } else {
      surveys[instrument.code] = content;
      // The name respondents are shown (getSurveyTitle): the definition's own title, in Thai at least.
      const title = (content as { title?: unknown }).title;
      const thai = typeof title === "string" ? title : (title as { default?: unknown } | undefined)?.default;
      if (typeof thai !== "string" || thai.trim() === "") problems.push(`${instrument.file} › title: a Thai title is required (the name respondents see)`);
    }
  }
  const framework = { ...raw, subIndicators } as Framework;
  problems.push(...listFrameworkProblems(framework));
  problems.push(...listChecklistItemProblems(framework));
  problems.push(...listSuggestionQuestionProblems(framework, surveys));
  const advice = readJson(folder, "advice.json", problems) as FrameworkAdvice | undefined;
  if (advice) problems.push(...listAdviceProblems(framework, advice).map((p) => `advice.json › ${p}`));
  if (problems.length > 0 || !advice) return { bundle: null, problems };
  return { bundle: { framework, surveys, advice, folder }, problems };
}

/** What every OIT item needs to be shown and scored (the checklist file is what an ITA officer edits). */
function listChecklistItemProblems(framework: Framework): string[] {
  const problems: string[] = [];
  const file = framework.instruments.find((i) => i.kind === "checklist")?.file ?? "oit.json";
  for (const sub of framework.subIndicators) {
    if (!sub.title?.th) problems.push(`${file} › subIndicators.${sub.code}.title: a Thai title is required`);
    for (const item of sub.items ?? []) {
      const where = `${file} › subIndicators.${sub.code}.items.${item.code}`;
      if (!item.title?.th) problems.push(`${where}.title: a Thai title is required`);
      if (!item.requirement?.th) problems.push(`${where}.requirement: a Thai requirement is required`);
      if (item.confirmed !== undefined && typeof item.confirmed !== "boolean") problems.push(`${where}.confirmed: true or false`);
      if (item.evidence !== undefined && !(CHECKLIST_EVIDENCE as readonly string[]).includes(item.evidence)) problems.push(`${where}.evidence: one of ${CHECKLIST_EVIDENCE.map((e) => `"${e}"`).join(", ")}`);
    }
  }
  return problems;
}

/**
 * The framework's suggestion (framework.json › suggestion) is one question of its instrument's survey: a
 * comment (free text), not required, with the framework's maxLength, so that the browser stops where the
 * server does (app/services/validate-answers.ts).
 */
function listSuggestionQuestionProblems(framework: Framework, surveys: FrameworkBundle["surveys"]): string[] {
  const suggestion = framework.suggestion;
  if (!suggestion || typeof suggestion !== "object") return [];
  const file = framework.instruments.find((i) => i.code === suggestion.instrument)?.file;
  const survey = surveys[suggestion.instrument] as SurveyDefinition | undefined;
  if (!file || !survey) return [];
  const found = (survey.pages ?? []).flatMap((page) => [...walkSurveyElements(page.elements)]).filter(({ element }) => element.name === suggestion.name);
  if (found.length !== 1) return [`${file} › ${suggestion.name}: the suggestion of framework.json must be one question of this survey (found ${found.length})`];
  const question = found[0]!.element as SurveyElement & { isRequired?: unknown; maxLength?: unknown };
  const problems: string[] = [];
  if (question.type !== "comment") problems.push(`${file} › ${suggestion.name}.type: the suggestion is free text, a "comment" question, not "${question.type}"`);
  if (question.isRequired === true) problems.push(`${file} › ${suggestion.name}.isRequired: the suggestion is optional`);
  if (question.maxLength !== suggestion.maxLength) problems.push(`${file} › ${suggestion.name}.maxLength: ${String(question.maxLength)}, where framework.json › suggestion.maxLength says ${suggestion.maxLength}`);
  return problems;
}

/** The framework folders of a directory (every sub-folder with a framework.json), sorted by name. */
export function listFrameworkFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, "framework.json")))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Every framework of the installation: the shipped ones, then the installation's own. A problem in any
 * folder, or an id found twice, stops the start with every problem listed: a framework that scores wrong
 * is worse than a server that does not start.
 */
export function loadFrameworkBundles(dirs: string[]): Map<string, FrameworkBundle> {
  const bundles = new Map<string, FrameworkBundle>();
  const failures: string[] = [];
  for (const folder of dirs.flatMap(listFrameworkFolders)) {
    const { bundle, problems } = readFrameworkFolder(folder);
    if (!bundle) {
      failures.push(`${folder}:\n  - ${problems.join("\n  - ")}`);
      continue;
    }
    const other = bundles.get(bundle.framework.id);
    if (other) failures.push(`${folder}: framework ${bundle.framework.id} is also in ${other.folder}; give one a new id`);
    else bundles.set(bundle.framework.id, bundle);
  }
  if (failures.length > 0) throw new Error(`Frameworks with problems (npm run cli -- framework check ID):\n${failures.join("\n")}`);
  // build/ alone does not run: the shipped frameworks are read from surveys/ beside it, not bundled.
  if (bundles.size === 0) throw new Error(`No assessment framework found in ${dirs.join(" or ")}: run the server from the project's folder, with surveys/ beside build/`);
  return bundles;
}
