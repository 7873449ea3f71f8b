/**
 * `npm run cli -- recount` at 1,000,000 responses: it reads every response in keyset pages, counts
 * their answers in memory (one entry per tally row, a few thousand however many responses), compares
 * with the stored tallies and, when they differ, rewrites them (app/services/recount.server.ts). The
 * baseline is the same recount at 10,000 responses: the rate should not fall with size. Target: within
 * a minute at 1,000,000.
 *
 * Each size has its own database (recount covers the whole database), filled straight into `response`
 * with export.bench.ts's bulk insert and no tallies, so the first recount rebuilds them all (the
 * heaviest case) and the second, `--check`, finds no difference. recountTallies is timed in this
 * process; the operator's command itself (the compiled CLI, start-up included) is timed once at the end.
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { recountTallies, type RecountResult } from "../../app/services/recount.server";
import { deleteAllTallies } from "../../db/queries/tallies";
import { runtimeArgs } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";
import { fillRound } from "./export.bench";
import { median, printTable, ROOT } from "./support";

const LARGE = 1_000_000;
const SMALL = 10_000;
const LIMIT_SECONDS = 60;

interface Timed {
  seconds: number;
  result: RecountResult;
}

async function timeRecount(t: TestDb, repair: boolean): Promise<Timed> {
  if (repair) await deleteAllTallies(t.db);
  const started = performance.now();
  const result = await recountTallies(t.db, { repair });
  return { seconds: (performance.now() - started) / 1000, result };
}

/** The median of `runs` recounts (by time), so that one noisy run does not decide. */
async function medianRecount(t: TestDb, repair: boolean, runs: number): Promise<Timed> {
  const all: Timed[] = [];
  for (let i = 0; i < runs; i++) all.push(await timeRecount(t, repair));
  const mid = median(all.map((r) => r.seconds));
  return all.reduce((best, r) => (Math.abs(r.seconds - mid) < Math.abs(best.seconds - mid) ? r : best));
}

export async function run(): Promise<void> {
  const small = await createTestDb();
  const large = await createTestDb();
  try {
    const started = performance.now();
    await fillRound(small.db, "bench-recount", SMALL);
    await fillRound(large.db, "bench-recount", LARGE);
    console.log(`inserted ${(SMALL + LARGE).toLocaleString("en")} responses in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    await timeRecount(small, true); // warm-up
    const rows: Record<string, string | number>[] = [];
    const measured: Record<string, Timed> = {};
    for (const [name, t, count, runs] of [
      ["10,000 (baseline)", small, SMALL, 5],
      ["1,000,000", large, LARGE, 3],
    ] as const) {
      const rebuild = await medianRecount(t, true, runs);
      const check = await medianRecount(t, false, runs);
      measured[name] = rebuild;
      for (const [what, r] of [
        ["recount (rebuilds every tally)", rebuild],
        ["recount --check (no difference)", check],
      ] as const) {
        rows.push({
          responses: name,
          run: what,
          seconds: r.seconds.toFixed(2),
          "responses/s": Math.round(count / r.seconds).toLocaleString("en"),
          "tally rows": r.result.tallyRows,
          differences: r.result.differences.length,
        });
      }
    }
    printTable(rows);

    // The operator's command, as `npm run cli -- recount --check` runs it: the compiled CLI under plain
    // node, start-up included (compiled first, untimed, if it is missing or stale).
    const cliArgs = runtimeArgs("cli", "recount", "--check");
    const cliStarted = performance.now();
    const cli = spawnSync(process.execPath, cliArgs, {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: large.path },
      encoding: "utf8",
    });
    const cliSeconds = (performance.now() - cliStarted) / 1000;
    console.log(`npm run cli -- recount --check at 1,000,000 responses: ${cliSeconds.toFixed(1)} s wall, exit ${cli.status}, "${cli.stdout.trim().split("\n").pop()}"`);

    const largeSeconds = measured["1,000,000"]!.seconds;
    const rateRatio = SMALL / measured["10,000 (baseline)"]!.seconds / (LARGE / largeSeconds);
    console.log(`rate ratio 10,000 / 1,000,000 (1.0 = linear): ${rateRatio.toFixed(2)}`);
    console.log(`recount of 1,000,000 responses: ${largeSeconds.toFixed(1)} s (target ≤ ${LIMIT_SECONDS} s: ${largeSeconds <= LIMIT_SECONDS ? "met" : "MISSED"})`);
  } finally {
    await small.close();
    await large.close();
  }
}
