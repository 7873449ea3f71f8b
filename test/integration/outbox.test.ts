/**
 * The outbox (issue 17; app/services/outbox/) on a real database, SQLite or PostgreSQL: a message is queued
 * once per (channel, recipient, dedupe key), and with the transaction that queued it; a pass sends each due
 * message once; a failure is tried again after the backoff and given up after the last attempt; a claim
 * left by a killed process expires and is taken again; two handles on one database (two processes) that
 * deliver at the same moment send each message once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.server";
import { claimOutboxMessage, getOutboxMessage, recordOutboxOutcome } from "../../db/queries/outbox";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "../../app/services/outbox/backoff";
import { CLAIM_MS, deliverDueMessages, enqueueMessages, registerChannel, type DeliveryOutcome, type NewOutboxMessage, type OutboxMessage } from "../../app/services/outbox/outbox.server";
import { createRoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-12-03T01:00:00.000Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

let t: TestDb;
let organizationId: number;
/** What the test channel was asked to deliver, in order, and what it answers. */
let delivered: OutboxMessage[];
let answer: (message: OutboxMessage) => Promise<DeliveryOutcome>;

function message(n: number, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    organizationId,
    channel: "email",
    recipient: String(n),
    eventId: `00000000-0000-4000-8000-00000000000${n % 10}`,
    eventType: "measure.overdue",
    dedupeKey: `measure.overdue:${n}:2026-12-01`,
    payload: { measureId: n, dueOn: "2026-12-01" },
    ...overrides,
  };
}

beforeEach(async () => {
  t = await createTestDb();
  ({ organizationId } = await createRoundFixture(t.db));
  delivered = [];
  answer = async () => ({ kind: "sent" });
  registerChannel("email", async (_db, m) => {
    delivered.push(m);
    return answer(m);
  });
});
afterEach(async () => {
  await t.close();
});

describe("queueing", () => {
  it("queues a message once per channel, recipient and dedupe key", async () => {
    expect(await enqueueMessages(t.db, [message(1), message(2)], NOW)).toBe(2);
    // The same happening detected again, alone or beside a new one: only the new one is queued.
    expect(await enqueueMessages(t.db, [message(1)], NOW)).toBe(0);
    expect(await enqueueMessages(t.db, [message(1), message(3)], NOW)).toBe(1);
    // The same dedupe key for another recipient, or on another channel, is another message.
    expect(await enqueueMessages(t.db, [message(1, { recipient: "9" }), message(1, { channel: "webhook" })], NOW)).toBe(2);
    const rows = await t.db.selectFrom("outbox_message").selectAll().orderBy("recipient").execute();
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ status: "pending", attempts: 0, next_attempt_at: NOW.toISOString(), claimed_by: null, sent_at: null });
    expect(JSON.parse(rows[0]!.payload)).toEqual({ measureId: 1, dueOn: "2026-12-01" });
  });

  it("queues nothing when the transaction that queued it rolls back", async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        expect(await enqueueMessages(trx, [message(1)], NOW)).toBe(1);
        throw new Error("the write that caused the event failed");
      }),
    ).rejects.toThrow("failed");
    expect(await t.db.selectFrom("outbox_message").select("id").execute()).toEqual([]);
  });
});

