/**
 * Frozen once merged: a change of schema is a new migration. Portable between SQLite and PostgreSQL;
 * the only difference is how an auto-incrementing id is declared.
 */
import { type Kysely, PostgresAdapter } from "kysely";

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const id = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()));

  await id("organization")
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name_th", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("size_group", "text", (c) => c.notNull())
    .addColumn("district_th", "text", (c) => c.notNull())
    .addColumn("province_th", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await id("unit")
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("name_th", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("unit_organization").on("unit").column("organization_id").execute();

  await id("counter")
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("unit.id"))
    .addColumn("name_th", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("counter_organization").on("counter").column("organization_id").execute();

  await id("round")
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("framework_id", "text", (c) => c.notNull())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("title_th", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("staff_head_count", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("round_organization").on("round").column("organization_id").execute();

  await id("link")
    .addColumn("round_id", "integer", (c) => c.notNull().references("round.id").onDelete("cascade"))
    .addColumn("instrument", "text", (c) => c.notNull())
    .addColumn("counter_id", "integer", (c) => c.references("counter.id"))
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("link_round").on("link").column("round_id").execute();

  // No IP, user agent or time of day, by design (ARCHITECTURE.md §4).
  await id("response")
    .addColumn("submission_id", "text", (c) => c.notNull().unique())
    .addColumn("round_id", "integer", (c) => c.notNull().references("round.id").onDelete("cascade"))
    .addColumn("link_id", "integer", (c) => c.notNull().references("link.id"))
    .addColumn("instrument", "text", (c) => c.notNull())
    .addColumn("framework_id", "text", (c) => c.notNull())
    .addColumn("answered_on", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("response_round").on("response").columns(["round_id", "instrument"]).execute();

  await db.schema
    .createTable("tally")
    .addColumn("round_id", "integer", (c) => c.notNull().references("round.id").onDelete("cascade"))
    .addColumn("link_id", "integer", (c) => c.notNull().references("link.id"))
    .addColumn("instrument", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("value", "integer", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("tally_pk", ["round_id", "link_id", "month", "field", "value"])
    .execute();

  await id("user")
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["user", "tally", "response", "link", "round", "counter", "unit", "organization"]) {
    await db.schema.dropTable(table).execute();
  }
}
