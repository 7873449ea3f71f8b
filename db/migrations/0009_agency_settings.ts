/**
 * Agency settings (issue 11, item 2): the contact line that respondent pages show (Thai and English), and
 * the agency's logo, printed on posters, code slips, the report and its PDF.
 *
 * The logo's bytes live in a table of their own, not in organization: every respondent page and
 * submission reads its organization row (db/queries/links.ts), and should not carry half a megabyte with
 * it. It is in the database (not a file) so that a backup of the database is a backup of the agency.
 * Frozen once merged.
 */
import { type Kysely, PostgresAdapter } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema.alterTable("organization").addColumn("contact_th", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("organization").addColumn("contact_en", "text", (c) => c.notNull().defaultTo("")).execute();

  await db.schema
    .createTable("organization_logo")
    .addColumn("organization_id", "integer", (c) => c.primaryKey().references("organization.id").onDelete("cascade"))
    // "image/png" or "image/jpeg", decided from the bytes (app/lib/image-type.ts), never from the upload's name.
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("bytes", pg ? "bytea" : "blob", (c) => c.notNull())
    // Part of the logo's URL (/logo/:slug?v=…), so that a browser may keep a logo for a year and still
    // sees a new one at once.
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("organization_logo").execute();
  await db.schema.alterTable("organization").dropColumn("contact_en").execute();
  await db.schema.alterTable("organization").dropColumn("contact_th").execute();
}