describe("delivering", () => {
  it("sends each due message once and records it sent", async () => {
    await enqueueMessages(t.db, [message(1), message(2)], NOW);
    expect(await deliverDueMessages(t.db, { now: NOW, processId: "a" })).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(delivered.map((m) => m.recipient).sort()).toEqual(["1", "2"]);
    expect(delivered[0]).toMatchObject({ channel: "email", eventType: "measure.overdue", attempts: 1, organizationId });
    expect(await deliverDueMessages(t.db, { now: later(60 * 60 * 1000), processId: "a" })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(delivered).toHaveLength(2);
    const rows = await t.db.selectFrom("outbox_message").selectAll().execute();
    for (const row of rows) expect(row).toMatchObject({ status: "sent", attempts: 1, claimed_by: null, claimed_until: null, last_error: null });
    for (const row of rows) expect(row.sent_at).not.toBeNull();
  });

  it("leaves a message queued for later until it is due", async () => {
    await enqueueMessages(t.db, [message(1)], later(10_000));
    expect(await deliverDueMessages(t.db, { now: NOW, processId: "a" })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await deliverDueMessages(t.db, { now: later(10_000), processId: "a" })).toEqual({ sent: 1, retried: 0, failed: 0 });
  });

  it("tries a failed message again after the backoff, and a sender that throws is a failure too", async () => {
    await enqueueMessages(t.db, [message(1)], NOW);
    answer = async () => ({ kind: "retry", error: "421 4.3.2 Service not available,\n closing channel" });
    expect(await deliverDueMessages(t.db, { now: NOW, processId: "a" })).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [row] = await t.db.selectFrom("outbox_message").selectAll().execute();
    expect(row).toMatchObject({ status: "pending", attempts: 1, claimed_by: null, last_error: "421 4.3.2 Service not available, closing channel" });
    expect(row!.next_attempt_at).toBe(later(retryDelayMs(1)).toISOString());

    // Not before the backoff has passed.
    expect(await deliverDueMessages(t.db, { now: later(retryDelayMs(1) - 1), processId: "a" })).toEqual({ sent: 0, retried: 0, failed: 0 });
    answer = async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:25");
    };
    const second = later(retryDelayMs(1));
    expect(await deliverDueMessages(t.db, { now: second, processId: "a" })).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [again] = await t.db.selectFrom("outbox_message").selectAll().execute();
    expect(again).toMatchObject({ status: "pending", attempts: 2, last_error: "connect ECONNREFUSED 127.0.0.1:25" });
    expect(again!.next_attempt_at).toBe(new Date(second.getTime() + retryDelayMs(2)).toISOString());

    answer = async () => ({ kind: "sent" });
    expect(await deliverDueMessages(t.db, { now: new Date(again!.next_attempt_at), processId: "a" })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await t.db.selectFrom("outbox_message").select(["status", "attempts", "last_error"]).execute()).toEqual([{ status: "sent", attempts: 3, last_error: null }]);
  });

  it("doubles the wait between attempts up to a cap", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(MAX_DELIVERY_ATTEMPTS)).toBe(6 * 60 * 60 * 1000);
    expect(retryDelayMs(1000)).toBe(6 * 60 * 60 * 1000);
  });

  it("gives a message up after the last attempt", async () => {
    await enqueueMessages(t.db, [message(1)], NOW);
    answer = async () => ({ kind: "retry", error: "450 mailbox busy" });
    let now = NOW;
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) {
      expect(await deliverDueMessages(t.db, { now, processId: "a" })).toEqual({ sent: 0, retried: 1, failed: 0 });
      now = new Date((await t.db.selectFrom("outbox_message").select("next_attempt_at").executeTakeFirstOrThrow()).next_attempt_at);
    }
    expect(await deliverDueMessages(t.db, { now, processId: "a" })).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await t.db.selectFrom("outbox_message").select(["status", "attempts", "last_error"]).execute()).toEqual([
      { status: "failed", attempts: MAX_DELIVERY_ATTEMPTS, last_error: "450 mailbox busy" },
    ]);
    // A failed message is not tried again.
    expect(await deliverDueMessages(t.db, { now: later(30 * 24 * 60 * 60 * 1000), processId: "a" })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(delivered).toHaveLength(MAX_DELIVERY_ATTEMPTS);
  });

  it("gives a message up at once when the sender says it never can be sent", async () => {
    await enqueueMessages(t.db, [message(1)], NOW);
    answer = async () => ({ kind: "give-up", error: "the user has no e-mail address" });
    expect(await deliverDueMessages(t.db, { now: NOW, processId: "a" })).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await t.db.selectFrom("outbox_message").select(["status", "attempts"]).execute()).toEqual([{ status: "failed", attempts: 1 }]);
  });

  it("claims only the channels this process has a sender for", async () => {
    // This file registers no webhook sender (each test file runs in a process of its own).
    await enqueueMessages(t.db, [message(1, { channel: "webhook" as const }), message(2)], NOW);
    expect(await deliverDueMessages(t.db, { now: NOW, processId: "a" })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(delivered.map((m) => m.recipient)).toEqual(["2"]);
    // Left unclaimed and untried, for a process that sends webhooks.
    expect(await t.db.selectFrom("outbox_message").select(["status", "attempts", "claimed_by"]).where("channel", "=", "webhook").execute()).toEqual([
      { status: "pending", attempts: 0, claimed_by: null },
    ]);
  });
});

