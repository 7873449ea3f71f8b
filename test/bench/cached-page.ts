/**
 * The measure shared by the page benchmarks (respondent-page, public-page): a page served from one of the
 * server's page caches, against the bare node:http server (bare-server.ts) sending the same HTML as a
 * static file; and, on the same server, the page rendered by React Router on every view (`?render=each`,
 * a query the caches do not answer) against the cache. The client asks for no compression, so both
 * servers send the same bytes. Prints the table and the ratios.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareRates, printTable, startBareServer, type BenchServer } from "./support";

const CONNECTIONS = 8;
const ROUNDS = 5;
const SECONDS = 4;

export async function benchCachedPage(options: {
  /** The built server, started by the caller on its database. */
  app: BenchServer;
  path: string;
  /** Text the rendered page must hold, or the benchmark stops (a page that failed to render is not measured). */
  mustContain: string;
  /** The subject's row in the table, e.g. "Prongsai, GET /s/:token". */
  label: string;
  /** How the cache is named in the React Router ratio's line, e.g. "page cache". */
  cacheName: string;
  /** How the views are named in the ratio's line, e.g. "page views". */
  viewsName: string;
  /** The ratio the issue asks for, printed as met or MISSED; none: the ratio alone. */
  target?: number;
}): Promise<void> {
  const { app, path } = options;
  const dir = mkdtempSync(join(tmpdir(), "prongsai-bench-page-"));
  let bare: BenchServer | undefined;
  try {
    const page = await fetch(`${app.url}${path}`, { headers: { "accept-encoding": "identity" } });
    const html = await page.text();
    if (page.status !== 200 || !html.includes(options.mustContain)) throw new Error(`the page ${path} did not render: ${page.status}`);
    const file = join(dir, "page.html");
    writeFileSync(file, html);
    bare = await startBareServer(["static", file]);

    const get = () => ({ method: "GET" as const, path, headers: { "accept-encoding": "identity" } });
    const result = await compareRates({ rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS, baseline: { url: bare.url, next: get }, subject: { url: app.url, next: get } });
    // What the cache buys: the same page rendered by React Router on every view, on the same server.
    const rendered = () => ({ method: "GET" as const, path: `${path}?render=each`, headers: { "accept-encoding": "identity" } });
    const viaRouter = await compareRates({ rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS, baseline: { url: app.url, next: get }, subject: { url: app.url, next: rendered } });
    const bytes = Buffer.byteLength(html);
    const failures = [...result.subjectRuns, ...viaRouter.subjectRuns].reduce((n, r) => n + r.errors + Object.entries(r.statuses).filter(([s]) => s !== "200").reduce((m, [, c]) => m + c, 0), 0);
    printTable([
      { server: "bare node:http, static file (baseline)", "page views/s (median)": result.baseline.toFixed(0), "HTML bytes": bytes, runs: result.baselineRuns.map((r) => r.perSecond.toFixed(0)).join(" ") },
      { server: options.label, "page views/s (median)": result.subject.toFixed(0), "HTML bytes": bytes, runs: result.subjectRuns.map((r) => r.perSecond.toFixed(0)).join(" ") },
      { server: `${options.label}?render=each (React Router, no cache)`, "page views/s (median)": viaRouter.subject.toFixed(0), "HTML bytes": bytes, runs: viaRouter.subjectRuns.map((r) => r.perSecond.toFixed(0)).join(" ") },
    ]);
    console.log(`ratio React Router render / ${options.cacheName}: ${viaRouter.ratio.toFixed(3)} (median of ${ROUNDS} alternating rounds on the same server)`);
    if (failures > 0) console.log(`non-200 answers or errors from the app: ${failures}`);
    const verdict = options.target === undefined ? "" : `; target ≥ ${options.target}: ${result.ratio >= options.target ? "met" : "MISSED"}`;
    console.log(`ratio ${options.viewsName} / static file: ${result.ratio.toFixed(3)} (median of ${ROUNDS} alternating ${SECONDS}-second rounds, ${CONNECTIONS} connections${verdict})`);
  } finally {
    await bare?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
