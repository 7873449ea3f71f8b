/**
 * The optional second factor of agency users (issue 14, item 8; docs/decisions/second-factor.md): a
 * TOTP code from an authenticator app (RFC 6238: SHA-1, six digits, 30 seconds, the arithmetic done by
 * the `otpauth` library), or one of ten single-use recovery codes.
 *
 * Whoever holds the database alone cannot make codes nor read recovery codes: the secret is sealed and
 * the recovery codes hashed under keys derived (HKDF) from the installation's key, which is outside the
 * database and its backups (app/services/answer-pool/seal.server.ts). A code is taken once (the step it
 * was taken for is kept, compare-and-set), and wrong codes slow the account down as wrong passwords do.
 *
 * Between the password and the code the browser holds a short-lived signed challenge cookie, not a
 * session: nothing signed-in is reachable until the second step is done.
 */
import { createHmac, hkdfSync, randomInt, timingSafeEqual } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import type { Db } from "../../db/client.server";
import {
  countUnusedRecoveryCodes,
  getSecondFactorState,
  type SecondFactorState,
  spendRecoveryCode,
  takeTotpStep,
} from "../../db/queries/second-factor";
import { deleteSignInThrottle, getSignInThrottles, replaceSignInThrottle } from "../../db/queries/sign-in-throttle";
import type { Role } from "../../db/schema";
import { getEnv } from "../lib/env.server";
import { poolKey, seal, unseal } from "../services/answer-pool/seal.server";
import { type ThrottlePolicy, waitAfter } from "./sign-in.server";

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side: a phone's clock a little off, or a code typed as it changed. */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
/** Lower-case letters and digits a person does not confuse when copying from paper (no 0/o, 1/l/i). */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LENGTH = 10;
/**
 * Roles an agency may oblige to use a second factor (its setting, migration 0018): admins, managers, and
 * complaint handlers (issue 16), who read complainants' contact details.
 */
const ROLES_A_REQUIREMENT_COVERS: readonly Role[] = ["admin", "manager", "complaints"];

/**
 * Wrong codes per account: five free (a person mistyping), then waits doubling from SIGN_IN_DELAY_MS up
 * to 15 minutes. A guesser who knows the password then tries a million codes at four an hour at best.
 */
export const CODE_THROTTLE: ThrottlePolicy = { free: 5, capMs: 15 * 60_000 };

let keys: { from: Buffer; seal: Buffer; recovery: Buffer; challenge: Buffer } | undefined;

