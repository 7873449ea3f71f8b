/**
 * A framework whose data is partly unconfirmed (ITA-METHOD §6; `"provisional": true` in its framework.json)
 * is shown as provisional until the installation's operator checks it against the year's NACC manual and
 * confirms it (`npm run cli -- framework confirm ID`). The confirmation is the installation's, kept in the
 * database, so that it survives an upgrade of the shipped files.
 *
 * An official result keeps the rating as the NACC published it (ผ่าน, ผ่านดี … from 2566; a row code of
 * its framework's rating rule), beside the scores from which the rule computes its own. Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("framework_confirmation")
    .addColumn("framework_id", "text", (c) => c.primaryKey())
    .addColumn("confirmed_on", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.alterTable("official_result").addColumn("published_rating", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("official_result").dropColumn("published_rating").execute();
  await db.schema.dropTable("framework_confirmation").execute();
}
