/**
 * A test server whose clock reads another instant: preloaded into the BUILT server's process with
 * NODE_OPTIONS=--import=<this file's absolute path> and PRONGSAI_TEST_NOW=<ISO instant> (what
 * shiftedClockEnv in server.ts gives startServer's env), it makes `new Date()` and `Date.now()` start
 * from that instant and run on from it at the real pace. The server reads the real clock everywhere (the
 * fiscal year of today, whether a round's period has ended), and the journey of issue 11 needs "next
 * fiscal year": moving the clock from outside keeps the app free of any clock hook only tests would use.
 *
 * `new Date(x)` with arguments and every other static (Date.parse, Date.UTC) are the real ones. Dates
 * that Node's internals make with their own copy of Date (a file's mtime) are real instants and still
 * pass `instanceof Date`. `Date()` called without `new` throws (a class); the server build has no such
 * call. Timers, performance.now() and the HTTP Date header are not moved.
 */
const target = process.env.PRONGSAI_TEST_NOW;
const RealDate = globalThis.Date;
const targetMs = RealDate.parse(target ?? "");
if (!Number.isFinite(targetMs)) throw new Error(`shifted-clock.mjs: PRONGSAI_TEST_NOW must be an ISO instant, not ${JSON.stringify(target)}`);
const offsetMs = targetMs - RealDate.now();

class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...args);
  }

  static now() {
    return RealDate.now() + offsetMs;
  }

  static [Symbol.hasInstance](value) {
    return value instanceof RealDate;
  }
}

globalThis.Date = ShiftedDate;
