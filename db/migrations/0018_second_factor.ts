/**
 * An optional second factor for agency users (issue 14, item 8): a TOTP secret, sealed under the
 * installation's key (app/services/answer-pool/seal.server.ts: not in the database nor its backups, so
 * the database alone cannot make codes), the last 30-second step a code was accepted for (a code works
 * once), and ten single-use recovery codes kept as keyed hashes. An agency may require the second factor
 * of its admins and managers. Why: docs/decisions/second-factor.md. Frozen once merged.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").addColumn("totp_sealed_secret", "text").execute();
  await db.schema.alterTable("user").addColumn("totp_enabled_at", "text").execute();
  await db.schema.alterTable("user").addColumn("totp_last_step", "integer").execute();
  await db.schema.alterTable("organization").addColumn("require_second_factor", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable("recovery_code")
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addPrimaryKeyConstraint("recovery_code_pk", ["user_id", "code_hash"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("recovery_code").execute();
  await db.schema.alterTable("organization").dropColumn("require_second_factor").execute();
  await db.schema.alterTable("user").dropColumn("totp_last_step").execute();
  await db.schema.alterTable("user").dropColumn("totp_enabled_at").execute();
  await db.schema.alterTable("user").dropColumn("totp_sealed_secret").execute();
}
