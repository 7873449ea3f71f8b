/**
 * The durable outbox (issue 17): every e-mail and webhook delivery is a row here before anything leaves the
 * server, written in the same transaction as the change that caused it. A worker in each app process claims
 * due rows with a compare-and-set on claimed_until, sends them, and records the outcome; a process killed
 * mid-send leaves a claim that expires and is taken again. Why it is shaped so: docs/decisions/outbox.md;
 * the contract between its users: app/services/outbox/.
 *
 * - (channel, recipient, dedupe_key) is unique: an event reaches one recipient at most once, however often
 *   it is detected or published.
 * - payload holds counts, scores, codes and links only: never a name, contact detail or answer.
 *
 * Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("outbox_message")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("claimed_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addUniqueConstraint("outbox_message_dedupe", ["channel", "recipient", "dedupe_key"])
    .execute();
  // The worker's question: which pending messages are due?
  await db.schema.createIndex("outbox_message_due").on("outbox_message").columns(["status", "next_attempt_at"]).execute();
  // The admin pages' question: the agency's recent messages of a channel.
  await db.schema.createIndex("outbox_message_recent").on("outbox_message").columns(["organization_id", "channel", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("outbox_message").execute();
}
