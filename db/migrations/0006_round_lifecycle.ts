/**
 * Fiscal-year rounds that open and close (issue 11, items 4 and 5):
 * - at most one open round per agency, held by the database itself so that two admins (or two app
 *   processes) creating a round at the same moment cannot both succeed: a partial unique index, which
 *   SQLite and PostgreSQL both support with the same syntax;
 * - a measure carried into a new round remembers the measure it came from (null for one made there).
 * Frozen once merged.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE UNIQUE INDEX round_one_open_per_organization ON round (organization_id) WHERE status = 'open'`.execute(db);
  // No foreign key action on purpose beyond "set null": deleting the old round must not delete its
  // carried copies, which belong to the new round's plan.
  await db.schema
    .alterTable("measure")
    .addColumn("carried_from_id", "integer", (c) => c.references("measure.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("measure").dropColumn("carried_from_id").execute();
  await sql`DROP INDEX round_one_open_per_organization`.execute(db);
}
