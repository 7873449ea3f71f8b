/**
 * Complaints of corruption and misconduct (issue 16): a public form per agency, cases handled by its
 * admins and by a new role, the complaint handler of a unit (user.unit_id), the agency's handling
 * guideline, and attachments kept in the database. Why it is shaped so:
 * docs/decisions/complaints.md and docs/decisions/complaint-attachments-in-the-database.md.
 *
 * - complaint: the case. Its id is random (app/services/complaints/intake.server.ts), not a sequence:
 *   neither it nor the physical order of the rows tells which complaint came before which on a day.
 *   received_on is a day (Asia/Bangkok), never a time; no address or user agent column exists. The
 *   tracking code is kept as its SHA-256 only, with a 16-hex-digit prefix of it to find the row, and
 *   compared in constant time. Contact details are null for an anonymous complaint, and set to null
 *   (contact_erased_on) once the case has been closed for the agency's retention.
 * - complaint_attachment: at most three files of a complaint, PDF, JPEG or PNG as their bytes say; the
 *   bytes in the database (bytea / blob) so that every app process of a scale-out installation sees
 *   them and a backup of the database is a backup of the case.
 * - complaint_entry: internal notes and public replies, dated.
 * - complaint_guideline (+ complaint_guideline_unit): the agency's แนวปฏิบัติ: its steps, the units
 *   responsible, and its time limits (acknowledge, decide), from which each case's due dates are set.
 *
 * Frozen once merged.
 */
import { type Kysely, PostgresAdapter } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const serial = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  // The unit a complaint handler works for (role "complaints"); null for every other role.
  await db.schema.alterTable("user").addColumn("unit_id", "integer", (c) => c.references("unit.id").onDelete("set null")).execute();

  await db.schema
    .createTable("complaint_guideline")
    .addColumn("organization_id", "integer", (c) => c.primaryKey().references("organization.id").onDelete("cascade"))
    // JSON array of the steps' texts, in order.
    .addColumn("steps", "text", (c) => c.notNull())
    .addColumn("acknowledge_days", "integer", (c) => c.notNull())
    .addColumn("decide_days", "integer", (c) => c.notNull())
    // Other ways to complain (telephone, address, ศูนย์ดำรงธรรม …), as the agency writes them.
    .addColumn("channels", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("complaint_guideline_unit")
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("unit.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("complaint_guideline_unit_pk", ["organization_id", "unit_id"])
    .execute();

  await db.schema
    .createTable("complaint")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("tracking_lookup", "text", (c) => c.notNull())
    .addColumn("tracking_hash", "text", (c) => c.notNull().unique())
    // The random key of the form page it was sent from: a form sent twice (a double tap, a reload) is one case.
    .addColumn("form_key", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("what", "text", (c) => c.notNull())
    .addColumn("happened", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("persons", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("anonymous", "integer", (c) => c.notNull())
    .addColumn("contact_name", "text")
    .addColumn("contact_phone", "text")
    .addColumn("contact_email", "text")
    .addColumn("contact_erased_on", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("outcome", "text")
    .addColumn("unit_id", "integer", (c) => c.references("unit.id"))
    .addColumn("received_on", "text", (c) => c.notNull())
    .addColumn("acknowledge_due_on", "text", (c) => c.notNull())
    .addColumn("decide_due_on", "text", (c) => c.notNull())
    .addColumn("acknowledged_on", "text")
    .addColumn("closed_on", "text")
    .execute();
  await db.schema.createIndex("complaint_form_key").on("complaint").columns(["organization_id", "form_key"]).unique().execute();
  await db.schema.createIndex("complaint_tracking").on("complaint").columns(["organization_id", "tracking_lookup"]).execute();
  await db.schema.createIndex("complaint_received").on("complaint").columns(["organization_id", "received_on"]).execute();

  await db.schema
    .createTable("complaint_attachment")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("complaint_id", "integer", (c) => c.notNull().references("complaint.id").onDelete("cascade"))
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    // "application/pdf", "image/jpeg" or "image/png", decided from the bytes (app/lib/attachment-type.ts).
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("bytes", pg ? "bytea" : "blob", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("complaint_attachment_complaint").on("complaint_attachment").column("complaint_id").execute();

  await db.schema
    .createTable("complaint_entry")
    .addColumn("id", pg ? "serial" : "integer", serial)
    .addColumn("complaint_id", "integer", (c) => c.notNull().references("complaint.id").onDelete("cascade"))
    // "note" (internal) or "reply" (public, on the status page).
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    // The day (Asia/Bangkok) the status page shows beside a reply.
    .addColumn("created_on", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("complaint_entry_complaint").on("complaint_entry").column("complaint_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("complaint_entry").execute();
  await db.schema.dropTable("complaint_attachment").execute();
  await db.schema.dropTable("complaint").execute();
  await db.schema.dropTable("complaint_guideline_unit").execute();
  await db.schema.dropTable("complaint_guideline").execute();
  await db.schema.alterTable("user").dropColumn("unit_id").execute();
}
