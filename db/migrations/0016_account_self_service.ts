/**
 * Accounts as a government system needs them (issue 14, item 8): a one-time password (given by the admin
 * who made the account or reset it, or printed by the CLI) must be changed at the first sign-in; a session
 * ends after a while without use (SESSION_IDLE_MINUTES) as well as after its 12 hours. Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("user").addColumn("password_changed_at", "text").execute();
  // Null until the first request after sign-in: the session's created_at counts then.
  await db.schema.alterTable("session").addColumn("last_seen_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("session").dropColumn("last_seen_at").execute();
  await db.schema.alterTable("user").dropColumn("password_changed_at").execute();
  await db.schema.alterTable("user").dropColumn("must_change_password").execute();
}
