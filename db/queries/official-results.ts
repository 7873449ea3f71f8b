/**
 * Past official ITA results (as the NACC published them), one row per agency and Buddhist Era fiscal
 * year. The ten indicator scores are kept as JSON text, exactly as entered; everything else (instrument
 * scores, total, level) is computed from them by app/scoring when read.
 */
import type { Db } from "../client.server";

export interface OfficialResultRow {
  id: number;
  fiscalYear: number;
  frameworkId: string;
  /** JSON {"1": 91.7, …, "10": 68.75}. */
  indicatorScores: string;
  /** The rating as the NACC published it (a row code of the framework's rating rule), or null. */
  publishedRating: string | null;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = [
  "id",
  "fiscal_year as fiscalYear",
  "framework_id as frameworkId",
  "indicator_scores as indicatorScores",
  "published_rating as publishedRating",
  "created_at as createdAt",
  "updated_at as updatedAt",
] as const;

/** The agency's official results, oldest fiscal year first. */
export async function listOfficialResults(db: Db, organizationId: number): Promise<OfficialResultRow[]> {
  return db
    .selectFrom("official_result")
    .where("organization_id", "=", organizationId)
    .select(COLUMNS)
    .orderBy("fiscal_year")
    .execute();
}

export async function getOfficialResult(db: Db, organizationId: number, fiscalYear: number): Promise<OfficialResultRow | undefined> {
  return db
    .selectFrom("official_result")
    .where("organization_id", "=", organizationId)
    .where("fiscal_year", "=", fiscalYear)
    .select(COLUMNS)
    .executeTakeFirst();
}

export interface OfficialResultInput {
  organizationId: number;
  fiscalYear: number;
  frameworkId: string;
  indicatorScores: string;
  /** The rating as published, a row code of the framework's rating rule; null or absent: not entered. */
  publishedRating?: string | null;
  /** ISO timestamp of the change. */
  now: string;
}

/**
 * Creates the year's result, or replaces the scores of an existing one (the unique constraint on
 * organization + fiscal year decides, so two simultaneous saves cannot make two rows). Portable: ON
 * CONFLICT … DO UPDATE works the same on SQLite and PostgreSQL.
 */
export async function upsertOfficialResult(db: Db, input: OfficialResultInput): Promise<void> {
  await db
    .insertInto("official_result")
    .values({
      organization_id: input.organizationId,
      fiscal_year: input.fiscalYear,
      framework_id: input.frameworkId,
      indicator_scores: input.indicatorScores,
      published_rating: input.publishedRating ?? null,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(["organization_id", "fiscal_year"]).doUpdateSet({
        framework_id: input.frameworkId,
        indicator_scores: input.indicatorScores,
        published_rating: input.publishedRating ?? null,
        updated_at: input.now,
      }),
    )
    .execute();
}

/** Deletes the year's result of the agency; returns whether a row was deleted. */
export async function deleteOfficialResult(db: Db, organizationId: number, fiscalYear: number): Promise<boolean> {
  const result = await db
    .deleteFrom("official_result")
    .where("organization_id", "=", organizationId)
    .where("fiscal_year", "=", fiscalYear)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
