import { requestInfoContext } from "../../lib/request-context";
import { readBodyLimited } from "../../lib/http";
import { answerSubmissionPost, methodNotAllowed } from "../../services/answers-endpoint.server";
import type { Route } from "./+types/survey-answers";

/**
 * POST /s/:token/answers with {"submissionId", "answers"} as JSON (app/services/answers-endpoint.server.ts).
 * An ordinary submission is answered by the server's fast path before it gets here; this route
 * answers the rest (a chunked or oversized body, another method) and any server without that path.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed().toResponse();
  const answer = await answerSubmissionPost({
    token: params.token,
    contentType: request.headers.get("content-type") ?? "",
    clientAddress: context.get(requestInfoContext).clientAddress,
    readBody: (limitBytes) => readBodyLimited(request, limitBytes),
    cookie: request.headers.get("cookie") ?? undefined,
  });
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}

export function loader() {
  return methodNotAllowed().toResponse();
}
