/**
 * The static registry of assessment frameworks (surveys/<id>/). Imported as JSON so that the server
 * bundle, the CLI and the tests read the same files; adding a framework is a folder and a line here.
 */
import { requireValidAdvice, requireValidFramework } from "../scoring";
import type { Framework, FrameworkAdvice, InstrumentCode } from "../scoring/framework";
import ita2565Framework from "../../surveys/ita-2565/framework.json";
import ita2565Iit from "../../surveys/ita-2565/iit.json";
import ita2565Eit from "../../surveys/ita-2565/eit.json";
import ita2565Oit from "../../surveys/ita-2565/oit.json";
import ita2565Advice from "../../surveys/ita-2565/advice.json";

interface FrameworkBundle {
  framework: Framework;
  /** SurveyJS definitions of the survey instruments. */
  surveys: Partial<Record<InstrumentCode, unknown>>;
  /** Proposed measures for weak areas (the measures plan). */
  advice: FrameworkAdvice;
}

function bundle(framework: Framework, surveys: FrameworkBundle["surveys"], advice: unknown): FrameworkBundle {
  // Checked once at start: a broken data file stops the server instead of scoring (or advising) wrong.
  const valid = requireValidFramework(framework);
  return { framework: valid, surveys, advice: requireValidAdvice(valid, advice as FrameworkAdvice) };
}

const bundles: Record<string, FrameworkBundle> = {
  "ita-2565": bundle(
    {
      ...(ita2565Framework as Omit<Framework, "subIndicators">),
      subIndicators: ita2565Oit.subIndicators,
    } as Framework,
    { iit: ita2565Iit, eit: ita2565Eit },
    ita2565Advice,
  ),
};

export const defaultFrameworkId = "ita-2565";

export function listFrameworkIds(): string[] {
  return Object.keys(bundles);
}

export function getFramework(id: string): Framework {
  const bundle = bundles[id];
  if (!bundle) throw new Error(`unknown framework "${id}"; known: ${listFrameworkIds().join(", ")}`);
  return bundle.framework;
}

/** The framework's proposed measures for weak areas (surveys/<id>/advice.json), validated at start. */
export function getFrameworkAdvice(id: string): FrameworkAdvice {
  const found = bundles[id];
  if (!found) throw new Error(`unknown framework "${id}"; known: ${listFrameworkIds().join(", ")}`);
  return found.advice;
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
    const survey = bundles[frameworkId]?.surveys[instrument];
    if (!survey) throw new Error(`framework "${frameworkId}" has no survey for "${instrument}"`);
    json = JSON.stringify(survey);
    serializedSurveys.set(key, json);
  }
  return json;
}
