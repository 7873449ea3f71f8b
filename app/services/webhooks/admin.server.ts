/**
 * An agency's admin managing its webhooks (issue 17, item 3): add one (its URL checked after DNS, its
 * secret shown once), choose its events, pause and resume it, rotate its secret (the new one shown
 * once), delete it. Each change is one transaction with its audit entry; the audit names the URL's
 * origin only (a relay's URL often carries a token in its path) and never the secret.
 */
import { z } from "zod";
import type { Db } from "../../../db/client.server";
import { countWebhooks, deleteWebhook, getWebhook, insertWebhook, listWebhookDeliveries, listWebhooks, updateWebhook } from "../../../db/queries/webhooks";
import type { SessionUser } from "../../auth/session.server";
import { HttpError } from "../../lib/http";
import { recordAudit } from "../audit.server";
import { checkWebhookTarget, type ResolveHost } from "./address.server";
import { queueWebhookPing } from "./delivery.server";
import { isWebhookEventType, type WebhookEventType, WEBHOOK_EVENT_TYPES } from "./event-types";
import { sealWebhookSecret } from "./secret.server";
import { newWebhookSecret } from "./signature.server";

/** Webhooks per agency: a few receivers (a relay, an automation, a monitoring system) is what anyone needs. */
export const WEBHOOKS_PER_AGENCY = 10;

/** Delivery attempts the page shows. */
export const DELIVERY_LOG_LIMIT = 100;

export type Actor = Pick<SessionUser, "organizationId" | "userId">;

export type WebhookCommandResult =
  | { done: "created" | "rotated"; webhookId: number; secret: string }
  | { done: "paused" | "resumed" | "deleted" | "events"; webhookId: number }
  | { done: "ping"; webhookId: number; eventId: string };

const MESSAGES = {
  idInvalid: { th: "ไม่ได้ระบุ webhook ที่จะเปลี่ยน หรือรหัสไม่ถูกต้อง", en: "The webhook to change is missing or malformed." },
  intentUnknown: { th: "ไม่รู้จักคำสั่งนี้", en: "Unknown action." },
  eventsNone: { th: "กรุณาเลือกเหตุการณ์อย่างน้อยหนึ่งอย่าง", en: "Choose at least one event." },
  eventsUnknown: { th: "มีเหตุการณ์ที่ไม่รู้จัก", en: "An event is not one Prongsai sends." },
  notFound: { th: "ไม่พบ webhook นี้", en: "No such webhook." },
  tooMany: {
    th: `หน่วยงานหนึ่งมี webhook ได้ไม่เกิน ${WEBHOOKS_PER_AGENCY} รายการ ลบรายการที่ไม่ใช้ก่อน`,
    en: `An agency may have at most ${WEBHOOKS_PER_AGENCY} webhooks: delete one no longer used first.`,
  },
  pingPaused: { th: "webhook นี้หยุดส่งอยู่ ให้กดส่งต่อก่อนจึงส่งข้อความทดสอบได้", en: "This webhook is paused: resume it before sending a test delivery." },
  pausedAlready: { th: "webhook นี้หยุดส่งอยู่แล้ว", en: "This webhook is paused already." },
  activeAlready: { th: "webhook นี้ส่งอยู่แล้ว", en: "This webhook is active already." },
} as const;

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const webhookIdSchema = z.object({ webhookId: id });

function badRequest(key: keyof typeof MESSAGES, field?: string): HttpError {
  const message = MESSAGES[key];
  return new HttpError(key === "notFound" ? 404 : 400, message.th, message.en, field ? { [field]: { ...message } } : undefined);
}

function conflict(key: "pausedAlready" | "activeAlready" | "pingPaused"): HttpError {
  return new HttpError(409, MESSAGES[key].th, MESSAGES[key].en);
}

/** The events ticked on the form: at least one, each one Prongsai sends, in the list's order. */
export function parseEventChoice(values: readonly FormDataEntryValue[]): WebhookEventType[] {
  if (values.length > WEBHOOK_EVENT_TYPES.length * 2) throw badRequest("eventsUnknown", "events");
  const chosen = new Set<WebhookEventType>();
  for (const value of values) {
    if (!isWebhookEventType(value)) throw badRequest("eventsUnknown", "events");
    chosen.add(value);
  }
  if (chosen.size === 0) throw badRequest("eventsNone", "events");
  return WEBHOOK_EVENT_TYPES.filter((type) => chosen.has(type));
}

function webhookIdOf(form: FormData): number {
  const parsed = webhookIdSchema.safeParse({ webhookId: form.get("webhookId") ?? undefined });
  if (!parsed.success) throw badRequest("idInvalid", "webhookId");
  return parsed.data.webhookId;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** scheme://host[:port] of a stored URL: what the audit log names. */
function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * Applies a posted form to the actor's agency. Throws HttpError: 400 bad input or a refused URL, 404
 * another agency's (or no) webhook, 409 a change the state does not allow. `resolve` is DNS (a test
 * may give its own answers).
 */
