/**
 * Agencies and the host operator (issue 11, item 1): an agency's status (active or suspended), the
 * installation-level operator account with its own sessions, and the operator who made an audited change.
 * The agency's type is organization.size_group, the framework's sample-size group (surveys/<id>/framework.json).
 * Why the operator has tables of its own: docs/decisions/host-operator.md. Frozen once merged.
 */
import { type Kysely, PostgresAdapter } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  // A suspended agency's links take no answers and its users cannot sign in; nothing of it is deleted.
  await db.schema.alterTable("organization").addColumn("status", "text", (c) => c.notNull().defaultTo("active")).execute();

  await db.schema
    .createTable("operator_account")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("failed_sign_ins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // As the agency's session table: the cookie's token is stored only as its SHA-256.
  await db.schema
    .createTable("operator_session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("operator_id", "integer", (c) => c.notNull().references("operator_account.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("operator_session_operator").on("operator_session").column("operator_id").execute();

  // An operator's change to an agency is logged in that agency's audit log, naming the operator.
  await db.schema
    .alterTable("audit_log")
    .addColumn("operator_id", "integer", (c) => c.references("operator_account.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_log").dropColumn("operator_id").execute();
  await db.schema.dropTable("operator_session").execute();
  await db.schema.dropTable("operator_account").execute();
  await db.schema.alterTable("organization").dropColumn("status").execute();
}
