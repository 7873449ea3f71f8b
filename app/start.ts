/**
 * npm start (`node app/build.mjs --if-needed && node build/runtime/start.js`): once the app and its
 * compiled runtime are built, migrates the database, creates the demo agency in an empty database
 * (printing the admin password once), then runs the compiled server with plain node.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createDb, migrateToLatest } from "../db/client.server";
import { seedDemo } from "../db/seed";
import { printAdminPassword } from "./cli-output";
import { getEnv } from "./lib/env.server";

const SERVER_BUILD = "build/server/index.js";
/** app/serve.ts as app/build.mjs compiles it; paths are relative to the project root, as app/serve.ts's are. */
const SERVER_RUNTIME = "build/runtime/serve.js";

async function main() {
  const env = getEnv();
  if (!existsSync(SERVER_BUILD) || !existsSync(SERVER_RUNTIME)) {
    throw new Error(`no build: ${SERVER_BUILD} or ${SERVER_RUNTIME} is missing; run \`npm run build\`, or \`npm start\`, which builds what is missing`);
  }

  const db = createDb(env.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const seeded = await seedDemo(db, { now: new Date(), log: (line) => console.log(line) });
    if (seeded.created) printAdminPassword(seeded.adminUsername!, seeded.adminPassword!);
  } finally {
    await db.destroy();
  }

  // The compiled server in a plain node process of its own: nothing stands between a signal forwarded
  // from here and the server, so a SIGTERM reaches its graceful shutdown (app/serve.ts) whole.
  const server = spawn(process.execPath, [SERVER_RUNTIME], {
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
