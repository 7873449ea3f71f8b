/**
 * The start stamp: how the server measures how long a survey took without trusting the browser's word
 * (issue 14, item 3) and without keeping a time of day (ARCHITECTURE.md §4). Why and what it costs:
 * docs/decisions/kiosk-enrolment.md.
 *
 * When a survey starts, its page asks POST /s/:token/start for a stamp for its submission id (the
 * respondent page itself is cached and served identically to everyone, so the stamp cannot be in it).
 * The stamp is the start time, coarse (floored to STAMP_STEP_SECONDS), and an HMAC over that time and the
 * submission id. The submission sends it back; the server checks the HMAC and takes now minus that time
 * as the survey's duration, only to decide the too-fast flag. The stamp is never stored and never
 * logged: it goes nowhere but into that comparison.
 *
 * Bound to its submission id, a stamp serves one answer set (a repeat of the same id stores nothing), so
 * a stamp copied from one submission does not vouch for another. It has no expiry: an old stamp only
 * says the survey took long, which is not what a flag is for (and a kiosk may send its answers days
 * after, docs/decisions/late-kiosk-answers.md).
 *
 * The key is derived (HKDF) from the answer pool's key (./answer-pool/seal.server.ts), which every app
 * process of an installation already shares: nothing new to configure or keep.
 */
import { createHmac, hkdfSync, type KeyObject, timingSafeEqual } from "node:crypto";
import { poolKey, secretKeyOf } from "./answer-pool/seal.server";

/** The stamp's time is floored to this many seconds: enough for a flag measured in tens of seconds. */
export const STAMP_STEP_SECONDS = 5;
/** A stamp dated this far after the server's now is refused (two app servers' clocks may differ a little). */
const FUTURE_SKEW_SECONDS = 60;
const VERSION = "s1";
const STAMP = /^s1\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

let derived: { from: Buffer; key: Buffer } | undefined;

/** The HMAC key of start stamps, derived from the process's answer pool key. */
export function startStampKey(): Buffer {
  const from = poolKey();
  if (derived?.from !== from) derived = { from, key: Buffer.from(hkdfSync("sha256", from, Buffer.alloc(0), "prongsai start stamp v1", 32)) };
  return derived.key;
}

function mac(key: Buffer, seconds: number, submissionId: string): Buffer {
  const secret: KeyObject = secretKeyOf(key);
  return createHmac("sha256", secret).update(`${VERSION}.${seconds}.${submissionId}`).digest();
}

/** A stamp saying that the survey of `submissionId` started at `now` (floored to STAMP_STEP_SECONDS). */
export function issueStartStamp(submissionId: string, now: Date, key: Buffer = startStampKey()): string {
  const seconds = Math.floor(now.getTime() / 1000 / STAMP_STEP_SECONDS) * STAMP_STEP_SECONDS;
  return `${VERSION}.${seconds}.${mac(key, seconds, submissionId).toString("base64url")}`;
}

/**
 * Whole seconds from the start a stamp vouches for to `now`, or null when the duration is unknown: no
 * stamp, a stamp for another submission id, under another key, changed, or dated in the future.
 */
export function secondsSinceStart(stamp: string | undefined, submissionId: string, now: Date, key: Buffer = startStampKey()): number | null {
  const match = stamp === undefined ? null : STAMP.exec(stamp);
  if (!match) return null;
  const seconds = Number(match[1]);
  const given = Buffer.from(match[2]!, "base64url");
  const expected = mac(key, seconds, submissionId);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const elapsed = Math.floor(now.getTime() / 1000) - seconds;
  if (elapsed < -FUTURE_SKEW_SECONDS) return null;
  return Math.max(0, elapsed);
}
