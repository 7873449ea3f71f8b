/**
 * npm run build: the React Router app (build/client, build/server), then the server's runtime: app/serve.ts,
 * app/start.ts and app/cli.ts compiled by esbuild to plain ESM JavaScript in build/runtime/, so that
 * production runs `node build/runtime/serve.js` and never compiles TypeScript at run time (tsx as a loader
 * costs a process ~35 MB and the compiling of every module it loads).
 *
 *   node app/build.mjs                      both, always
 *   node app/build.mjs --if-needed          the app only if build/server is missing, the runtime only if stale
 *   node app/build.mjs --runtime            the runtime only (add --if-needed: only if stale)
 *
 * Plain JavaScript on purpose: it runs before anything is compiled, with node alone.
 *
 * Our own modules are bundled into one file per entry (no shared chunks: a running server never lazily
 * loads a chunk that a later build has replaced); every package stays external and is loaded from
 * node_modules as before (better-sqlite3 is native; express, pg, kysely and exceljs are not ours to
 * bundle). JSON (surveys/) is inlined. Paths the code resolves at run time (build/server/index.js,
 * build/client, public/, data/) are relative to the working folder, the project root, so they resolve
 * from the compiled file as they did from the source. Files are written beside their final name and
 * renamed into place, so a process starting meanwhile (a test worker, a second `npm start`) reads a
 * whole file, never a half-written one.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const RUNTIME_DIR = path.join(ROOT, "build/runtime");
export const RUNTIME_ENTRIES = { serve: "app/serve.ts", start: "app/start.ts", cli: "app/cli.ts" };
const SERVER_BUILD = path.join(ROOT, "build/server/index.js");
/** The source files of the last compile, to tell whether it is stale. */
const INPUTS_FILE = "inputs.json";

/**
 * Compiles entry points (name → source path, relative to the project root) into `outdir`, as one
 * ESM file each with our own code bundled and packages external. The export benchmark compiles its child
 * with the same settings, so that it measures what production runs.
 * @param {{ entryPoints: Record<string, string>, outdir: string }} options
 * @returns {Promise<string[]>} the compiled files
 */
export async function compileRuntime({ entryPoints, outdir }) {
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20.19",
    sourcemap: "linked",
    metafile: true,
    write: false,
    logLevel: "warning",
  });
  mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) writeWhole(file.path, file.contents);
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith("node_modules/"));
  writeWhole(path.join(outdir, INPUTS_FILE), JSON.stringify({ entries: entryPoints, inputs }, null, 2));
  return Object.keys(entryPoints).map((name) => path.join(outdir, `${name}.js`));
}

/** Writes next to the target and renames over it: readers see the old file or the new one, whole. */
function writeWhole(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/**
 * Whether `outdir` lacks a compile of `entryPoints`, or a source it was compiled from (or this script,
 * or package.json with its "imports" map) changed since. A new source file can only enter the bundle
 * through an edit of one already in it, so checking the recorded inputs is enough.
 * @param {{ entryPoints: Record<string, string>, outdir: string }} options
 */
export function isRuntimeStale({ entryPoints, outdir }) {
  const record = path.join(outdir, INPUTS_FILE);
  if (!existsSync(record)) return true;
  const { entries, inputs } = JSON.parse(readFileSync(record, "utf8"));
  if (JSON.stringify(entries) !== JSON.stringify(entryPoints)) return true;
  const outputs = Object.keys(entryPoints).map((name) => path.join(outdir, `${name}.js`));
  if (!outputs.every((file) => existsSync(file))) return true;
  const compiledAt = Math.min(statSync(record).mtimeMs, ...outputs.map((file) => statSync(file).mtimeMs));
  const sources = [...inputs, "app/build.mjs", "package.json"];
  return sources.some((source) => {
    const file = path.join(ROOT, source);
    return !existsSync(file) || statSync(file).mtimeMs > compiledAt;
  });
}

function buildApp() {
  const build = spawnSync(path.join(ROOT, "node_modules/.bin/react-router"), ["build"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("the React Router build failed");
}

async function main(args) {
  const ifNeeded = args.includes("--if-needed");
  const runtimeOnly = args.includes("--runtime");
  const unknown = args.filter((arg) => arg !== "--if-needed" && arg !== "--runtime");
  if (unknown.length) {
    console.error(`unknown option ${unknown.join(" ")}; usage: node app/build.mjs [--runtime] [--if-needed]`);
    return 2;
  }
  // The React Router build empties build/ (the runtime included), so it goes first.
  if (!runtimeOnly && !(ifNeeded && existsSync(SERVER_BUILD))) {
    if (ifNeeded) console.log("no build found: building the app (about a minute)…");
    buildApp();
  }
  const runtime = { entryPoints: RUNTIME_ENTRIES, outdir: RUNTIME_DIR };
  if (!ifNeeded || isRuntimeStale(runtime)) await compileRuntime(runtime);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
