/**
 * Kiosk tablets enrolled for an agency's service counters (migration 0015; docs/decisions/kiosk-enrolment.md).
 * The admin pages' reads and updates are scoped by organization id (ARCHITECTURE.md §3.2); the answers
 * endpoint finds a device by the hash of its cookie's token, only for the counter of the link answered.
 */
import type { Db } from "../client.server";
import type { NewKioskDevice } from "../schema";

export interface KioskDeviceRow {
  id: number;
  counterId: number;
  label: string;
  enrolledAt: string;
  /** The enrolling user's display name ("" when none) and username, or null once that account is deleted. */
  enrolledByName: string | null;
  enrolledByUsername: string | null;
  lastSeenOn: string | null;
}

export async function insertKioskDevice(db: Db, device: NewKioskDevice): Promise<number> {
  const row = await db.insertInto("kiosk_device").values(device).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** The agency's enrolled devices that are not revoked, in the order enrolled. */
export async function listOrganizationKioskDevices(db: Db, organizationId: number): Promise<KioskDeviceRow[]> {
  return db
    .selectFrom("kiosk_device")
    .leftJoin("user", "user.id", "kiosk_device.enrolled_by")
    .where("kiosk_device.organization_id", "=", organizationId)
    .where("kiosk_device.revoked_at", "is", null)
    .select([
      "kiosk_device.id as id",
      "kiosk_device.counter_id as counterId",
      "kiosk_device.label as label",
      "kiosk_device.enrolled_at as enrolledAt",
      "user.display_name as enrolledByName",
      "user.username as enrolledByUsername",
      "kiosk_device.last_seen_on as lastSeenOn",
    ])
    .orderBy("kiosk_device.id")
    .execute();
}

/** One of the agency's devices (revoked or not), or undefined (also for another agency's). */
export async function getOrganizationKioskDevice(db: Db, organizationId: number, deviceId: number) {
  return db
    .selectFrom("kiosk_device")
    .where("organization_id", "=", organizationId)
    .where("id", "=", deviceId)
    .select(["id", "counter_id as counterId", "label", "revoked_at as revokedAt"])
    .executeTakeFirst();
}

/** Revokes one of the agency's devices; false when it is not the agency's or was revoked already. */
export async function revokeOrganizationKioskDevice(db: Db, organizationId: number, deviceId: number, revokedAt: string): Promise<boolean> {
  const result = await db
    .updateTable("kiosk_device")
    .set({ revoked_at: revokedAt })
    .where("organization_id", "=", organizationId)
    .where("id", "=", deviceId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The device holding this token if it is enrolled (not revoked) for the counter of the link (by id, or by
 * its token): the only device that gets kiosk treatment for answers through that link. Undefined otherwise.
 */
export async function findKioskDeviceForLink(db: Db, tokenHash: string, link: { id: number } | { token: string }) {
  return db
    .selectFrom("kiosk_device")
    .innerJoin("link", "link.counter_id", "kiosk_device.counter_id")
    .where("kiosk_device.token_hash", "=", tokenHash)
    .where("kiosk_device.revoked_at", "is", null)
    .where((eb) => ("id" in link ? eb("link.id", "=", link.id) : eb("link.token", "=", link.token)))
    .select(["kiosk_device.id as id", "kiosk_device.last_seen_on as lastSeenOn"])
    .executeTakeFirst();
}

/** The device holding this token if it is enrolled and not revoked, with its counter's names. */
export async function findEnrolledKioskDevice(db: Db, tokenHash: string) {
  return db
    .selectFrom("kiosk_device")
    .innerJoin("counter", "counter.id", "kiosk_device.counter_id")
    .where("kiosk_device.token_hash", "=", tokenHash)
    .where("kiosk_device.revoked_at", "is", null)
    .select([
      "kiosk_device.id as id",
      "kiosk_device.organization_id as organizationId",
      "kiosk_device.counter_id as counterId",
      "kiosk_device.label as label",
      "counter.name_th as counterNameTh",
      "counter.name_en as counterNameEn",
    ])
    .executeTakeFirst();
}

/**
 * The counter's EIT link in the agency's newest open round (the enrolled tablet's kiosk), an active one
 * before a paused one, or undefined.
 */
export async function findCounterOpenRoundLinkToken(db: Db, organizationId: number, counterId: number): Promise<string | undefined> {
  const rows = await db
    .selectFrom("link")
    .innerJoin("round", "round.id", "link.round_id")
    .where("round.organization_id", "=", organizationId)
    .where("round.status", "=", "open")
    .where("link.counter_id", "=", counterId)
    .where("link.instrument", "=", "eit")
    .select(["link.token as token", "link.status as status", "round.id as roundId"])
    .orderBy("round.starts_on", "desc")
    .orderBy("round.id", "desc")
    .orderBy("link.id", "desc")
    .execute();
  const newest = rows.filter((r) => r.roundId === rows[0]?.roundId);
  return (newest.find((r) => r.status === "active") ?? newest[0])?.token;
}

/** Notes the day a device was last seen: one write a day per device at most (the caller checks the day first). */
export async function touchKioskDevice(db: Db, deviceId: number, day: string): Promise<void> {
  await db.updateTable("kiosk_device").set({ last_seen_on: day }).where("id", "=", deviceId).execute();
}
