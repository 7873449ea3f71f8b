/**
 * The kiosk's outbox (app/components/kiosk-queue.ts) and its clocks (kiosk-timing.ts), without a
 * browser: a Map stands for localStorage, a function for the server, numbers for the clock.
 */
import { describe, expect, it } from "vitest";
import {
  KioskQueue,
  outcomeOfStatus,
  parseQueue,
  queueStorageKey,
  retryDelayMs,
  type StorageLike,
  type Submission,
} from "../../app/components/kiosk-queue";
import { idleClock, type KioskTimings, thanksClock } from "../../app/components/kiosk-timing";
import { KIOSK_RETRY_FIRST_MS, KIOSK_RETRY_MAX_MS } from "../../app/lib/kiosk-settings";

class MapStorage implements StorageLike {
  readonly items = new Map<string, string>();
  failWrites = false;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new Error("QuotaExceededError");
    this.items.set(key, value);
  }
}

const TOKEN = "eitTokenAbc123";
const answers = (n: number) => ({ e1_1: n, e1_2: 4 });
const submission = (id: string, n = 1): Submission => ({ submissionId: `${id}`.padEnd(20, "0"), answers: answers(n) });

/** A server that answers each attempt with the next status of `script` (a thrown Error = network down). */
function scriptedServer(script: (number | Error)[]) {
  const received: Submission[] = [];
  return {
    received,
    send: async (s: Submission) => {
      received.push(s);
      const next = script.shift() ?? 200;
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

function makeQueue(options: { storage?: StorageLike | null; script?: (number | Error)[]; online?: () => boolean; now?: () => number } = {}) {
  const storage = options.storage === undefined ? new MapStorage() : options.storage;
  const server = scriptedServer(options.script ?? []);
  const drops: number[] = [];
  const queue = new KioskQueue({
    token: TOKEN,
    storage,
    send: server.send,
    isOnline: options.online,
    now: options.now ?? (() => 1_000_000),
    random: () => 0.999,
    onDrop: (status) => drops.push(status),
  });
  return { queue, storage, server, drops };
}

describe("outcomeOfStatus: what a reply of POST /s/:token/answers means for a queued entry", () => {
  it.each([
    [200, "sent"],
    [201, "sent"],
    [204, "sent"],
    [400, "dropped"],
    [409, "dropped"],
    [413, "dropped"],
    [415, "dropped"],
    [404, "retry"],
    [410, "retry"],
    [408, "retry"],
    [429, "retry"],
    [500, "retry"],
    [502, "retry"],
    [503, "retry"],
    [0, "retry"],
  ] as const)("%i → %s", (status, outcome) => {
    expect(outcomeOfStatus(status)).toBe(outcome);
  });
});

describe("retryDelayMs: exponential backoff with jitter", () => {
  it("doubles from the first delay and stops at the maximum", () => {
    const top = () => 0.999999;
    expect(retryDelayMs(1, top)).toBeCloseTo(KIOSK_RETRY_FIRST_MS, -1);
    expect(retryDelayMs(2, top)).toBeCloseTo(KIOSK_RETRY_FIRST_MS * 2, -1);
    expect(retryDelayMs(3, top)).toBeCloseTo(KIOSK_RETRY_FIRST_MS * 4, -1);
    expect(retryDelayMs(50, top)).toBeCloseTo(KIOSK_RETRY_MAX_MS, -1);
    expect(retryDelayMs(10_000, top)).toBeLessThanOrEqual(KIOSK_RETRY_MAX_MS);
  });

  it("waits between half and all of the capped delay", () => {
    expect(retryDelayMs(3, () => 0)).toBe(KIOSK_RETRY_FIRST_MS * 2);
    for (const failures of [1, 2, 5, 9, 40]) {
      const capped = Math.min(KIOSK_RETRY_FIRST_MS * 2 ** (failures - 1), KIOSK_RETRY_MAX_MS);
      const delay = retryDelayMs(failures);
      expect(delay).toBeGreaterThanOrEqual(capped / 2);
      expect(delay).toBeLessThanOrEqual(capped);
    }
  });
});

describe("KioskQueue", () => {
  it("keeps completed surveys in storage under the link's key, oldest first, each submission id once", () => {
    const { queue, storage } = makeQueue();
    queue.add(submission("a"));
    queue.add(submission("b", 2));
    queue.add(submission("a"));
    expect(queue.size).toBe(2);
    const stored = parseQueue((storage as MapStorage).getItem(queueStorageKey(TOKEN)));
    expect(stored.map((e) => e.submissionId)).toEqual([submission("a").submissionId, submission("b").submissionId]);
    expect(stored[1]).toMatchObject({ answers: answers(2), queuedAt: new Date(1_000_000).toISOString() });
  });

  it("sends them in order, each once, with their start stamp and own measure, and empties the queue on 2xx; neither queuedAt nor a channel is sent", async () => {
    const { queue, server } = makeQueue({ script: [200, 200] });
    queue.add({ ...submission("a"), startStamp: "s1.1767225600.stamp", durationSeconds: 95 });
    queue.add(submission("b"));
    await queue.flush();
    // No "channel": the server knows an enrolled kiosk by its cookie (docs/decisions/kiosk-enrolment.md).
    expect(server.received).toEqual([{ ...submission("a"), startStamp: "s1.1767225600.stamp", durationSeconds: 95 }, submission("b")]);
    expect(queue.size).toBe(0);
    expect(queue.nextAttemptAt).toBe(0);
  });

  it("a repeat already stored (200 with stored: false) leaves the queue like any 2xx", async () => {
    const storage = new MapStorage();
    storage.setItem(
      queueStorageKey(TOKEN),
      JSON.stringify([{ ...submission("stored"), queuedAt: "2026-01-01T00:00:00.000Z" }]),
    );
    const { queue, server } = makeQueue({ storage, script: [200] });
    expect(queue.size).toBe(1);
    await queue.flush();
    expect(server.received).toHaveLength(1);
    expect(queue.size).toBe(0);
  });

  it("drops an entry the server refuses for good (400, 409) and goes on with the next", async () => {
    const { queue, server, drops } = makeQueue({ script: [400, 409, 200] });
    queue.add(submission("bad"));
    queue.add(submission("used-code"));
    queue.add(submission("good"));
    await queue.flush();
    expect(server.received.map((s) => s.submissionId)).toEqual(
      ["bad", "used-code", "good"].map((id) => submission(id).submissionId),
    );
    expect(drops).toEqual([400, 409]);
    expect(queue.size).toBe(0);
  });

  it("keeps everything on a network error or a 5xx, stops there, and backs off more after each failure", async () => {
    let now = 1_000_000;
    const { queue, server } = makeQueue({ script: [new TypeError("Failed to fetch"), 503, 500, 200, 200], now: () => now });
    queue.add(submission("a"));
    queue.add(submission("b"));

    await queue.flush();
    expect(server.received).toHaveLength(1);
    expect(queue.size).toBe(2);
    const firstWait = queue.nextAttemptAt - now;
    expect(firstWait).toBeGreaterThan(0);
    expect(queue.isDue()).toBe(false);

    now = queue.nextAttemptAt;
    expect(queue.isDue()).toBe(true);
    await queue.flush();
    const secondWait = queue.nextAttemptAt - now;
    expect(secondWait).toBeGreaterThan(firstWait);

    now = queue.nextAttemptAt;
    await queue.flush();
    expect(queue.nextAttemptAt - now).toBeGreaterThan(secondWait);
    expect(queue.size).toBe(2);

    // The network is back: flushNow ignores the backoff, and success resets it.
    await queue.flushNow();
    expect(queue.size).toBe(0);
    expect(queue.nextAttemptAt).toBe(0);
    expect(server.received.map((s) => s.submissionId)).toEqual(
      ["a", "a", "a", "a", "b"].map((id) => submission(id).submissionId),
    );
  });

  it("keeps answers on 404 (a paused link) and 429 (the flood limit): they may succeed later", async () => {
    const { queue } = makeQueue({ script: [404, 429] });
    queue.add(submission("a"));
    await queue.flushNow();
    expect(queue.size).toBe(1);
    await queue.flushNow();
    expect(queue.size).toBe(1);
  });

  it("keeps answers the server refuses because the round is closed (410) and says so, until one is delivered", async () => {
    const { queue, drops } = makeQueue({ script: [410, 410, new TypeError("Failed to fetch"), 200, 200] });
    queue.add(submission("a"));
    queue.add(submission("b"));
    expect(queue.roundClosed).toBe(false);
    await queue.flushNow();
    expect(queue.size).toBe(2);
    expect(queue.roundClosed).toBe(true);
    await queue.flushNow();
    // A network error says nothing about the round: staff are still told it is closed.
    await queue.flushNow();
    expect(queue.roundClosed).toBe(true);
    expect(drops).toEqual([]);
    // The round was reopened: the same answers go through, and the notice goes.
    await queue.flushNow();
    expect(queue.size).toBe(0);
    expect(queue.roundClosed).toBe(false);
  });

  it("sends nothing while the browser is offline", async () => {
    let online = false;
    const { queue, server } = makeQueue({ online: () => online });
    queue.add(submission("a"));
    await queue.flush();
    expect(server.received).toHaveLength(0);
    expect(queue.size).toBe(1);
    online = true;
    await queue.flushNow();
    expect(queue.size).toBe(0);
  });

  it("never has the same entry in flight twice: concurrent flushes share one run", async () => {
    let release: () => void = () => undefined;
    const received: string[] = [];
    const queue = new KioskQueue({
      token: TOKEN,
      storage: new MapStorage(),
      send: (s) => {
        received.push(s.submissionId);
        return new Promise<number>((resolve) => {
          release = () => resolve(200);
        });
      },
    });
    queue.add(submission("a"));
    const first = queue.flush();
    const second = queue.flush();
    const third = queue.flushNow();
    expect(second).toBe(first);
    expect(third).toBe(first);
    await Promise.resolve();
    release();
    await first;
    expect(received).toEqual([submission("a").submissionId]);
    expect(queue.size).toBe(0);
  });

  it("an entry added while a flush runs is sent by the same flush", async () => {
    const storage = new MapStorage();
    let queue: KioskQueue | undefined;
    const received: string[] = [];
    queue = new KioskQueue({
      token: TOKEN,
      storage,
      send: async (s) => {
        received.push(s.submissionId);
        if (received.length === 1) queue?.add(submission("late"));
        return 200;
      },
    });
    queue.add(submission("early"));
    await queue.flush();
    expect(received).toEqual([submission("early").submissionId, submission("late").submissionId]);
    expect(queue.size).toBe(0);
  });

  it("reads unreadable storage as empty, and skips malformed entries", () => {
    expect(parseQueue(null)).toEqual([]);
    expect(parseQueue("not json")).toEqual([]);
    expect(parseQueue('{"a":1}')).toEqual([]);
    const good = { ...submission("ok"), queuedAt: "2026-01-01T00:00:00.000Z" };
    expect(parseQueue(JSON.stringify([good, { submissionId: "x" }, null, { ...good, answers: [] }]))).toEqual([good]);
  });

  it("keeps answers in memory when storage refuses to write (full, or a private window)", async () => {
    const storage = new MapStorage();
    const { queue, server } = makeQueue({ storage, script: [new Error("offline")] });
    queue.add(submission("a"));
    storage.failWrites = true;
    queue.add(submission("b"));
    expect(queue.size).toBe(2);
    await queue.flush();
    expect(queue.size).toBe(2);
    await queue.flushNow();
    expect(queue.size).toBe(0);
    expect(server.received.map((s) => s.submissionId)).toEqual(["a", "a", "b"].map((id) => submission(id).submissionId));

    const memoryOnly = makeQueue({ storage: null });
    memoryOnly.queue.add(submission("c"));
    expect(memoryOnly.queue.size).toBe(1);
  });
});

describe("kiosk clocks", () => {
  const timings: KioskTimings = { thanksSeconds: 8, minIntervalSeconds: 20, idleSeconds: 90, idleWarningSeconds: 10 };
  const at = 5_000_000;
  const s = (seconds: number) => at + seconds * 1000;

  it("thank-you: counts down to the later of the thank-you time and the minimum interval", () => {
    expect(thanksClock(s(0), at, false, timings)).toEqual({ resetAt: s(20), secondsLeft: 20, canRestart: false, waiting: false, expired: false });
    expect(thanksClock(s(7.5), at, false, timings)).toMatchObject({ secondsLeft: 13, waiting: false });
    // The thank-you time is over, the interval is not: "กรุณารอสักครู่".
    expect(thanksClock(s(8), at, false, timings)).toMatchObject({ secondsLeft: 12, waiting: true, canRestart: false });
    expect(thanksClock(s(20), at, false, timings)).toMatchObject({ secondsLeft: 0, canRestart: true, waiting: false, expired: true });
  });

  it("thank-you: 'start again now' cannot beat the minimum interval, and is immediate once it passed", () => {
    expect(thanksClock(s(2), at, true, timings)).toMatchObject({ resetAt: s(20), waiting: true, expired: false });
    const longThanks = { ...timings, thanksSeconds: 30 };
    expect(thanksClock(s(25), at, false, longThanks)).toMatchObject({ canRestart: true, waiting: false, expired: false, secondsLeft: 5 });
    expect(thanksClock(s(25), at, true, longThanks)).toMatchObject({ expired: true });
  });

  it("idle: a warning for the last seconds, then the survey is discarded", () => {
    expect(idleClock(s(79.9), at, timings)).toEqual({ warning: false, secondsLeft: 11, expired: false });
    expect(idleClock(s(80), at, timings)).toEqual({ warning: true, secondsLeft: 10, expired: false });
    expect(idleClock(s(89.2), at, timings)).toEqual({ warning: true, secondsLeft: 1, expired: false });
    expect(idleClock(s(90), at, timings)).toEqual({ warning: false, secondsLeft: 0, expired: true });
    // A clock that jumps (a tablet waking up) lands on "expired" directly.
    expect(idleClock(s(3600), at, timings).expired).toBe(true);
  });
});
