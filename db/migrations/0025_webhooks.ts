/**
 * Signed webhooks (issue 17, item 3; docs/decisions/webhooks.md): the agency's registered URLs, and the
 * log of each delivery attempt shown on the admin page. The messages themselves wait in the outbox
 * (migration 0023, channel 'webhook', recipient = the webhook's id).
 *
 * The secret is never stored as itself: `secret_sealed` is AES-256-GCM under a key derived from the
 * installation's key, which is outside the database (app/services/webhooks/secret.server.ts).
 * The log holds no payload: an event's type and id, the attempt, the HTTP status or the error.
 * Frozen once merged.
 */
import { type Kysely, PostgresAdapter } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const serial = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable("webhook")
    .addColumn("id", pg ? "serial" : "integer", serial)
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("url", "text", (c) => c.notNull())
    // JSON array of the event types (NotifyEventType) the webhook receives.
    .addColumn("events", "text", (c) => c.notNull())
    // active · paused
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("secret_sealed", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("secret_rotated_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("webhook_organization").on("webhook").columns(["organization_id", "status"]).execute();

  await db.schema
    .createTable("webhook_delivery")
    .addColumn("id", pg ? "serial" : "integer", serial)
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("webhook_id", "integer", (c) => c.notNull().references("webhook.id").onDelete("cascade"))
    // The outbox message delivered (no foreign key: the outbox may clear sent messages before the log).
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("attempted_at", "text", (c) => c.notNull())
    // sent · retry · give-up
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("http_status", "integer")
    .addColumn("error", "text")
    .execute();
  await db.schema.createIndex("webhook_delivery_webhook").on("webhook_delivery").columns(["webhook_id", "attempted_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("webhook_delivery").execute();
  await db.schema.dropTable("webhook").execute();
}
