/**
 * The outbox's rows (migration 0023; the rules in app/services/outbox/outbox.server.ts). A claim is a
 * compare-and-set on claimed_until as it was read: of several processes that read the same due row, the
 * database lets exactly one update it (PostgreSQL re-checks the WHERE after waiting for the row's lock;
 * SQLite has one writer at a time), and the others see no row returned.
 */
import type { Db } from "../client.server";
import type { NewOutboxMessageRow, OutboxMessageRow } from "../schema";

/** SQLite's limit of bound values per statement stays far away with rows of 12 values in chunks of 200. */
const INSERT_CHUNK = 200;

/** Inserts the rows, skipping any whose (channel, recipient, dedupe_key) exists; the number inserted. */
export async function insertOutboxMessages(db: Db, rows: NewOutboxMessageRow[]): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const result = await db
      .insertInto("outbox_message")
      .values(chunk)
      .onConflict((oc) => oc.columns(["channel", "recipient", "dedupe_key"]).doNothing())
      .returning("id")
      .execute();
    inserted += result.length;
  }
  return inserted;
}

export interface DueOutboxMessage {
  id: string;
  claimed_until: string | null;
}

/** Pending rows of the given channels that are due at `nowIso` and not claimed (or whose claim has expired), oldest due first. */
export async function findDueOutboxMessages(db: Db, input: { nowIso: string; channels: string[]; limit: number }): Promise<DueOutboxMessage[]> {
  if (input.channels.length === 0) return [];
  return db
    .selectFrom("outbox_message")
    .select(["id", "claimed_until"])
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", input.nowIso)
    .where("channel", "in", input.channels as OutboxMessageRow["channel"][])
    .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<=", input.nowIso)]))
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(input.limit)
    .execute();
}

/**
 * Claims one row for `processId` until `claimUntilIso`, counting the attempt, if it is still pending and its
 * claim is still the one that was read (`seenClaimedUntil`). The claimed row, or undefined when another
 * process was first.
 */
export async function claimOutboxMessage(
  db: Db,
  input: { id: string; seenClaimedUntil: string | null; processId: string; claimUntilIso: string },
): Promise<OutboxMessageRow | undefined> {
  return db
    .updateTable("outbox_message")
    .set((eb) => ({ claimed_by: input.processId, claimed_until: input.claimUntilIso, attempts: eb("attempts", "+", 1) }))
    .where("id", "=", input.id)
    .where("status", "=", "pending")
    .where("claimed_until", input.seenClaimedUntil === null ? "is" : "=", input.seenClaimedUntil)
    .returningAll()
    .executeTakeFirst();
}

/** The outcome of a claimed row, written only while this process still holds the claim; false when it no longer does. */
export async function recordOutboxOutcome(
  db: Db,
  input: {
    id: string;
    processId: string;
    claimedUntil: string;
    outcome: { status: "sent"; sentAtIso: string } | { status: "pending"; nextAttemptAtIso: string; error: string } | { status: "failed"; error: string };
  },
): Promise<boolean> {
  const { outcome } = input;
  const set =
    outcome.status === "sent"
      ? { status: "sent" as const, sent_at: outcome.sentAtIso, last_error: null }
      : outcome.status === "pending"
        ? { status: "pending" as const, next_attempt_at: outcome.nextAttemptAtIso, last_error: outcome.error }
        : { status: "failed" as const, last_error: outcome.error };
  const result = await db
    .updateTable("outbox_message")
    .set({ ...set, claimed_by: null, claimed_until: null })
    .where("id", "=", input.id)
    .where("claimed_by", "=", input.processId)
    .where("claimed_until", "=", input.claimedUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface OutboxMessageSummary {
  id: string;
  recipient: string;
  event_type: string;
  status: OutboxMessageRow["status"];
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  next_attempt_at: string;
}

/** An agency's latest messages of one channel, newest first (the admin pages' delivery log). */
export async function listRecentOutboxMessages(db: Db, input: { organizationId: number; channel: OutboxMessageRow["channel"]; limit: number }): Promise<OutboxMessageSummary[]> {
  return db
    .selectFrom("outbox_message")
    .select(["id", "recipient", "event_type", "status", "attempts", "last_error", "created_at", "sent_at", "next_attempt_at"])
    .where("organization_id", "=", input.organizationId)
    .where("channel", "=", input.channel)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(input.limit)
    .execute();
}

/** One row by id (tests and the admin pages), or undefined. */
export async function getOutboxMessage(db: Db, id: string): Promise<OutboxMessageRow | undefined> {
  return db.selectFrom("outbox_message").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Whether a message of this kind to this recipient is still waiting (e.g. a test e-mail not yet sent). */
export async function hasPendingOutboxMessage(db: Db, input: { channel: OutboxMessageRow["channel"]; recipient: string; eventType: string }): Promise<boolean> {
  const row = await db
    .selectFrom("outbox_message")
    .select("id")
    .where("channel", "=", input.channel)
    .where("recipient", "=", input.recipient)
    .where("event_type", "=", input.eventType)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return row !== undefined;
}
