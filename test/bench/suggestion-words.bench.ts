/**
 * The words that come up most in 10,000 suggestions (issue 15, item 4; target: under 2 s), as the
 * suggestions page counts them: each text normalised, segmented by Intl.Segmenter("th") once, its
 * abbreviations and compounds kept whole, stop words dropped, then counted overall, per counter (8) and
 * per month (12) (app/services/suggestions/page.server.ts, countSuggestionWords). The baseline, in the
 * same process: Intl.Segmenter alone over the same texts, the part no word count can do without.
 *
 * The 10,000 are made from the 200 suggestions of test/fixtures/suggestions-th.json: each one to three
 * of them joined, so that lengths vary as people's do (about 40 to 300 characters), spread over counters
 * and months.
 */
import { performance } from "node:perf_hooks";
import { countSuggestionWords } from "../../app/services/suggestions/page.server";
import fixture from "../fixtures/suggestions-th.json";
import { printTable } from "./support";

const COUNT = 10_000;
const TARGET_MS = 2_000;

function makeSuggestions(): { text: string; counterId: number; month: string }[] {
  const source = fixture.suggestions;
  const rows: { text: string; counterId: number; month: string }[] = [];
  for (let n = 0; n < COUNT; n++) {
    const parts = 1 + (n % 3);
    const text = Array.from({ length: parts }, (_, k) => source[(n * 7 + k * 53) % source.length]).join(" ");
    rows.push({ text, counterId: 1 + (n % 8), month: `2026-${String(1 + (n % 12)).padStart(2, "0")}` });
  }
  return rows;
}

function timeMs(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

export async function run(): Promise<void> {
  const rows = makeSuggestions();
  const characters = rows.reduce((sum, r) => sum + r.text.length, 0);
  const segmenter = new Intl.Segmenter("th", { granularity: "word" });
  const segmentOnly = () => {
    let words = 0;
    for (const row of rows) for (const s of segmenter.segment(row.text)) if (s.isWordLike) words += 1;
    return words;
  };
  // Warm-up: the segmenter's dictionary, the JIT.
  segmentOnly();
  countSuggestionWords(rows.slice(0, 1_000));
  const runs = 5;
  const baseline: number[] = [];
  const counted: number[] = [];
  let top = countSuggestionWords(rows).all;
  for (let i = 0; i < runs; i++) {
    baseline.push(timeMs(segmentOnly));
    counted.push(timeMs(() => (top = countSuggestionWords(rows).all)));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const baselineMs = median(baseline);
  const countedMs = median(counted);
  printTable([
    { what: "Intl.Segmenter alone (baseline)", suggestions: COUNT, characters, medianMs: baselineMs.toFixed(0) },
    { what: "words that come up most (overall, 8 counters, 12 months)", suggestions: COUNT, characters, medianMs: countedMs.toFixed(0) },
  ]);
  console.log(`top words: ${top.slice(0, 5).map((w) => `${w.word} ${w.count}`).join(", ")}`);
  console.log(`ratio words / segmenter alone: ${(countedMs / baselineMs).toFixed(2)}`);
  console.log(`10,000 suggestions in ${(countedMs / 1000).toFixed(2)} s (target under ${TARGET_MS / 1000} s): ${countedMs < TARGET_MS ? "met" : "NOT met"}`);
}
