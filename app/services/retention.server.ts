/**
 * Retention of raw answers (issue 12, item 5; Thailand's PDPA asks that personal data be kept no longer than
 * its purpose needs). Each agency chooses how many months after a round's end its raw answers are kept
 * (organization.retention_months, default 24, set on /admin/settings). Past that, the round's responses, the
 * visitors' suggestions stored with them, and any answers that never made a group of five are deleted in one transaction with an audit entry; the
 * tallies stay, so the round's scores, trends, report and PDF are unchanged, and a recount says it has
 * nothing to recount for the round instead of reporting its tallies as differences.
 *
 * The server runs it at start and once a day; `npm run cli -- purge-expired` runs it from cron.
 */
import type { Db } from "../../db/client.server";
import { deleteRoundRawAnswers, listPurgeCandidates } from "../../db/queries/retention";
import { truncateSqliteWal } from "../../db/queries/responses";
import { bangkokDate } from "../text/dates";
import { recordAudit } from "./audit.server";

/** The day `months` whole months after `isoDay` (YYYY-MM-DD), clamped to the month's last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(isoDay: string, months: number): string {
  const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export interface PurgedRound {
  roundId: number;
  organizationId: number;
  responses: number;
  waiting: number;
  /** Visitors' suggestions deleted with their responses (issue 15). */
  suggestions: number;
}

/** Deletes the raw answers of every round whose retention has passed by `now`; returns what went, per round. */
export async function purgeExpiredAnswers(db: Db, now: Date): Promise<PurgedRound[]> {
  const today = bangkokDate(now);
  const purged: PurgedRound[] = [];
  for (const round of await listPurgeCandidates(db, today)) {
    // Kept through the last day of the retention: deleted the day after.
    if (addMonths(round.endsOn, round.retentionMonths) >= today) continue;
    const counts = await db.transaction().execute(async (trx) => {
      const deleted = await deleteRoundRawAnswers(trx, round.roundId, today);
      await recordAudit(
        trx,
        { organizationId: round.organizationId, userId: null },
        "round.purge-answers",
        `round:${round.roundId}`,
        { ...deleted, retentionMonths: round.retentionMonths, endsOn: round.endsOn },
        now,
      );
      return deleted;
    });
    purged.push({ roundId: round.roundId, organizationId: round.organizationId, ...counts });
  }
  // Deleted rows leave no copy in the WAL (SQLite; secure_delete zeroes them in the database file).
  if (purged.length > 0) await truncateSqliteWal(db);
  return purged;
}
