/**
 * The pool holds EIT answers too (issue 12, item 2): a visitor's answers wait, like a staff member's, until
 * their counter has k of them, so that no counter's figures, and no round total, move by one visitor. The
 * table is renamed for what it now holds, says which instrument each row answers (the rows before were all
 * IIT), and is indexed by link, the EIT's group. Frozen once merged.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table iit_pool rename to answer_pool`.execute(db);
  await db.schema
    .alterTable("answer_pool")
    .addColumn("instrument", "text", (c) => c.notNull().defaultTo("iit"))
    .execute();
  // SQLite cannot rename an index: it is made again under the table's new name.
  await db.schema.dropIndex("iit_pool_round").execute();
  await db.schema.createIndex("answer_pool_round").on("answer_pool").column("round_id").execute();
  await db.schema.createIndex("answer_pool_link").on("answer_pool").column("link_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("answer_pool_link").execute();
  await db.schema.dropIndex("answer_pool_round").execute();
  await db.schema.alterTable("answer_pool").dropColumn("instrument").execute();
  await sql`alter table answer_pool rename to iit_pool`.execute(db);
  await db.schema.createIndex("iit_pool_round").on("iit_pool").column("round_id").execute();
}
