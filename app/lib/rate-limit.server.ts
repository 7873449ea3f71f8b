/**
 * A sliding-window counter per client address, in process memory only: addresses are hashed with a
 * salt made at start and forgotten when their window passes; nothing is stored or logged. Behind
 * several app processes each keeps its own counts, which still stops a flood at each of them.
 */
import { createHash, randomBytes } from "node:crypto";

const SALT = randomBytes(16);

export interface RateLimiter {
  /** Counts one event for the address and returns how many it made in the window, this one included. */
  hit(address: string, nowMs: number): number;
  /** How many events the address made in the window, without counting one. */
  count(address: string, nowMs: number): number;
}

export function createRateLimiter(options: { windowMs: number; maxKeys?: number }): RateLimiter {
  const maxKeys = options.maxKeys ?? 50_000;
  const events = new Map<string, number[]>();
  const keyOf = (address: string) => createHash("sha256").update(SALT).update(address).digest("base64url").slice(0, 22);
  // Times are kept in the order they came, so the ones out of the window are at the front: dropping
  // them costs what they are, not a pass over every time an address sent (a flood sends many).
  const recent = (key: string, nowMs: number) => {
    const times = events.get(key) ?? [];
    let passed = 0;
    while (passed < times.length && times[passed]! <= nowMs - options.windowMs) passed++;
    if (passed > 0) times.splice(0, passed);
    return times;
  };
  return {
    count(address, nowMs) {
      return recent(keyOf(address), nowMs).length;
    },
    hit(address, nowMs) {
      const key = keyOf(address);
      const times = recent(key, nowMs);
      times.push(nowMs);
      events.delete(key); // re-insert: the Map's order is then least recently used first
      events.set(key, times);
      if (events.size > maxKeys) {
        const oldest = events.keys().next().value;
        if (oldest !== undefined) events.delete(oldest);
      }
      return times.length;
    },
  };
}
