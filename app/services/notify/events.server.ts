/**
 * Events (issue 17): something happened at an agency that someone may want to hear of. An event is
 * published once per real-world happening — its dedupe key is stable (e.g. "measure.overdue:42:2026-12-01"),
 * so detecting it again queues nothing new — and every registered fan-out turns it into outbox messages
 * for its channel: e-mail to the users who chose that alert (app/services/email/), webhooks to the URLs
 * subscribed to its type. Registration: ./channels.server.ts. Events carry counts, scores, codes and links:
 * never personal data (docs/decisions/outbox.md).
 */
import type { Db } from "../../../db/client.server";
import { enqueueMessages, type NewOutboxMessage } from "../outbox/outbox.server";

export type NotifyEventType =
  | "indicator.below-pass-mark"
  | "counter.below-pass-mark"
  | "measure.overdue"
  | "round.minimum-sample-reached"
  | "round.closing-soon"
  | "complaint.received"
  | "publication.changed";

export const NOTIFY_EVENT_TYPES: readonly NotifyEventType[] = [
  "indicator.below-pass-mark",
  "counter.below-pass-mark",
  "measure.overdue",
  "round.minimum-sample-reached",
  "round.closing-soon",
  "complaint.received",
  "publication.changed",
];

export interface NotifyEvent {
  /** A random UUID made once per event. */
  id: string;
  type: NotifyEventType;
  organizationId: number;
  /** ISO UTC */
  occurredAt: string;
  /** Stable per real-world happening. */
  dedupeKey: string;
  /** Counts, scores, codes, links: no personal data. */
  data: Record<string, unknown>;
}

/** Turns an event into the messages of one channel (to whoever subscribed to it). */
export type EventFanOut = (db: Db, event: NotifyEvent) => Promise<NewOutboxMessage[]>;

const fanOuts = new Map<string, EventFanOut>();

/** Registers a fan-out under a name (registering a name again replaces it). */
export function registerEventFanOut(name: string, fanOut: EventFanOut): void {
  fanOuts.set(name, fanOut);
}

/**
 * Runs every registered fan-out and queues the result: in the caller's transaction when given one, so
 * that the messages exist if and only if the change that caused the event commits. The number of messages
 * newly queued (0 when the event had been published before).
 */
export async function publishEvent(db: Db, event: NotifyEvent): Promise<number> {
  const messages: NewOutboxMessage[] = [];
  for (const fanOut of fanOuts.values()) messages.push(...(await fanOut(db, event)));
  return enqueueMessages(db, messages, new Date(event.occurredAt));
}
