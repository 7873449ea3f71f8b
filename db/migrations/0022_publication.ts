/**
 * The agency's public transparency page (issue 17, item 1; docs/decisions/public-page.md): what an admin
 * has chosen to publish. Nothing is public until a row here says so.
 *
 * - publication: one row per agency once an admin has touched its publication. `version` grows by one at
 *   every change (publish, unpublish, a choice changed): the public page's cache compares it on every
 *   view, so that every app process sharing the database takes a page down at once.
 *   complaint_statistics: the fiscal year's complaint statistics (issue 16) are shown on the page.
 * - published_round: a round of the agency on the page: its report (`report` "measured" or "official",
 *   null for none), its measures with status and progress notes (`measures`), and the live satisfaction
 *   per service counter (`counters`, under the small-group rules of docs/decisions/small-groups-hidden.md).
 *   A round with none of the three has no row.
 *
 * Frozen once merged.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("publication")
    .addColumn("organization_id", "integer", (c) => c.primaryKey().references("organization.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("complaint_statistics", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("published_round")
    .addColumn("round_id", "integer", (c) => c.primaryKey().references("round.id").onDelete("cascade"))
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("report", "text")
    .addColumn("measures", "integer", (c) => c.notNull())
    .addColumn("counters", "integer", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("published_round_organization").on("published_round").column("organization_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("published_round").execute();
  await db.schema.dropTable("publication").execute();
}
