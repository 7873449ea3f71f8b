/**
 * The host operator changing their own password (issue 14, item 8): the same checks as an agency user's
 * (./account.server.ts), the current password throttled as a sign-in is, under the operator's own row.
 * Not audited: the audit log belongs to an agency (docs/decisions/host-operator.md).
 */
import type { Db } from "../../db/client.server";
import { getOperatorPasswordHash, setOperatorOwnPassword } from "../../db/queries/operators";
import type { SessionOperator } from "../auth/operator-session.server";
import { hashPassword } from "../auth/password.server";
import { checkPassword } from "../auth/sign-in.server";
import { checkPasswordChange, type PasswordChangeResult } from "./account.server";

export async function changeOperatorPassword(db: Db, operator: SessionOperator, form: FormData, clientAddress: string, now: Date): Promise<PasswordChangeResult> {
  const checked = await checkPasswordChange(form, operator.username, async (current) => {
    const hash = await getOperatorPasswordHash(db, operator.operatorId);
    const account = hash === undefined ? undefined : { key: `operator:${operator.operatorId}`, status: "active", password_hash: hash };
    return (await checkPassword(db, account, current, clientAddress, now)).outcome === "right";
  });
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const hash = await hashPassword(checked.next);
  const signedOutElsewhere = await db.transaction().execute((trx) => setOperatorOwnPassword(trx, operator.operatorId, hash, operator.sessionId));
  return { ok: true, signedOutElsewhere };
}
