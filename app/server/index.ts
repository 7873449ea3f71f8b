/**
 * The entry of the server build (build/server/index.js; vite.config.ts names it): React Router's routes
 * and our server in one bundle, run by plain node as
 *
 *   node build/server/index.js start      migrate, create the demo agency in an empty database (unless
 *                                         DEMO_AGENCY=off: app/seed/first-start.server.ts), serve
 *   node build/server/index.js serve      serve only (the database is migrated already)
 *   node build/server/index.js cli …      the operator's command line (app/cli.ts)
 *
 * `npm start` and `npm run cli` build first if needed (app/build.mjs) and run the first and the last.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as build from "virtual:react-router/server-build";
import { createDb, migrateToLatest } from "../../db/client.server";
import { prepareFirstStart } from "../seed/first-start.server";
import { runCli } from "../cli";
import { poolKey } from "../services/answer-pool/seal.server";
import { getEnv } from "../lib/env.server";
import { createApp } from "./app.server";
import { listen } from "./http-server.server";

export { build, createApp };

async function start(): Promise<void> {
  const db = createDb(getEnv().DATABASE_URL);
  try {
    await migrateToLatest(db);
    await prepareFirstStart(db, { demoAgency: getEnv().DEMO_AGENCY, now: new Date(), log: (line) => console.log(line) });
  } finally {
    await db.destroy();
  }
  listen(build);
}

const USAGE = "usage: node build/server/index.js start | serve | cli <command> …";

async function main([command, ...args]: string[]): Promise<number | undefined> {
  // The IIT pool's key is read (or made) before the first request: a broken key file stops the start,
  // not a staff member's submission.
  if (command === "start" || command === "serve") poolKey();
  if (command === "start") return void (await start());
  if (command === "serve") return void listen(build);
  if (command === "cli") return runCli(args);
  console.error(USAGE);
  return 2;
}

// Only when run as a program: importing the build (a test, a tool) starts nothing.
const runAsProgram = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runAsProgram) {
  // Every file the server or a command makes (the database and its WAL, backups, their folders) is the
  // server account's alone (issue 12): 0600 files and 0700 folders, whatever the shell's umask.
  process.umask(0o077);
  main(process.argv.slice(2)).then(
    // A server keeps running; a command exits with its code.
    (code) => (code === undefined ? undefined : process.exit(code)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
