/** Timing helpers for benchmarks: medians of repeated runs, and a small table printer. */
import { performance } from "node:perf_hooks";

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
