/**
 * Abuse limits of the public complaint pages (issue 16, item 5), per client address, in process memory
 * only (app/lib/rate-limit.server.ts: addresses hashed with a salt made at start, forgotten when their
 * window passes; docs/decisions/rate-limits-in-process-memory.md). Behind n processes an address gets up to
 * n times each limit, as the survey's flood limit.
 *
 * - a few complaints an hour: COMPLAINTS_PER_HOUR stored complaints per address (a person with a second
 *   matter is not stopped; a script filling the agency's cases is);
 * - POSTS_PER_HOUR sends of the form, stored or refused, so that a script cannot keep the server reading
 *   15 MB bodies that fail the checks;
 * - WRONG_CODES_PER_WINDOW wrong tracking codes per address in 15 minutes on the status page: guessing an
 *   80-bit code is hopeless anyway, and this keeps it so. The limit is checked before the code is looked
 *   at, so that an address over it learns nothing, even from the right code.
 */
import { createRateLimiter } from "../../lib/rate-limit.server";
import { HttpError } from "../../lib/http";

export const COMPLAINTS_PER_HOUR = 5;
export const POSTS_PER_HOUR = 30;
export const WRONG_CODES_PER_WINDOW = 10;
const HOUR_MS = 60 * 60 * 1000;
const CODE_WINDOW_MS = 15 * 60 * 1000;

const stored = createRateLimiter({ windowMs: HOUR_MS });
const posts = createRateLimiter({ windowMs: HOUR_MS });
const wrongCodes = createRateLimiter({ windowMs: CODE_WINDOW_MS });

function tooMany(th: string, en: string): HttpError {
  return new HttpError(429, th, en);
}

/** Counts one send of the form from `address`; throws 429 past either limit (before the body is read). */
export function admitComplaintPost(address: string, nowMs: number): void {
  const sent = posts.hit(address, nowMs);
  if (sent > POSTS_PER_HOUR || stored.count(address, nowMs) >= COMPLAINTS_PER_HOUR) {
    throw tooMany(
      "มีการส่งเรื่องร้องเรียนจากเครือข่ายนี้มากเกินไปในชั่วโมงนี้ กรุณาลองใหม่ภายหลัง หรือติดต่อหน่วยงานทางโทรศัพท์หรือด้วยตนเอง",
      "Too many complaints were sent from this network in the last hour. Please try again later, or contact the agency by phone or in person.",
    );
  }
}

/** Counts a stored complaint against its address. */
export function countStoredComplaint(address: string, nowMs: number): void {
  stored.hit(address, nowMs);
}

/** Throws 429 when the address has tried too many wrong tracking codes lately. */
export function admitTrackingLookup(address: string, nowMs: number): void {
  if (wrongCodes.count(address, nowMs) >= WRONG_CODES_PER_WINDOW) {
    throw tooMany(
      "ลองรหัสติดตามเรื่องที่ไม่ถูกต้องหลายครั้งเกินไป กรุณารอ 15 นาทีแล้วลองใหม่",
      "Too many wrong tracking codes were tried. Please wait 15 minutes and try again.",
    );
  }
}

export function countWrongTrackingCode(address: string, nowMs: number): void {
  wrongCodes.hit(address, nowMs);
}
