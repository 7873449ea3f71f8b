/**
 * Kiosks are enrolled, not declared (issue 14, item 3; docs/decisions/kiosk-enrolment.md). A manager
 * signed in on the counter's tablet presses "enrol this tablet" on the counters page: the tablet gets a
 * long-lived HttpOnly cookie holding a random token (the database keeps only its SHA-256, as sessions
 * do), the manager is signed out of that browser (a public tablet must not stay signed in), and the
 * kiosk opens. Only answers sent with the cookie of a device enrolled (and not revoked) for the counter
 * of the link answered get kiosk treatment: no burst flag, since one tablet serves many visitors. A body
 * that says `"channel": "kiosk"` is not asked.
 *
 * Every enrolment and revocation is one transaction with its audit entry. Nothing here is about a
 * respondent: the device row says which tablet, which counter, who enrolled it and when, and the last
 * day (no time) it sent an answer.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../../db/client.server";
import { getOrganizationCounter } from "../../../db/queries/counters";
import {
  findCounterOpenRoundLinkToken,
  findEnrolledKioskDevice,
  findKioskDeviceForLink,
  getOrganizationKioskDevice,
  insertKioskDevice,
  revokeOrganizationKioskDevice,
  touchKioskDevice,
} from "../../../db/queries/kiosk-devices";
import { getEnv } from "../../lib/env.server";
import { KIOSK_LABEL_MAX } from "../../lib/kiosk-settings";
import { HttpError } from "../../lib/http";
import { bangkokDate } from "../../text/dates";
import { recordAudit } from "../audit.server";

export const KIOSK_COOKIE = "prongsai_kiosk";
/**
 * As long as browsers keep a cookie (Chromium caps Max-Age at 400 days); the kiosk page renews it each
 * time it opens on an enrolled tablet, so a tablet in daily use stays enrolled until revoked.
 */
const COOKIE_MAX_AGE_SECONDS = 400 * 86_400;

export interface KioskActor {
  organizationId: number;
  userId: number;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The kiosk token in a Cookie header, or undefined. */
export function readKioskToken(cookieHeader: string | null | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return new RegExp(`(?:^|;\\s*)${KIOSK_COOKIE}=([A-Za-z0-9_-]{43})(?:;|$)`).exec(cookieHeader)?.[1];
}

/**
 * Set-Cookie for the device token: HttpOnly (no script reads it), SameSite=Lax (never sent with another
 * site's POST, but sent when the tablet opens the kiosk from a bookmark), Secure behind HTTPS, and on
 * every path, since the kiosk page (/k/…), its home (/kiosk) and the answers (/s/…/answers) all read it.
 */
export function kioskCookie(token: string): string {
  const secure = getEnv().PUBLIC_URL.startsWith("https://") ? "; Secure" : "";
  return `${KIOSK_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${COOKIE_MAX_AGE_SECONDS}${secure}`;
}

const MESSAGES = {
  labelRequired: { th: "กรุณาตั้งชื่อเครื่อง เช่น แท็บเล็ตหน้าห้องการเงิน", en: "Give the tablet a name, e.g. the tablet at the finance desk." },
  labelTooLong: { th: `ชื่อเครื่องยาวได้ไม่เกิน ${KIOSK_LABEL_MAX} ตัวอักษร`, en: `The tablet's name may have at most ${KIOSK_LABEL_MAX} characters.` },
  labelControl: { th: "ชื่อเครื่องมีอักขระควบคุมที่ใช้ไม่ได้", en: "The name holds control characters." },
  idInvalid: { th: "ไม่ได้ระบุรายการ หรือรหัสรายการไม่ถูกต้อง", en: "The item is missing or malformed." },
} as const;
type MessageKey = keyof typeof MESSAGES;

const id = z.coerce.number({ error: "idInvalid" }).int({ error: "idInvalid" }).positive({ error: "idInvalid" }).max(Number.MAX_SAFE_INTEGER, { error: "idInvalid" });
const label = z
  .string({ error: "labelRequired" })
  .trim()
  .min(1, { error: "labelRequired" })
  .max(KIOSK_LABEL_MAX, { error: "labelTooLong" })
  .regex(/^[^\p{Cc}]*$/u, { error: "labelControl" });

export const kioskCommandSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("kiosk-enrol"), counterId: id, label }),
  z.object({ intent: z.literal("kiosk-revoke"), deviceId: id }),
]);
export type KioskCommand = z.infer<typeof kioskCommandSchema>;

/** Whether a posted form of the counters page is a kiosk command (enrol or revoke). */
export function isKioskIntent(intent: unknown): boolean {
  return intent === "kiosk-enrol" || intent === "kiosk-revoke";
}