function derivedKeys() {
  const from = poolKey();
  if (keys?.from !== from) {
    const derive = (info: string) => Buffer.from(hkdfSync("sha256", from, Buffer.alloc(0), info, 32));
    keys = { from, seal: derive("prongsai totp secret v1"), recovery: derive("prongsai recovery code v1"), challenge: derive("prongsai second step v1") };
  }
  return keys;
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function sealTotpSecret(secret: string): string {
  return seal({ secret }, derivedKeys().seal);
}

function unsealTotpSecret(sealed: string): string {
  return unseal<{ secret: string }>(sealed, derivedKeys().seal).secret;
}

function totp(secret: string, label = "") {
  return new TOTP({ issuer: "Prongsai", label, algorithm: "SHA1", digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// address an authenticator app reads from the QR code, labelled with the account and its agency. */
export function otpauthUri(secret: string, username: string, agencySlug: string): string {
  return totp(secret, `${username}@${agencySlug}`).toString();
}

/** The secret as a person types it into an app without a camera: groups of four. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** What a person typed, as digits and letters only: spaces and dashes go, Thai digits become 0–9. */
export function normaliseCode(input: string): string {
  return input
    .replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50))
    .replace(/[\s-]/g, "")
    .toLowerCase()
    .slice(0, 40);
}

/** The 30-second step `code` belongs to under `secret` at `now`, or null when it matches none in the window. */
export function stepOfCode(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** Ten fresh recovery codes as shown to their owner (xxxxx-xxxxx). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** The stored form of a recovery code: a keyed hash, bound to its user. */
export function hashRecoveryCode(userId: number, code: string): string {
  return createHmac("sha256", derivedKeys().recovery).update(`${userId}\u0000${normaliseCode(code)}`).digest("base64url");
}

/** Whether the user's agency obliges this user to have a second factor. */
export function secondFactorRequired(state: Pick<SecondFactorState, "required" | "role">): boolean {
  return state.required === 1 && ROLES_A_REQUIREMENT_COVERS.includes(state.role as Role);
}

export type SecondStepResult = { ok: true; method: "totp" | "recovery"; recoveryCodesLeft: number } | { ok: false; waited: boolean };

/**
 * Checks the second step of a sign-in. A wrong code is claimed as a failure before it is looked at, as a
 * password is (app/auth/sign-in.server.ts): parallel guesses cannot all be checked inside one wait.
 */
export async function checkSecondStep(db: Db, userId: number, input: string, now: Date): Promise<SecondStepResult> {
  const state = await getSecondFactorState(db, userId);
  if (!state?.sealedSecret || !state.enabledAt) return { ok: false, waited: false };
  const key = `second-factor:user:${userId}`;
  const nowIso = now.toISOString();
  const [row] = await getSignInThrottles(db, [key]);
  if (row?.wait_until != null && row.wait_until > nowIso) return { ok: false, waited: true };
  const failures = (row?.failures ?? 0) + 1;
  const waitMs = waitAfter(failures, CODE_THROTTLE, getEnv().SIGN_IN_DELAY_MS);
  const claimed = await replaceSignInThrottle(db, key, row, {
    failures,
    wait_until: waitMs > 0 ? new Date(now.getTime() + waitMs).toISOString() : null,
    last_failure_at: nowIso,
  });
  if (!claimed) return { ok: false, waited: true };

  const code = normaliseCode(input);
  let method: "totp" | "recovery" | undefined;
  if (/^\d{6}$/.test(code)) {
    const step = stepOfCode(unsealTotpSecret(state.sealedSecret), code, now);
    if (step !== null && (await takeTotpStep(db, userId, step))) method = "totp";
  } else if (code.length === RECOVERY_LENGTH && (await spendRecoveryCode(db, userId, hashRecoveryCode(userId, code), nowIso))) {
    method = "recovery";
  }
  if (!method) return { ok: false, waited: false };
  await deleteSignInThrottle(db, key);
  return { ok: true, method, recoveryCodesLeft: await countUnusedRecoveryCodes(db, userId) };
}

// The challenge: which user gave the right password, until when, and where to go after; signed.
const CHALLENGE_COOKIE = "prongsai_second_step";
export const CHALLENGE_MINUTES = 5;

interface Challenge {
  userId: number;
  expiresAt: number;
}

function challengeMac(body: string): Buffer {
  return createHmac("sha256", derivedKeys().challenge).update(body).digest();
}

function cookieAttributes(maxAgeSeconds: number): string {
  const secure = getEnv().PUBLIC_URL.startsWith("https://") ? "; Secure" : "";
  return `Path=/sign-in; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

/** The cookie that lets `userId` give the second step for the next CHALLENGE_MINUTES. */
export function challengeCookie(userId: number, now: Date): string {
  const body = `${userId}.${now.getTime() + CHALLENGE_MINUTES * 60_000}`;
  return `${CHALLENGE_COOKIE}=${body}.${challengeMac(body).toString("base64url")}; ${cookieAttributes(CHALLENGE_MINUTES * 60)}`;
}

export function clearChallengeCookie(): string {
  return `${CHALLENGE_COOKIE}=; ${cookieAttributes(0)}`;
}

/** The request's challenge if its signature holds and it has not expired. */
export function readChallenge(request: Request, now: Date): Challenge | undefined {
  const header = request.headers.get("cookie") ?? "";
  const match = new RegExp(`(?:^|;\\s*)${CHALLENGE_COOKIE}=(\\d{1,12})\\.(\\d{1,15})\\.([A-Za-z0-9_-]{43})(?:;|$)`).exec(header);
  if (!match) return undefined;
  const body = `${match[1]}.${match[2]}`;
  const given = Buffer.from(match[3]!, "base64url");
  const expected = challengeMac(body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const challenge = { userId: Number(match[1]), expiresAt: Number(match[2]) };
  return challenge.expiresAt > now.getTime() ? challenge : undefined;
}

/** Whether the user has the second factor on: then the password alone does not sign in. */
export async function hasSecondFactor(db: Db, userId: number): Promise<boolean> {
  const state = await getSecondFactorState(db, userId);
  return Boolean(state?.enabledAt && state.sealedSecret);
}
