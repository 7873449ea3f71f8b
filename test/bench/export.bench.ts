/**
 * Exports stream: a round of 1,000,000 responses exports to CSV in the same memory as a round of
 * 10,000 (the baseline), because responses are read in keyset pages and written as the reader takes
 * them (app/services/export/). The rows are generated here; each export then runs in a fresh
 * child process (export-child.ts) that loads only the database client and the export service and writes
 * the file to /dev/null, so its peak memory (RSS sampled while the file is written, and the kernel's
 * VmHWM/maxRSS of that process) is the export's alone, not this process's. The child is compiled by
 * esbuild (packages external, as the server build keeps them) and runs under plain node, as production runs the
 * server and the CLI (no TypeScript loader). The responses go straight into `response` (no tallies: the
 * CSV reads responses only) — a few thousand distinct answer sets repeated, in one transaction. Then
 * the same CSV exports are downloaded over HTTP from the built server (build/server/index.js, plain node,
 * as production runs it), signed in as a viewer of each round's agency, and that server's resident
 * memory is read from /proc while it streams: what an agency's server pays, its pages and routes loaded.
 * Never fails on speed; it prints whether the peaks stayed under 200 MB.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { ExportChildResult } from "./export-child";
import { getFramework } from "../../app/lib/frameworks.server";
import type { ExportFormat } from "../../app/services/export/plan.server";
import { listInstrumentFields } from "../../app/services/validate-answers";
import type { Db } from "../../db/client.server";
import { insertResponseRows } from "../../db/queries/exports";
import { getPublicLink } from "../../db/queries/links";
import { getRoundWithOrganization } from "../../db/queries/rounds";
import type { NewResponse } from "../../db/schema";
import { createTestUser, signInOverHttp } from "../support/accounts";
import { createRoundFixture } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { type BenchServer, printTable, ROOT, startBuiltServer } from "./support";

const LARGE = 1_000_000;
const SMALL = 10_000;
/** The XLSX writer (exceljs) is ~15× slower per row than the CSV one; a smaller round shows its memory profile. */
const XLSX_ROWS = 300_000;
const DISTINCT_SETS = 3_000;
const BATCH = 500;
const LIMIT_MB = 200;

/** Deterministic pseudo-random answer sets, as JSON text, per instrument. */
function answerSets(instrument: "iit" | "eit"): string[] {
  const framework = getFramework("ita-2565");
  const fields = listInstrumentFields(framework, instrument);
  let state = instrument === "iit" ? 7 : 11;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  return Array.from({ length: DISTINCT_SETS }, () => {
    const answers: Record<string, number> = {};
    for (const field of fields) {
      const options = framework.scales[field.scale]!.options;
      answers[field.name] = options[next() % options.length]!.value;
    }
    return JSON.stringify(answers);
  });
}

/** `count` responses, 60 % IIT and 40 % EIT over the year, in one transaction of batched inserts (recount.bench.ts uses it too). */
export async function fillRound(db: Db, slug: string, count: number): Promise<number> {
  const fixture = await createRoundFixture(db, slug);
  const iitLink = (await getPublicLink(db, fixture.iitToken))!.linkId;
  const eitLink = (await getPublicLink(db, fixture.eitToken))!.linkId;
  const sets = { iit: answerSets("iit"), eit: answerSets("eit") };
  await db.transaction().execute(async (trx) => {
    let batch: NewResponse[] = [];
    for (let n = 0; n < count; n++) {
      const instrument = n % 5 < 3 ? "iit" : "eit";
      const month = String((n % 12) + 1).padStart(2, "0");
      const answeredOn = `${n % 12 < 3 ? 2025 : 2026}-${month}-${String((n % 28) + 1).padStart(2, "0")}`;
      batch.push({
        submission_id: `bench-${slug}-${n}`,
        round_id: fixture.roundId,
        link_id: instrument === "iit" ? iitLink : eitLink,
        instrument,
        framework_id: "ita-2565",
        answered_on: answeredOn,
        month: answeredOn.slice(0, 7),
        answers: sets[instrument][n % DISTINCT_SETS]!,
      });
      if (batch.length === BATCH) {
        await insertResponseRows(trx, batch);
        batch = [];
      }
    }
    await insertResponseRows(trx, batch);
  });
  return fixture.roundId;
}

/**
 * Compiles export-child.ts to plain JavaScript (our code bundled, packages external, as the server build
 * treats them) into a folder of its own under node_modules/.cache, so that the compiled file finds the
 * packages in node_modules; removed when this process exits. A child compiled ahead measures what
 * production runs: no TypeScript loader in the process.
 */
async function compileChild(): Promise<string> {
  const cache = join(ROOT, "node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(join(cache, "prongsai-bench-export-"));
  process.once("exit", () => rmSync(outdir, { recursive: true, force: true }));
  const { build } = await import("esbuild");
  await build({
    absWorkingDir: ROOT,
    entryPoints: { "export-child": "test/bench/export-child.ts" },
    outdir,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node24",
    logLevel: "warning",
  });
  return join(outdir, "export-child.js");
}

/** Runs one export in a fresh plain-node process (the compiled export-child.ts) and returns its figures. */
function exportInChild(childScript: string, databasePath: string, roundId: number, format: ExportFormat): Promise<ExportChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, databasePath, String(roundId), format], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code !== 0 || !line) reject(new Error(`export child exited with ${code}: ${out}`));
      else resolve(JSON.parse(line) as ExportChildResult);
    });
  });
}

/** A line of /proc/PID/status in MB (VmRSS: now; VmHWM: the peak so far), or 0 where /proc is not there. */
function procStatusMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

