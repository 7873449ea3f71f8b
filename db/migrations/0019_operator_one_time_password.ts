/**
 * The host operator's one-time password (issue 14, item 8): the command line prints an operator's
 * password once, so it is changed at the first sign-in, as an agency user's is (migration 0016). Every
 * operator that exists already is marked: there was no way to change an operator's password before
 * this, so each still has the password the command line printed. Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("operator_account").addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.updateTable("operator_account").set({ must_change_password: 1 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("operator_account").dropColumn("must_change_password").execute();
}
