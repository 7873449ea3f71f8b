/**
 * The host operator's sign-in and sessions (docs/decisions/host-operator.md): tables of their own
 * (operator_account, operator_session) and a cookie of its own, sent only under /operator. An agency
 * user's session is never an operator's and the other way round: each middleware reads only its own
 * cookie and its own table.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { redirect } from "react-router";
import type { Db } from "../../db/client.server";
import {
  deleteOperatorSession,
  getOperatorByUsername,
  getOperatorSession,
  insertOperator,
  insertOperatorSession,
} from "../../db/queries/operators";
import { getEnv } from "../lib/env.server";
import { HttpError } from "../lib/http";
import { generatePassword, hashPassword } from "./password.server";
import { checkPassword, REFUSED } from "./sign-in.server";

const COOKIE = "prongsai_operator";
/** Shorter than an agency user's: the operator's pages are visited for a task, not a working day. */
const SESSION_HOURS = 4;

export type SessionOperator = NonNullable<Awaited<ReturnType<typeof getOperatorSession>>>;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function readCookie(request: Request): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  return new RegExp(`(?:^|;\\s*)${COOKIE}=([A-Za-z0-9_-]{20,100})(?:;|$)`).exec(header)?.[1];
}

function cookie(value: string, maxAgeSeconds: number): string {
  const secure = getEnv().PUBLIC_URL.startsWith("https://") ? "; Secure" : "";
  // Path=/, not /operator: React Router's client navigation fetches /operator.data, which a cookie of
  // Path=/operator does not match (RFC 6265 §5.1.4), so the operator was sent back to sign-in in a loop.
  // The agency pages never read this cookie (their session has a name of its own).
  return `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

const USERNAME = /^[a-z0-9._-]{3,40}$/;

/** Creates a host operator (npm run cli -- create-operator); the password is returned once. */
export async function createOperator(db: Db, username: string, now: Date): Promise<{ username: string; password: string }> {
  const name = username.trim();
  if (!USERNAME.test(name)) {
    throw new HttpError(400, "ชื่อผู้ใช้ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือ . _ - ยาว 3–40 ตัว", "The username must be 3–40 characters of lowercase a-z, digits, . _ or -.");
  }
  if (await getOperatorByUsername(db, name)) throw new HttpError(400, `มีผู้ดูแลระบบชื่อ "${name}" อยู่แล้ว`, `The operator "${name}" exists already.`);
  const password = generatePassword();
  // Printed once by the command line, so seen by whoever watched it: changed at the first sign-in.
  await insertOperator(db, { username: name, password_hash: await hashPassword(password), created_at: now.toISOString(), must_change_password: 1 });
  return { username: name, password };
}

export type OperatorSignIn = { ok: true; operatorId: number } | { ok: false; reason: "refused"; message: { th: string; en: string } };

/**
 * As an agency user's sign-in (app/auth/sign-in.server.ts): the same check and waits, with the operator's
 * own row ("operator:ID") beside the address's. Not audited: the audit log belongs to an agency.
 */
export async function signInOperator(db: Db, username: string, password: string, now: Date, clientAddress = "unknown"): Promise<OperatorSignIn> {
  const name = username.trim();
  const operator = name.includes("\u0000") ? undefined : await getOperatorByUsername(db, name);
  const account = operator && { key: `operator:${operator.id}`, status: operator.status, password_hash: operator.password_hash };
  const checked = await checkPassword(db, account, password, clientAddress, now);
  return checked.outcome === "right" ? { ok: true, operatorId: operator!.id } : { ok: false, reason: "refused", message: REFUSED };
}

/** A new session (a new token at every sign-in) and its Set-Cookie value. */
export async function createOperatorSessionCookie(db: Db, operatorId: number, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await insertOperatorSession(db, {
    id: hashToken(token),
    operator_id: operatorId,
    csrf_token: randomBytes(24).toString("base64url"),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
  });
  return cookie(token, SESSION_HOURS * 3600);
}

export async function getSessionOperator(db: Db, request: Request, now = new Date()): Promise<SessionOperator | undefined> {
  const token = readCookie(request);
  return token ? getOperatorSession(db, hashToken(token), now.toISOString()) : undefined;
}

export async function destroyOperatorSession(db: Db, request: Request): Promise<string> {
  const token = readCookie(request);
  if (token) await deleteOperatorSession(db, hashToken(token));
  return cookie("", 0);
}

/**
 * The signed-in operator, or a redirect to the operator's sign-in. An agency user's session is no
 * operator's: they land on the operator sign-in page like anyone else, and see nothing of /operator.
 */
export async function requireOperator(db: Db, request: Request): Promise<SessionOperator> {
  const operator = await getSessionOperator(db, request);
  if (!operator) throw redirect("/operator/sign-in");
  return operator;
}

/** The anti-forgery token of an operator form against the session's (403 otherwise). */
export function requireOperatorCsrf(operator: SessionOperator, formData: FormData): void {
  const sent = formData.get("csrf");
  const expected = Buffer.from(operator.csrfToken);
  const given = Buffer.from(typeof sent === "string" ? sent : "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(
      403,
      "แบบฟอร์มหมดอายุหรือไม่ได้ส่งจากหน้านี้ กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง",
      "The form expired or was not sent from this site. Reload the page and try again.",
    ).toResponse();
  }
}
