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

/**
 * Restores a selection of flagged responses of the agency's round (another agency's round: a 404); returns
 * how many. A selection of fewer than k (the framework's minimum group size) is refused with a 400: putting
 * back one answer set would move the round's figures by one person, which a viewer could subtract (issue 12).
 */
export async function restoreFlaggedResponses(
  db: Db,
  organizationId: number,
  selection: FlaggedSelection,
  userId: number | null,
  now: Date,
): Promise<number> {
  const round = await requireRound(db, { organizationId }, selection.roundId);
  const k = minimumGroupSize(getFramework(round.frameworkId));
  return db.transaction().execute(async (trx) => {
    const responses = await listFlaggedResponses(trx, selection);
    if (responses.length < k) {
      throw new HttpError(
        400,
        `นำกลับได้เมื่อกลุ่มนี้มีคำตอบตั้งแต่ ${k} ชุดขึ้นไป (ขณะนี้ ${responses.length} ชุด) เพื่อไม่ให้ผลเปลี่ยนทีละคน`,
        `A group can be put back once it holds ${k} or more answer sets (it has ${responses.length}), so that no result moves by one person.`,
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
    await recordAudit(trx, { organizationId, userId }, "responses.restore", `round:${selection.roundId}`, { ...selection, count: responses.length }, now);
    return responses.length;
  });
}
