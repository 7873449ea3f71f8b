import type { Db } from "../client.server";
import type { NewRound } from "../schema";

export async function insertRound(db: Db, round: NewRound): Promise<number> {
  const row = await db.insertInto("round").values(round).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** A round with its agency, or undefined. */
export async function getRoundWithOrganization(db: Db, roundId: number) {
  return db
    .selectFrom("round")
    .innerJoin("organization", "organization.id", "round.organization_id")
    .where("round.id", "=", roundId)
    .select([
      "round.id as id",
      "round.organization_id as organizationId",
      "round.framework_id as frameworkId",
      "round.fiscal_year as fiscalYear",
      "round.title_th as titleTh",
      "round.title_en as titleEn",
      "round.starts_on as startsOn",
      "round.ends_on as endsOn",
      "round.staff_head_count as staffHeadCount",
      "round.status as status",
      "organization.name_th as organizationNameTh",
      "organization.name_en as organizationNameEn",
      "organization.size_group as sizeGroup",
    ])
    .executeTakeFirst();
}

/** The rounds of one agency, newest first. */
export async function listOrganizationRounds(db: Db, organizationId: number) {
  return db
    .selectFrom("round")
    .innerJoin("organization", "organization.id", "round.organization_id")
    .where("round.organization_id", "=", organizationId)
    .select([
      "round.id as id",
      "round.fiscal_year as fiscalYear",
      "round.title_th as titleTh",
      "round.title_en as titleEn",
      "round.status as status",
      "organization.name_th as organizationNameTh",
      "organization.name_en as organizationNameEn",
    ])
    .orderBy("round.id", "desc")
    .execute();
}

/**
 * The agency's round that takes answers on `today` (YYYY-MM-DD, the Asia/Bangkok day of bangkokDate in
 * app/text/dates.ts): status "open" and starts_on ≤ today ≤ ends_on (ISO dates compare as text), or
 * undefined. The round rules keep at most one such round per agency; should two ever overlap, the one
 * that started last wins, so a permanent link still goes somewhere definite.
 */
export async function findOpenRound(db: Db, organizationId: number, today: string) {
  return db
    .selectFrom("round")
    .where("organization_id", "=", organizationId)
    .where("status", "=", "open")
    .where("starts_on", "<=", today)
    .where("ends_on", ">=", today)
    .select(["id", "fiscal_year as fiscalYear", "starts_on as startsOn", "ends_on as endsOn", "access_mode as accessMode"])
    .orderBy("starts_on", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
}
