/**
 * Review of responses flagged as noise: they are kept out of the tallies (and so of every score)
 * until an admin puts them back, which adds them to the tallies in the same transaction.
 */
import type { Db } from "../../db/client.server";
import { clearResponseFlags, countFlaggedByLink, type FlaggedSelection, listFlaggedResponses } from "../../db/queries/flags";
import { incrementTallies } from "../../db/queries/tallies";
import type { NewTally } from "../../db/schema";
import { requireRound } from "../auth/round-access.server";
import { getFramework } from "../lib/frameworks.server";
import { HttpError } from "../lib/http";
import { minimumGroupSize } from "../scoring";
import { recordAudit } from "./audit.server";

export async function listFlaggedGroups(db: Db, roundId: number) {
  return countFlaggedByLink(db, roundId);
}

export interface RestoreResult {
  /** Answer sets put back into the tallies. */
  restored: number;
  /** Answer sets of the selection left flagged: their counter and month had fewer than k. */
  leftFlagged: number;
}

/**
 * Restores a selection of flagged responses of the agency's round (another agency's round: a 404). Each
 * cell a restore would move (instrument, link and month: a counter's row and a month's row on the dashboard)
 * is put back only with k (the framework's minimum group size) or more answer sets: putting back one would
 * move a figure by one person, which a viewer could subtract (issue 12). The selection's cells under k stay
 * flagged; when none reaches k, the restore is refused with a 400.
 */
export async function restoreFlaggedResponses(
  db: Db,
  organizationId: number,
  selection: FlaggedSelection,
  userId: number | null,
  now: Date,
): Promise<RestoreResult> {
  const round = await requireRound(db, { organizationId }, selection.roundId);
  const k = minimumGroupSize(getFramework(round.frameworkId));
  return db.transaction().execute(async (trx) => {
    const cells = new Map<string, Awaited<ReturnType<typeof listFlaggedResponses>>>();
    for (const response of await listFlaggedResponses(trx, selection)) {
      const key = `${response.instrument}|${response.linkId}|${response.month}`;
      cells.set(key, [...(cells.get(key) ?? []), response]);
    }
    const responses = [...cells.values()].filter((cell) => cell.length >= k).flat();
    const selected = [...cells.values()].reduce((sum, cell) => sum + cell.length, 0);
    if (responses.length === 0) {
      const largest = Math.max(0, ...[...cells.values()].map((cell) => cell.length));
      throw new HttpError(
        400,
        `นำกลับได้เมื่อจุดบริการเดียวกันในเดือนเดียวกันมีคำตอบตั้งแต่ ${k} ชุดขึ้นไป (ขณะนี้มากที่สุด ${largest} ชุด) เพื่อไม่ให้ผลเปลี่ยนทีละคน`,
        `Answer sets can be put back once one counter has ${k} or more in the same month (the most now is ${largest}), so that no result moves by one person.`,
      );
    }
    const counts = new Map<string, NewTally>();
    for (const response of responses) {
      for (const [field, value] of Object.entries(JSON.parse(response.answers) as Record<string, number>)) {
        const key = `${response.linkId}|${response.month}|${field}|${value}`;
        const tally = counts.get(key);
        if (tally) tally.count += 1;
        else counts.set(key, { round_id: response.roundId, link_id: response.linkId, instrument: response.instrument, month: response.month, field, value, count: 1 });
      }
    }
    // Responses first, then tallies (all in one call, which locks them in key order): the order in
    // which a submission writes, so that on PostgreSQL a restore and a submission never wait for each
    // other in a circle.
    await clearResponseFlags(trx, responses.map((r) => r.id));
    await incrementTallies(trx, [...counts.values()]);
    const leftFlagged = selected - responses.length;
    await recordAudit(trx, { organizationId, userId }, "responses.restore", `round:${selection.roundId}`, { ...selection, count: responses.length, leftFlagged }, now);
    return { restored: responses.length, leftFlagged };
  });
}
