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
import type { SessionUser } from "../auth/session.server";
import { recordAudit } from "./audit.server";

/** No 0/O, 1/I/L, 5/S or 2/Z look-alikes: the code is read off paper and typed on a phone. */
const ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY";
const CODE_LENGTH = 8; // 27^8 ≈ 2.8 × 10^11: about 38 bits, tried at most a few times a minute per address
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

const USED = () => new HttpError(409, "รหัสนี้ถูกใช้ตอบแบบสอบถามไปแล้ว รหัสแต่ละชุดใช้ได้เพียงครั้งเดียว", "This code has already been used; each code works once.");
const WRONG = () => new HttpError(400, "รหัสไม่ถูกต้อง กรุณาตรวจสอบรหัสบนบัตรอีกครั้ง", "The code is not valid. Please check the code on your slip.");

/** Checks a code without using it (before the person starts answering). */
export async function checkAccessCode(db: Db, roundId: number, input: unknown): Promise<void> {
  const code = normalizeCode(input);
  if (!code) throw WRONG();
  const state = await getAccessCodeState(db, roundId, hashCode(roundId, code));
  if (state === "used") throw USED();
  if (state === "unknown") throw WRONG();
}

/** Uses a code inside the submission's transaction; a used code is a 409, a wrong one a 400. */
export async function consumeAccessCode(db: Db, roundId: number, input: unknown, now: Date): Promise<void> {
  const code = normalizeCode(input);
  if (!code) throw WRONG();
  const hash = hashCode(roundId, code);
  if (await useAccessCode(db, roundId, hash, bangkokDate(now))) return;
  throw (await getAccessCodeState(db, roundId, hash)) === "used" ? USED() : WRONG();
}
