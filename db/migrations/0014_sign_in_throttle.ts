/**
 * Sign-in slows guessers down instead of locking owners out (issue 14, item 1; docs/decisions/
 * sign-in-and-sessions.md): one table of growing waits, kept per account ("user:12", "operator:3") and per
 * client address ("address:" and a keyed hash of it, never the address), in the database so that every app
 * process sees them. The lock of migration 0002 / 0007 (failed_sign_ins, locked_until on each account
 * table) goes: five wrong passwords from anyone no longer keep the owner out for 15 minutes. Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sign_in_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("wait_until", "text")
    .addColumn("refused", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_failure_at", "text", (c) => c.notNull())
    .execute();
  // Rows are forgotten an hour after their last failure: the sweep reads this index.
  await db.schema.createIndex("sign_in_throttle_last_failure").on("sign_in_throttle").column("last_failure_at").execute();
  for (const table of ["user", "operator_account"]) {
    await db.schema.alterTable(table).dropColumn("locked_until").execute();
    await db.schema.alterTable(table).dropColumn("failed_sign_ins").execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["user", "operator_account"]) {
    await db.schema.alterTable(table).addColumn("failed_sign_ins", "integer", (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable(table).addColumn("locked_until", "text").execute();
  }
  await db.schema.dropTable("sign_in_throttle").execute();
}
