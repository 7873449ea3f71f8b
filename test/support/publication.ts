/** Puts a round on an agency's public page (issue 17) through the project's own queries, as /admin/publication does. */
import type { Db } from "../../db/client.server";
import { bumpPublication, savePublishedRound, type PublishedRoundChoice } from "../../db/queries/publication";

export async function publishRoundForTest(
  db: Db,
  organizationId: number,
  roundId: number,
  choice: PublishedRoundChoice = { report: "measured", measures: true, counters: true },
  now = new Date(),
): Promise<void> {
  await savePublishedRound(db, organizationId, roundId, choice, now);
  await bumpPublication(db, organizationId, { userId: null, now });
}
