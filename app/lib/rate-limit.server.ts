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
  /** Forgets every address whose last event is out of the window; a timer calls it, so does each hit. */
  sweep(nowMs: number): void;
  /** How many addresses are remembered now. */
  size(): number;
}

/**
 * An address is forgotten as soon as its window has passed (issue 12: the salted hashes were kept until
 * 50,000 of them had piled up, for days on a quiet installation): at the next hit of any address, and
 * by a timer every window when none comes. maxKeys only bounds memory under a flood of addresses.
 */
export function createRateLimiter(options: { windowMs: number; maxKeys?: number; sweepEveryMs?: number | null }): RateLimiter {
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
  // The Map is in the order of each address's last event, so the addresses out of their window are
  // at its front: the sweep stops at the first one still inside.
  const sweep = (nowMs: number) => {
    for (const [key, times] of events) {
      if (times.length > 0 && times[times.length - 1]! > nowMs - options.windowMs) break;
      events.delete(key);
    }
  };
  if (options.sweepEveryMs !== null) setInterval(() => sweep(Date.now()), options.sweepEveryMs ?? options.windowMs).unref();
  return {
    sweep,
    size: () => events.size,
    count(address, nowMs) {
      return recent(keyOf(address), nowMs).length;
    },
    hit(address, nowMs) {
      sweep(nowMs);
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
