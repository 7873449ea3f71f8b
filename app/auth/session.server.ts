/**
 * Sign-in sessions, stored in the database so that several app processes share them (ARCHITECTURE.md
 * §5). The cookie holds a random token (httpOnly, SameSite=Lax, Secure behind HTTPS); the database keeps
 * only its SHA-256, with the session's anti-forgery token.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { redirect } from "react-router";
import type { Db } from "../../db/client.server";
import { deleteExpiredSessions, deleteSession, getSessionWithUser, insertSession, touchSession } from "../../db/queries/sessions";
import type { Role } from "../../db/schema";
import { getEnv } from "../lib/env.server";
import { HttpError } from "../lib/http";
import { hasRole } from "./roles";

const COOKIE = "prongsai_session";
/** A working day and a bit: management signs in in the morning. */
const SESSION_HOURS = 12;

export type SessionUser = NonNullable<Awaited<ReturnType<typeof getSessionWithUser>>>;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function readCookie(request: Request): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  const match = new RegExp(`(?:^|;\\s*)${COOKIE}=([A-Za-z0-9_-]{20,100})(?:;|$)`).exec(header);
  return match?.[1];
}

function cookieAttributes(maxAgeSeconds: number): string {
  const secure = getEnv().PUBLIC_URL.startsWith("https://") ? "; Secure" : "";
  return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

const AGENCY_COOKIE = "prongsai_agency";
const YEAR_SECONDS = 365 * 86_400;

/**
 * The cookie that remembers, after a successful sign-in, the code of the agency signed in to: the sign-in
 * page of an installation of several agencies fills its agency field from it (docs/decisions/
 * usernames-per-agency.md). Not a secret, but no script needs it: HttpOnly, like the session's.
 */
export function agencyCookie(agencySlug: string): string {
  return `${AGENCY_COOKIE}=${agencySlug}; ${cookieAttributes(YEAR_SECONDS)}`;
}

/** The remembered agency code, or "" (the cookie is read only as a slug can be). */
export function readAgencyCookie(request: Request): string {
  const header = request.headers.get("cookie") ?? "";
  return new RegExp(`(?:^|;\\s*)${AGENCY_COOKIE}=([a-z0-9-]{1,63})(?:;|$)`).exec(header)?.[1] ?? "";
}

/** Starts a new session (a new token at every sign-in: no session fixation) and returns its cookie. */
export async function createSessionCookie(db: Db, userId: number, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await insertSession(db, {
    id: hashToken(token),
    user_id: userId,
    csrf_token: randomBytes(24).toString("base64url"),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
  });
  return `${COOKIE}=${token}; ${cookieAttributes(SESSION_HOURS * 3600)}`;
}

export async function getSessionUser(db: Db, request: Request, now = new Date()): Promise<SessionUser | undefined> {
  const token = readCookie(request);
  if (!token) return undefined;
  const user = await getSessionWithUser(db, hashToken(token), now.toISOString(), idleCutoff(now));
  // The idle clock: one write a minute at most per session, not one per request.
  if (user && (!user.lastSeenAt || now.getTime() - Date.parse(user.lastSeenAt) >= TOUCH_EVERY_MS)) await touchSession(db, user.sessionId, now.toISOString());
  return user;
}

/** A session unused since this moment has ended (SESSION_IDLE_MINUTES, default 30). */
export function idleCutoff(now: Date): string {
  return new Date(now.getTime() - getEnv().SESSION_IDLE_MINUTES * 60_000).toISOString();
}

const TOUCH_EVERY_MS = 60_000;

/** Deletes the sessions past their 12 hours or their idle time: at start and daily (app/server/index.ts). */
export async function purgeEndedSessions(db: Db, now: Date): Promise<number> {
  return deleteExpiredSessions(db, now.toISOString(), idleCutoff(now));
}

/** Ends the session of the request and returns the cookie that clears it in the browser. */
export async function destroySession(db: Db, request: Request): Promise<string> {
  const token = readCookie(request);
  if (token) await deleteSession(db, hashToken(token));
  return `${COOKIE}=; ${cookieAttributes(0)}`;
}

/**
 * The signed-in user, or a redirect to sign-in that comes back here afterwards. With `role`, a user
 * below that role gets 403. The admin subtree calls this once per request from its middleware
 * (app/auth/admin-context.server.ts); sign-out, outside it, calls it itself.
 */
export async function requireUser(db: Db, request: Request, role: Role = "viewer"): Promise<SessionUser> {
  const user = await getSessionUser(db, request);
  if (!user) {
    const url = new URL(request.url);
    // A data request (React Router's `.data`, with its `_routes`) comes back as the page it was for.
    url.searchParams.delete("_routes");
    const page = url.pathname.endsWith(".data") ? url.pathname.slice(0, -".data".length) : url.pathname;
    const path = page === "/_root" || page === "" ? "/" : page;
    throw redirect(`/sign-in?next=${encodeURIComponent(path + url.search)}`);
  }
  requireRole(user, role);
  return user;
}

/**
 * The `next` of sign-in (made by requireUser above), if it is a safe local path; else the admin home.
 * Safe: one "/" first, not "//" or "/\\" (a browser reads both as another site), no backslash anywhere,
 * and only printable ASCII — a URL's path and query as requireUser encodes them. Anything else (another
 * site, a space, a control character, "/〱") is ignored: a Location header carries printable ASCII only,
 * and issue 14 found redirect("/〱") throwing, a 500, after the session had been made.
 */
export function safeNextPath(value: unknown): string {
  return typeof value === "string" && value.length <= 2000 && /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(value) ? value : "/admin";
}

/** A 403 response (thrown) for a user below `role`. */
export function requireRole(user: SessionUser, role: Role): void {
  if (!hasRole(user.role, role)) {
    throw new HttpError(403, "บัญชีของท่านไม่มีสิทธิ์ทำรายการนี้", "Your account may not do this.").toResponse();
  }
}

/**
 * Checks the anti-forgery token of an admin form against the session's; a cross-site form cannot
 * know it. Throws a 403 response.
 */
export function requireCsrf(user: SessionUser, formData: FormData): void {
  const sent = formData.get("csrf");
  const expected = Buffer.from(user.csrfToken);
  const given = Buffer.from(typeof sent === "string" ? sent : "");
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  if (!ok) {
    throw new HttpError(
      403,
      "แบบฟอร์มหมดอายุหรือไม่ได้ส่งจากหน้านี้ กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง",
      "The form expired or was not sent from this site. Reload the page and try again.",
    ).toResponse();
  }
}
