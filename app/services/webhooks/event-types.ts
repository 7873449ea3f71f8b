/**
 * The events a webhook may subscribe to: every NotifyEventType of app/services/notify, named as
 * app/text/notification-text.ts names them. Pure: the page's component reads it too.
 */
import { EVENT_LABELS } from "../../text/notification-text";

export const WEBHOOK_EVENT_LABELS = EVENT_LABELS;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_LABELS;

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_LABELS) as WebhookEventType[];

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === "string" && Object.hasOwn(WEBHOOK_EVENT_LABELS, value);
}
