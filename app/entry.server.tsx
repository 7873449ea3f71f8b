/**
 * React Router's default server entry, with two additions: the response's CSP nonce (made in
 * app/serve.ts, passed in the load context) goes to <ServerRouter nonce>, which hands it to <Scripts>,
 * <ScrollRestoration>, <Links> and the streamed data scripts, and to React's own inline scripts; and
 * `closeDatabase`, which the server calls at shutdown to close the handle this bundle opened. It also
 * hands app/serve.ts what the server's own paths need from this bundle (its database handle, rate
 * limits): the respondent page cache's link check and the answers fast path.
 */
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { renderToPipeableStream, type RenderToPipeableStreamOptions } from "react-dom/server";
import { type AppLoadContext, type EntryContext, ServerRouter } from "react-router";
import { closeDb, getDb } from "./lib/db.server";
import { getAcceptingLinkOrNull } from "./services/respondent-page-state.server";

export { createAnswersFastPath } from "./lib/answers-fast-path.server";

export const streamTimeout = 5_000;

/** The database handle lives in this bundle (app/lib/db.server.ts); app/serve.ts closes it at shutdown. */
export const closeDatabase = closeDb;

/**
 * The link of a respondent page if it accepts answers, through this bundle's database handle: the
 * respondent page cache in app/serve.ts checks it on every request (a paused link shows its paused page
 * at once) and keys the cached page by it.
 */
export const findAcceptingLink = (token: string) => getAcceptingLinkOrNull(getDb(), token);

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // https://httpwg.org/specs/rfc9110.html#HEAD
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  // Absent under `react-router dev`, which sets no CSP header.
  const nonce = loadContext?.cspNonce;

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    // Bots (and SPA mode) get the whole document at once.
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    // Abort the render after streamTimeout so that rejected boundaries still flush.
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    const { pipe, abort } = renderToPipeableStream(<ServerRouter context={routerContext} url={request.url} nonce={nonce} />, {
      nonce,
      [readyOption]() {
        shellRendered = true;
        const body = new PassThrough({
          final(callback) {
            clearTimeout(timeoutId);
            timeoutId = undefined;
            callback();
          },
        });
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        pipe(body);
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors inside the shell are logged by React Router itself; log only those after it.
        if (shellRendered) console.error(error);
      },
    });
  });
}
