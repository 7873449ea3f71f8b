/**
 * The IIT pool (issue 12): a staff member's answers wait here, sealed (app/services/iit-pool/), until the
 * round has a group of k of them, which then enter the responses and tallies together, in a random order
 * and under random ids. Nothing in this table tells arrival order: the key is random, and on SQLite the
 * table has no rowid (a rowid table keeps an increasing hidden id). Frozen once merged.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  let table = db.schema
    .createTable("iit_pool")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "integer", (c) => c.notNull().references("round.id").onDelete("cascade"))
    .addColumn("link_id", "integer", (c) => c.notNull().references("link.id").onDelete("cascade"))
    // Made by the respondent's browser: a repeat while the answers wait is acknowledged and stores nothing.
    .addColumn("submission_id", "text", (c) => c.notNull().unique())
    // 1 when the answers look like noise (too fast, a burst): they go with their group but are not counted,
    // so a group is k counted answers. What the flag is, is sealed with the answers.
    .addColumn("flagged", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sealed", "text", (c) => c.notNull());
  if (!pg) table = table.modifyEnd(sql`without rowid`);
  await table.execute();
  await db.schema.createIndex("iit_pool_round").on("iit_pool").column("round_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("iit_pool").execute();
}
