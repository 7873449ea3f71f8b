/**
 * Rebuilds the tallies from the raw responses and reports every difference (ARCHITECTURE.md §4):
 * the check that the fast path (tallies) still agrees with the truth (responses).
 */
import type { Db } from "../../db/client.server";
import { listResponsesAfter } from "../../db/queries/responses";
import { listPurgedRoundIds } from "../../db/queries/retention";
import { deleteAllTallies, incrementTallies, listAllTallies } from "../../db/queries/tallies";
import type { NewTally } from "../../db/schema";

export interface TallyDifference {
  key: string;
  stored: number;
  recounted: number;
}

export interface RecountResult {
  responses: number;
  tallyRows: number;
  differences: TallyDifference[];
  /**
   * Rounds whose raw answers the agency's retention deleted (app/services/retention.server.ts): their
   * tallies are all that is left, so there is nothing to recount them from; they are left as they are.
   */
  purgedRounds: number;
}

const PAGE_SIZE = 5_000;

type TallyKey = string;

function keyOf(roundId: number, linkId: number, month: string, field: string, value: number): TallyKey {
  return `${roundId}|${linkId}|${month}|${field}|${value}`;
}

/**
 * Recounts inside one transaction, so a consistent snapshot is compared and replaced; with
 * `repair` false it only reports.
 *
 * On PostgreSQL the transaction is REPEATABLE READ: at the default READ COMMITTED each statement would
 * see the submissions committed since the previous one, so a recount while answers arrive would report
 * differences that are not there, and a repair could delete the tallies of responses it never read.
 * In a snapshot, a repair that meets a tally changed since then fails with a serialization error
 * instead (run it again); nothing is lost. SQLite ignores the level: its transactions are serial.
 */
export async function recountTallies(
  db: Db,
  options: { repair: boolean; onProgress?: (responses: number) => void },
): Promise<RecountResult> {
  return db.transaction().setIsolationLevel("repeatable read").execute(async (trx) => {
    const recounted = new Map<TallyKey, { row: Omit<NewTally, "count">; count: number }>();
    let responses = 0;
    let afterId = 0;
    for (;;) {
      const page = await listResponsesAfter(trx, afterId, PAGE_SIZE);
      if (page.length === 0) break;
      for (const response of page) {
        // Flagged responses are kept but not tallied until an admin restores them.
        if (response.flag !== null) continue;
        const answers = JSON.parse(response.answers) as Record<string, number>;
        for (const [field, value] of Object.entries(answers)) {
          const key = keyOf(response.roundId, response.linkId, response.month, field, value);
          const entry = recounted.get(key);
          if (entry) entry.count += 1;
          else
            recounted.set(key, {
              row: { round_id: response.roundId, link_id: response.linkId, instrument: response.instrument, month: response.month, field, value },
              count: 1,
            });
        }
      }
      responses += page.length;
      afterId = page[page.length - 1]!.id;
      options.onProgress?.(responses);
    }

    const purged = await listPurgedRoundIds(trx);
    const purgedSet = new Set(purged);
    const stored = new Map<TallyKey, number>();
    for (const t of await listAllTallies(trx)) if (!purgedSet.has(t.round_id)) stored.set(keyOf(t.round_id, t.link_id, t.month, t.field, t.value), Number(t.count));

    const differences: TallyDifference[] = [];
    for (const [key, { count }] of recounted) {
      const have = stored.get(key) ?? 0;
      if (have !== count) differences.push({ key, stored: have, recounted: count });
    }
    for (const [key, have] of stored) {
      if (!recounted.has(key) && have !== 0) differences.push({ key, stored: have, recounted: 0 });
    }

    if (options.repair && differences.length > 0) {
      await deleteAllTallies(trx, purged);
      await incrementTallies(trx, [...recounted.values()].map(({ row, count }) => ({ ...row, count })));
    }
    return { responses, tallyRows: recounted.size, differences, purgedRounds: purged.length };
  });
}
