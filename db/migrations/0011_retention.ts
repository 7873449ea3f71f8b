/**
 * Retention (issue 12, item 5: PDPA): an agency keeps a closed round's raw answers for a number of months
 * after the round's end, then they are deleted while the tallies — and so the scores, trends and report —
 * stay. round.raw_purged_on records the day they went, so that a recount knows there is nothing to recount
 * for that round. Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organization").addColumn("retention_months", "integer", (c) => c.notNull().defaultTo(24)).execute();
  await db.schema.alterTable("round").addColumn("raw_purged_on", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("round").dropColumn("raw_purged_on").execute();
  await db.schema.alterTable("organization").dropColumn("retention_months").execute();
}
