/**
 * Scoring a round costs the same at 1,000 and at 1,000,000 responses, because it reads tallies (one
 * row per field × value × link × month), not responses. The baseline is the 1,000-response round.
 */
import { getFramework } from "../../app/lib/frameworks.server";
import { computeRoundScores, findWeakAreas } from "../../app/scoring";
import type { Tally } from "../../app/scoring";
import { listInstrumentFields } from "../../app/services/validate-answers";
import { medianMs, printTable } from "./support";

/** Tallies of `responses` answers spread over every option of every field, per link and month. */
function makeTallies(responses: number, links: number, months: number): Tally[] {
  const framework = getFramework("ita-2565");
  const tallies: Tally[] = [];
  for (const instrument of ["iit", "eit"] as const) {
    for (const field of listInstrumentFields(framework, instrument)) {
      const options = framework.scales[field.scale]!.options;
      const perCell = Math.max(1, Math.round(responses / (links * months * options.length)));
      for (let cell = 0; cell < links * months; cell++) {
        for (const option of options) tallies.push({ instrument, field: field.name, value: option.value, count: perCell });
      }
    }
  }
  return tallies;
}

export async function run(): Promise<void> {
  const framework = getFramework("ita-2565");
  const score = (tallies: Tally[]) => findWeakAreas(framework, computeRoundScores(framework, tallies));
  const small = makeTallies(1_000, 4, 12);
  const large = makeTallies(1_000_000, 4, 12);
  await medianMs(20, () => score(small)); // warm-up
  const smallMs = await medianMs(50, () => score(small));
  const largeMs = await medianMs(50, () => score(large));
  printTable([
    { round: "1,000 responses", tallyRows: small.length, medianMs: smallMs.toFixed(3) },
    { round: "1,000,000 responses", tallyRows: large.length, medianMs: largeMs.toFixed(3) },
  ]);
  console.log(`ratio 1,000,000 / 1,000: ${(largeMs / smallMs).toFixed(2)}`);
}
