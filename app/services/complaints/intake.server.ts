/**
 * Filing a complaint from the public form (issue 16, item 1), and the agency behind a public complaint
 * page. One transaction stores the case and its attachments, or nothing.
 *
 * What is kept (docs/decisions/complaints.md): the complainant's words, the type, the files, the day
 * (Asia/Bangkok) it came — never a time of day, an address or a user agent — the due dates from the
 * agency's guideline, and for a complainant who chose to be reached, their name, phone and e-mail, for that
 * case only. The case's id and its attachments' ids are random, so neither the ids nor the rows' order
 * (SQLite stores rows by id) tell which complaint came first on a day. The tracking code is returned once
 * and kept only as its hash.
 */
import { randomBytes, randomInt } from "node:crypto";
import { data } from "react-router";
import type { Db } from "../../../db/client.server";
import { attachmentIdTaken, complaintIdTaken, findComplaintByFormKey, getComplaintAgency, insertComplaint, insertComplaintAttachment } from "../../../db/queries/complaints";
import { randomUUID } from "node:crypto";
import { getEnv } from "../../lib/env.server";
import { publishEvent } from "../notify/events.server";
import { addDays, bangkokDate } from "../../text/dates";
import type { Lang } from "../../text/i18n";
import { getGuidelineDays } from "./guideline.server";
import type { ComplaintInput } from "./intake-form.server";
import { formatTrackingCode, generateTrackingCode, hashTrackingCode, trackingLookupOf } from "./tracking-code.server";

export type ComplaintAgency = NonNullable<Awaited<ReturnType<typeof getComplaintAgency>>>;

const SLUG = /^[a-z0-9-]{2,63}$/;

/**
 * The agency of a public complaint page, or a thrown 404 (no such agency: the same answer as a junk slug)
 * or 403 (a suspended agency takes no complaints: its staff cannot sign in to handle them).
 */
export async function requireComplaintAgency(db: Db, slug: string | undefined, lang: Lang): Promise<ComplaintAgency> {
  const agency = slug && SLUG.test(slug) ? await getComplaintAgency(db, slug) : undefined;
  if (!agency) throw data({ lang }, { status: 404 });
  if (agency.status !== "active") throw data({ lang, suspended: { th: agency.nameTh, en: agency.nameEn || agency.nameTh } }, { status: 403 });
  return agency;
}

/** The random key of a form page (128 bits): the same page sent twice stores one complaint. */
export function newFormKey(): string {
  return randomBytes(16).toString("base64url");
}

/** Ids in [10^8, 10^9): nine digits, printed as 123-456-789 on the case pages. */
async function randomId(taken: (id: number) => Promise<boolean>): Promise<number> {
  for (;;) {
    const id = randomInt(100_000_000, 1_000_000_000);
    if (!(await taken(id))) return id;
  }
}

export type FiledComplaint =
  | { stored: true; complaintId: number; trackingCode: string; receivedOn: string }
  /** The same form page was sent before (a double tap, a reload): nothing new is stored. */
  | { stored: false };

/** Stores the complaint of a checked form (./intake-form.server.ts) for the agency. */
export async function fileComplaint(db: Db, agency: ComplaintAgency, input: ComplaintInput, now: Date): Promise<FiledComplaint> {
  if (await findComplaintByFormKey(db, agency.id, input.formKey)) return { stored: false };
  const receivedOn = bangkokDate(now);
  const { acknowledgeDays, decideDays } = await getGuidelineDays(db, agency.id);
  const code = generateTrackingCode();
  const hash = hashTrackingCode(code);
  try {
    const complaintId = await db.transaction().execute(async (trx) => {
      const id = await randomId((candidate) => complaintIdTaken(trx, candidate));
      await insertComplaint(trx, {
        id,
        organization_id: agency.id,
        tracking_lookup: trackingLookupOf(hash),
        tracking_hash: hash,
        form_key: input.formKey,
        kind: input.kind,
        what: input.what,
        happened: input.happened,
        place: input.place,
        persons: input.persons,
        anonymous: input.contact ? 0 : 1,
        contact_name: input.contact?.name || null,
        contact_phone: input.contact?.phone || null,
        contact_email: input.contact?.email || null,
        status: "received",
        received_on: receivedOn,
        acknowledge_due_on: addDays(receivedOn, acknowledgeDays),
        decide_due_on: addDays(receivedOn, decideDays),
      });
      for (const attachment of input.attachments) {
        await insertComplaintAttachment(trx, {
          id: await randomId((candidate) => attachmentIdTaken(trx, candidate)),
          complaint_id: id,
          organization_id: agency.id,
          position: attachment.position,
          file_name: attachment.fileName,
          media_type: attachment.mediaType,
          size: attachment.bytes.length,
          sha256: attachment.sha256,
          bytes: attachment.bytes,
        });
      }
      // Issue 17: the alert (and webhooks) of a new complaint, queued with the case or not at all. It says
      // that a complaint came and when, with a link for those who may open it: nothing of its content.
      await publishEvent(trx, {
        id: randomUUID(),
        type: "complaint.received",
        organizationId: agency.id,
        occurredAt: now.toISOString(),
        dedupeKey: `complaint.received:${id}`,
        data: { type: "complaint.received", receivedOn, unitId: null, link: `${getEnv().PUBLIC_URL}/admin/complaints` },
      });
      return id;
    });
    return { stored: true, complaintId, trackingCode: formatTrackingCode(code), receivedOn };
  } catch (error) {
    // The same form sent twice at once: the unique index kept one; this one is the repeat.
    if (await findComplaintByFormKey(db, agency.id, input.formKey)) return { stored: false };
    throw error;
  }
}
