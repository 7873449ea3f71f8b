import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../app/lib/rate-limit.server";

describe("createRateLimiter", () => {
  it("counts events per address within the window and forgets them after", () => {
    const limiter = createRateLimiter({ windowMs: 1000 });
    expect(limiter.hit("192.0.2.1", 0)).toBe(1);
    expect(limiter.hit("192.0.2.1", 500)).toBe(2);
    expect(limiter.hit("192.0.2.2", 500)).toBe(1);
    expect(limiter.count("192.0.2.1", 900)).toBe(2);
    expect(limiter.count("192.0.2.1", 1200)).toBe(1);
    expect(limiter.hit("192.0.2.1", 2000)).toBe(1);
  });

  it("keeps at most maxKeys addresses, dropping the least recently seen", () => {
    const limiter = createRateLimiter({ windowMs: 10_000, maxKeys: 2 });
    limiter.hit("a", 0);
    limiter.hit("b", 1);
    limiter.hit("a", 2);
    limiter.hit("c", 3);
    expect(limiter.count("b", 4)).toBe(0);
    expect(limiter.count("a", 4)).toBe(2);
  });

  it("forgets an address as soon as its window has passed, at the next hit or by the sweep, not when memory fills", () => {
    const limiter = createRateLimiter({ windowMs: 1000, sweepEveryMs: null });
    limiter.hit("192.0.2.1", 0);
    limiter.hit("192.0.2.2", 400);
    limiter.hit("192.0.2.1", 600);
    expect(limiter.size()).toBe(2);
    // .2's last event (400) is out of the window at 1400; .1's (600) is not.
    limiter.sweep(1400);
    expect(limiter.size()).toBe(1);
    expect(limiter.count("192.0.2.1", 1400)).toBe(1);
    // Another address's hit forgets .1 once its window has passed.
    limiter.hit("192.0.2.3", 1700);
    expect(limiter.size()).toBe(1);
    limiter.sweep(2700);
    expect(limiter.size()).toBe(0);
  });

  it("sweeps by itself when no one comes", async () => {
    const limiter = createRateLimiter({ windowMs: 20, sweepEveryMs: 10 });
    limiter.hit("192.0.2.1", Date.now());
    expect(limiter.size()).toBe(1);
    await expect.poll(() => limiter.size(), { timeout: 2000 }).toBe(0);
  });
});