export async function changeWebhooks(db: Db, actor: Actor, form: FormData, now: Date, resolve?: ResolveHost): Promise<WebhookCommandResult> {
  const intent = form.get("intent");
  const at = now.toISOString();
  const audit = (trx: Db, action: string, webhookId: number, detail: Record<string, unknown>) =>
    recordAudit(trx, { organizationId: actor.organizationId, userId: actor.userId }, action, `webhook:${webhookId}`, detail, now);

  switch (intent) {
    case "webhook-create": {
      const events = parseEventChoice(form.getAll("events"));
      // DNS before the transaction: a slow resolver must not hold the database's write lock.
      const target = await checkWebhookTarget(text(form, "url"), resolve);
      const secret = newWebhookSecret();
      const webhookId = await db.transaction().execute(async (trx) => {
        if ((await countWebhooks(trx, actor.organizationId)) >= WEBHOOKS_PER_AGENCY) throw new HttpError(409, MESSAGES.tooMany.th, MESSAGES.tooMany.en);
        const newId = await insertWebhook(trx, {
          organization_id: actor.organizationId,
          url: target.url.href,
          events: JSON.stringify(events),
          status: "active",
          secret_sealed: sealWebhookSecret(secret),
          created_by: actor.userId,
          created_at: at,
          secret_rotated_at: null,
          updated_at: at,
        });
        await audit(trx, "webhook.create", newId, { origin: target.url.origin, events });
        return newId;
      });
      return { done: "created", webhookId, secret };
    }
    case "webhook-events": {
      const webhookId = webhookIdOf(form);
      const events = parseEventChoice(form.getAll("events"));
      await db.transaction().execute(async (trx) => {
        const webhook = await requireWebhook(trx, actor, webhookId);
        await updateWebhook(trx, actor.organizationId, webhookId, { events: JSON.stringify(events), updated_at: at });
        await audit(trx, "webhook.events", webhookId, { origin: originOf(webhook.url), from: JSON.parse(webhook.events), to: events });
      });
      return { done: "events", webhookId };
    }
    case "webhook-pause":
    case "webhook-resume": {
      const webhookId = webhookIdOf(form);
      const pausing = intent === "webhook-pause";
      await db.transaction().execute(async (trx) => {
        const webhook = await requireWebhook(trx, actor, webhookId);
        if (pausing && webhook.status === "paused") throw conflict("pausedAlready");
        if (!pausing && webhook.status === "active") throw conflict("activeAlready");
        await updateWebhook(trx, actor.organizationId, webhookId, { status: pausing ? "paused" : "active", updated_at: at });
        await audit(trx, pausing ? "webhook.pause" : "webhook.resume", webhookId, { origin: originOf(webhook.url) });
      });
      return { done: pausing ? "paused" : "resumed", webhookId };
    }
    case "webhook-rotate": {
      const webhookId = webhookIdOf(form);
      const secret = newWebhookSecret();
      await db.transaction().execute(async (trx) => {
        const webhook = await requireWebhook(trx, actor, webhookId);
        await updateWebhook(trx, actor.organizationId, webhookId, { secret_sealed: sealWebhookSecret(secret), secret_rotated_at: at, updated_at: at });
        await audit(trx, "webhook.rotate-secret", webhookId, { origin: originOf(webhook.url) });
      });
      return { done: "rotated", webhookId, secret };
    }
    case "webhook-ping": {
      const webhookId = webhookIdOf(form);
      const eventId = await db.transaction().execute(async (trx) => {
        const webhook = await requireWebhook(trx, actor, webhookId);
        if (webhook.status !== "active") throw conflict("pingPaused");
        const queued = await queueWebhookPing(trx, actor.organizationId, webhookId, now);
        await audit(trx, "webhook.ping", webhookId, { origin: originOf(webhook.url), eventId: queued });
        return queued;
      });
      return { done: "ping", webhookId, eventId };
    }
    case "webhook-delete": {
      const webhookId = webhookIdOf(form);
      await db.transaction().execute(async (trx) => {
        const webhook = await requireWebhook(trx, actor, webhookId);
        await deleteWebhook(trx, actor.organizationId, webhookId);
        await audit(trx, "webhook.delete", webhookId, { origin: originOf(webhook.url) });
      });
      return { done: "deleted", webhookId };
    }
    default:
      throw badRequest("intentUnknown", "intent");
  }
}

async function requireWebhook(db: Db, actor: Actor, webhookId: number) {
  const webhook = await getWebhook(db, actor.organizationId, webhookId);
  if (!webhook) throw badRequest("notFound");
  return webhook;
}


/** The admin page's data: the agency's webhooks (never a secret) and the latest delivery attempts. */
export async function getWebhooksPage(db: Db, organizationId: number) {
  const [webhooks, deliveries] = await Promise.all([listWebhooks(db, organizationId), listWebhookDeliveries(db, organizationId, DELIVERY_LOG_LIMIT)]);
  return {
    webhooks: webhooks.map((webhook) => ({ ...webhook, events: (JSON.parse(webhook.events) as string[]).filter(isWebhookEventType) })),
    deliveries,
    limit: WEBHOOKS_PER_AGENCY,
  };
}
