/**
 * The one guard for a round named in a URL or a form (ARCHITECTURE §3.2): the round if it belongs to
 * the agency, a 404 otherwise — the same answer for another agency's round as for no round at all, so
 * that ids of other agencies cannot be probed. Thrown as React Router's data() so that a loader or an
 * action that lets it through answers 404 (an HttpError there would be a 500).
 */
import { data } from "react-router";
import type { Db } from "../../db/client.server";
import { getRoundWithOrganization } from "../../db/queries/rounds";

/** Whose rounds may be reached: a signed-in user, or an agency by its id. */
export interface AgencyScope {
  organizationId: number;
}

export type AgencyRound = NonNullable<Awaited<ReturnType<typeof getRoundWithOrganization>>>;

/** The round `roundId` (a URL parameter as given, or a number) of the agency, or a 404. */
export async function requireRound(db: Db, scope: AgencyScope, roundId: string | number | undefined): Promise<AgencyRound> {
  const id = Number(roundId);
  const round = Number.isSafeInteger(id) && id > 0 ? await getRoundWithOrganization(db, id) : undefined;
  return requireAgencyRound(scope, round);
}

/** A round already loaded, through the same check: for services that take the round from their caller. */
export function requireAgencyRound<R extends AgencyScope>(scope: AgencyScope, round: R | undefined): R {
  if (!round || round.organizationId !== scope.organizationId) throw data(null, { status: 404 });
  return round;
}
