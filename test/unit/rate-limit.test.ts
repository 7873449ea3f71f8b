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
});
