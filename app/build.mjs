/**
 * `node app/build.mjs [--if-needed]`: the one build, `react-router build`, which writes the browser's
 * files to build/client and the server (routes, Express app, command line) to build/server/index.js;
 * then every compressible file of build/client is compressed once, with Brotli at quality 11 and gzip at
 * level 9, into FILE.br and FILE.gz beside it (each only when smaller than the file), for the server to
 * send as they are (app/server/static-files.server.ts; docs/decisions/build-time-compression.md).
 * With --if-needed it builds only when that file is missing or older than a source, so that `npm start`
 * and `npm run cli` on a fresh clone or after an edit run what the sources say, and otherwise start at
 * once. Plain JavaScript on purpose: it runs before anything is compiled, with node alone.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SERVER_BUILD = path.join(ROOT, "build/server/index.js");
const CLIENT_BUILD = path.join(ROOT, "build/client");
/**
 * What is worth compressing: text. Fonts in WOFF and WOFF2 are compressed already (WOFF2 with Brotli);
 * TrueType and OpenType are not.
 */
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|html|txt|xml|webmanifest|map|ttf|otf|eot)$/;
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

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/**
 * FILE.br (Brotli, quality 11, the largest window) and FILE.gz (gzip, level 9) beside every compressible
 * file of build/client, each written only when it is smaller than the file. zlib runs on libuv's threads,
 * so the files are compressed side by side.
 */
async function compressClientFiles() {
  const brotli = promisify(brotliCompress);
  const gzipAsync = promisify(gzip);
  const files = listFiles(CLIENT_BUILD).filter((file) => COMPRESSIBLE.test(file));
  let before = 0;
  let after = 0;
  await Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(file);
      const [br, gz] = await Promise.all([
        brotli(bytes, {
          params: {
            [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
            [zlib.BROTLI_PARAM_LGWIN]: zlib.BROTLI_MAX_WINDOW_BITS,
            [zlib.BROTLI_PARAM_MODE]: /\.(ttf|otf|eot)$/.test(file) ? zlib.BROTLI_MODE_FONT : zlib.BROTLI_MODE_TEXT,
            [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }),
        gzipAsync(bytes, { level: zlib.Z_BEST_COMPRESSION, memLevel: 9 }),
      ]);
      // A copy left from an earlier build must not outlive its file.
      await Promise.all([rm(`${file}.br`, { force: true }), rm(`${file}.gz`, { force: true })]);
      if (br.length < bytes.length) await writeFile(`${file}.br`, br);
      if (gz.length < bytes.length) await writeFile(`${file}.gz`, gz);
      before += bytes.length;
      after += Math.min(br.length, bytes.length);
    }),
  );
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`compressed ${files.length} files of build/client at build time: ${kb(before)} → ${kb(after)} with Brotli 11 (and gzip -9 beside)`);
}

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--if-needed");
if (unknown.length) {
  console.error(`unknown option ${unknown.join(" ")}; usage: node app/build.mjs [--if-needed]`);
  process.exit(2);
}
if (!args.includes("--if-needed") || isStale()) {
  const build = spawnSync(path.join(ROOT, "node_modules/.bin/react-router"), ["build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  if (build.status !== 0) process.exit(build.status ?? 1);
  await compressClientFiles();
}
