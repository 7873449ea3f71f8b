/**
 * One export in a process of its own, for export.bench.ts, which compiles this file as app/build.mjs compiles
 * the server and runs it under plain node: `node export-child.js DB ROUND FORMAT`.
 * It loads only what the export needs (the database client, the round query and the export service),
 * not the benchmark's fixtures or the rows it generated, and writes the file to /dev/null as a client's
 * download would drain it. It prints one JSON line: rows, seconds, bytes written, the RSS before the
 * export started, the RSS sampled during it, and the kernel's peak (VmHWM and maxRSS) of this process.
 */
import { createWriteStream, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { ExportFormat } from "../../app/services/export/plan.server";
import { exportRoundResponses } from "../../app/services/export/stream.server";
import { createDb } from "../../db/client.server";
import { countResponses } from "../../db/queries/responses";
import { getRoundWithOrganization } from "../../db/queries/rounds";

const MB = 1024 * 1024;

export interface ExportChildResult {
  rows: number;
  seconds: number;
  outputMb: number;
  startRssMb: number;
  peakRssMb: number;
  /** The kernel's high-water mark of this process's resident set (/proc/self/status VmHWM). */
  hwmMb: number;
  maxRssMb: number;
}

/** VmHWM in MB, or 0 where /proc is not there. */
function residentHighWaterMb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function main(databasePath: string, roundId: number, format: ExportFormat): Promise<void> {
  const db = createDb(databasePath);
  const round = await getRoundWithOrganization(db, roundId);
  if (!round) throw new Error(`round ${roundId} is not in ${databasePath}`);
  const rows = await countResponses(db, roundId);
  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  const sample = () => (peak = Math.max(peak, process.memoryUsage.rss()));
  const timer = setInterval(sample, 20);
  const start = performance.now();
  const file = await exportRoundResponses(db, round, format, ["iit", "eit"], "th", new Date());
  let bytes = 0;
  let chunks = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.byteLength;
      if (++chunks % 4 === 0) sample();
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(file.body as NodeReadableStream<Uint8Array>), count, createWriteStream("/dev/null"));
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  sample();
  await db.destroy();
  const result: ExportChildResult = {
    rows,
    seconds,
    outputMb: bytes / MB,
    startRssMb: startRss / MB,
    peakRssMb: peak / MB,
    hwmMb: residentHighWaterMb(),
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB, // maxRSS is in kilobytes
  };
  console.log(JSON.stringify(result));
}

await main(process.argv[2]!, Number(process.argv[3]), process.argv[4] as ExportFormat);
