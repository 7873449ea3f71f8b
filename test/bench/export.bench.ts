/**
 * Exports stream: a round of 1,000,000 responses exports to CSV in the same memory as a round of
 * 10,000 (the baseline), because responses are read in keyset pages and written as the reader takes
 * them (app/services/export.server.ts). The rows are generated here; each export then runs in a fresh
 * child process (export-child.ts) that loads only the database client and the export service and writes
 * the file to /dev/null, so its peak memory (RSS sampled while the file is written, and the kernel's
 * VmHWM/maxRSS of that process) is the export's alone, not this process's. The child runs under tsx, as
 * `npm start` runs the server. The responses go straight into `response` (no tallies: the CSV reads responses
 * only) — a few thousand distinct answer sets repeated, in one transaction. Never fails on speed; it
 * prints whether the peak stayed under 200 MB.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import type { ExportChildResult } from "./export-child";
import { getFramework } from "../../app/lib/frameworks.server";
import type { ExportFormat } from "../../app/services/export.server";
import { listInstrumentFields } from "../../app/services/validate-answers";
import type { Db } from "../../db/client.server";
import { insertResponseRows } from "../../db/queries/exports";
import { getPublicLink } from "../../db/queries/links";
import type { NewResponse } from "../../db/schema";
import { createRoundFixture } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { printTable } from "./support";

const LARGE = 1_000_000;
const SMALL = 10_000;
/** The XLSX writer (exceljs) is ~15× slower per row than the CSV one; a smaller round shows its memory profile. */
const XLSX_ROWS = 300_000;
const DISTINCT_SETS = 3_000;
const BATCH = 500;
const LIMIT_MB = 200;
const CHILD = fileURLToPath(new URL("./export-child.ts", import.meta.url));

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

/** Runs one export in a fresh process (export-child.ts, under tsx as `npm start` runs the app) and returns its figures. */
function exportInChild(databasePath: string, roundId: number, format: ExportFormat): Promise<ExportChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, CHILD, databasePath, String(roundId), format], {
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

export async function run(): Promise<void> {
  const t = await createTestDb();
  try {
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
      const r = await exportInChild(t.path, roundId, format);
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
  } finally {
    await t.close();
  }
}
