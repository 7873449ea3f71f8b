import { getDb } from "../../lib/db.server";
import { getEnv } from "../../lib/env.server";
import { getFramework } from "../../lib/frameworks.server";
import { HttpError, readBodyLimited } from "../../lib/http";
import { createRateLimiter } from "../../lib/rate-limit.server";
import { MAX_SUBMISSION_BYTES, submitResponse } from "../../services/submit-response.server";
import type { Route } from "./+types/survey-answers";

/**
 * A person answers a survey in minutes; more than one a second from one address is a flood. The limit
 * leaves room for a staff meeting answering the IIT together behind one office address; the limit per
 * minute is SUBMISSION_FLOOD_LIMIT (default 60).
 */
const FLOOD_WINDOW_MS = 60_000;
const floods = createRateLimiter({ windowMs: FLOOD_WINDOW_MS });
// Many stored submissions from one address within the framework's burst window are flagged, not refused.
const bursts = createRateLimiter({ windowMs: getFramework("ita-2565").respondentQuality.burstWindowSeconds * 1000 });

/**
 * POST /s/:token/answers with {"submissionId", "answers"} as JSON. 200 for a stored or repeated
 * submission (a repeat is thanked too and stores nothing), 4xx with a Thai message otherwise.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  try {
    if (request.method !== "POST") throw methodNotAllowed();
    const nowMs = Date.now();
    if (floods.hit(context.clientAddress, nowMs) > getEnv().SUBMISSION_FLOOD_LIMIT) {
      throw new HttpError(429, "ส่งคำตอบถี่เกินไป กรุณารอสักครู่แล้วลองใหม่", "Too many submissions: please wait a moment and try again.");
    }
    const type = request.headers.get("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new HttpError(415, "ต้องส่งข้อมูลในรูปแบบ JSON (application/json)", "The body must be sent as application/json.");
    }
    const body = await readBodyLimited(request, MAX_SUBMISSION_BYTES);
    const result = await submitResponse(getDb(), params.token, body, {
      now: new Date(nowMs),
      recentFromAddress: bursts.count(context.clientAddress, nowMs) + 1,
    });
    if (result.stored) bursts.hit(context.clientAddress, nowMs);
    return Response.json(
      { ok: true, stored: result.stored, thanksUrl: `/s/${params.token}/thanks` },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    if (error instanceof HttpError) return error.toResponse();
    throw error;
  }
}

export function loader() {
  return methodNotAllowed().toResponse();
}

function methodNotAllowed(): HttpError {
  return new HttpError(405, "ส่งคำตอบได้ด้วยวิธี POST เท่านั้น", "Answers can only be sent with POST.");
}
