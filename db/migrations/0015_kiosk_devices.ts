/**
 * Kiosks are enrolled, not declared (issue 14, item 3): a tablet at a service counter gets kiosk treatment
 * (many visitors from one device are no burst) only once an admin has enrolled it for that counter. The
 * tablet keeps a random token in an HttpOnly cookie; the row keeps only its SHA-256, as sessions do.
 * Nothing here is about a respondent: the device, the counter, the admin's label, who enrolled it and
 * when, when it was revoked, and the last day (Asia/Bangkok, no time) it sent an answer.
 * Why: docs/decisions/kiosk-enrolment.md. Frozen once merged.
 */
import { type Kysely, PostgresAdapter } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("kiosk_device")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("counter_id", "integer", (c) => c.notNull().references("counter.id"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("enrolled_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("enrolled_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("last_seen_on", "text")
    .execute();
  await db.schema.createIndex("kiosk_device_organization").on("kiosk_device").column("organization_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("kiosk_device").execute();
}
