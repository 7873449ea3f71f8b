/**
 * The submissions of the ingest benchmark (ingest.bench.ts) and of the profiler (profile.ts): IIT answer
 * sets a person could give, sent as JSON to POST /s/:token/answers, or as the respondent page's HTML
 * form sends them (application/x-www-form-urlencoded, answered by a 303 to the thanks page), every one
 * with a new submission id and a start stamp from long ago signed with the server's key.
 */
import { getFramework } from "../../app/lib/frameworks.server";
import { detectNoise } from "../../app/services/response-quality";
import { makeAnswers } from "../support/fixtures";
import { startStampFor } from "../support/start-stamps";
import type { LoadRequest } from "./support";

const ANSWER_SETS = 500;

/** Varied answers, as people give them: none that the noise check would flag (and leave out of the tallies). */
export function answerSets(): Record<string, number>[] {
  const framework = getFramework("ita-2565");
  return Array.from({ length: ANSWER_SETS }, (_, s) => makeAnswers("iit", (i, count) => (i * (1 + (s % 3)) + s) % count)).filter(
    (answers) => detectNoise(framework, "iit", answers, { durationSeconds: 600, recentFromAddress: 1, channel: "phone" }) === null,
  );
}

let sent = 0;

function nextSubmissionId(): { n: number; submissionId: string } {
  const n = sent++;
  return { n, submissionId: `bench-ingest-${String(n).padStart(10, "0")}` };
}

/** The JSON submission of the survey page's scripts, with a declared length (the fast path) or chunked (React Router's action). */
export function jsonSubmission(token: string, sets: Record<string, number>[], chunked = false) {
  return (): LoadRequest => {
    const { n, submissionId } = nextSubmissionId();
    return {
      method: "POST",
      path: `/s/${token}/answers`,
      headers: { "content-type": "application/json" },
      // With a start stamp from long ago, as a person's page sends one (else the answers are too fast, not tallied).
      body: JSON.stringify({ submissionId, answers: sets[n % sets.length], startStamp: startStampFor(submissionId) }),
      chunked,
    };
  };
}

interface HtmlForm {
  action: string;
  hidden: [string, string][];
  radios: Set<string>;
}

/** The respondent page's form that posts answers: its action, hidden fields and the names of its radio groups. */
function findAnswerForm(html: string, pagePath: string): HtmlForm | null {
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attributes = match[1]!;
    const body = match[2]!;
    if (!/\bmethod="post"/i.test(attributes) || !/type="radio"/.test(body)) continue;
    const action = /\baction="([^"]*)"/.exec(attributes)?.[1]?.replace(/&amp;/g, "&") || pagePath;
    const inputs = [...body.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]);
    const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
    const hidden = inputs.filter((tag) => attribute(tag, "type") === "hidden" && attribute(tag, "name")).map((tag): [string, string] => [attribute(tag, "name")!, attribute(tag, "value") ?? ""]);
    const radios = new Set(inputs.filter((tag) => attribute(tag, "type") === "radio").map((tag) => attribute(tag, "name")!));
    return { action, hidden, radios };
  }
  return null;
}

/**
 * The HTML form's post of the IIT page, read from the page the server draws: its action, its hidden fields
 * (the submission id and start stamp replaced by a new id and its stamp), one radio per question. Throws
 * "not available" with the reason when the page has no such form (a server without issue 18's HTML form)
 * or its radio groups are not the instrument's fields.
 */
export async function formPostRequest(serverUrl: string, token: string, sets: Record<string, number>[]): Promise<() => LoadRequest> {
  const pagePath = `/s/${token}`;
  const page = await fetch(`${serverUrl}${pagePath}`);
  const form = findAnswerForm(await page.text(), pagePath);
  if (!form) throw new FormPostNotAvailable("the respondent page has no HTML form with radio buttons that posts");
  const missing = Object.keys(sets[0]!).filter((field) => !form.radios.has(field));
  if (missing.length > 0) throw new FormPostNotAvailable(`the page's form has no radio group for ${missing.length} of the instrument's fields (${missing.slice(0, 3).join(", ")}…)`);
  return (): LoadRequest => {
    const { n, submissionId } = nextSubmissionId();
    const body = new URLSearchParams();
    for (const [name, value] of form.hidden) {
      if (/submission/i.test(name)) body.append(name, submissionId);
      else if (/stamp/i.test(name)) body.append(name, startStampFor(submissionId));
      else body.append(name, value);
    }
    for (const [field, value] of Object.entries(sets[n % sets.length]!)) body.append(field, String(value));
    return {
      method: "POST",
      path: form.action,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
      successStatus: 303,
    };
  };
}

export class FormPostNotAvailable extends Error {}