describe("claims", () => {
  it("takes again a message whose claim expired (its process was killed while sending), and not before", async () => {
    await enqueueMessages(t.db, [message(1)], NOW);
    const [row] = await t.db.selectFrom("outbox_message").select(["id", "claimed_until"]).execute();
    const deadClaimUntil = later(CLAIM_MS).toISOString();
    const claimed = await claimOutboxMessage(t.db, { id: row!.id, seenClaimedUntil: null, processId: "killed", claimUntilIso: deadClaimUntil });
    expect(claimed).toMatchObject({ claimed_by: "killed", attempts: 1 });

    expect(await deliverDueMessages(t.db, { now: later(CLAIM_MS - 1), processId: "b" })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(delivered).toEqual([]);
    expect(await deliverDueMessages(t.db, { now: later(CLAIM_MS), processId: "b" })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(delivered).toHaveLength(1);
    expect(await getOutboxMessage(t.db, row!.id)).toMatchObject({ status: "sent", attempts: 2, claimed_by: null });

    // The killed process, were it only slow, could no longer write an outcome over the one recorded.
    expect(await recordOutboxOutcome(t.db, { id: row!.id, processId: "killed", claimedUntil: deadClaimUntil, outcome: { status: "failed", error: "late" } })).toBe(false);
    expect(await getOutboxMessage(t.db, row!.id)).toMatchObject({ status: "sent" });
  });

  it("lets one claim win when two processes read the same due message", async () => {
    await enqueueMessages(t.db, [message(1)], NOW);
    const [row] = await t.db.selectFrom("outbox_message").select(["id", "claimed_until"]).execute();
    const until = later(CLAIM_MS).toISOString();
    const first = await claimOutboxMessage(t.db, { id: row!.id, seenClaimedUntil: row!.claimed_until, processId: "a", claimUntilIso: until });
    const second = await claimOutboxMessage(t.db, { id: row!.id, seenClaimedUntil: row!.claimed_until, processId: "b", claimUntilIso: until });
    expect(first).toBeDefined();
    expect(second).toBeUndefined();
  });

  it("sends each message once when two database handles deliver at the same moment", async () => {
    const count = 40;
    await enqueueMessages(t.db, Array.from({ length: count }, (_, n) => message(n + 1)), NOW);
    // A second handle on the same database: another pool of connections, as another app process has.
    const other: Db = createDb(t.path);
    try {
      // Each delivery yields, so that the two passes interleave.
      answer = async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return { kind: "sent" };
      };
      const [a, b] = await Promise.all([
        deliverDueMessages(t.db, { now: NOW, processId: "a", limit: count }),
        deliverDueMessages(other, { now: NOW, processId: "b", limit: count }),
      ]);
      expect(a.sent + b.sent).toBe(count);
      const recipients = delivered.map((m) => m.recipient);
      expect(new Set(recipients).size).toBe(count);
      expect(recipients).toHaveLength(count);
    } finally {
      await other.destroy();
    }
    expect(await t.db.selectFrom("outbox_message").select("id").where("status", "=", "sent").execute()).toHaveLength(count);
  });
});
