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
  const recent = (key: string, nowMs: number) => (events.get(key) ?? []).filter((t) => t > nowMs - options.windowMs);
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
