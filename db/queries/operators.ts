/** The host operator's accounts and sessions (docs/decisions/host-operator.md). */
import type { Db } from "../client.server";
import type { OperatorAccountTable } from "../schema";
import type { Insertable, Updateable } from "kysely";

export async function insertOperator(db: Db, operator: Insertable<OperatorAccountTable>): Promise<number> {
  const row = await db.insertInto("operator_account").values(operator).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function getOperatorByUsername(db: Db, username: string) {
  return db.selectFrom("operator_account").where("username", "=", username).selectAll().executeTakeFirst();
}

export async function updateOperator(db: Db, operatorId: number, changes: Updateable<OperatorAccountTable>): Promise<void> {
  await db.updateTable("operator_account").set(changes).where("id", "=", operatorId).execute();
}

export async function insertOperatorSession(
  db: Db,
  session: { id: string; operator_id: number; csrf_token: string; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto("operator_session").values(session).execute();
}

/** The session and its operator, if the session exists, has not expired and the operator is active. */
export async function getOperatorSession(db: Db, sessionId: string, nowIso: string) {
  return db
    .selectFrom("operator_session")
    .innerJoin("operator_account", "operator_account.id", "operator_session.operator_id")
    .where("operator_session.id", "=", sessionId)
    .where("operator_session.expires_at", ">", nowIso)
    .where("operator_account.status", "=", "active")
    .select([
      "operator_session.id as sessionId",
      "operator_session.csrf_token as csrfToken",
      "operator_account.id as operatorId",
      "operator_account.username as username",
      "operator_account.must_change_password as mustChangePassword",
    ])
    .executeTakeFirst();
}

export async function deleteOperatorSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("operator_session").where("id", "=", sessionId).execute();
}

/** The operator's own new password: no longer the one the command line printed; the other sessions end. */
export async function setOperatorOwnPassword(db: Db, operatorId: number, passwordHash: string, keepSessionId: string): Promise<number> {
  await db.updateTable("operator_account").set({ password_hash: passwordHash, must_change_password: 0 }).where("id", "=", operatorId).execute();
  const ended = await db.deleteFrom("operator_session").where("operator_id", "=", operatorId).where("id", "!=", keepSessionId).executeTakeFirst();
  return Number(ended.numDeletedRows);
}

export async function getOperatorPasswordHash(db: Db, operatorId: number): Promise<string | undefined> {
  return (await db.selectFrom("operator_account").where("id", "=", operatorId).select("password_hash").executeTakeFirst())?.password_hash;
}
