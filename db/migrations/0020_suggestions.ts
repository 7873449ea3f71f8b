/**
 * Visitors' suggestions (issue 15, items 3 and 4): the EIT's optional free text, one row per response that
 * has one, written when the response's group leaves the answer pool (docs/decisions/suggestions.md).
 *
 * Nothing here tells when a visitor wrote: the id is random (no arrival order), the month is the month of
 * the group's release (YYYY-MM, the response's own month; no day, no time), and the text was scrubbed of
 * phone numbers, citizen ids, e-mail addresses and LINE ids before it was ever sealed. What staff do with
 * a suggestion (read, acted on, a note, the measure made from it) is theirs and dated as any admin change.
 * The row goes with its response (ON DELETE CASCADE): when retention deletes a round's raw answers, its
 * suggestions go too. Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("suggestion")
    // Random (16 bytes, base64url): tells nothing of the order suggestions came in.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("response_id", "integer", (c) => c.notNull().unique().references("response.id").onDelete("cascade"))
    .addColumn("round_id", "integer", (c) => c.notNull().references("round.id").onDelete("cascade"))
    // The link the visitor answered through: a counter's, or the round's general EIT link.
    .addColumn("link_id", "integer", (c) => c.notNull().references("link.id"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    // new · read · acted: what staff did with it.
    .addColumn("status", "text", (c) => c.notNull().defaultTo("new"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    // The measure made from it (app/services/measures), if any.
    .addColumn("measure_id", "integer", (c) => c.references("measure.id").onDelete("set null"))
    .addColumn("updated_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    // When staff last changed it (their own action, ISO 8601); null until then.
    .addColumn("updated_at", "text")
    .execute();
  await db.schema.createIndex("suggestion_round").on("suggestion").columns(["round_id", "month"]).execute();
  await db.schema.createIndex("suggestion_link").on("suggestion").column("link_id").execute();
  await db.schema.createIndex("suggestion_measure").on("suggestion").column("measure_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("suggestion").execute();
}
