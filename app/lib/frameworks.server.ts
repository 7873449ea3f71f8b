/**
 * The registry of assessment frameworks: the folders of surveys/ (shipped) and of the installation's
 * FRAMEWORKS_DIR (./framework-files.server.ts), read and checked once at start, so that the server, the CLI
 * and the tests read the same files and a broken framework stops the start instead of scoring wrong.
 */
import type { Framework, FrameworkAdvice, InstrumentCode, Localized } from "../scoring/framework";
import { builtInFrameworksDir, type FrameworkBundle, installationFrameworksDir, loadFrameworkBundles } from "./framework-files.server";

let loaded: Map<string, FrameworkBundle> | undefined;

function bundles(): Map<string, FrameworkBundle> {
  loaded ??= loadFrameworkBundles([builtInFrameworksDir(), installationFrameworksDir()]);
  return loaded;
}

/** Reads the folders again (after `framework new` or `import-oit` in the same process: the CLI's tests). */
export function reloadFrameworks(): void {
  loaded = undefined;
  serializedSurveys.clear();
}

/** The framework that new rounds use when nothing else decides: ITA 2565, whose wording every later one starts from. */
export const defaultFrameworkId = "ita-2565";

export function listFrameworkIds(): string[] {
  return [...bundles().keys()];
}

function requireBundle(id: string): FrameworkBundle {
  const found = bundles().get(id);
  if (!found) throw new Error(`unknown framework "${id}"; known: ${listFrameworkIds().join(", ")}`);
  return found;
}

export function getFramework(id: string): Framework {
  return requireBundle(id).framework;
}

/** The framework's proposed measures for weak areas (advice.json), validated at start. */
export function getFrameworkAdvice(id: string): FrameworkAdvice {
  return requireBundle(id).advice;
}

/** The folder a framework was read from (for the CLI's messages). */
export function getFrameworkFolder(id: string): string {
  return requireBundle(id).folder;
}

const serializedSurveys = new Map<string, string>();

/**
 * The SurveyJS definition of an instrument, serialised once per process: the respondent page sends
 * it as a string instead of re-encoding a large object on every view.
 */
export function getSurveyJson(frameworkId: string, instrument: InstrumentCode): string {
  const key = `${frameworkId}/${instrument}`;
  let json = serializedSurveys.get(key);
  if (json === undefined) {
    const survey = bundles().get(frameworkId)?.surveys[instrument];
    if (!survey) throw new Error(`framework "${frameworkId}" has no survey for "${instrument}"`);
    json = JSON.stringify(survey);
    serializedSurveys.set(key, json);
  }
  return json;
}

/**
 * The name a respondent is shown for an instrument: the title of its SurveyJS definition (Thai under
 * "default", and "en"), which SurveyJS shows as the survey's heading too. For the EIT it is the plain
 * "แบบประเมินความพึงพอใจต่อการให้บริการ", where the instrument's official name in framework.json
 * ("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก", the NACC's) stays on the admin pages and the report.
 * Every survey definition has a Thai title (checked at start: framework-files.server.ts).
 */
export function getSurveyTitle(frameworkId: string, instrument: InstrumentCode): Localized {
  const title = (bundles().get(frameworkId)?.surveys[instrument] as { title?: unknown } | undefined)?.title;
  if (typeof title === "string") return { th: title, en: title };
  const { default: th, en } = (title ?? {}) as { default?: unknown; en?: unknown };
  if (typeof th !== "string" || th === "") throw new Error(`framework "${frameworkId}" has no survey title for "${instrument}"`);
  return { th, en: typeof en === "string" && en !== "" ? en : th };
}
