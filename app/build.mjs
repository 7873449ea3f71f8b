/**
 * `node app/build.mjs [--if-needed]`: the one build, `react-router build`, which writes the browser's
 * files to build/client and the server (routes, Express app, command line) to build/server/index.js.
 * With --if-needed it builds only when that file is missing or older than a source, so that `npm start`
 * and `npm run cli` on a fresh clone or after an edit run what the sources say, and otherwise start at
 * once. Plain JavaScript on purpose: it runs before anything is compiled, with node alone.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SERVER_BUILD = path.join(ROOT, "build/server/index.js");
/** What the build is made of: a change to any of these makes it stale. */
const SOURCES = ["app", "db", "surveys", "public", "package.json", "vite.config.ts", "react-router.config.ts"];

function newestChange(entry) {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

function isStale() {
  if (!existsSync(SERVER_BUILD)) return true;
  const builtAt = statSync(SERVER_BUILD).mtimeMs;
  return SOURCES.some((source) => newestChange(path.join(ROOT, source)) > builtAt);
}

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--if-needed");
if (unknown.length) {
  console.error(`unknown option ${unknown.join(" ")}; usage: node app/build.mjs [--if-needed]`);
  process.exit(2);
}
if (!args.includes("--if-needed") || isStale()) {
  const build = spawnSync(path.join(ROOT, "node_modules/.bin/react-router"), ["build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  process.exit(build.status ?? 1);
}
