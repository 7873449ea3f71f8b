/**
 * Single-use anonymous access codes for the IIT (ARCHITECTURE.md §4). The admin prints as many as the
 * head-count; staff draw a slip at random. Only a hash of each code is stored, its use keeps the day
 * only, and nothing — no key, no order, no time — links a code to the response it unlocked.
 */
import { createHash, randomInt } from "node:crypto";
import type { Db } from "../../db/client.server";
import { countAccessCodes, getAccessCodeState, insertAccessCodes, setRoundAccessMode, useAccessCode } from "../../db/queries/access-codes";
import type { AccessMode } from "../../db/schema";
import { bangkokDate } from "../text/dates";
import { HttpError } from "../lib/http";
import { createRateLimiter } from "../lib/rate-limit.server";
import type { SessionUser } from "../auth/session.server";
import { recordAudit } from "./audit.server";

/** No 0/O, 1/I/L, 5/S or 2/Z look-alikes: the code is read off paper and typed on a phone. */
const ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY";
const CODE_LENGTH = 8; // 27^8 ≈ 2.8 × 10^11: about 38 bits, tried at most CODE_GUESSES_PER_MINUTE times a minute per address
export const MAX_CODES_PER_BATCH = 500; // a slip page of 500 QR codes is already ~5 MB of HTML

/** "abcd efgh", "ABCD-EFGH" → "ABCDEFGH"; anything else → null. */
export function normalizeCode(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== CODE_LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return null;
  return code;
}

/** "ABCDEFGH" → "ABCD-EFGH", as printed. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function hashCode(roundId: number, code: string): string {
  return createHash("sha256").update(`prongsai-access-code:${roundId}:${code}`).digest("hex");
}

function generateCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

/** Makes `count` new codes for the round and returns them in plain text, to print at once: they cannot be shown again. */
export async function generateAccessCodes(db: Db, user: SessionUser, roundId: number, count: number, now: Date): Promise<string[]> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_PER_BATCH) {
    throw new HttpError(400, `จำนวนรหัสต้องอยู่ระหว่าง 1 ถึง ${MAX_CODES_PER_BATCH}`, `The number of codes must be 1 to ${MAX_CODES_PER_BATCH}.`);
  }
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateCode());
  const createdOn = bangkokDate(now);
  // Shuffled before insert, so that the ids of the rows follow no printing order either.
  const rows = [...codes]
    .map((code) => ({ sort: randomInt(2 ** 47), row: { round_id: roundId, code_hash: hashCode(roundId, code), created_on: createdOn } }))
    .sort((a, b) => a.sort - b.sort)
    .map((x) => x.row);
  await db.transaction().execute(async (trx) => {
    await insertAccessCodes(trx, rows);
    await recordAudit(trx, { organizationId: user.organizationId, userId: user.userId }, "access-codes.generate", `round:${roundId}`, { count }, now);
  });
  return [...codes];
}

export async function setAccessMode(db: Db, user: SessionUser, roundId: number, mode: AccessMode, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await setRoundAccessMode(trx, roundId, mode);
    await recordAudit(trx, { organizationId: user.organizationId, userId: user.userId }, "round.access-mode", `round:${roundId}`, { mode }, now);
  });
}

export async function getAccessCodeCounts(db: Db, roundId: number) {
  return countAccessCodes(db, roundId);
}

/**
 * A code refused because it was used (409) or is wrong (400): a failed guess, counted against the address's
 * guess budget. The two are told apart only once that budget has let the guess through.
 */
export class AccessCodeRefused extends HttpError {}

const USED = () => new AccessCodeRefused(409, "รหัสนี้ถูกใช้ตอบแบบสอบถามไปแล้ว รหัสแต่ละชุดใช้ได้เพียงครั้งเดียว", "This code has already been used; each code works once.");
const WRONG = () => new AccessCodeRefused(400, "รหัสไม่ถูกต้อง กรุณาตรวจสอบรหัสบนบัตรอีกครั้ง", "The code is not valid. Please check the code on your slip.");

// --- the guess budget

/**
 * Failed code guesses an address may make in a minute, through every endpoint that takes a code (the
 * check before the survey, POST /s/:token/code, and the answers, POST /s/:token/answers): one budget.
 * A person types theirs once or twice; at 10 a minute, one address finds one of 500 printed codes in about
 * a century (27^8 / 500 guesses).
 */
export const CODE_GUESSES_PER_MINUTE = 10;
const failedGuesses = createRateLimiter({ windowMs: 60_000 });
/**
 * Checks still running per address, counted as failed until they end: concurrent guesses cannot all
 * pass while the count is still under the limit. Held in memory only while a check runs (milliseconds).
 */
const guessesRunning = new Map<string, number>();

function tooManyCodeGuesses(): HttpError {
  return new HttpError(429, "ลองรหัสบ่อยเกินไป กรุณารอหนึ่งนาทีแล้วลองใหม่", "Too many tries: please wait a minute.");
}

/**
 * Runs a code check within the address's guess budget (issue 14): over the budget it is a 429 before the
 * code is looked at, whatever the code is, so used (409) and wrong (400) are told apart only within it.
 * Only failed guesses count: a right code costs nothing, so a staff meeting answering behind one office
 * address is not held back by its own codes. `clientAddress` is undefined only where no client is (tests
 * and scripts calling the services directly); every HTTP path gives one.
 */
async function withinGuessBudget<T>(clientAddress: string | undefined, check: () => Promise<T>): Promise<T> {
  if (clientAddress === undefined) return check();
  const running = guessesRunning.get(clientAddress) ?? 0;
  if (failedGuesses.count(clientAddress, Date.now()) + running >= CODE_GUESSES_PER_MINUTE) throw tooManyCodeGuesses();
  guessesRunning.set(clientAddress, running + 1);
  try {
    return await check();
  } catch (error) {
    if (error instanceof AccessCodeRefused) failedGuesses.hit(clientAddress, Date.now());
    throw error;
  } finally {
    const left = (guessesRunning.get(clientAddress) ?? 1) - 1;
    if (left > 0) guessesRunning.set(clientAddress, left);
    else guessesRunning.delete(clientAddress);
  }
}

/** Checks a code without using it (before the person starts answering), within the guess budget. */
export async function checkAccessCode(db: Db, roundId: number, input: unknown, clientAddress: string | undefined): Promise<void> {
  await withinGuessBudget(clientAddress, async () => {
    const code = normalizeCode(input);
    if (!code) throw WRONG();
    const state = await getAccessCodeState(db, roundId, hashCode(roundId, code));
    if (state === "used") throw USED();
    if (state === "unknown") throw WRONG();
  });
}

/**
 * Uses a code inside the submission's transaction, within the guess budget: a used code is a 409, a
 * wrong one a 400, a guess over the budget a 429.
 */
export async function consumeAccessCode(db: Db, roundId: number, input: unknown, now: Date, clientAddress: string | undefined): Promise<void> {
  await withinGuessBudget(clientAddress, async () => {
    const code = normalizeCode(input);
    if (!code) throw WRONG();
    const hash = hashCode(roundId, code);
    if (await useAccessCode(db, roundId, hash, bangkokDate(now))) return;
    throw (await getAccessCodeState(db, roundId, hash)) === "used" ? USED() : WRONG();
  });
}
