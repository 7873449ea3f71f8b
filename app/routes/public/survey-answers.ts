import { getDb } from "../../lib/db.server";
import { HttpError, readBodyLimited } from "../../lib/http";
import { MAX_SUBMISSION_BYTES, submitResponse } from "../../services/submit-response.server";
import type { Route } from "./+types/survey-answers";

/**
 * POST /s/:token/answers with {"submissionId", "answers"} as JSON. 200 for a stored or repeated
 * submission (a repeat is thanked too and stores nothing), 4xx with a Thai message otherwise.
 */
export async function action({ request, params }: Route.ActionArgs) {
  try {
    if (request.method !== "POST") throw methodNotAllowed();
    const type = request.headers.get("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new HttpError(415, "ต้องส่งข้อมูลในรูปแบบ JSON (application/json)", "The body must be sent as application/json.");
    }
    const body = await readBodyLimited(request, MAX_SUBMISSION_BYTES);
    const result = await submitResponse(getDb(), params.token, body, new Date());
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
