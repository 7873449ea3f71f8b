/**
 * Page views per second of the agency's public page (issue 17) from its cache — a published round's page,
 * GET /agency/:slug/rounds/:roundId, with the measured report of a closed round, its measures and the
 * counter satisfaction — against the bare node:http server (bare-server.ts) sending the same HTML as a
 * static file; and, on the same server, the page rendered by React Router on every view (a query the cache
 * does not answer) against the cache. Each cached view still reads the publication's version (one indexed
 * row): docs/decisions/public-page.md. The client asks for no compression, so both send the same bytes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRoundFixture } from "../support/fixtures";
import { publishRoundForTest } from "../support/publication";
import { createTestDb } from "../support/test-db";
import { compareRates, printTable, startBareServer, startBuiltServer, type BenchServer } from "./support";

const CONNECTIONS = 8;
const ROUNDS = 5;
const SECONDS = 4;

export async function run(): Promise<void> {
  const t = await createTestDb();
  const dir = mkdtempSync(join(tmpdir(), "prongsai-bench-public-"));
  const servers: BenchServer[] = [];
  try {
    const round = await createRoundFixture(t.db, "bench-public");
    await t.db.updateTable("round").set({ status: "closed" }).where("id", "=", round.roundId).execute();
    await publishRoundForTest(t.db, round.organizationId, round.roundId, { report: "measured", measures: true, counters: true });
    const app = await startBuiltServer({ databasePath: t.path });
    servers.push(app);
    const path = `/agency/bench-public/rounds/${round.roundId}`;
    const page = await fetch(`${app.url}${path}`, { headers: { "accept-encoding": "identity" } });
    const html = await page.text();
    if (page.status !== 200 || !html.includes("report-result")) throw new Error(`the public page did not render: ${page.status}`);
    const file = join(dir, "page.html");
    writeFileSync(file, html);
    const bare = await startBareServer(["static", file]);
    servers.push(bare);

    const get = () => ({ method: "GET" as const, path, headers: { "accept-encoding": "identity" } });
    const result = await compareRates({ rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS, baseline: { url: bare.url, next: get }, subject: { url: app.url, next: get } });
    const rendered = () => ({ method: "GET" as const, path: `${path}?render=each`, headers: { "accept-encoding": "identity" } });
    const viaRouter = await compareRates({ rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS, baseline: { url: app.url, next: get }, subject: { url: app.url, next: rendered } });
    const bytes = Buffer.byteLength(html);
    const failures = [...result.subjectRuns, ...viaRouter.subjectRuns].reduce((n, r) => n + r.errors + Object.entries(r.statuses).filter(([s]) => s !== "200").reduce((m, [, c]) => m + c, 0), 0);
    printTable([
      { server: "bare node:http, static file (baseline)", "page views/s (median)": result.baseline.toFixed(0), "HTML bytes": bytes, runs: result.baselineRuns.map((r) => r.perSecond.toFixed(0)).join(" ") },
      { server: "Prongsai, GET /agency/:slug/rounds/:roundId (cache)", "page views/s (median)": result.subject.toFixed(0), "HTML bytes": bytes, runs: result.subjectRuns.map((r) => r.perSecond.toFixed(0)).join(" ") },
      { server: "Prongsai, the same ?render=each (React Router, no cache)", "page views/s (median)": viaRouter.subject.toFixed(0), "HTML bytes": bytes, runs: viaRouter.subjectRuns.map((r) => r.perSecond.toFixed(0)).join(" ") },
    ]);
    console.log(`ratio React Router render / public page cache: ${viaRouter.ratio.toFixed(3)} (median of ${ROUNDS} alternating rounds on the same server)`);
    if (failures > 0) console.log(`non-200 answers or errors from the app: ${failures}`);
    console.log(`ratio public page views (cache) / static file: ${result.ratio.toFixed(3)} (median of ${ROUNDS} alternating ${SECONDS}-second rounds, ${CONNECTIONS} connections)`);
  } finally {
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  }
}
