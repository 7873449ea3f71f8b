/**
 * The OIT checklist rows of a round (table oit_item): one per item someone has looked at. Evidence URLs
 * are JSON text here; the service parses and validates them. Callers check the round's agency first
 * (app/services/rounds.server.ts); the round id is the scope of every query below.
 */
import type { Db } from "../client.server";
import type { OitItemStatus } from "../schema";

export interface OitItemRow {
  itemCode: string;
  status: OitItemStatus;
  /** JSON array of URLs. */
  evidenceUrls: string;
  note: string;
  updatedByUserId: number | null;
  /** The display name of the user who changed it last, or their username; null if the account is gone. */
  updatedByName: string | null;
  updatedAt: string;
}

/** Every checklist row of the round, in no particular order (the framework gives the order). */
export async function listRoundOitItems(db: Db, roundId: number): Promise<OitItemRow[]> {
  const rows = await db
    .selectFrom("oit_item")
    .leftJoin("user", "user.id", "oit_item.updated_by")
    .where("oit_item.round_id", "=", roundId)
    .select([
      "oit_item.item_code as itemCode",
      "oit_item.status as status",
      "oit_item.evidence_urls as evidenceUrls",
      "oit_item.note as note",
      "oit_item.updated_by as updatedByUserId",
      "oit_item.updated_at as updatedAt",
      "user.display_name as displayName",
      "user.username as username",
    ])
    .execute();
  return rows.map(({ displayName, username, ...row }) => ({ ...row, updatedByName: displayName || username || null }));
}

/** The status of each item of the round that has a row: what the scoring engine needs, nothing more. */
export async function listRoundOitStatuses(db: Db, roundId: number): Promise<{ itemCode: string; status: OitItemStatus }[]> {
  return db.selectFrom("oit_item").where("round_id", "=", roundId).select(["item_code as itemCode", "status"]).execute();
}

/** How many checklist rows the round has (0 = nobody has touched its checklist yet). */
export async function countRoundOitItems(db: Db, roundId: number): Promise<number> {
  const row = await db.selectFrom("oit_item").where("round_id", "=", roundId).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  // PostgreSQL returns count(*) as a string.
  return Number(row.n);
}

export interface OitItemInput {
  roundId: number;
  itemCode: string;
  status: OitItemStatus;
  /** JSON array of URLs. */
  evidenceUrls: string;
  note: string;
  updatedBy: number | null;
  /** ISO timestamp of the change. */
  updatedAt: string;
}

/**
 * Creates the item's row or replaces its state (the unique constraint on round + item decides, so two
 * simultaneous saves of the same item cannot make two rows). ON CONFLICT … DO UPDATE is portable between
 * SQLite and PostgreSQL.
 */
export async function upsertRoundOitItem(db: Db, input: OitItemInput): Promise<void> {
  await db
    .insertInto("oit_item")
    .values({
      round_id: input.roundId,
      item_code: input.itemCode,
      status: input.status,
      evidence_urls: input.evidenceUrls,
      note: input.note,
      updated_by: input.updatedBy,
      updated_at: input.updatedAt,
    })
    .onConflict((oc) =>
      oc.columns(["round_id", "item_code"]).doUpdateSet({
        status: input.status,
        evidence_urls: input.evidenceUrls,
        note: input.note,
        updated_by: input.updatedBy,
        updated_at: input.updatedAt,
      }),
    )
    .execute();
}

/** Inserts many rows at once (copying a checklist into a round whose checklist is empty). */
export async function insertRoundOitItems(db: Db, inputs: readonly OitItemInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await db
    .insertInto("oit_item")
    .values(
      inputs.map((input) => ({
        round_id: input.roundId,
        item_code: input.itemCode,
        status: input.status,
        evidence_urls: input.evidenceUrls,
        note: input.note,
        updated_by: input.updatedBy,
        updated_at: input.updatedAt,
      })),
    )
    .execute();
}

/**
 * The agency's round that comes just before the given one: the latest earlier fiscal year, and within
 * the same fiscal year the latest earlier start date (then the lower id, for two rounds that start on
 * the same day). Undefined when there is none.
 */
export async function getPreviousOrganizationRound(
  db: Db,
  organizationId: number,
  round: { id: number; fiscalYear: number; startsOn: string },
) {
  return db
    .selectFrom("round")
    .where("organization_id", "=", organizationId)
    .where("id", "!=", round.id)
    .where((eb) =>
      eb.or([
        eb("fiscal_year", "<", round.fiscalYear),
        eb.and([eb("fiscal_year", "=", round.fiscalYear), eb("starts_on", "<", round.startsOn)]),
        eb.and([eb("fiscal_year", "=", round.fiscalYear), eb("starts_on", "=", round.startsOn), eb("id", "<", round.id)]),
      ]),
    )
    .select(["id", "fiscal_year as fiscalYear", "title_th as titleTh", "title_en as titleEn", "framework_id as frameworkId", "starts_on as startsOn"])
    .orderBy("fiscal_year", "desc")
    .orderBy("starts_on", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
}
