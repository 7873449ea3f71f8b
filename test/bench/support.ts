/**
 * Helpers for benchmarks: medians of repeated runs, a small table printer, and for the benchmarks over
 * HTTP the built server, the bare baseline server and a load generator.
 */
import { performance } from "node:perf_hooks";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export async function medianMs(runs: number, work: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function printTable(rows: Record<string, string | number>[]): void {
  console.table(rows);
}

/** The repository root (benchmarks are run from it: npm run bench). */
export const ROOT = resolve(".");
const BUILD_LOCK = "/tmp/prongsai-build.lock";

let privateBuild: Promise<string> | undefined;

/**
 * Builds the app (npm run build: app/build.mjs) under the shared build lock (other
 * people rebuild build/ at any time) and copies it into a private folder, once per `npm run bench`. The
 * server then runs as build/server/index.js of that folder, with the folder as its working directory
 * (it reads build/ from there, and the frameworks from surveys/ beside it); a node_modules link lets the
 * build find its packages.
 */
export function buildPrivateCopy(): Promise<string> {
  privateBuild ??= new Promise<string>((done, fail) => {
    const dir = mkdtempSync(join(tmpdir(), "prongsai-bench-build-"));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    const started = performance.now();
    const child = spawn("flock", [BUILD_LOCK, "sh", "-c", `node app/build.mjs >/dev/null && cp -r build surveys '${dir}/'`], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let errors = "";
    child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("error", fail);
    child.on("exit", (code) => {
      if (code !== 0 || !existsSync(join(dir, "build/server/index.js"))) return fail(new Error(`the build failed (exit ${code}):\n${errors}`));
      console.log(`built the app under ${BUILD_LOCK} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      done(dir);
    });
  });
  return privateBuild;
}

export async function findFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export interface BenchServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts a server process on a free loopback port and waits until `readyPath` answers 200: `node file args…`
 * for compiled JavaScript, `node --import tsx file args…` for a TypeScript file.
 */
export async function startProcessServer(options: {
  script: string;
  args?: string[];
  /** Flags for node itself, e.g. --cpu-prof to see where a server spends its time. */
  nodeFlags?: string[];
  cwd?: string;
  env?: Record<string, string>;
  readyPath: string;
}): Promise<BenchServer> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  // For TypeScript, tsx as a loader in the server's own node process, not the tsx CLI, whose parent
  // process would stand between us and the server.
  const loader = options.script.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...loader, ...(options.nodeFlags ?? []), options.script, ...(options.args ?? [])], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: url, ...options.env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  // stdout (one log line per request) is dropped: a benchmark must not measure a pipe to this process.
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.script} exited early:\n${output}`);
    try {
      const response = await fetch(`${url}${options.readyPath}`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.script} did not answer ${options.readyPath} within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

/** The built Prongsai server (build/server/index.js of a private copy of the build, plain node), as production runs it. */
export async function startBuiltServer(options: { databasePath: string; env?: Record<string, string>; nodeFlags?: string[] }): Promise<BenchServer> {
  const cwd = await buildPrivateCopy();
  return startProcessServer({
    script: join(cwd, "build/server/index.js"),
    args: ["serve"],
    nodeFlags: options.nodeFlags,
    cwd,
    env: { DATABASE_URL: options.databasePath, ...options.env },
    readyPath: "/healthz",
  });
}

/** The bare node:http baseline (test/bench/bare-server.ts) in one of its modes. */
export function startBareServer(args: string[]): Promise<BenchServer> {
  return startProcessServer({ script: join(ROOT, "test/bench/bare-server.ts"), args, readyPath: "/ready" });
}

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the body chunked instead of with a Content-Length (the answers fast path leaves such a body to React Router). */
  chunked?: boolean;
  /** A status other than 2xx that means success (a form post's 303 to its thanks page). */
  successStatus?: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  statuses: Record<number, number>;
  errors: number;
  bytes: number;
}

/**
 * Closed-loop load: `connections` keep-alive connections, each sending its next request as soon as
 * the previous answer has been read, for `seconds`. Counts every answer by status; only 2xx (and a
 * request's own successStatus) count toward the rate.
 */
export async function runLoad(options: {
  url: string;
  connections: number;
  seconds: number;
  next: (n: number) => LoadRequest;
}): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const statuses: Record<number, number> = {};
  let ok = 0;
  let errors = 0;
  let bytes = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const one = (req: LoadRequest) =>
    new Promise<void>((done) => {
      const headers: Record<string, string | number> = { ...req.headers };
      if (req.body !== undefined) headers[req.chunked ? "transfer-encoding" : "content-length"] = req.chunked ? "chunked" : Buffer.byteLength(req.body);
      const r = httpRequest({ agent, host: target.hostname, port: target.port, method: req.method, path: req.path, headers }, (res) => {
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          statuses[status] = (statuses[status] ?? 0) + 1;
          if ((status >= 200 && status < 300) || status === req.successStatus) ok++;
          done();
        });
      });
      r.on("error", () => {
        errors++;
        done();
      });
      r.end(req.body);
    });
  const worker = async () => {
    while (performance.now() < deadline) await one(options.next(sent++));
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests: ok, seconds, perSecond: ok / seconds, statuses, errors, bytes };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Measures two servers in alternation (baseline, subject, baseline, subject…), `rounds` times each
 * after a warm-up of both, so that a burst of load from somebody else on the machine hits both alike;
 * returns the median rates and the median of the per-round ratios.
 */
export async function compareRates(options: {
  rounds: number;
  seconds: number;
  connections: number;
  baseline: { url: string; next: (n: number) => LoadRequest };
  subject: { url: string; next: (n: number) => LoadRequest };
}): Promise<{ baseline: number; subject: number; ratio: number; baselineRuns: LoadResult[]; subjectRuns: LoadResult[] }> {
  const load = (side: { url: string; next: (n: number) => LoadRequest }, seconds: number) =>
    runLoad({ url: side.url, connections: options.connections, seconds, next: side.next });
  await load(options.baseline, 2);
  await load(options.subject, 2);
  const baselineRuns: LoadResult[] = [];
  const subjectRuns: LoadResult[] = [];
  for (let i = 0; i < options.rounds; i++) {
    baselineRuns.push(await load(options.baseline, options.seconds));
    subjectRuns.push(await load(options.subject, options.seconds));
  }
  return {
    baseline: median(baselineRuns.map((r) => r.perSecond)),
    subject: median(subjectRuns.map((r) => r.perSecond)),
    ratio: median(subjectRuns.map((r, i) => r.perSecond / baselineRuns[i]!.perSecond)),
    baselineRuns,
    subjectRuns,
  };
}
