/**
 * E-mail settings (issue 17): each user's own address, language, weekly digest and alerts (the account
 * page), and the agency's alerts, test e-mail and delivery log (the admins' notifications page). Every
 * change is one transaction with its audit entry (the audit says that an address was set or removed,
 * never the address).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../../db/client.server";
import { getEmailRecipient, getNotificationSetting, saveNotificationSetting, updateEmailSettings } from "../../../db/queries/notifications";
import { hasPendingOutboxMessage, listRecentOutboxMessages } from "../../../db/queries/outbox";
import { listOrganizationUsers } from "../../../db/queries/users";
import type { SessionUser } from "../../auth/session.server";
import { getEnv } from "../../lib/env.server";
import { HttpError } from "../../lib/http";
import { bangkokDate } from "../../text/dates";
import { recordAudit } from "../audit.server";
import { enqueueMessages } from "../outbox/outbox.server";
import { chosenAlerts, mayReceiveAlert } from "./channel.server";
import { EMAIL_ALERT_TYPES, isEmailAlertType, type EmailAlertType, type EmailPayload } from "./messages";

/** RFC 5321's longest path; an address longer than this cannot be delivered. */
export const EMAIL_MAX = 254;
/** The delivery log's length on the notifications page. */
export const RECENT_MESSAGES = 50;

export interface OwnEmailSettings {
  emailOn: boolean;
  email: string;
  lang: "th" | "en";
  weeklyDigest: boolean;
  /** The alerts the user chose. */
  alerts: EmailAlertType[];
  /** The alerts the agency's admin turned on, which this user may receive: the only ones offered. */
  offered: EmailAlertType[];
}

export async function getOwnEmailSettings(db: Db, user: SessionUser): Promise<OwnEmailSettings> {
  const row = await getEmailRecipient(db, user.userId);
  const agency = await getAgencyAlertTypes(db, user.organizationId);
  return {
    emailOn: getEnv().SMTP !== null,
    email: row?.email ?? "",
    lang: row?.email_lang ?? "th",
    weeklyDigest: row?.weekly_digest === 1,
    alerts: row ? chosenAlerts(row.email_alerts) : [],
    offered: agency.filter((type) => mayReceiveAlert({ role: user.role, unit_id: row?.unit_id ?? null }, { type, unitId: row?.unit_id ?? null })),
  };
}

export async function getAgencyAlertTypes(db: Db, organizationId: number): Promise<EmailAlertType[]> {
  const setting = await getNotificationSetting(db, organizationId);
  return setting ? chosenAlerts(setting.alerts) : [];
}

const invalid = (field: string, th: string, en: string) => new HttpError(400, `${th} กรุณาแก้ไขแล้วบันทึกอีกครั้ง`, `${en} Correct it and save again.`, { [field]: { th, en } });

/** The form's checked alert types; an unknown one is a 400 (a form of this page never sends one). */
function parseAlertTypes(form: FormData): EmailAlertType[] {
  const values = form.getAll("alert");
  if (values.length > EMAIL_ALERT_TYPES.length) throw invalid("alert", "เลือกการแจ้งเตือนมากเกินกว่าที่มี", "More alerts were sent than exist.");
  const types = new Set<EmailAlertType>();
  for (const value of values) {
    if (!isEmailAlertType(value)) throw invalid("alert", "ไม่รู้จักการแจ้งเตือนที่เลือก", "An unknown alert was chosen.");
    types.add(value);
  }
  return EMAIL_ALERT_TYPES.filter((t) => types.has(t));
}

const emailSchema = z.string().max(EMAIL_MAX).email();

function one(form: FormData, name: string): string {
  const values = form.getAll(name);
  if (values.length > 1) throw invalid(name, "ส่งช่องเดียวกันมาหลายครั้ง", "The same field was sent more than once.");
  const value = values[0] ?? "";
  if (typeof value !== "string") throw invalid(name, "ช่องนี้รับข้อความเท่านั้น", "This field takes text only.");
  return value;
}

