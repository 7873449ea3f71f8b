/** The audit log of admin actions: who did what to which record, when. Never a password or a token. */
import type { Db } from "../../db/client.server";
import { insertAuditLog } from "../../db/queries/audit-log";

export async function recordAudit(
  db: Db,
  /** operatorId: the host operator who acted on the agency (app/services/agencies.server.ts). */
  actor: { organizationId: number; userId: number | null; operatorId?: number | null },
  action: string,
  target: string,
  detail: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await insertAuditLog(db, {
    organization_id: actor.organizationId,
    user_id: actor.userId,
    operator_id: actor.operatorId ?? null,
    action,
    target,
    detail: JSON.stringify(detail),
    created_at: now.toISOString(),
  });
}