interface HttpExportResult {
  seconds: number;
  /** The CSV as the client reads it (the server gzips it on the wire, as for a browser; fetch inflates it). */
  csvMb: number;
  serverRssBeforeMb: number;
  serverPeakRssMb: number;
  serverHwmMb: number;
}

/** Downloads a round's CSV from the server as a signed-in viewer would, reading the server's memory meanwhile. */
async function exportOverHttp(server: BenchServer, cookie: string, roundId: number): Promise<HttpExportResult> {
  const pid = server.process.pid!;
  const before = procStatusMb(pid, "VmRSS");
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, procStatusMb(pid, "VmRSS"))), 20);
  const start = performance.now();
  const response = await fetch(`${server.url}/admin/rounds/${roundId}/responses.csv`, { headers: { cookie, "accept-encoding": "gzip" } });
  if (response.status !== 200 || !response.body) throw new Error(`the CSV export answered ${response.status}`);
  let bytes = 0;
  const reader = response.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) bytes += part.value.byteLength;
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, procStatusMb(pid, "VmRSS"));
  return { seconds, csvMb: bytes / (1024 * 1024), serverRssBeforeMb: before, serverPeakRssMb: peak, serverHwmMb: procStatusMb(pid, "VmHWM") };
}

/** The CSV exports of the small and the large round, over HTTP from one built server, smaller first. */
async function measureServer(databasePath: string, db: Db, rounds: [string, number][]): Promise<void> {
  const server = await startBuiltServer({ databasePath });
  try {
    const startHwm = procStatusMb(server.process.pid!, "VmHWM");
    const table: Record<string, string | number>[] = [];
    const results: HttpExportResult[] = [];
    for (const [name, roundId] of rounds) {
      const round = (await getRoundWithOrganization(db, roundId))!;
      const username = `bench-export-${roundId}`;
      await createTestUser(db, round.organizationId, username, "viewer");
      // Signing in also draws /admin: the server has its admin routes loaded, as in a working day.
      const { cookie } = await signInOverHttp(server.url, username);
      const r = await exportOverHttp(server, cookie, roundId);
      results.push(r);
      table.push({
        "export over HTTP": name,
        seconds: r.seconds.toFixed(1),
        "CSV MB": r.csvMb.toFixed(1),
        "server RSS before MB": r.serverRssBeforeMb.toFixed(0),
        "server peak RSS MB": r.serverPeakRssMb.toFixed(0),
        "growth MB": (r.serverPeakRssMb - r.serverRssBeforeMb).toFixed(0),
        "server VmHWM MB": r.serverHwmMb.toFixed(0),
      });
    }
    printTable(table);
    const worst = Math.max(...results.map((r) => Math.max(r.serverPeakRssMb, r.serverHwmMb)));
    console.log(`built server (plain node): VmHWM ${startHwm.toFixed(0)} MB once answering /healthz; peak while exporting ${worst.toFixed(0)} MB (limit ${LIMIT_MB} MB: ${worst < LIMIT_MB ? "under" : "OVER"})`);
  } finally {
    await server.stop();
  }
}

export async function run(): Promise<void> {
  const t = await createTestDb();
  try {
    const childScript = await compileChild();
    const started = performance.now();
    const small = await fillRound(t.db, "bench-small", SMALL);
    const medium = await fillRound(t.db, "bench-xlsx", XLSX_ROWS);
    const large = await fillRound(t.db, "bench-large", LARGE);
    console.log(`inserted ${(SMALL + XLSX_ROWS + LARGE).toLocaleString("en")} responses in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const runs: [string, number, ExportFormat][] = [
      ["CSV, baseline", small, "csv"],
      ["CSV", large, "csv"],
      ["XLSX, baseline", small, "xlsx"],
      ["XLSX", medium, "xlsx"],
    ];
    const table: Record<string, string | number>[] = [];
    const results: ExportChildResult[] = [];
    for (const [name, roundId, format] of runs) {
      const r = await exportInChild(childScript, t.path, roundId, format);
      results.push(r);
      table.push({
        export: name,
        responses: r.rows.toLocaleString("en"),
        seconds: r.seconds.toFixed(1),
        "rows/s": Math.round(r.rows / r.seconds).toLocaleString("en"),
        "output MB": r.outputMb.toFixed(1),
        "RSS at start MB": r.startRssMb.toFixed(0),
        "peak RSS MB": r.peakRssMb.toFixed(0),
        "growth MB": (r.peakRssMb - r.startRssMb).toFixed(0),
        "VmHWM MB": r.hwmMb.toFixed(0),
        "maxRSS MB": r.maxRssMb.toFixed(0),
      });
    }
    printTable(table);
    const [csvSmall, csvLarge, xlsxSmall, xlsxLarge] = results as [ExportChildResult, ExportChildResult, ExportChildResult, ExportChildResult];
    const worst = Math.max(csvLarge.peakRssMb, csvLarge.hwmMb, csvLarge.maxRssMb);
    console.log(`CSV peak memory at 1,000,000 responses: ${worst.toFixed(0)} MB (limit ${LIMIT_MB} MB: ${worst < LIMIT_MB ? "under" : "OVER"})`);
    console.log(`peak RSS ratio against the 10,000-response baseline: CSV at 1,000,000 ${(csvLarge.peakRssMb / csvSmall.peakRssMb).toFixed(2)}, XLSX at ${XLSX_ROWS.toLocaleString("en")} ${(xlsxLarge.peakRssMb / xlsxSmall.peakRssMb).toFixed(2)}`);

    await measureServer(t.path, t.db, [
      ["CSV, baseline", small],
      ["CSV", large],
    ]);
  } finally {
    await t.close();
  }
}
