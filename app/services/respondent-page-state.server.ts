/**
 * What the respondent page of a link depends on, read fresh for every request of the page cache
 * (app/server/respondent-page-cache.server.ts): the link as the page's loader reads it (the same query and
 * the same accepting check, requireAcceptingLink), or null when the page is not the survey (an unknown
 * token is 404, a paused link, round or counter shows the paused page), which React Router then renders.
 */
import type { Db } from "../../db/client.server";
import type { PublicLink } from "../../db/queries/links";
import { requireAcceptingLink } from "./submit-response.server";

export async function getAcceptingLinkOrNull(db: Db, token: string): Promise<PublicLink | null> {
  try {
    return await requireAcceptingLink(db, token);
  } catch {
    // Not found or paused (requireAcceptingLink's two errors), or the database failing: in every case
    // the page is left to React Router, which answers it (and reports a failure) as it always does.
    return null;
  }
}
