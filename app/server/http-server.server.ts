/**
 * The Node HTTP server around the Express app: timeouts against slow clients, and a graceful shutdown
 * that lets the submissions in flight finish before the database is closed.
 */
import { createServer, type Server } from "node:http";
import type { ServerBuild } from "react-router";
import { closeDb, getDb } from "../lib/db.server";
import { purgeExpiredAnswers, purgeExpiredComplaintContacts } from "../services/retention.server";
import { purgeEndedSessions } from "../auth/session.server";
import { getEnv } from "../lib/env.server";
import { publicUrlWarning } from "../lib/public-url";
import { registerNotifyChannels } from "../services/notify/channels.server";
import { createApp, type ServerState } from "./app.server";
import { startOutboxWorker, type OutboxWorker } from "./outbox-worker.server";

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

/** Listens on PORT and HOST until SIGTERM or SIGINT. */
export function listen(build: ServerBuild): Server {
  const env = getEnv();
  const state: ServerState = { shuttingDown: false };
  const server = createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      // How often Node looks for requests past those timeouts (30 s by default: a slow client could
      // then hold on for 45 s instead of 15).
      connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
    },
    createApp(build, state),
  );
  server.listen(env.PORT, env.HOST, () => {
    console.log(`Prongsai listens on ${env.PUBLIC_URL} (port ${env.PORT})`);
    // Once per process, before anyone prints a poster: a localhost PUBLIC_URL prints links nobody outside can open.
    if (env.PUBLIC_URL_LOCAL) console.log(publicUrlWarning(env.PUBLIC_URL));
  });
  const tasks = registerNotifyChannels();
  const worker = env.OUTBOX_WORKER === "on" ? startOutboxWorker({ getDb, pollMs: env.OUTBOX_POLL_SECONDS * 1000, tasks }) : undefined;
  const shutDown = shutDownGracefully(server, state, worker);
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, shutDown);
  scheduleRetention(state);
  return server;
}

/** How often the server deletes the raw answers whose retention has passed (and once at start). */
const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * The agencies' retention (app/services/retention.server.ts) and the deletion of ended sign-in sessions
 * (issue 14: past their 12 hours or their idle time), run by the server itself so that no cron is needed:
 * once shortly after start, then daily. Several processes may each run it: deleting what another deleted
 * already finds nothing. A failure is logged and tried again the next day.
 */
function scheduleRetention(state: ServerState) {
  const run = async () => {
    if (state.shuttingDown) return;
    try {
      const purged = await purgeExpiredAnswers(getDb(), new Date());
      for (const round of purged) {
        process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event: "retention: raw answers deleted", ...round })}\n`);
      }
      for (const erased of await purgeExpiredComplaintContacts(getDb(), new Date())) {
        process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event: "retention: a closed complaint's contact details deleted", ...erased })}\n`);
      }
      const sessions = await purgeEndedSessions(getDb(), new Date());
      if (sessions > 0) process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event: "sessions: ended ones deleted", count: sessions })}\n`);
    } catch (error) {
      console.error(error);
    }
  };
  setTimeout(() => void run(), 5_000).unref();
  setInterval(() => void run(), RETENTION_EVERY_MS).unref();
}

/**
 * SIGTERM/SIGINT: stop accepting connections, let the requests in flight finish (a submission's
 * transaction commits and its answer is sent), close idle kept-alive connections, stop the outbox's worker
 * (its pass in flight finishes), close the database,
 * exit 0. If a request is still running after SHUTDOWN_GRACE_MS, its connection is cut and we exit 1.
 */
function shutDownGracefully(server: Server, state: ServerState, worker: OutboxWorker | undefined) {
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
      state.flushLogs?.();
      try {
        // The outbox's pass in flight records its outcomes before the database closes.
        await worker?.stop();
        await closeDb();
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
