import type { Db } from "../client.server";
import type { NewAuditLog } from "../schema";

export async function insertAuditLog(db: Db, entry: NewAuditLog): Promise<void> {
  await db.insertInto("audit_log").values(entry).execute();
}

export async function listAuditLog(db: Db, organizationId: number, limit: number) {
  return db
    .selectFrom("audit_log")
    .leftJoin("user", "user.id", "audit_log.user_id")
    // The host operator's changes to the agency name the operator (docs/decisions/host-operator.md).
    .leftJoin("operator_account", "operator_account.id", "audit_log.operator_id")
    .where("audit_log.organization_id", "=", organizationId)
    .select([
      "audit_log.id as id",
      "audit_log.action as action",
      "audit_log.target as target",
      "audit_log.detail as detail",
      "audit_log.created_at as createdAt",
      "user.username as username",
      "operator_account.username as operatorUsername",
    ])
    .orderBy("audit_log.id", "desc")
    .limit(limit)
    .execute();
}

/** The agency's audit entries about one record (e.g. "complaint:123"), oldest first, with who acted. */
export async function listAuditLogForTarget(db: Db, organizationId: number, target: string) {
  return db
    .selectFrom("audit_log")
    .leftJoin("user", "user.id", "audit_log.user_id")
    .where("audit_log.organization_id", "=", organizationId)
    .where("audit_log.target", "=", target)
    .select([
      "audit_log.id as id",
      "audit_log.action as action",
      "audit_log.detail as detail",
      "audit_log.created_at as createdAt",
      "user.username as username",
      "user.display_name as displayName",
    ])
    .orderBy("audit_log.id")
    .execute();
}
