import { requestInfoContext } from "../../lib/request-context";
import { getDb } from "../../lib/db.server";
import { HttpError, readBodyLimited } from "../../lib/http";
import { checkAccessCode } from "../../services/access-codes.server";
import { requireAcceptingLink } from "../../services/submit-response.server";
import type { Route } from "./+types/survey-code";

/**
 * POST /s/:token/code with {"code": "ABCD-EFGH"}: checks a staff access code before the survey
 * starts, without using it (it is used with the submission). 204 valid, 409 used, 400 wrong; 429 past
 * the address's code-guess budget, which the answers endpoint shares (app/services/access-codes.server.ts).
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  try {
    if (request.method !== "POST") throw new HttpError(405, "ใช้ได้ด้วยวิธี POST เท่านั้น", "POST only.");
    const db = getDb();
    const link = await requireAcceptingLink(db, params.token);
    let code: unknown;
    try {
      code = (JSON.parse(await readBodyLimited(request, 1024)) as { code?: unknown }).code;
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, "ข้อมูลที่ส่งไม่ใช่ JSON ที่ถูกต้อง", "The request body is not valid JSON.");
    }
    if (link.instrument !== "iit" || link.accessMode !== "codes") {
      throw new HttpError(400, "แบบสอบถามนี้ไม่ต้องใช้รหัส", "This questionnaire needs no code.");
    }
    await checkAccessCode(db, link.roundId, code, context.get(requestInfoContext).clientAddress);
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof HttpError) return error.toResponse();
    throw error;
  }
}

export function loader() {
  return new HttpError(405, "ใช้ได้ด้วยวิธี POST เท่านั้น", "POST only.").toResponse();
}
