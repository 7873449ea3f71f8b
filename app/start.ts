/**
 * npm start: builds the app if there is no build yet, migrates the database, creates the demo agency
 * in an empty database (printing the admin password once), then runs the built server.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createDb, migrateToLatest } from "../db/client.server";
import { seedDemo } from "../db/seed";
import { printAdminPassword } from "./cli-output";
import { getEnv } from "./lib/env.server";

const SERVER_BUILD = "build/server/index.js";

async function main() {
  const env = getEnv();
  if (!existsSync(SERVER_BUILD)) {
    console.log("no build found: building the app (about a minute)…");
    const build = spawnSync("node_modules/.bin/react-router", ["build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("the build failed");
  }

  const db = createDb(env.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const seeded = await seedDemo(db, { now: new Date(), log: (line) => console.log(line) });
    if (seeded.created) printAdminPassword(seeded.adminUsername!, seeded.adminPassword!);
  } finally {
    await db.destroy();
  }

  // tsx as a loader in the server's own process: the tsx CLI would stand between this process and the
  // server, and SIGKILL a server too busy to confirm a SIGTERM within 30 ms, cutting the submissions
  // in flight that graceful shutdown (app/serve.ts) is there to finish.
  const server = spawn(process.execPath, ["--import", "tsx", "app/serve.ts"], {
    stdio: "inherit",
    env: { ...process.env, PORT: String(env.PORT), NODE_ENV: "production" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
