/**
 * Page views per second of the respondent page GET /s/:token through the built server (Express, React
 * Router's loader and server render), against the bare node:http server (bare-server.ts) sending a
 * static file with the same HTML: the ratio is what rendering costs. Target (issue 18): at least 0.3.
 *
 * The page a visitor's phone opens from a counter's QR code (EIT, Thai); the client asks for no
 * compression, so neither server spends time on gzip and both send the same bytes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRoundFixture } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { compareRates, printTable, startBareServer, startBuiltServer, type BenchServer } from "./support";

const TARGET = 0.3;
const CONNECTIONS = 8;
const ROUNDS = 5;
const SECONDS = 4;

export async function run(): Promise<void> {
  const t = await createTestDb();
  const dir = mkdtempSync(join(tmpdir(), "prongsai-bench-page-"));
  const servers: BenchServer[] = [];
  try {
    const round = await createRoundFixture(t.db, "bench-page");
    const app = await startBuiltServer({ databasePath: t.path });
    servers.push(app);
    const path = `/s/${round.eitToken}`;
    const page = await fetch(`${app.url}${path}`, { headers: { "accept-encoding": "identity" } });
    const html = await page.text();
    if (page.status !== 200 || !html.includes("e15")) throw new Error(`the respondent page did not render: ${page.status}`);
    const file = join(dir, "page.html");
    writeFileSync(file, html);
    const bare = await startBareServer(["static", file]);
    servers.push(bare);

    const get = () => ({ method: "GET" as const, path, headers: { "accept-encoding": "identity" } });
    const result = await compareRates({
      rounds: ROUNDS,
      seconds: SECONDS,
      connections: CONNECTIONS,
      baseline: { url: bare.url, next: get },
      subject: { url: app.url, next: get },
    });
    // What the page cache buys (docs/decisions/respondent-page-cache.md): the same page rendered by React
    // Router on every view (a query the cache does not answer), against the cache, on the same server.
    const rendered = () => ({ method: "GET" as const, path: `${path}?render=each`, headers: { "accept-encoding": "identity" } });
    const viaRouter = await compareRates({ rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS, baseline: { url: app.url, next: get }, subject: { url: app.url, next: rendered } });
    const bytes = Buffer.byteLength(html);
    const failures = [...result.subjectRuns, ...viaRouter.subjectRuns].reduce((n, r) => n + r.errors + Object.entries(r.statuses).filter(([s]) => s !== "200").reduce((m, [, c]) => m + c, 0), 0);
    printTable([
      { server: "bare node:http, static file (baseline)", "page views/s (median)": result.baseline.toFixed(0), "HTML bytes": bytes, runs: result.baselineRuns.map((r) => r.perSecond.toFixed(0)).join(" ") },
      { server: "Prongsai, GET /s/:token", "page views/s (median)": result.subject.toFixed(0), "HTML bytes": bytes, runs: result.subjectRuns.map((r) => r.perSecond.toFixed(0)).join(" ") },
      { server: "Prongsai, GET /s/:token?render=each (React Router, no cache)", "page views/s (median)": viaRouter.subject.toFixed(0), "HTML bytes": bytes, runs: viaRouter.subjectRuns.map((r) => r.perSecond.toFixed(0)).join(" ") },
    ]);
    console.log(`ratio React Router render / page cache: ${viaRouter.ratio.toFixed(3)} (median of ${ROUNDS} alternating rounds on the same server)`);
    if (failures > 0) console.log(`non-200 answers or errors from the app: ${failures}`);
    console.log(
      `ratio page views / static file: ${result.ratio.toFixed(3)} (median of ${ROUNDS} alternating ${SECONDS}-second rounds, ${CONNECTIONS} connections; target ≥ ${TARGET}: ${result.ratio >= TARGET ? "met" : "MISSED"})`,
    );
  } finally {
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  }
}
