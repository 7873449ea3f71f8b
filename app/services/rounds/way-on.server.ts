/**
 * Where a respondent of a closed round's link can answer instead (issue 11: the closed page says where
 * to go, where a round is open): the agency's permanent link for the same counter (EIT) or for its staff
 * (IIT), when it leads to a round open today — a path such as /c/TOKEN, or null.
 */
import type { Db } from "../../../db/client.server";
import { listOrganizationPermanentLinks } from "../../../db/queries/permanent-links";
import { getLinkOwner } from "../../../db/queries/round-lifecycle";
import { bangkokDate } from "../../text/dates";
import { resolvePermanentLink } from "../permanent-links.server";

export async function findWayOn(db: Db, token: string, now: Date): Promise<string | null> {
  const owner = await getLinkOwner(db, token);
  if (!owner) return null;
  const kind = owner.instrument === "iit" ? ("staff" as const) : ("counter" as const);
  const permanent = (await listOrganizationPermanentLinks(db, owner.organizationId)).find(
    (l) => l.kind === kind && (kind === "staff" || l.counterId === owner.counterId),
  );
  if (!permanent) return null;
  const resolved = await resolvePermanentLink(db, kind, permanent.token, bangkokDate(now));
  if (resolved.outcome !== "open" || resolved.token === token) return null;
  return `/${kind === "staff" ? "staff" : "c"}/${permanent.token}`;
}
