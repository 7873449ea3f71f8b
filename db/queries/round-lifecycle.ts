/**
 * A round's life as the agency runs it (issue 11): created for a fiscal year, its period and head-count
 * edited, closed and reopened. Every read and write is scoped by organization id (ARCHITECTURE.md §3.2).
 * The one-open-round rule is held by the database too (migration 0006: a partial unique index), so the
 * check here is for a friendly message and isUniqueViolation tells the loser of a race.
 */
import type { Db } from "../client.server";

export interface AgencyRoundRow {
  id: number;
  frameworkId: string;
  fiscalYear: number;
  titleTh: string;
  titleEn: string;
  startsOn: string;
  endsOn: string;
  staffHeadCount: number;
  accessMode: "open" | "codes";
  status: "open" | "closed";
}

const ROUND_COLUMNS = [
  "id",
  "framework_id as frameworkId",
  "fiscal_year as fiscalYear",
  "title_th as titleTh",
  "title_en as titleEn",
  "starts_on as startsOn",
  "ends_on as endsOn",
  "staff_head_count as staffHeadCount",
  "access_mode as accessMode",
  "status",
] as const;

/** The agency's rounds: the open one first, then the newest (latest start) first. */
export async function listAgencyRounds(db: Db, organizationId: number): Promise<AgencyRoundRow[]> {
  const rows = await db
    .selectFrom("round")
    .where("organization_id", "=", organizationId)
    .select(ROUND_COLUMNS)
    .orderBy("starts_on", "desc")
    .orderBy("id", "desc")
    .execute();
  // Sorted here rather than by a CASE in SQL: at most a few rounds a year, and one order on both databases.
  return [...rows.filter((r) => r.status === "open"), ...rows.filter((r) => r.status !== "open")];
}

export async function getAgencyRound(db: Db, organizationId: number, roundId: number): Promise<AgencyRoundRow | undefined> {
  return db.selectFrom("round").where("organization_id", "=", organizationId).where("id", "=", roundId).select(ROUND_COLUMNS).executeTakeFirst();
}

/** The agency's open round other than `exceptId`, if any. */
export async function findOpenAgencyRound(db: Db, organizationId: number, exceptId?: number): Promise<AgencyRoundRow | undefined> {
  let query = db.selectFrom("round").where("organization_id", "=", organizationId).where("status", "=", "open");
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  return query.select(ROUND_COLUMNS).executeTakeFirst();
}

/** A round of the agency (other than `exceptId`) whose period shares a day with startsOn..endsOn. */
export async function findOverlappingAgencyRound(
  db: Db,
  organizationId: number,
  period: { startsOn: string; endsOn: string },
  exceptId?: number,
): Promise<AgencyRoundRow | undefined> {
  let query = db
    .selectFrom("round")
    .where("organization_id", "=", organizationId)
    .where("starts_on", "<=", period.endsOn)
    .where("ends_on", ">=", period.startsOn);
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  return query.select(ROUND_COLUMNS).orderBy("starts_on").executeTakeFirst();
}

/** The agency's latest round that started before `startsOn`: the one a new round starts from. */
export async function findPreviousAgencyRound(db: Db, organizationId: number, startsOn: string): Promise<AgencyRoundRow | undefined> {
  return db
    .selectFrom("round")
    .where("organization_id", "=", organizationId)
    .where("starts_on", "<", startsOn)
    .select(ROUND_COLUMNS)
    .orderBy("starts_on", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
}

/**
 * The agency's latest round of the framework `frameworkId` that started before `startsOn`: what the
 * results by question compare a range of several months with (the same questions, the same meaning).
 */
export async function findPreviousRoundOfFramework(
  db: Db,
  organizationId: number,
  frameworkId: string,
  startsOn: string,
): Promise<AgencyRoundRow | undefined> {
  return db
    .selectFrom("round")
    .where("organization_id", "=", organizationId)
    .where("framework_id", "=", frameworkId)
    .where("starts_on", "<", startsOn)
    .select(ROUND_COLUMNS)
    .orderBy("starts_on", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
}

/** The counters with an EIT link in the round (the counters taking part), in the order made. */
export async function listRoundCounterIds(db: Db, roundId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("link")
    .where("round_id", "=", roundId)
    .where("instrument", "=", "eit")
    .where("counter_id", "is not", null)
    .select("counter_id")
    .distinct()
    .orderBy("counter_id")
    .execute();
  return rows.map((r) => r.counter_id!);
}

export async function setAgencyRoundStatus(db: Db, organizationId: number, roundId: number, status: "open" | "closed"): Promise<boolean> {
  const result = await db.updateTable("round").set({ status }).where("organization_id", "=", organizationId).where("id", "=", roundId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateAgencyRoundPlan(
  db: Db,
  organizationId: number,
  roundId: number,
  changes: { startsOn: string; endsOn: string; staffHeadCount: number },
): Promise<boolean> {
  const result = await db
    .updateTable("round")
    .set({ starts_on: changes.startsOn, ends_on: changes.endsOn, staff_head_count: changes.staffHeadCount })
    .where("organization_id", "=", organizationId)
    .where("id", "=", roundId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Measures of the round that are not done, in the agency's order: what a new round carries. */
export async function listUnfinishedMeasureIds(db: Db, organizationId: number, roundId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("measure")
    .where("organization_id", "=", organizationId)
    .where("round_id", "=", roundId)
    .where("status", "!=", "done")
    .select("id")
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** A measure's own columns (no steps, units, targets or notes) for carrying it into another round. */
export async function getMeasureForCarrying(db: Db, organizationId: number, measureId: number) {
  return db
    .selectFrom("measure")
    .where("organization_id", "=", organizationId)
    .where("id", "=", measureId)
    .select(["id", "title", "period", "due_on as dueOn", "follow_up as followUp", "status"])
    .executeTakeFirst();
}

/** Where a carried measure came from (null for a measure made in its round). */
export async function getMeasureCarriedFrom(db: Db, measureId: number): Promise<number | null> {
  const row = await db.selectFrom("measure").where("id", "=", measureId).select("carried_from_id").executeTakeFirst();
  return row?.carried_from_id ?? null;
}

/**
 * Whether an error is a unique-constraint violation, on either database: PostgreSQL's SQLSTATE 23505,
 * better-sqlite3's SQLITE_CONSTRAINT_UNIQUE.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** Whose link a per-round token is: its agency, instrument and counter (for the closed page's way on). */
export async function getLinkOwner(db: Db, token: string) {
  return db
    .selectFrom("link")
    .innerJoin("round", "round.id", "link.round_id")
    .where("link.token", "=", token)
    .select(["round.organization_id as organizationId", "link.instrument as instrument", "link.counter_id as counterId"])
    .executeTakeFirst();
}
