/**
 * POST /s/:token/answers, as one function of plain values: the flood limit, the content type, the body
 * read within its limit, and submitResponse (which checks an access code within the address's code-guess
 * budget, app/services/access-codes.server.ts). Two callers answer with it, so that the status codes,
 * messages and limits are the same whichever path a submission takes: the route module
 * (app/routes/public/survey-answers.ts, React Router) and, for an ordinary submission, the server's
 * fast path ahead of React Router (app/server/answers-fast-path.server.ts, wired in app/server/app.server.ts),
 * which skips building a Fetch request and routing for the busiest endpoint of the app.
 */
import { getDb } from "../lib/db.server";
import { getEnv } from "../lib/env.server";
import { getFramework } from "../lib/frameworks.server";
import { type ApiError, HttpError } from "../lib/http";
import { createRateLimiter } from "../lib/rate-limit.server";
import { MAX_SUBMISSION_BYTES, submitResponse } from "./submit-response.server";
import { answersFromForm, type SurveyForm, valuesFromForm, type FormValues } from "./survey-form";

/**
 * A person answers a survey in minutes; more than one a second from one address is a flood. The limit
 * leaves room for a staff meeting answering the IIT together behind one office address; the limit per
 * minute is SUBMISSION_FLOOD_LIMIT (default 60).
 */
const FLOOD_WINDOW_MS = 60_000;
const floods = createRateLimiter({ windowMs: FLOOD_WINDOW_MS });
// Many stored submissions from one address within the framework's burst window are flagged, not refused.
const bursts = createRateLimiter({ windowMs: getFramework("ita-2565").respondentQuality.burstWindowSeconds * 1000 });

export interface SubmissionPost {
  token: string;
  contentType: string;
  /** In memory only, for the flood limit, the code-guess budget and the burst flag; never stored. */
  clientAddress: string;
  /** Reads the body as UTF-8 text, throwing a 413 HttpError past `limitBytes`. */
  readBody: (limitBytes: number) => Promise<string>;
  /** The Cookie header, for an enrolled kiosk's cookie (app/services/kiosk/devices.server.ts); never stored. */
  cookie?: string;
}

export interface JsonAnswer {
  status: number;
  body: SubmissionAccepted | ApiError;
  headers: Record<string, string>;
}

export interface SubmissionAccepted {
  ok: true;
  /** False for a repeat of a stored submission: it is thanked too, and stores nothing. */
  stored: boolean;
  thanksUrl: string;
}

const NO_STORE = { "Cache-Control": "no-store" };

/** 200 for a stored or repeated submission, a 4xx with a Thai message otherwise. */
export async function answerSubmissionPost(post: SubmissionPost): Promise<JsonAnswer> {
  try {
    const nowMs = Date.now();
    if (floods.hit(post.clientAddress, nowMs) > getEnv().SUBMISSION_FLOOD_LIMIT) {
      throw new HttpError(429, "ส่งคำตอบถี่เกินไป กรุณารอสักครู่แล้วลองใหม่", "Too many submissions: please wait a moment and try again.");
    }
    if (!/^application\/json\s*(;|$)/i.test(post.contentType)) {
      throw new HttpError(415, "ต้องส่งข้อมูลในรูปแบบ JSON (application/json)", "The body must be sent as application/json.");
    }
    const body = await post.readBody(MAX_SUBMISSION_BYTES);
    const result = await submitResponse(getDb(), post.token, body, {
      now: new Date(nowMs),
      recentFromAddress: bursts.count(post.clientAddress, nowMs) + 1,
      // An access code is checked within the address's code-guess budget, shared with POST /s/:token/code.
      clientAddress: post.clientAddress,
      cookie: post.cookie,
    });
    if (result.stored) bursts.hit(post.clientAddress, nowMs);
    return { status: 200, body: { ok: true, stored: result.stored, thanksUrl: `/s/${post.token}/thanks` }, headers: NO_STORE };
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, body: error.toApiError(), headers: NO_STORE };
    throw error;
  }
}

/**
 * What the respondent page's HTML form post (POST /s/:token, app/routes/public/survey.tsx) comes to: a
 * stored or repeated submission (the page redirects to the thanks), or the refusal with the values posted,
 * for the page to draw the form again with them and the errors beside the questions.
 */
export type FormAnswer =
  | { ok: true; stored: boolean }
  | { ok: false; error: HttpError; values: FormValues };

export interface FormPost extends Omit<SubmissionPost, "contentType"> {
  /** The link's form (./survey-form.ts): which fields are text, which choices are numbers. */
  form: SurveyForm;
}

/**
 * The same checks as answerSubmissionPost, in the same order and with the same limits and messages — the
 * flood limit, the body limit, then submitResponse's validation, access code and start stamp — for a body
 * that is the page's URL-encoded form instead of JSON: the form's fields become the JSON submission
 * (answersFromForm), so there is one validation for both. The request guards have refused any other
 * content type before routing (app/server/request-guards.server.ts).
 */
export async function answerFormPost(post: FormPost): Promise<FormAnswer> {
  let values: FormValues = {};
  try {
    const nowMs = Date.now();
    if (floods.hit(post.clientAddress, nowMs) > getEnv().SUBMISSION_FLOOD_LIMIT) {
      throw new HttpError(429, "ส่งคำตอบถี่เกินไป กรุณารอสักครู่แล้วลองใหม่", "Too many submissions: please wait a moment and try again.");
    }
    const params = new URLSearchParams(await post.readBody(MAX_SUBMISSION_BYTES));
    values = valuesFromForm(params);
    // A field the form has once, sent twice, goes on as the list of its values, which the schema refuses.
    const meta = (name: string) => {
      const all = params.getAll(name);
      return all.length > 1 ? all : all[0] === "" ? undefined : all[0];
    };
    const submission = {
      submissionId: meta("submissionId") ?? "",
      answers: answersFromForm(post.form, params),
      ...(meta("accessCode") !== undefined ? { accessCode: meta("accessCode") } : {}),
      ...(meta("startStamp") !== undefined ? { startStamp: meta("startStamp") } : {}),
    };
    const result = await submitResponse(getDb(), post.token, JSON.stringify(submission), {
      now: new Date(nowMs),
      recentFromAddress: bursts.count(post.clientAddress, nowMs) + 1,
      clientAddress: post.clientAddress,
      cookie: post.cookie,
    });
    if (result.stored) bursts.hit(post.clientAddress, nowMs);
    return { ok: true, stored: result.stored };
  } catch (error) {
    if (error instanceof HttpError) return { ok: false, error, values };
    throw error;
  }
}

export function methodNotAllowed(): HttpError {
  return new HttpError(405, "ส่งคำตอบได้ด้วยวิธี POST เท่านั้น", "Answers can only be sent with POST.");
}
