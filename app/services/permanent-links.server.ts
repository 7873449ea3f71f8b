/**
 * Permanent links (issue 11, items 6 and 7; ARCHITECTURE.md §4 point 1): a poster hangs on a counter for
 * years and a staff slip is printed once, so what they print names the counter or the agency's staff, never
 * a round. When scanned, a permanent link resolves to the agency's round open today and that round's link
 * for the counter (EIT) or its IIT link; the respondent then answers through the per-round link as before
 * (/s/:token), so validation, codes, tallies and the closed-round rules stay in one place.
 *
 * A paused or retired counter pauses its permanent link; with no round open today, or a round the counter
 * takes no part in, the link answers a friendly page naming the agency. Nothing here depends on which
 * round was open when the poster was printed: next fiscal year the same token finds the next round.
 */
import type { Db } from "../../db/client.server";
import { listOrganizationCounters } from "../../db/queries/counters";
import { findRoundLinkFor, getPublicPermanentLink, insertMissingPermanentLinks, listOrganizationPermanentLinks } from "../../db/queries/permanent-links";
import { findOpenRound } from "../../db/queries/rounds";
import type { PermanentLinkKind } from "../../db/schema";
import { generateLinkToken } from "../lib/tokens.server";
import type { Localized } from "../scoring/framework";
import { isWellFormedToken } from "./qr.server";

/**
 * Gives the agency its permanent staff link and every counter of it its permanent counter link where
 * missing; idempotent, so the agency's creation, a new counter, the demo seed and the pages that print
 * links may all call it. Run it inside the transaction that creates the agency or counter.
 */
export async function createPermanentLinks(db: Db, organizationId: number, now: Date): Promise<number> {
  return insertMissingPermanentLinks(db, organizationId, generateLinkToken, now.toISOString());
}

/**
 * The agency's permanent links: its staff token and a token per counter id. Made first where missing
 * (an agency or counter created by a path that did not call createPermanentLinks), so that a page about
 * to print them never prints a round's link instead.
 */
export async function getPermanentLinks(db: Db, organizationId: number, now: Date = new Date()) {
  let links = await listOrganizationPermanentLinks(db, organizationId);
  const counters = await listOrganizationCounters(db, organizationId);
  if (!links.some((l) => l.kind === "staff") || links.filter((l) => l.kind === "counter").length < counters.length) {
    await db.transaction().execute((trx) => createPermanentLinks(trx, organizationId, now));
    links = await listOrganizationPermanentLinks(db, organizationId);
  }
  const staff = links.find((l) => l.kind === "staff")!.token;
  const counterTokens = new Map(links.filter((l) => l.counterId !== null).map((l) => [l.counterId!, l.token]));
  return { staff, counters: counterTokens };
}

/** Counter id → permanent token, for the posters. */
export async function permanentCounterTokens(db: Db, organizationId: number): Promise<Map<number, string>> {
  return (await getPermanentLinks(db, organizationId)).counters;
}

export type PermanentLinkResolution =
  | { outcome: "unknown" }
  /** The counter is paused or retired, or the round's link for it is paused. */
  | { outcome: "paused"; organization: Localized; agencySlug: string; counter: Localized | null }
  /** No round is open today, or the counter takes no part in it. */
  | { outcome: "nothing-open"; organization: Localized; agencySlug: string; counter: Localized | null }
  /** The per-round token to answer through. */
  | { outcome: "open"; token: string; roundId: number };

/**
 * What the permanent link `token` of `kind` stands for on `today` (YYYY-MM-DD, Asia/Bangkok). A token of
 * the other kind is unknown here: /c/ takes counter tokens only, /staff/ staff tokens only.
 */
export async function resolvePermanentLink(db: Db, kind: PermanentLinkKind, token: string, today: string): Promise<PermanentLinkResolution> {
  if (!isWellFormedToken(token)) return { outcome: "unknown" };
  const link = await getPublicPermanentLink(db, token);
  if (!link || link.kind !== kind) return { outcome: "unknown" };
  const organization = { th: link.organizationNameTh, en: link.organizationNameEn || link.organizationNameTh };
  const counter = link.counterNameTh === null ? null : { th: link.counterNameTh, en: link.counterNameEn || link.counterNameTh };
  const agencySlug = link.organizationSlug;
  if (link.counterStatus === "paused" || link.counterStatus === "retired") return { outcome: "paused", organization, agencySlug, counter };
  const round = await findOpenRound(db, link.organizationId, today);
  if (!round) return { outcome: "nothing-open", organization, agencySlug, counter };
  const roundLink = await findRoundLinkFor(db, round.id, kind === "staff" ? "iit" : "eit", link.counterId);
  if (!roundLink) return { outcome: "nothing-open", organization, agencySlug, counter };
  if (roundLink.status !== "active") return { outcome: "paused", organization, agencySlug, counter };
  return { outcome: "open", token: roundLink.token, roundId: round.id };
}
