/**
 * Retention of raw answers (issue 12, item 5; Thailand's PDPA asks that personal data be kept no longer than
 * its purpose needs). Each agency chooses how many months after a round's end its raw answers are kept
 * (organization.retention_months, default 24, set on /admin/settings). Past that, the round's responses, the
 * visitors' suggestions stored with them, and any answers that never made a group of five are deleted in one transaction with an audit entry; the
 * tallies stay, so the round's scores, trends, report and PDF are unchanged, and a recount says it has
 * nothing to recount for the round instead of reporting its tallies as differences.
 *
 * The same retention erases a complainant's contact details (issue 16): a named complaint's name, phone
 * and e-mail are kept for that case only, and deleted once the case has been closed for the agency's
 * retention months (purgeExpiredComplaintContacts). The case itself stays, so the published statistics
 * keep counting it.
 *
 * The server runs both at start and once a day; `npm run cli -- purge-expired` runs them from cron.
 */
import type { Db } from "../../db/client.server";
import { deleteRoundRawAnswers, listPurgeCandidates } from "../../db/queries/retention";
import { eraseComplaintContact, listContactErasureCandidates } from "../../db/queries/complaints";
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

export interface ErasedContact {
  complaintId: number;
  organizationId: number;
  closedOn: string;
}

/**
 * Deletes the contact details of every closed complaint whose agency's retention has passed since its
 * closing day (kept through the last day, deleted the day after), each with an audit entry (no detail but
 * the dates: the details are what goes). Returns what went.
 */
export async function purgeExpiredComplaintContacts(db: Db, now: Date): Promise<ErasedContact[]> {
  const today = bangkokDate(now);
  const erased: ErasedContact[] = [];
  for (const candidate of await listContactErasureCandidates(db)) {
    if (!candidate.closedOn || addMonths(candidate.closedOn, candidate.retentionMonths) >= today) continue;
    const done = await db.transaction().execute(async (trx) => {
      if (!(await eraseComplaintContact(trx, candidate.complaintId, today))) return false;
      await recordAudit(
        trx,
        { organizationId: candidate.organizationId, userId: null },
        "complaint.erase-contact",
        `complaint:${candidate.complaintId}`,
        { closedOn: candidate.closedOn, retentionMonths: candidate.retentionMonths },
        now,
      );
      return true;
    });
    if (done) erased.push({ complaintId: candidate.complaintId, organizationId: candidate.organizationId, closedOn: candidate.closedOn });
  }
  // The old values leave no copy in the WAL (SQLite; secure_delete zeroes them in the database file).
  if (erased.length > 0) await truncateSqliteWal(db);
  return erased;
}
