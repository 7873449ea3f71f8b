import type { Db } from "../client.server";
import type { NewSession } from "../schema";

export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await db.insertInto("session").values(session).execute();
}

/**
 * The session and its user, if the session exists, has not expired, has been used since `idleSinceIso`
 * (its last request, or its start) and the user is active.
 */
export async function getSessionWithUser(db: Db, sessionId: string, nowIso: string, idleSinceIso: string) {
  return db
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.user_id")
    .innerJoin("organization", "organization.id", "user.organization_id")
    .where("session.id", "=", sessionId)
    .where("session.expires_at", ">", nowIso)
    .where((eb) => eb(eb.fn.coalesce("session.last_seen_at", "session.created_at"), ">", idleSinceIso))
    .where("user.status", "=", "active")
    // A suspended agency's sessions stop at once (app/services/agencies.server.ts setAgencyStatus).
    .where("organization.status", "=", "active")
    .select([
      "session.id as sessionId",
      "session.csrf_token as csrfToken",
      "session.expires_at as expiresAt",
      "session.last_seen_at as lastSeenAt",
      "user.id as userId",
      "user.username as username",
      "user.display_name as displayName",
      "user.role as role",
      // The unit whose complaints a complaint handler handles (migration 0021); null for other roles.
      "user.unit_id as unitId",
      "user.must_change_password as mustChangePassword",
      "user.totp_enabled_at as secondFactorSince",
      "organization.require_second_factor as secondFactorRequired",
      "organization.id as organizationId",
      "organization.slug as organizationSlug",
      "organization.name_th as organizationNameTh",
      "organization.name_en as organizationNameEn",
    ])
    .executeTakeFirst();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("session").where("id", "=", sessionId).execute();
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom("session").where("user_id", "=", userId).execute();
}

/** Ends the user's other sessions ("sign out everywhere else"); returns how many. */
export async function deleteOtherUserSessions(db: Db, userId: number, keepSessionId: string): Promise<number> {
  const result = await db.deleteFrom("session").where("user_id", "=", userId).where("id", "!=", keepSessionId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Records a request of the session (for the idle timeout). */
export async function touchSession(db: Db, sessionId: string, nowIso: string): Promise<void> {
  await db.updateTable("session").set({ last_seen_at: nowIso }).where("id", "=", sessionId).execute();
}

/** Deletes the sessions past their 12 hours or idle since `idleSinceIso`; returns how many. */
export async function deleteExpiredSessions(db: Db, nowIso: string, idleSinceIso: string): Promise<number> {
  const result = await db
    .deleteFrom("session")
    .where((eb) => eb.or([eb("expires_at", "<=", nowIso), eb(eb.fn.coalesce("last_seen_at", "created_at"), "<=", idleSinceIso)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
