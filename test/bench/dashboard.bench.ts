/**
 * The round dashboard (the loader's work: getRoundDashboard) costs the same at 1,000 and at 1,000,000
 * responses, because it reads tallies — one row per link × month × field × value, however many people
 * answered — never responses (ARCHITECTURE.md §4). The baseline is the 1,000-response round.
 *
 * Both rounds live in one real, migrated SQLite database. Each gets a few real responses through
 * storeResponse (the respondent's path: response row + tallies), then the rest of its answers are
 * written straight into the tallies with incrementTallies: the dashboard only reads tallies, so a
 * million response rows would cost minutes to insert and change nothing it reads. Both rounds have the
 * same tally rows (every option of every field, at every link, every month); only the counts differ.
 */
import { insertLink, listRoundLinks } from "../../db/queries/links";
import { insertCounter, insertUnit } from "../../db/queries/organizations";
import { incrementTallies, listAllTallies } from "../../db/queries/tallies";
import type { NewTally } from "../../db/schema";
import { getFramework } from "../../app/lib/frameworks.server";
import { listMonths } from "../../app/text/months";
import { getRoundDashboard } from "../../app/services/dashboard.server";
import { storeResponse } from "../../app/services/submit-response.server";
import { listInstrumentFields } from "../../app/services/validate-answers";
import { createRoundFixture, makeAnswers, newSubmissionId } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { medianMs, printTable } from "./support";

const framework = getFramework("ita-2565");
const COUNTERS = 3;
const REAL_RESPONSES = 10;
const MONTHS = listMonths("2025-10-01", "2026-09-30");

type Db = Awaited<ReturnType<typeof createTestDb>>["db"];

/** A round of the fixture agency with an IIT link and three EIT counters; returns its id and links. */
async function createRound(db: Db, slug: string) {
  const fixture = await createRoundFixture(db, slug);
  const links = await db.transaction().execute(async (trx) => {
    const made: { linkId: number; instrument: "iit" | "eit" }[] = [];
    for (let c = 0; c < COUNTERS; c++) {
      const unitId = await insertUnit(trx, { organization_id: fixture.organizationId, name_th: `กอง ${c}`, name_en: `Unit ${c}`, created_at: "2026-01-01" });
      const counterId = await insertCounter(trx, {
        organization_id: fixture.organizationId,
        unit_id: unitId,
        name_th: `จุด ${c}`,
        name_en: `Counter ${c}`,
        created_at: "2026-01-01",
      });
      const linkId = await insertLink(trx, { round_id: fixture.roundId, instrument: "eit", counter_id: counterId, token: `bench${slug}${c}xxxxxxxxxx`, created_at: "2026-01-01" });
      made.push({ linkId, instrument: "eit" });
    }
    return made;
  });
  const iit = (await listRoundLinks(db, fixture.roundId)).find((l) => l.token === fixture.iitToken)!.linkId;
  return { roundId: fixture.roundId, links: [{ linkId: iit, instrument: "iit" as const }, ...links] };
}

/**
 * Stores a few real responses, then tallies for `responses` answers in all, spread evenly over the
 * links and months, each field's answers spread over its options (a fixed pattern, so both rounds
 * score alike).
 */
async function fillRound(db: Db, round: Awaited<ReturnType<typeof createRound>>, responses: number): Promise<number> {
  for (let n = 0; n < REAL_RESPONSES; n++) {
    const { linkId, instrument } = round.links[n % round.links.length]!;
    await storeResponse(db, {
      submissionId: newSubmissionId(),
      roundId: round.roundId,
      linkId,
      instrument,
      frameworkId: framework.id,
      answeredOn: `${MONTHS[n % MONTHS.length]}-15`,
      answers: makeAnswers(instrument, (i, count) => (i + n) % count),
    });
  }
  const cells = round.links.length * MONTHS.length;
  const perCell = Math.max(1, Math.round((responses - REAL_RESPONSES) / cells));
  await db.transaction().execute(async (trx) => {
    for (const { linkId, instrument } of round.links) {
      for (const month of MONTHS) {
        const rows: NewTally[] = [];
        for (const field of listInstrumentFields(framework, instrument)) {
          const options = framework.scales[field.scale]!.options;
          // Weights 1, 2, 3, … so that scores are neither 0 nor 100; remainders go to the last option.
          const weights = options.map((_, i) => i + 1);
          const sum = weights.reduce((a, b) => a + b, 0);
          let left = perCell;
          options.forEach((option, i) => {
            const count = i === options.length - 1 ? left : Math.floor((perCell * weights[i]!) / sum);
            left -= count;
            rows.push({ round_id: round.roundId, link_id: linkId, instrument, month, field: field.name, value: option.value, count });
          });
        }
        await incrementTallies(trx, rows);
      }
    }
  });
  return REAL_RESPONSES + perCell * cells;
}

export async function run(): Promise<void> {
  const t = await createTestDb();
  try {
    const small = await createRound(t.db, "bench-small");
    const large = await createRound(t.db, "bench-large");
    const smallResponses = await fillRound(t.db, small, 1_000);
    const largeResponses = await fillRound(t.db, large, 1_000_000);
    const allTallies = await listAllTallies(t.db);
    const tallyRows = (roundId: number) => allTallies.filter((row) => row.round_id === roundId).length;

    const check = async (roundId: number) => {
      const dashboard = await getRoundDashboard(t.db, roundId);
      if (!dashboard) throw new Error(`no dashboard for round ${roundId}`);
      return dashboard;
    };
    const smallEit = (await check(small.roundId)).samples.eit.answers;
    const largeEit = (await check(large.roundId)).samples.eit.answers;

    await medianMs(10, () => check(small.roundId)); // warm-up
    await medianMs(10, () => check(large.roundId));
    const smallMs = await medianMs(40, () => check(small.roundId));
    const largeMs = await medianMs(40, () => check(large.roundId));
    printTable([
      { round: "1,000 responses", responses: smallResponses, eitAnswers: smallEit, tallyRows: tallyRows(small.roundId), medianMs: smallMs.toFixed(2) },
      { round: "1,000,000 responses", responses: largeResponses, eitAnswers: largeEit, tallyRows: tallyRows(large.roundId), medianMs: largeMs.toFixed(2) },
    ]);
    console.log(`ratio 1,000,000 / 1,000: ${(largeMs / smallMs).toFixed(2)} (expected ≤ 1.5: the dashboard reads tallies, not responses)`);
  } finally {
    await t.close();
  }
}
