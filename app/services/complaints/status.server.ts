/**
 * The public status page of a complaint (issue 16, item 1): with its tracking code, the complainant sees
 * the case's status (and outcome, once closed) and the agency's dated public replies — nothing else: not
 * the text they sent, not the unit, not the notes, not who handles it.
 *
 * A wrong code gets one answer whatever the reason — malformed, unknown, another agency's, a typo — by
 * one path: the typed text is normalised and hashed, the agency's rows with that hash's prefix are read,
 * and the whole hash is compared in constant time (./tracking-code.server.ts).
 */
import type { Db } from "../../../db/client.server";
import type { ComplaintOutcome, ComplaintStatus } from "../../../db/schema";
import { listComplaintReplies, listComplaintsByTrackingLookup } from "../../../db/queries/complaints";
import { hashTrackingCode, matchTrackingHash, normalizeTrackingCode, trackingLookupOf } from "./tracking-code.server";

export type ComplaintStatusView =
  | { found: true; status: ComplaintStatus; outcome: ComplaintOutcome | null; replies: { id: number; text: string; createdOn: string }[] }
  | { found: false };

export async function lookupComplaintStatus(db: Db, organizationId: number, typedCode: string): Promise<ComplaintStatusView> {
  const hash = hashTrackingCode(normalizeTrackingCode(typedCode));
  const candidates = await listComplaintsByTrackingLookup(db, organizationId, trackingLookupOf(hash));
  const match = matchTrackingHash(hash, candidates);
  if (!match) return { found: false };
  return { found: true, status: match.status, outcome: match.outcome, replies: await listComplaintReplies(db, match.id) };
}