/** Parses a posted form into a kiosk command, or throws a 400 with Thai and English messages per field. */
export function parseKioskCommand(input: Record<string, unknown>): KioskCommand {
  const parsed = kioskCommandSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, { th: string; en: string }> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "intent");
    const key: MessageKey = issue.message in MESSAGES ? (issue.message as MessageKey) : field === "label" ? "labelRequired" : "idInvalid";
    fields[field] ??= { ...MESSAGES[key] };
  }
  const all = Object.values(fields);
  throw new HttpError(400, all.map((m) => m.th).join(" · "), all.map((m) => m.en).join(" · "), fields);
}

function notFound(): HttpError {
  return new HttpError(404, "ไม่พบรายการนี้ในหน่วยงานของท่าน", "No such item in your agency.");
}

/**
 * Enrols the browser that sent the request as the kiosk of one of the actor's counters: a new device
 * row and its audit entry, in one transaction. Returns the Set-Cookie value for that browser. A retired
 * counter takes no kiosk (409); another agency's counter is a 404.
 */
export async function enrolKioskDevice(db: Db, actor: KioskActor, input: { counterId: number; label: string }, now: Date) {
  const token = randomBytes(32).toString("base64url");
  const deviceId = await db.transaction().execute(async (trx) => {
    const counter = await getOrganizationCounter(trx, actor.organizationId, input.counterId);
    if (!counter) throw notFound();
    if (counter.status === "retired") throw new HttpError(409, "จุดให้บริการนี้เลิกใช้แล้ว ลงทะเบียนเครื่องไม่ได้", "This counter is retired: no kiosk can be enrolled for it.");
    const deviceId = await insertKioskDevice(trx, {
      organization_id: actor.organizationId,
      counter_id: counter.id,
      label: input.label,
      token_hash: hashToken(token),
      enrolled_by: actor.userId,
      enrolled_at: now.toISOString(),
    });
    // The label and the counter; never the token.
    await recordAudit(trx, actor, "kiosk.enrol", `kiosk-device:${deviceId}`, { counterId: counter.id, counterNameTh: counter.nameTh, label: input.label }, now);
    return deviceId;
  });
  return { deviceId, cookie: kioskCookie(token) };
}

/**
 * Revokes one of the actor's agency's devices, with its audit entry: from the next answer on, that
 * tablet is a phone. Another agency's device is a 404; revoking twice changes and logs nothing.
 */
export async function revokeKioskDevice(db: Db, actor: KioskActor, deviceId: number, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const device = await getOrganizationKioskDevice(trx, actor.organizationId, deviceId);
    if (!device) throw notFound();
    if (!(await revokeOrganizationKioskDevice(trx, actor.organizationId, deviceId, now.toISOString()))) return;
    await recordAudit(trx, actor, "kiosk.revoke", `kiosk-device:${deviceId}`, { counterId: device.counterId, label: device.label }, now);
  });
}

/**
 * Whether the request's cookie is that of a device enrolled (and not revoked) for the counter of the link
 * (by id, or by token for the kiosk page). Notes the day the device was last seen, once a day: only when
 * `seenOn` is given (an answer arrived; a page view is no sign of use).
 */
export async function isEnrolledKioskFor(db: Db, cookieHeader: string | null | undefined, link: { id: number } | { token: string }, seenOn?: string): Promise<boolean> {
  const token = readKioskToken(cookieHeader);
  if (!token) return false;
  const device = await findKioskDeviceForLink(db, hashToken(token), link);
  if (!device) return false;
  if (seenOn !== undefined && device.lastSeenOn !== seenOn) await touchKioskDevice(db, device.id, seenOn);
  return true;
}

/** Renews the kiosk cookie of a request that holds one (Set-Cookie value), so a tablet in daily use keeps it. */
export function renewedKioskCookie(cookieHeader: string | null | undefined): string | undefined {
  const token = readKioskToken(cookieHeader);
  return token ? kioskCookie(token) : undefined;
}

export type KioskHome =
  | { kind: "kiosk"; token: string }
  | { kind: "not-enrolled" }
  | { kind: "no-open-round"; label: string; counter: { th: string; en: string } };

/**
 * Where an enrolled tablet's kiosk is now (GET /kiosk, the address to bookmark on the tablet): its
 * counter's EIT link in the agency's newest open round, so a new round needs no new bookmark.
 */
export async function findKioskHome(db: Db, cookieHeader: string | null | undefined): Promise<KioskHome> {
  const token = readKioskToken(cookieHeader);
  const device = token ? await findEnrolledKioskDevice(db, hashToken(token)) : undefined;
  if (!device) return { kind: "not-enrolled" };
  const linkToken = await findCounterOpenRoundLinkToken(db, device.organizationId, device.counterId);
  if (linkToken) return { kind: "kiosk", token: linkToken };
  return { kind: "no-open-round", label: device.label, counter: { th: device.counterNameTh, en: device.counterNameEn } };
}

/** The Bangkok day of `now`: what a device's last-seen note keeps. */
export function seenDay(now: Date): string {
  return bangkokDate(now);
}
