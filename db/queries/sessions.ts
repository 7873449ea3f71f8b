import type { Db } from "../client.server";
import type { NewSession } from "../schema";

export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await db.insertInto("session").values(session).execute();
}

/** The session and its user, if the session exists, has not expired and the user is active. */
export async function getSessionWithUser(db: Db, sessionId: string, nowIso: string) {
  return db
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.user_id")
    .innerJoin("organization", "organization.id", "user.organization_id")
    .where("session.id", "=", sessionId)
    .where("session.expires_at", ">", nowIso)
    .where("user.status", "=", "active")
    // A suspended agency's sessions stop at once (app/services/agencies.server.ts setAgencyStatus).
    .where("organization.status", "=", "active")
    .select([
      "session.id as sessionId",
      "session.csrf_token as csrfToken",
      "session.expires_at as expiresAt",
      "user.id as userId",
      "user.username as username",
      "user.display_name as displayName",
      "user.role as role",
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

export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<void> {
  await db.deleteFrom("session").where("expires_at", "<=", nowIso).execute();
}
