/** What an agency publishes on its public page (migration 0022; app/services/publication/). */
import { sql } from "kysely";
import type { Db } from "../client.server";
import type { PublishedReport } from "../schema";
import { reusableQuery } from "../reusable-query";

export interface PublicationRow {
  version: number;
  complaintStatistics: boolean;
  updatedAt: string;
  updatedByName: string | null;
}

export async function getPublicationRow(db: Db, organizationId: number): Promise<PublicationRow | undefined> {
  const row = await db
    .selectFrom("publication")
    .leftJoin("user", "user.id", "publication.updated_by")
    .where("publication.organization_id", "=", organizationId)
    .select(["publication.version as version", "publication.complaint_statistics as complaintStatistics", "publication.updated_at as updatedAt", "user.display_name as displayName", "user.username as username"])
    .executeTakeFirst();
  if (!row) return undefined;
  return { version: Number(row.version), complaintStatistics: Number(row.complaintStatistics) === 1, updatedAt: row.updatedAt, updatedByName: row.displayName || row.username || null };
}

export interface PublishedRoundRow {
  roundId: number;
  fiscalYear: number;
  titleTh: string;
  titleEn: string;
  status: "open" | "closed";
  frameworkId: string;
  startsOn: string;
  endsOn: string;
  report: PublishedReport | null;
  measures: boolean;
  counters: boolean;
  publishedAt: string;
}

/** The agency's published rounds, newest fiscal year first. */
export async function listPublishedRounds(db: Db, organizationId: number): Promise<PublishedRoundRow[]> {
  const rows = await db
    .selectFrom("published_round")
    .innerJoin("round", "round.id", "published_round.round_id")
    .where("published_round.organization_id", "=", organizationId)
    .where("round.organization_id", "=", organizationId)
    .select([
      "round.id as roundId",
      "round.fiscal_year as fiscalYear",
      "round.title_th as titleTh",
      "round.title_en as titleEn",
      "round.status as status",
      "round.framework_id as frameworkId",
      "round.starts_on as startsOn",
      "round.ends_on as endsOn",
      "published_round.report as report",
      "published_round.measures as measures",
      "published_round.counters as counters",
      "published_round.published_at as publishedAt",
    ])
    .orderBy("round.fiscal_year", "desc")
    .orderBy("round.id", "desc")
    .execute();
  return rows.map((r) => ({ ...r, roundId: Number(r.roundId), measures: Number(r.measures) === 1, counters: Number(r.counters) === 1 }));
}

export interface PublishedRoundChoice {
  report: PublishedReport | null;
  measures: boolean;
  counters: boolean;
}

/** Sets what a round shows; a round showing nothing loses its row. */
export async function savePublishedRound(db: Db, organizationId: number, roundId: number, choice: PublishedRoundChoice, now: Date): Promise<void> {
  await db.deleteFrom("published_round").where("round_id", "=", roundId).where("organization_id", "=", organizationId).execute();
  if (choice.report === null && !choice.measures && !choice.counters) return;
  await db
    .insertInto("published_round")
    .values({ round_id: roundId, organization_id: organizationId, report: choice.report, measures: choice.measures ? 1 : 0, counters: choice.counters ? 1 : 0, published_at: now.toISOString() })
    .execute();
}

export async function deletePublishedRounds(db: Db, organizationId: number): Promise<number> {
  const result = await db.deleteFrom("published_round").where("organization_id", "=", organizationId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Records a change of the agency's publication: the version grows by one (so every app process's cache of
 * the page sees it on the next view), with who changed it and when; the complaint statistics choice when given.
 */
export async function bumpPublication(db: Db, organizationId: number, change: { userId: number | null; now: Date; complaintStatistics?: boolean }): Promise<number> {
  const at = change.now.toISOString();
  const statistics = change.complaintStatistics === undefined ? undefined : change.complaintStatistics ? 1 : 0;
  const row = await db
    .insertInto("publication")
    .values({ organization_id: organizationId, version: 1, complaint_statistics: statistics ?? 0, updated_by: change.userId, updated_at: at })
    .onConflict((oc) =>
      oc.column("organization_id").doUpdateSet({
        version: sql<number>`publication.version + 1`,
        updated_by: change.userId,
        updated_at: at,
        ...(statistics === undefined ? {} : { complaint_statistics: statistics }),
      }),
    )
    .returning("version")
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

/** What every view of the public page reads first: the agency, and whether and in which version anything of it is public. */
export interface PublicPageStamp {
  organizationId: number;
  status: "active" | "suspended";
  /** null: nothing was ever published. */
  version: number | null;
  complaintStatistics: boolean;
  publishedRounds: number;
}

export async function getPublicPageStamp(db: Db, slug: string): Promise<PublicPageStamp | undefined> {
  const row = (await selectPublicPageStamp(db, () => slug)).rows[0];
  if (!row) return undefined;
  return {
    organizationId: Number(row.organizationId),
    status: row.status,
    version: row.version === null ? null : Number(row.version),
    complaintStatistics: Number(row.complaintStatistics) === 1,
    publishedRounds: Number(row.publishedRounds),
  };
}

// Every view of the public page reads it (app/server/public-page-cache.server.ts): compiled once (db/reusable-query.ts).
const selectPublicPageStamp = reusableQuery<
  "slug",
  { organizationId: number; status: "active" | "suspended"; version: number | null; complaintStatistics: number | null; publishedRounds: number | string }
>((db, param) =>
  db
    .selectFrom("organization")
    .leftJoin("publication", "publication.organization_id", "organization.id")
    .where("organization.slug", "=", param<string>("slug"))
    .select([
      "organization.id as organizationId",
      "organization.status as status",
      "publication.version as version",
      "publication.complaint_statistics as complaintStatistics",
      (eb) => eb.selectFrom("published_round").whereRef("published_round.organization_id", "=", "organization.id").select(eb.fn.countAll<number>().as("n")).as("publishedRounds"),
    ]) as never,
);
