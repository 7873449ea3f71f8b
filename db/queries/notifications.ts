/**
 * E-mail notification settings (migration 0024): the agency's alert types, each user's address, language,
 * digest and alert choices; and what the detection of events reads (open rounds).
 */
import type { Db } from "../client.server";
import type { Role } from "../schema";

export interface EmailRecipientRow {
  id: number;
  organization_id: number;
  role: Role;
  unit_id: number | null;
  email: string | null;
  email_lang: "th" | "en";
  weekly_digest: number;
  email_alerts: string;
  status: "active" | "disabled";
}

const RECIPIENT_COLUMNS = ["id", "organization_id", "role", "unit_id", "email", "email_lang", "weekly_digest", "email_alerts", "status"] as const;

/** The agency's active users who have an e-mail address. */
export async function listEmailRecipients(db: Db, organizationId: number): Promise<EmailRecipientRow[]> {
  return db
    .selectFrom("user")
    .select(RECIPIENT_COLUMNS)
    .where("organization_id", "=", organizationId)
    .where("status", "=", "active")
    .where("email", "is not", null)
    .orderBy("id")
    .execute();
}

/** One user as the e-mail sender sees them at sending time (the address may have changed since queueing). */
export async function getEmailRecipient(db: Db, userId: number): Promise<EmailRecipientRow | undefined> {
  return db.selectFrom("user").select(RECIPIENT_COLUMNS).where("id", "=", userId).executeTakeFirst();
}

/** Active users across agencies who asked for the weekly digest and have an address. */
export async function listDigestRecipients(db: Db): Promise<EmailRecipientRow[]> {
  return db
    .selectFrom("user")
    .innerJoin("organization", "organization.id", "user.organization_id")
    .select(RECIPIENT_COLUMNS.map((c) => `user.${c}` as const))
    .where("user.status", "=", "active")
    .where("user.weekly_digest", "=", 1)
    .where("user.email", "is not", null)
    .where("organization.status", "=", "active")
    .orderBy("user.id")
    .execute();
}

export async function updateEmailSettings(
  db: Db,
  userId: number,
  settings: { email: string | null; email_lang: "th" | "en"; weekly_digest: number; email_alerts: string },
): Promise<void> {
  await db.updateTable("user").set(settings).where("id", "=", userId).execute();
}

/** The agency's alert types (JSON array), or undefined when its admin never saved the page. */
export async function getNotificationSetting(db: Db, organizationId: number): Promise<{ alerts: string; updated_at: string } | undefined> {
  return db.selectFrom("notification_setting").select(["alerts", "updated_at"]).where("organization_id", "=", organizationId).executeTakeFirst();
}

export async function saveNotificationSetting(db: Db, row: { organization_id: number; alerts: string; updated_by: number; updated_at: string }): Promise<void> {
  await db
    .insertInto("notification_setting")
    .values(row)
    .onConflict((oc) => oc.column("organization_id").doUpdateSet({ alerts: row.alerts, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
}

/** Agencies (active) that turned on at least one alert, with their alert types. */
export async function listAgenciesWithAlerts(db: Db): Promise<{ organization_id: number; alerts: string }[]> {
  return db
    .selectFrom("notification_setting")
    .innerJoin("organization", "organization.id", "notification_setting.organization_id")
    .select(["notification_setting.organization_id", "notification_setting.alerts"])
    .where("organization.status", "=", "active")
    .where("notification_setting.alerts", "<>", "[]")
    .execute();
}

/** The agency's rounds open on `today` (YYYY-MM-DD), newest first. */
export async function listOpenRoundsOn(db: Db, organizationId: number, today: string): Promise<{ id: number; ends_on: string; starts_on: string }[]> {
  return db
    .selectFrom("round")
    .select(["id", "ends_on", "starts_on"])
    .where("organization_id", "=", organizationId)
    .where("status", "=", "open")
    .where("starts_on", "<=", today)
    .where("ends_on", ">=", today)
    .orderBy("starts_on", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** The round's unread suggestions: how many, and the ids of the latest `limit` (by month of release, then id). */
export async function summarizeUnreadSuggestions(db: Db, roundId: number, limit: number): Promise<{ unread: number; latestIds: string[] }> {
  const count = await db
    .selectFrom("suggestion")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("round_id", "=", roundId)
    .where("status", "=", "new")
    .executeTakeFirstOrThrow();
  const latest = await db.selectFrom("suggestion").select("id").where("round_id", "=", roundId).where("status", "=", "new").orderBy("month", "desc").orderBy("id").limit(limit).execute();
  return { unread: Number(count.n), latestIds: latest.map((r) => r.id) };
}

/** The texts of the agency's suggestions with these ids, in the order given (ids of another agency are ignored). */
export async function getSuggestionTexts(db: Db, organizationId: number, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("suggestion")
    .innerJoin("round", "round.id", "suggestion.round_id")
    .select(["suggestion.id", "suggestion.text"])
    .where("round.organization_id", "=", organizationId)
    .where("suggestion.id", "in", ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r.text]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** Active agencies that have a round open on `today`. */
export async function listAgenciesWithOpenRounds(db: Db, today: string): Promise<number[]> {
  const rows = await db
    .selectFrom("round")
    .innerJoin("organization", "organization.id", "round.organization_id")
    .select("round.organization_id")
    .distinct()
    .where("organization.status", "=", "active")
    .where("round.status", "=", "open")
    .where("round.starts_on", "<=", today)
    .where("round.ends_on", ">=", today)
    .execute();
  return rows.map((r) => r.organization_id);
}

export async function getOrganizationNames(db: Db, organizationId: number): Promise<{ name_th: string; name_en: string } | undefined> {
  return db.selectFrom("organization").select(["name_th", "name_en"]).where("id", "=", organizationId).executeTakeFirst();
}
