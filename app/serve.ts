/**
 * The production HTTP server: Express around the built React Router app. Our own instead of
 * react-router-serve so that actions get the client's address (for in-memory rate limits; never
 * stored), every response carries the security headers, request logs carry no personal data, and a
 * SIGTERM finishes the submissions in flight before the database is closed.
 */
import "./lib/load-context";
import compression from "compression";
import express from "express";
import { createServer as createHttpServer, type IncomingMessage, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { getEnv } from "./lib/env.server";
import type { ApiError } from "./lib/http";
import { checkRequest } from "./lib/request-guards.server";
import { createRequestHandler } from "./lib/request-handler.server";
import { formatRequestLog } from "./lib/request-log";
import { createRespondentPageCache } from "./lib/respondent-page-cache.server";
import { createCspNonce, securityHeaders } from "./lib/security-headers.server";

const BUILD = path.resolve("build/server/index.js");

/**
 * Slow clients: the request head must arrive within 15 s and the whole request within 30 s (a
 * submission is at most 64 KB), so a trickling client cannot hold a connection. An idle kept-alive
 * connection lives 65 s, longer than the 60 s idle timeout of common load balancers, so that the
 * balancer, not we, closes it and never sends on a connection we are closing.
 */
const HEADERS_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 30_000;
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const CONNECTIONS_CHECK_MS = 1_000;
/** After SIGTERM, requests in flight get this long to finish before their connections are cut. */
const SHUTDOWN_GRACE_MS = 20_000;

interface ServerEntryExtras {
  closeDatabase?: () => Promise<void>;
  findAcceptingLink?: (token: string) => Promise<unknown>;
  createAnswersFastPath?: (clientAddressOf: (req: IncomingMessage) => string) => express.RequestHandler;
}

export async function createServer(state: { shuttingDown: boolean }) {
  const env = getEnv();
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY) app.set("trust proxy", env.TRUST_PROXY);
  app.use(logRequests);
  app.use((req, res, next) => {
    const nonce = createCspNonce();
    res.locals.cspNonce = nonce;
    const headers = securityHeaders(nonce);
    res.set(headers);
    // A route's own value of one of these headers replaces ours instead of being appended to it
    // (the React Router adapter appends: "nosniff, nosniff" is not a valid value).
    const ours = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
    const append = res.append.bind(res);
    res.append = (field: string, value?: string | string[]) => (ours.has(field.toLowerCase()) ? res.set(field, value) : append(field, value));
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
  const { createAnswersFastPath } = build.entry.module as ServerEntryExtras;
  if (createAnswersFastPath) app.use(createAnswersFastPath((req) => clientAddressOf(req as express.Request)));
  app.use(compression());
  app.use("/assets", express.static(path.join(build.assetsBuildDirectory, "assets"), { immutable: true, maxAge: "1y" }));
  const loadContext = (req: express.Request, cspNonce: string) => ({ clientAddress: clientAddressOf(req), cspNonce });
  // Before the static folders: a respondent page needs none of their disk lookups.
  const { findAcceptingLink } = build.entry.module as ServerEntryExtras;
  if (findAcceptingLink) app.use(createRespondentPageCache({ build, mode: env.NODE_ENV, findAcceptingLink, loadContext }));
  app.use(express.static(build.assetsBuildDirectory, { maxAge: "1h" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => loadContext(req, res.locals.cspNonce as string),
    }),
  );
  app.use(answerUnexpectedErrors);
  const closeDatabase = (build.entry.module as ServerEntryExtras).closeDatabase;
  return { app, closeDatabase: closeDatabase ?? (async () => undefined) };
}

/**
 * One JSON line per request (app/lib/request-log.ts): time, method, masked path, status, duration;
 * no address, no user agent, no query string.
 */
function logRequests(req: express.Request, res: express.Response, next: express.NextFunction) {
  const at = new Date();
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`${formatRequestLog({ at, method: req.method, path: req.path, status: res.statusCode, ms })}\n`);
  });
  next();
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

/**
 * SIGTERM/SIGINT: stop accepting connections, let the requests in flight finish (a submission's
 * transaction commits and its answer is sent), close idle kept-alive connections, close the database,
 * exit 0. If a request is still running after SHUTDOWN_GRACE_MS, its connection is cut and we exit 1.
 */
function shutDownGracefully(server: Server, state: { shuttingDown: boolean }, closeDatabase: () => Promise<void>) {
  const log = (event: string) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event })}\n`);
  let exiting = false;
  return () => {
    if (state.shuttingDown) return;
    state.shuttingDown = true;
    log("shutdown: finishing requests in flight");
    const deadline = setTimeout(() => {
      log("shutdown: requests still running after the grace period, cutting them off");
      server.closeAllConnections();
      void finish(1);
    }, SHUTDOWN_GRACE_MS);
    deadline.unref();
    const finish = async (code: number) => {
      if (exiting) return;
      exiting = true;
      clearTimeout(deadline);
      try {
        await closeDatabase();
        log("shutdown: database closed");
      } catch (error) {
        console.error(error);
        code = 1;
      }
      process.exit(code);
    };
    server.close(() => void finish(0));
    server.closeIdleConnections();
  };
}

async function main() {
  const env = getEnv();
  const state = { shuttingDown: false };
  const { app, closeDatabase } = await createServer(state);
  const server = createHttpServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      // How often Node looks for requests past those timeouts (30 s by default: a slow client could
      // then hold on for 45 s instead of 15).
      connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
    },
    app,
  );
  server.listen(env.PORT, env.HOST, () => console.log(`Prongsai listens on ${env.PUBLIC_URL} (port ${env.PORT})`));
  const shutDown = shutDownGracefully(server, state, closeDatabase);
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, shutDown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
