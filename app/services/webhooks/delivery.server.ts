/**
 * Webhooks on the outbox (issue 17, item 3; the contract: app/services/outbox, app/services/notify):
 *
 * - the fan-out turns an event into one outbox message per active webhook of the agency subscribed to
 *   the event's type (dedupe key = the event's, so a happening reaches a webhook once); the message's
 *   payload is the very body every attempt sends, so the event id and the bytes signed do not change
 *   between retries (only the timestamp does);
 * - the 'webhook' channel sender delivers one message: the URL checked again (DNS resolved now, the
 *   connection pinned to the checked address), the body signed with the webhook's unsealed secret,
 *   POSTed, and the answer turned into sent / retry / give-up; each attempt goes to the delivery log.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client.server";
import {
  deleteWebhookDeliveriesBefore,
  getOrganizationForWebhooks,
  getWebhookForDelivery,
  insertWebhookDelivery,
  listActiveWebhooks,
} from "../../../db/queries/webhooks";
import type { WebhookDeliveryOutcome } from "../../../db/schema";
import type { NotifyEvent } from "../notify/events.server";
import { type DeliveryOutcome, enqueueMessages, type NewOutboxMessage, type OutboxMessage } from "../outbox/outbox.server";
import { checkWebhookTarget, type ResolveHost, WebhookAddressError } from "./address.server";
import { outcomeOfStatus, webhookBody } from "./payload";
import { postWebhook } from "./post.server";
import { unsealWebhookSecret } from "./secret.server";
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, signatureHeader, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature.server";

/** How long the delivery log keeps an attempt. */
const LOG_DAYS = 30;
const USER_AGENT = "Prongsai-Webhooks/1";

/** The fan-out "webhooks": every active webhook of the event's agency that subscribed to its type. */
export async function webhookFanOut(db: Db, event: NotifyEvent): Promise<NewOutboxMessage[]> {
  const subscribed = (await listActiveWebhooks(db, event.organizationId)).filter((webhook) => (JSON.parse(webhook.events) as string[]).includes(event.type));
  if (subscribed.length === 0) return [];
  const agency = await getOrganizationForWebhooks(db, event.organizationId);
  if (!agency) return [];
  const body = webhookBody(event, agency);
  return subscribed.map((webhook) => ({
    organizationId: event.organizationId,
    channel: "webhook" as const,
    recipient: String(webhook.id),
    eventId: event.id,
    eventType: event.type,
    dedupeKey: event.dedupeKey,
    payload: body,
  }));
}

/** The type of a test delivery: not an event of app/services/notify, sent to one webhook on an admin's request. */
export const PING_EVENT_TYPE = "ping";

/**
 * Queues a test delivery to one webhook ("Send a test delivery" on the admin page): a body like any
 * event's, of type "ping", with a new event id; it goes through the outbox like the others (signed,
 * retried, logged), so that the receiver's set-up is checked end to end. Returns the event id.
 */
export async function queueWebhookPing(db: Db, organizationId: number, webhookId: number, now: Date): Promise<string> {
  const agency = await getOrganizationForWebhooks(db, organizationId);
  if (!agency) throw new Error(`no agency ${organizationId}`);
  const eventId = randomUUID();
  const body = webhookBody({ id: eventId, type: PING_EVENT_TYPE, occurredAt: now.toISOString(), data: { webhookId } }, agency);
  await enqueueMessages(
    db,
    [{ organizationId, channel: "webhook", recipient: String(webhookId), eventId, eventType: PING_EVENT_TYPE, dedupeKey: `${PING_EVENT_TYPE}:${eventId}`, payload: body }],
    now,
  );
  return eventId;
}

export interface WebhookSendOptions {
  /** DNS: the system's by default. */
  resolve?: ResolveHost;
  now?: () => Date;
}

/** The 'webhook' channel sender (registered in app/services/notify/channels.server.ts). */
export function webhookSender(options: WebhookSendOptions = {}) {
  return (db: Db, message: OutboxMessage) => sendWebhookMessage(db, message, options);
}

export async function sendWebhookMessage(db: Db, message: OutboxMessage, options: WebhookSendOptions = {}): Promise<DeliveryOutcome> {
  const now = options.now ?? (() => new Date());
  const webhookId = Number(message.recipient);
  const webhook = Number.isSafeInteger(webhookId) ? await getWebhookForDelivery(db, webhookId) : undefined;
  // Deleted (or never this agency's): nothing to log against; the message is dropped.
  if (!webhook || webhook.organizationId !== message.organizationId) return { kind: "give-up", error: "the webhook was deleted" };

  // The outbox counts the attempt in progress.
  const attempt = message.attempts;
  const log = async (outcome: WebhookDeliveryOutcome, httpStatus: number | null, error: string | null) => {
    const at = now();
    await insertWebhookDelivery(db, {
      organization_id: message.organizationId,
      webhook_id: webhook.id,
      message_id: message.id,
      event_id: message.eventId,
      event_type: message.eventType,
      attempt,
      attempted_at: at.toISOString(),
      outcome,
      http_status: httpStatus,
      error: error === null ? null : error.slice(0, 500),
    });
    await deleteWebhookDeliveriesBefore(db, webhook.id, new Date(at.getTime() - LOG_DAYS * 86_400_000).toISOString());
  };
  const giveUp = async (error: string, httpStatus: number | null = null): Promise<DeliveryOutcome> => {
    await log("give-up", httpStatus, error);
    return { kind: "give-up", error };
  };

  if (webhook.status !== "active") return giveUp("the webhook was paused before this delivery");

  let target;
  try {
    target = await checkWebhookTarget(webhook.url, options.resolve);
  } catch (error) {
    if (!(error instanceof WebhookAddressError)) throw error;
    // A name that no longer resolves may come back; an address now refused will not by waiting.
    if (error.code.startsWith("dns:")) {
      await log("retry", null, error.messageEn);
      return { kind: "retry", error: error.messageEn };
    }
    return giveUp(`refused: ${error.messageEn}`);
  }

  let secret: string;
  try {
    secret = unsealWebhookSecret(webhook.secretSealed);
  } catch {
    return giveUp("the secret does not unseal: the installation's key (ANSWER_POOL_KEY) is not the one it was sealed under; rotate the secret");
  }

  const body = JSON.stringify(message.payload);
  const timestamp = Math.floor(now().getTime() / 1000);
  const result = await postWebhook(target, body, {
    "Content-Type": "application/json",
    "User-Agent": USER_AGENT,
    [EVENT_ID_HEADER]: message.eventId,
    [EVENT_TYPE_HEADER]: message.eventType,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signatureHeader(secret, timestamp, body),
  });
  if (result.kind === "failed") {
    await log("retry", null, result.error);
    return { kind: "retry", error: result.error };
  }
  const outcome = outcomeOfStatus(result.status);
  if (outcome === "sent") {
    await log("sent", result.status, null);
    return { kind: "sent", detail: `HTTP ${result.status}` };
  }
  if (outcome === "retry") {
    await log("retry", result.status, `HTTP ${result.status}`);
    return { kind: "retry", error: `HTTP ${result.status}` };
  }
  return giveUp(result.status >= 300 && result.status < 400 ? `HTTP ${result.status}: redirects are not followed; register the final URL` : `HTTP ${result.status}`, result.status);
}
