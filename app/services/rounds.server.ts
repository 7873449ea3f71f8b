/** Rounds as a signed-in user sees them: always scoped to the user's agency. */
import { data } from "react-router";
import type { Db } from "../../db/client.server";
import { getRoundWithOrganization } from "../../db/queries/rounds";
import type { SessionUser } from "../auth/session.server";

/**
 * The round if it belongs to the user's agency; a 404 otherwise — the same answer for another
 * agency's round as for no round, so ids of other agencies cannot be probed.
 */
export async function requireOrganizationRound(db: Db, user: SessionUser, roundIdParam: string | undefined) {
  const roundId = Number(roundIdParam);
  const round = Number.isSafeInteger(roundId) && roundId > 0 ? await getRoundWithOrganization(db, roundId) : undefined;
  if (!round || round.organizationId !== user.organizationId) throw data(null, { status: 404 });
  return round;
}