/**
 * Saves the user's own e-mail settings from the account page's form: email (empty removes it), lang,
 * digest ("on"), alert (repeated). A digest or an alert without an address is refused: nothing could be sent.
 */
export async function saveOwnEmailSettings(db: Db, user: SessionUser, form: FormData, now: Date): Promise<OwnEmailSettings> {
  const rawEmail = one(form, "email").trim();
  if (rawEmail.length > EMAIL_MAX) throw invalid("email", `อีเมลยาวเกิน ${EMAIL_MAX} ตัวอักษร`, `The address is longer than ${EMAIL_MAX} characters.`);
  if (rawEmail !== "" && (!emailSchema.safeParse(rawEmail).success || /[\s<>"]/.test(rawEmail))) {
    throw invalid("email", "อีเมลไม่ถูกต้อง ตัวอย่าง: somchai@example.go.th", "Not an e-mail address; for example somchai@example.go.th.");
  }
  const lang = one(form, "lang") || "th";
  if (lang !== "th" && lang !== "en") throw invalid("lang", "ภาษาของอีเมลต้องเป็นไทยหรืออังกฤษ", "The e-mails' language is Thai or English.");
  const digest = one(form, "digest");
  if (digest !== "" && digest !== "on") throw invalid("digest", "ค่าของสรุปประจำสัปดาห์ไม่ถูกต้อง", "The weekly digest's value is not valid.");
  const alerts = parseAlertTypes(form);
  const offered = (await getOwnEmailSettings(db, user)).offered;
  if (alerts.some((type) => !offered.includes(type))) {
    throw invalid("alert", "การแจ้งเตือนที่เลือกไม่ได้เปิดให้รับ หรือท่านไม่มีสิทธิ์รับ", "A chosen alert is not turned on, or not one you may receive.");
  }
  const email = rawEmail === "" ? null : rawEmail;
  if (!email && (digest === "on" || alerts.length > 0)) {
    throw invalid("email", "กรอกอีเมลก่อนเลือกรับสรุปหรือการแจ้งเตือน", "Enter an e-mail address before choosing a digest or alerts.");
  }
  const before = await getEmailRecipient(db, user.userId);
  await db.transaction().execute(async (trx) => {
    await updateEmailSettings(trx, user.userId, { email, email_lang: lang, weekly_digest: digest === "on" ? 1 : 0, email_alerts: JSON.stringify(alerts) });
    await recordAudit(
      trx,
      { organizationId: user.organizationId, userId: user.userId },
      "email-settings.change",
      `user:${user.userId}`,
      { address: email === null ? "none" : email === before?.email ? "kept" : "changed", lang, weeklyDigest: digest === "on", alerts },
      now,
    );
  });
  return getOwnEmailSettings(db, user);
}

export interface NotificationsPage {
  emailOn: boolean;
  /** The sender (SMTP_FROM) and server when on: what the admin checks against the mail system. */
  smtp: { host: string; port: number; tls: string; from: string } | null;
  alerts: EmailAlertType[];
  ownEmail: string | null;
  /** How many of the agency's users chose each alert, and the digest. */
  subscribers: { digest: number; alerts: Record<EmailAlertType, number> };
  recent: { id: string; recipient: string; eventType: string; status: "pending" | "sent" | "failed"; attempts: number; lastError: string | null; createdAt: string; sentAt: string | null; nextAttemptAt: string }[];
}

export async function getNotificationsPage(db: Db, user: SessionUser): Promise<NotificationsPage> {
  const env = getEnv();
  const users = await listOrganizationUsers(db, user.organizationId);
  const names = new Map(users.map((u) => [String(u.id), u.username]));
  const own = await getEmailRecipient(db, user.userId);
  const subscribers = { digest: 0, alerts: Object.fromEntries(EMAIL_ALERT_TYPES.map((t) => [t, 0])) as Record<EmailAlertType, number> };
  for (const u of users) {
    const row = await getEmailRecipient(db, u.id);
    if (!row?.email || row.status !== "active") continue;
    if (row.weekly_digest === 1) subscribers.digest++;
    for (const t of chosenAlerts(row.email_alerts)) subscribers.alerts[t]++;
  }
  const recent = await listRecentOutboxMessages(db, { organizationId: user.organizationId, channel: "email", limit: RECENT_MESSAGES });
  return {
    emailOn: env.SMTP !== null,
    smtp: env.SMTP ? { host: env.SMTP.host, port: env.SMTP.port, tls: env.SMTP.tls, from: env.SMTP.from } : null,
    alerts: await getAgencyAlertTypes(db, user.organizationId),
    ownEmail: own?.email ?? null,
    subscribers,
    recent: recent.map((m) => ({
      id: m.id,
      // The username, never the address: the log is read by every admin.
      recipient: names.get(m.recipient) ?? `#${m.recipient}`,
      eventType: m.event_type,
      status: m.status,
      attempts: m.attempts,
      lastError: m.last_error,
      createdAt: m.created_at,
      sentAt: m.sent_at,
      nextAttemptAt: m.next_attempt_at,
    })),
  };
}

/** Saves the alert types the agency sends (the notifications page's form: alert, repeated). */
export async function saveAgencyAlerts(db: Db, user: SessionUser, form: FormData, now: Date): Promise<EmailAlertType[]> {
  const alerts = parseAlertTypes(form);
  const before = await getAgencyAlertTypes(db, user.organizationId);
  await db.transaction().execute(async (trx) => {
    await saveNotificationSetting(trx, { organization_id: user.organizationId, alerts: JSON.stringify(alerts), updated_by: user.userId, updated_at: now.toISOString() });
    await recordAudit(trx, { organizationId: user.organizationId, userId: user.userId }, "notifications.alerts-change", `organization:${user.organizationId}`, { before, after: alerts }, now);
  });
  return alerts;
}

/**
 * Queues a test e-mail to the admin's own address through the outbox, as every e-mail goes: the log below
 * then shows whether the mail server took it. One at a time: while one is pending, another is refused (409).
 */
export async function sendTestEmail(db: Db, user: SessionUser, now: Date): Promise<void> {
  const env = getEnv();
  if (!env.SMTP) throw new HttpError(409, "ยังไม่ได้ตั้งค่าการส่งอีเมล (SMTP) จึงส่งอีเมลทดสอบไม่ได้", "E-mail is off (no SMTP settings): no test e-mail can be sent.");
  const own = await getEmailRecipient(db, user.userId);
  if (!own?.email) throw new HttpError(409, "บัญชีของท่านยังไม่มีอีเมล กรอกอีเมลที่หน้า บัญชีของฉัน ก่อน", "Your account has no e-mail address: add one on My account first.");
  if (await hasPendingOutboxMessage(db, { channel: "email", recipient: String(user.userId), eventType: "email.test" })) {
    throw new HttpError(409, "อีเมลทดสอบฉบับก่อนยังรอส่งอยู่ ดูสถานะในรายการด้านล่าง", "The previous test e-mail is still waiting to be sent: see its status in the list below.");
  }
  const payload: EmailPayload = { kind: "test", requestedOn: bangkokDate(now), link: `${env.PUBLIC_URL}/admin/notifications` };
  await db.transaction().execute(async (trx) => {
    await enqueueMessages(
      trx,
      [{ organizationId: user.organizationId, channel: "email", recipient: String(user.userId), eventId: randomUUID(), eventType: "email.test", dedupeKey: `email.test:${randomUUID()}`, payload }],
      now,
    );
    await recordAudit(trx, { organizationId: user.organizationId, userId: user.userId }, "notifications.test-email", `user:${user.userId}`, {}, now);
  });
}
