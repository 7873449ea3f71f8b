/**
 * The durable outbox (issue 17; docs/decisions/outbox.md): e-mail and webhook deliveries are rows in the
 * database, queued in the transaction of the change that caused them, and sent by a worker in each app
 * process (app/server/outbox-worker.server.ts). This module is the contract between the channels (e-mail:
 * app/services/email/, webhooks) and the events that feed them (app/services/notify/).
 *
 * Guarantees:
 * - at most one message per (channel, recipient, dedupe key): queueing it again inserts nothing;
 * - a message is claimed by one process at a time (a compare-and-set, db/queries/outbox.ts), so several
 *   processes on PostgreSQL do not send it twice;
 * - a process killed after queueing sends nothing lost: the row waits for the next pass of any process;
 *   killed while holding a claim, the claim expires after CLAIM_MS and another pass takes it again. (A kill
 *   after the mail server accepted the message but before the outcome was written sends it a second time:
 *   that window is the time of one UPDATE, and no outbox can close it without the receiver's help; the
 *   webhooks send the event id for that reason.)
 * - a failure is tried again with backoff (./backoff.ts) and given up after MAX_DELIVERY_ATTEMPTS.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client.server";
import { claimOutboxMessage, findDueOutboxMessages, insertOutboxMessages, recordOutboxOutcome } from "../../../db/queries/outbox";
import type { OutboxMessageRow } from "../../../db/schema";
import { givesUp, retryDelayMs } from "./backoff";

export type OutboxChannel = "email" | "webhook";

export interface NewOutboxMessage {
  organizationId: number;
  channel: OutboxChannel;
  /** The user id (email) or the webhook id (webhook), as text. */
  recipient: string;
  /** The event's id: every message fanned out from one event shares it. */
  eventId: string;
  eventType: string;
  dedupeKey: string;
  /** Counts, scores, codes and links only: never personal data. Stored as JSON. */
  payload: unknown;
}

export interface OutboxMessage extends NewOutboxMessage {
  id: string;
  /** Attempts so far, this one included. */
  attempts: number;
  createdAt: string;
}

export type DeliveryOutcome =
  | { kind: "sent"; detail?: string }
  | { kind: "retry"; error: string }
  | { kind: "give-up"; error: string };

export type ChannelSender = (db: Db, message: OutboxMessage) => Promise<DeliveryOutcome>;

/** A task the worker runs besides delivering, every `everyMs`: detection of events, the weekly digest. */
export interface PeriodicTask {
  name: string;
  everyMs: number;
  run: (db: Db, now: Date) => Promise<void>;
}

/**
 * How long a claim holds: longer than any sender may take (the SMTP transport gives up after a minute of
 * silence, the webhooks' requests after seconds), so that a live sender's claim never expires under it.
 */
export const CLAIM_MS = 5 * 60 * 1000;
/** The longest error text kept: a mail server's answer, a status line. */
const ERROR_LENGTH = 500;

const senders = new Map<OutboxChannel, ChannelSender>();
const queuedListeners = new Set<() => void>();

/** Registers the sender of a channel (app/services/notify/channels.server.ts); a process sends only the channels it registered. */
export function registerChannel(channel: OutboxChannel, sender: ChannelSender): void {
  senders.set(channel, sender);
}

/** The worker of this process listens, to send soon after something was queued here (app/server/outbox-worker.server.ts). */
export function onMessagesQueued(listener: () => void): () => void {
  queuedListeners.add(listener);
  return () => queuedListeners.delete(listener);
}

/**
 * Inserts the messages, skipping any whose (channel, recipient, dedupe key) exists; the number inserted.
 * Call it inside the caller's transaction when the event is part of a write: it is then queued if and only
 * if the write commits.
 */
export async function enqueueMessages(db: Db, messages: NewOutboxMessage[], now: Date = new Date()): Promise<number> {
  if (messages.length === 0) return 0;
  const at = now.toISOString();
  const inserted = await insertOutboxMessages(
    db,
    messages.map((m) => ({
      id: randomUUID(),
      organization_id: m.organizationId,
      channel: m.channel,
      recipient: m.recipient,
      event_id: m.eventId,
      event_type: m.eventType,
      dedupe_key: m.dedupeKey,
      payload: JSON.stringify(m.payload ?? null),
      status: "pending" as const,
      attempts: 0,
      next_attempt_at: at,
      created_at: at,
    })),
  );
  if (inserted > 0) for (const listener of queuedListeners) listener();
  return inserted;
}

/**
 * One pass: claims the due messages one at a time (so that no claim waits behind another message's
 * sending), sends each through its channel and records the outcome: sent; tried again at now + backoff; or
 * given up ('failed') when the sender says so or the attempts are spent. A sender that throws is a retry.
 */
export async function deliverDueMessages(
  db: Db,
  options: { now: Date; processId: string; limit?: number },
): Promise<{ sent: number; retried: number; failed: number }> {
  const counts = { sent: 0, retried: 0, failed: 0 };
  const nowIso = options.now.toISOString();
  const due = await findDueOutboxMessages(db, { nowIso, channels: [...senders.keys()], limit: options.limit ?? 50 });
  for (const candidate of due) {
    const claimUntilIso = new Date(options.now.getTime() + CLAIM_MS).toISOString();
    const row = await claimOutboxMessage(db, { id: candidate.id, seenClaimedUntil: candidate.claimed_until, processId: options.processId, claimUntilIso });
    if (!row) continue; // another process was first
    const sender = senders.get(row.channel);
    const outcome = sender ? await send(sender, db, row) : { kind: "retry" as const, error: `no sender for channel ${row.channel}` };
    const recorded = await recordOutboxOutcome(db, {
      id: row.id,
      processId: options.processId,
      claimedUntil: claimUntilIso,
      outcome:
        outcome.kind === "sent"
          ? { status: "sent", sentAtIso: new Date().toISOString() }
          : outcome.kind === "give-up" || givesUp(row.attempts)
            ? { status: "failed", error: clip(outcome.error) }
            : { status: "pending", nextAttemptAtIso: new Date(options.now.getTime() + retryDelayMs(row.attempts)).toISOString(), error: clip(outcome.error) },
    });
    if (!recorded) {
      // The claim expired under a sender slower than CLAIM_MS and another pass took the message: its
      // outcome is that pass's to write.
      console.error(`outbox: the claim of message ${row.id} expired before its outcome was recorded`);
      continue;
    }
    if (outcome.kind === "sent") counts.sent++;
    else if (outcome.kind === "give-up" || givesUp(row.attempts)) counts.failed++;
    else counts.retried++;
  }
  return counts;
}

async function send(sender: ChannelSender, db: Db, row: OutboxMessageRow): Promise<DeliveryOutcome> {
  try {
    return await sender(db, toMessage(row));
  } catch (error) {
    return { kind: "retry", error: error instanceof Error ? error.message : String(error) };
  }
}

function toMessage(row: OutboxMessageRow): OutboxMessage {
  return {
    id: row.id,
    organizationId: row.organization_id,
    channel: row.channel,
    recipient: row.recipient,
    eventId: row.event_id,
    eventType: row.event_type,
    dedupeKey: row.dedupe_key,
    payload: JSON.parse(row.payload) as unknown,
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > ERROR_LENGTH ? `${oneLine.slice(0, ERROR_LENGTH - 1)}…` : oneLine;
}
