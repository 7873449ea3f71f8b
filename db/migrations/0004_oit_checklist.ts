/**
 * The OIT checklist of a round (issue 5, part 1): one row per round and checklist item ("o1" … "o43" of
 * surveys/<framework>/oit.json) that someone has looked at, with its status, the evidence URLs (the pages
 * on the agency's website), a note, and who changed it when. An item without a row is "unchecked".
 * Portable between SQLite and PostgreSQL: serial vs integer autoincrement, text dates, evidence as JSON
 * text (a list of at most a few URLs, always read and written whole with its item). Frozen once merged.
 */
import { type Kysely, PostgresAdapter } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable("oit_item")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("round_id", "integer", (c) => c.notNull().references("round.id").onDelete("cascade"))
    .addColumn("item_code", "text", (c) => c.notNull())
    // "pass" | "fail" | "unchecked": a row can go back to unchecked and keep its evidence and note.
    .addColumn("status", "text", (c) => c.notNull().defaultTo("unchecked"))
    // JSON array of http(s) URLs, e.g. ["https://www.example-tambon.go.th/structure"].
    .addColumn("evidence_urls", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    // The user who changed it last; kept as null if that account is ever deleted.
    .addColumn("updated_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("oit_item_round_item", ["round_id", "item_code"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("oit_item").execute();
}
