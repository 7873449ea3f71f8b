/**
 * Accounts and management (issue: management): sessions stored in the database so that several app
 * processes share them, a limit on failed sign-ins kept per account, the audit log of admin actions,
 * and past official ITA results for trends. Frozen once merged.
 */
import { type Kysely, PostgresAdapter } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()));

  await db.schema.alterTable("user").addColumn("display_name", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("user").addColumn("failed_sign_ins", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("user").addColumn("locked_until", "text").execute();
  await db.schema.alterTable("user").addColumn("status", "text", (c) => c.notNull().defaultTo("active")).execute();

  // The cookie holds a random token; only its SHA-256 is stored, so a database leak is no session leak.
  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_user").on("session").column("user_id").execute();

  await id("audit_log")
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_organization").on("audit_log").columns(["organization_id", "id"]).execute();

  await id("official_result")
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("framework_id", "text", (c) => c.notNull())
    /** The ten indicator scores as published, JSON {"1": 91.7, …}. */
    .addColumn("indicator_scores", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("official_result_year", ["organization_id", "fiscal_year"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("official_result").execute();
  await db.schema.dropTable("audit_log").execute();
  await db.schema.dropTable("session").execute();
  for (const column of ["status", "locked_until", "failed_sign_ins", "display_name"]) {
    await db.schema.alterTable("user").dropColumn(column).execute();
  }
}
