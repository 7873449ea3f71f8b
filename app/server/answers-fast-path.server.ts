/**
 * The fast path of POST /s/:token/answers (app/server/app.server.ts; why it stays and when to delete it:
 * docs/decisions/answers-fast-path.md): an ordinary submission — a body of declared
 * length — is answered by answerSubmissionPost straight from Express, without a
 * Fetch Request, route matching and React Router's action pipeline, which cost the ingest benchmark
 * about a third of the server's time (docs/performance.md). Anything else (a chunked body, no
 * length) goes on to the route module, which answers with the same function. The security
 * headers, request guards and request log have run before this, as for every request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerSubmissionPost } from "../services/answers-endpoint.server";
import { bodyTooLarge, decodeUtf8Body } from "../lib/http";

const ANSWERS_PATH = /^\/s\/([^/?#]+)\/answers(?:\?.*)?$/;

/**
 * Connect-style middleware; `clientAddressOf` is the same as the route's request context uses. It is in
 * the same bundle as the route (app/server/index.ts is the server build's entry), so it shares the
 * route's module instances: the database handle, the rate limits and the HttpError class.
 */
export function createAnswersFastPath(clientAddressOf: (req: IncomingMessage) => string) {
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    const match = req.method === "POST" ? ANSWERS_PATH.exec(req.url ?? "") : null;
    const declared = req.headers["content-length"];
    const length = declared === undefined ? NaN : Number(declared);
    if (!match || req.headers["transfer-encoding"] !== undefined || !Number.isSafeInteger(length)) return next();
    let token: string;
    try {
      token = decodeURIComponent(match[1]!);
    } catch {
      return next();
    }
    answerSubmissionPost({
      token,
      contentType: req.headers["content-type"] ?? "",
      clientAddress: clientAddressOf(req),
      readBody: (limitBytes) => readDeclaredBody(req, length, limitBytes),
      cookie: req.headers.cookie,
    }).then(
      (answer) => {
        const text = JSON.stringify(answer.body);
        res.statusCode = answer.status;
        for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
        res.setHeader("Content-Type", "application/json; charset=utf-8");
        res.setHeader("Content-Length", Buffer.byteLength(text));
        res.end(text);
      },
      // A client that went away mid-body gets no answer; an error of ours goes to the server's error handler.
      (error: unknown) => (req.destroyed && !res.headersSent ? undefined : next(error)),
    );
  };
}

/**
 * The body, refused unread when its declared length is over the limit (as readBodyLimited does);
 * Node's parser holds the body to the declared Content-Length.
 */
async function readDeclaredBody(req: IncomingMessage, declaredBytes: number, limitBytes: number): Promise<string> {
  if (declaredBytes > limitBytes) throw bodyTooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  return decodeUtf8Body(chunks, total);
}
