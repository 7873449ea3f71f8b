/**
 * At the counter and in the office (issue: QR posters, kiosk, staff codes, honest counts): single-use
 * IIT access codes stored hashed with a use date only, rounds in open-link or code mode, and responses
 * flagged as likely noise (kept, left out of tallies until an admin restores them). Frozen once merged.
 */
import { type Kysely, PostgresAdapter } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema.alterTable("round").addColumn("access_mode", "text", (c) => c.notNull().defaultTo("open")).execute();

  // No order, no time, no key links a code to the response it unlocked: the code's id is made when
  // the codes are generated, not when one is used, and its use keeps the day only.
  await db.schema
    .createTable("access_code")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("round_id", "integer", (c) => c.notNull().references("round.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull().unique())
    .addColumn("used_on", "text")
    .addColumn("created_on", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("access_code_round").on("access_code").column("round_id").execute();

  // Why a response looks like noise ("burst", "identical", "too-fast"), or null; flagged responses
  // are kept but not tallied.
  await db.schema.alterTable("response").addColumn("flag", "text").execute();
  await db.schema.createIndex("response_flag").on("response").columns(["round_id", "flag"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("response_flag").execute();
  await db.schema.alterTable("response").dropColumn("flag").execute();
  await db.schema.dropTable("access_code").execute();
  await db.schema.alterTable("round").dropColumn("access_mode").execute();
}
