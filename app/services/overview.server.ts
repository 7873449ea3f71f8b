/** The rounds of the signed-in user's agency with their respondent links. */
import type { Db } from "../../db/client.server";
import { listRoundLinks } from "../../db/queries/links";
import { listOrganizationRounds } from "../../db/queries/rounds";

export async function listRoundsWithLinks(db: Db, organizationId: number) {
  const rounds = await listOrganizationRounds(db, organizationId);
  return Promise.all(rounds.map(async (round) => ({ ...round, links: await listRoundLinks(db, round.id) })));
}
