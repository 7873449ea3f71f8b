/**
 * The Express app around React Router, built into the same bundle as the routes (vite.config.ts makes
 * app/server/index.ts the server build's entry, as React Router's node-custom-server template does): one
 * copy of every module, the database handle and the rate limits included. In order, every request gets
 * the request log, the security headers (with `Cache-Control: no-store` on every signed-in page and POST
 * answer, app/server/security-headers.server.ts's mustNotBeStored) and the request guards; then the two paths that answer before
 * React Router (each with its decision in docs/decisions/), the static files compressed at build time,
 * compression of the rest, the respondent page cache, and React Router.
 */
import compression from "compression";
import express from "express";
import { createRequestHandler, type ServerBuild } from "react-router";
import { getEnv } from "../lib/env.server";
import type { ApiError } from "../lib/http";
import { createAnswersFastPath } from "./answers-fast-path.server";
import { createReactRouterHandler } from "./react-router-handler.server";
import { checkRequest } from "./request-guards.server";
import { createRespondentCounter, formatRequestLog, isRespondentPath } from "./request-log";
import { createPublicPageCache } from "./public-page-cache.server";
import { createRespondentPageCache } from "./respondent-page-cache.server";
import { createStaticFiles } from "./static-files.server";
import { createCspNonce, mustNotBeStored, securityHeaders } from "./security-headers.server";

export interface ServerState {
  /** Set by the graceful shutdown (app/server/http-server.server.ts): kept-alive connections then close. */
  shuttingDown: boolean;
  /** Writes what the logs hold back (the last minute's respondent count); called by the graceful shutdown. */
  flushLogs?: () => void;
}

export function createApp(build: ServerBuild, state: ServerState) {
  const env = getEnv();
  const https = env.PUBLIC_URL.startsWith("https://");
  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY) app.set("trust proxy", env.TRUST_PROXY);
  app.use(logRequests(state));
  app.use((req, res, next) => {
    const nonce = createCspNonce();
    res.locals.cspNonce = nonce;
    const headers = securityHeaders(nonce, { https });
    res.set(headers);
    // A route's own value of one of these headers replaces ours instead of being appended to it
    // (the React Router handler appends: "nosniff, nosniff" is not a valid value).
    const ours = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
    const append = res.append.bind(res);
    res.append = (field: string, value?: string | string[]) => (ours.has(field.toLowerCase()) ? res.set(field, value) : append(field, value));
    if (mustNotBeStored(req.method, req.originalUrl)) keepNoStore(res);
    // During shutdown, a kept-alive connection is closed after its current response.
    if (state.shuttingDown) res.set("Connection", "close");
    const refused = checkRequest({
      method: req.method,
      url: req.originalUrl,
      protocol: req.protocol,
      hostname: req.hostname,
      headers: req.headers,
    });
    if (!refused) return next();
    // The body (if any) is not read: close the connection after the answer instead of draining it.
    res.set({ ...refused.headers, "Cache-Control": "no-store", Connection: "close" });
    res.status(refused.status).json(refused.body);
  });
  const clientAddressOf = (req: express.Request) => req.ip ?? req.socket.remoteAddress ?? "unknown";
  // The busiest endpoint, ahead of compression (its answer is a few bytes) and React Router.
  app.use(createAnswersFastPath((req) => clientAddressOf(req as express.Request)));
  // The build's files, compressed once at build time and looked up in memory (static-files.server.ts),
  // ahead of the on-the-fly compression so that it never compresses them again.
  app.use(createStaticFiles(build.assetsBuildDirectory));
  // Dynamic answers (pages, JSON) are compressed on the fly, at Brotli's quality 4 or gzip's level 6.
  app.use(compression());
  const handleRequest = createRequestHandler(build, env.NODE_ENV);
  app.use(createRespondentPageCache({ handleRequest, requestInfo: (req, cspNonce) => ({ clientAddress: clientAddressOf(req), cspNonce }) }));
  // The agency's public page (issue 17), rendered once and checked against its publication's version per view.
  app.use(createPublicPageCache({ handleRequest, requestInfo: (req, cspNonce) => ({ clientAddress: clientAddressOf(req), cspNonce }) }));
  // What the build does not hold (a file added to public/ since the build).
  app.use(express.static("public", { maxAge: "1h" }));
  app.all("*", createReactRouterHandler(handleRequest, (req, res) => ({ clientAddress: clientAddressOf(req), cspNonce: res.locals.cspNonce as string })));
  app.use(answerUnexpectedErrors);
  return app;
}

/**
 * `Cache-Control: no-store`, kept whatever a route, a middleware or a static file handler sets later: every
 * way of setting a header (res.set, res.append, res.setHeader, the answers fast path's writes) ends in
 * setHeader, so no route of the signed-in pages can forget it or weaken it (issue 14); a loader's own
 * Cache-Control there changes nothing (React Router sends a document's only through a `headers` export).
 */
function keepNoStore(res: express.Response): void {
  res.setHeader("Cache-Control", "no-store");
  const setHeader = res.setHeader.bind(res);
  res.setHeader = ((name: string, value: number | string | readonly string[]) =>
    name.toLowerCase() === "cache-control" ? res : setHeader(name, value)) as typeof res.setHeader;
}

/**
 * One JSON line per request (app/server/request-log.ts): time, method, masked path, status, duration;
 * no address, no user agent, no query string. Respondent requests are only counted, one line a minute.
 */
function logRequests(state: ServerState) {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const respondents = createRespondentCounter(write);
  // A quiet minute's count is written by this timer, not held until the next respondent comes.
  setInterval(() => respondents.flush(new Date()), 10_000).unref();
  state.flushLogs = () => respondents.flush();
  return (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const at = new Date();
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      if (isRespondentPath(req.path)) return respondents.count(new Date(), res.statusCode);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      write(formatRequestLog({ at, method: req.method, path: req.path, status: res.statusCode, ms }));
    });
    next();
  };
}

/**
 * The last resort for an error thrown outside React Router (which answers its own): a client error
 * that a middleware raised (express.static's 400 for a path it cannot decode, 416 for a bad range)
 * keeps its status; anything else is a 500. Either way the answer is the JSON shape of app/lib/http.ts,
 * never a stack.
 */
function answerUnexpectedErrors(error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) {
  if (res.headersSent) return next(error);
  const declared = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  const status = typeof declared === "number" && declared >= 400 && declared < 500 ? declared : 500;
  if (status === 500) console.error(error);
  const body: ApiError =
    status === 500
      ? { status, message: "ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง", messageEn: "Something went wrong on our side: please try again." }
      : { status, message: "คำขอไม่ถูกต้อง", messageEn: "The request is not valid." };
  res.status(status).set("Cache-Control", "no-store").json(body);
}

