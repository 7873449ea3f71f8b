import { getDb } from "../../lib/db.server";
import { HttpError, readFormData } from "../../lib/http";
import { issueStartStamp } from "../../services/start-stamp.server";
import { requireAcceptingLink } from "../../services/submit-response.server";
import type { Route } from "./+types/survey-start";

/**
 * POST /s/:token/start with the form field submissionId: the survey page (phone or kiosk) asks for its
 * start stamp when the survey begins, and sends it back with the answers, so that the server measures
 * how long the survey took (app/services/start-stamp.server.ts). A form, not JSON, because every POST but
 * the answers and the code check is a form to the request guards (app/server/request-guards.server.ts).
 * 200 {"startStamp"}, with no-store; 404/410 as the survey page for a link that takes no answers.
 * A respondent path: the request log only counts it per minute (app/server/request-log.ts).
 */
export async function action({ request, params }: Route.ActionArgs) {
  try {
    if (request.method !== "POST") throw new HttpError(405, "ใช้ได้ด้วยวิธี POST เท่านั้น", "POST only.");
    const now = new Date();
    await requireAcceptingLink(getDb(), params.token, now);
    const submissionId = (await readFormData(request))?.get("submissionId");
    if (typeof submissionId !== "string" || !/^[A-Za-z0-9-]{16,64}$/.test(submissionId)) {
      throw new HttpError(400, "ไม่ได้ระบุรหัสการส่งคำตอบ หรือรหัสไม่ถูกต้อง", "The submissionId is missing or malformed.");
    }
    return Response.json({ startStamp: issueStartStamp(submissionId, now) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof HttpError) return error.toResponse();
    throw error;
  }
}

export function loader() {
  return new HttpError(405, "ใช้ได้ด้วยวิธี POST เท่านั้น", "POST only.").toResponse();
}
