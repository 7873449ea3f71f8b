/** The start page's overview: every round with its respondent links (before accounts exist). */
import type { Db } from "../../db/client.server";
import { listRoundLinks } from "../../db/queries/links";
import { listRounds } from "../../db/queries/rounds";

export async function listRoundsWithLinks(db: Db) {
  const rounds = await listRounds(db);
  return Promise.all(rounds.map(async (round) => ({ ...round, links: await listRoundLinks(db, round.id) })));
}
