/**
 * E-mail notifications (issue 17; docs/decisions/email.md):
 * - user.email: where the user's digest and alerts go (optional; set on the account page);
 *   user.email_lang: the language of those e-mails (th by default; the pages' choice is a cookie, which a
 *   message sent at night cannot read); user.weekly_digest: 1 when the user asked for the weekly digest;
 *   user.email_alerts: JSON array of the alert types the user asked for (none by default: e-mail is opt-in).
 * - notification_setting: per agency, the alert types its admin turned on (JSON array). An alert reaches a
 *   user only when the agency has it on and the user asked for it.
 *
 * Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").addColumn("email", "text").execute();
  await db.schema.alterTable("user").addColumn("email_lang", "text", (c) => c.notNull().defaultTo("th")).execute();
  await db.schema.alterTable("user").addColumn("weekly_digest", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("user").addColumn("email_alerts", "text", (c) => c.notNull().defaultTo("[]")).execute();
  await db.schema
    .createTable("notification_setting")
    .addColumn("organization_id", "integer", (c) => c.primaryKey().references("organization.id").onDelete("cascade"))
    .addColumn("alerts", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notification_setting").execute();
  for (const column of ["email_alerts", "weekly_digest", "email_lang", "email"]) await db.schema.alterTable("user").dropColumn(column).execute();
}
