/**
 * Complaints of corruption and misconduct (issue 16, migration 0021): the public form's writes, the
 * status page's lookup, the agency's cases, their attachments, notes and replies, the guideline, the
 * published statistics' rows and the retention's erasure of contact details. Every read of a case by a
 * signed-in user is scoped by organization id: another agency's case or attachment finds nothing.
 */
import type { Db } from "../client.server";
import type {
  ComplaintAttachmentTable,
  ComplaintEntryKind,
  ComplaintOutcome,
  ComplaintStatus,
  ComplaintUpdate,
  NewComplaint,
} from "../schema";

// --- the agency of a public complaint page

/** What the public complaint pages need of an agency, by its code (slug). */
export async function getComplaintAgency(db: Db, slug: string) {
  return db
    .selectFrom("organization")
    .where("slug", "=", slug)
    .select([
      "id",
      "slug",
      "name_th as nameTh",
      "name_en as nameEn",
      "status",
      "contact_th as contactTh",
      "contact_en as contactEn",
      "retention_months as retentionMonths",
    ])
    .executeTakeFirst();
}

// --- the form

export async function complaintIdTaken(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom("complaint").where("id", "=", id).select("id").executeTakeFirst()) !== undefined;
}

export async function attachmentIdTaken(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom("complaint_attachment").where("id", "=", id).select("id").executeTakeFirst()) !== undefined;
}

/** The complaint sent from this form page before, if any (a double tap, a reload that sends again). */
export async function findComplaintByFormKey(db: Db, organizationId: number, formKey: string): Promise<number | undefined> {
  const row = await db.selectFrom("complaint").where("organization_id", "=", organizationId).where("form_key", "=", formKey).select("id").executeTakeFirst();
  return row?.id;
}

export async function insertComplaint(db: Db, complaint: NewComplaint): Promise<void> {
  await db.insertInto("complaint").values(complaint).execute();
}

export async function insertComplaintAttachment(db: Db, attachment: ComplaintAttachmentTable): Promise<void> {
  await db.insertInto("complaint_attachment").values(attachment).execute();
}

// --- the status page

/** The agency's complaints whose tracking hash starts with `lookup` (almost always none or one). */
export async function listComplaintsByTrackingLookup(db: Db, organizationId: number, lookup: string) {
  return db
    .selectFrom("complaint")
    .where("organization_id", "=", organizationId)
    .where("tracking_lookup", "=", lookup)
    .select(["id", "tracking_hash as trackingHash", "status", "outcome"])
    .execute();
}

/** The public replies of a complaint, oldest first, with their day. */
export async function listComplaintReplies(db: Db, complaintId: number) {
  return db
    .selectFrom("complaint_entry")
    .where("complaint_id", "=", complaintId)
    .where("kind", "=", "reply" satisfies ComplaintEntryKind)
    .select(["id", "text", "created_on as createdOn"])
    .orderBy("id")
    .execute();
}

// --- the cases

const CASE_COLUMNS = [
  "complaint.id as id",
  "complaint.kind as kind",
  "complaint.status as status",
  "complaint.outcome as outcome",
  "complaint.unit_id as unitId",
  "unit.name_th as unitNameTh",
  "unit.name_en as unitNameEn",
  "complaint.anonymous as anonymous",
  "complaint.received_on as receivedOn",
  "complaint.acknowledge_due_on as acknowledgeDueOn",
  "complaint.decide_due_on as decideDueOn",
  "complaint.acknowledged_on as acknowledgedOn",
  "complaint.closed_on as closedOn",
] as const;

/**
 * The agency's complaints, newest day first. With `unitId`, only those not yet assigned and those of
 * that unit (what a complaint handler sees: app/services/complaints/access.ts).
 */
export async function listAgencyComplaints(db: Db, organizationId: number, scope: { unitId: number | null } | "all") {
  let query = db
    .selectFrom("complaint")
    .leftJoin("unit", "unit.id", "complaint.unit_id")
    .where("complaint.organization_id", "=", organizationId)
    .select([...CASE_COLUMNS]);
  if (scope !== "all") {
    const unitId = scope.unitId;
    query = query.where((eb) => (unitId === null ? eb("complaint.unit_id", "is", null) : eb.or([eb("complaint.unit_id", "is", null), eb("complaint.unit_id", "=", unitId)])));
  }
  // The id is random: the order within a day is no arrival order, on purpose.
  return query.orderBy("complaint.received_on", "desc").orderBy("complaint.id").execute();
}

/** One complaint of the agency with everything the case page shows, or undefined. */
export async function getAgencyComplaint(db: Db, organizationId: number, complaintId: number) {
  return db
    .selectFrom("complaint")
    .leftJoin("unit", "unit.id", "complaint.unit_id")
    .where("complaint.organization_id", "=", organizationId)
    .where("complaint.id", "=", complaintId)
    .select([
      ...CASE_COLUMNS,
      "complaint.what as what",
      "complaint.happened as happened",
      "complaint.place as place",
      "complaint.persons as persons",
      "complaint.contact_name as contactName",
      "complaint.contact_phone as contactPhone",
      "complaint.contact_email as contactEmail",
      "complaint.contact_erased_on as contactErasedOn",
    ])
    .executeTakeFirst();
}

export async function updateAgencyComplaint(db: Db, organizationId: number, complaintId: number, changes: ComplaintUpdate): Promise<void> {
  await db.updateTable("complaint").set(changes).where("organization_id", "=", organizationId).where("id", "=", complaintId).execute();
}

/** The attachments of a complaint, without their bytes. */
export async function listComplaintAttachments(db: Db, complaintId: number) {
  return db
    .selectFrom("complaint_attachment")
    .where("complaint_id", "=", complaintId)
    .select(["id", "position", "file_name as fileName", "media_type as mediaType", "size", "sha256"])
    .orderBy("position")
    .execute();
}

/** One attachment with its bytes, if it is of that complaint of that agency. */
export async function getAgencyComplaintAttachment(db: Db, organizationId: number, complaintId: number, attachmentId: number) {
  return db
    .selectFrom("complaint_attachment")
    .where("organization_id", "=", organizationId)
    .where("complaint_id", "=", complaintId)
    .where("id", "=", attachmentId)
    .select(["id", "position", "file_name as fileName", "media_type as mediaType", "size", "bytes"])
    .executeTakeFirst();
}

export async function insertComplaintEntry(
  db: Db,
  entry: { complaint_id: number; kind: ComplaintEntryKind; text: string; created_by: number | null; created_at: string; created_on: string },
): Promise<void> {
  await db.insertInto("complaint_entry").values(entry).execute();
}

/** Notes and replies of a complaint, oldest first, with who wrote them. */
export async function listComplaintEntries(db: Db, complaintId: number) {
  return db
    .selectFrom("complaint_entry")
    .leftJoin("user", "user.id", "complaint_entry.created_by")
    .where("complaint_entry.complaint_id", "=", complaintId)
    .select([
      "complaint_entry.id as id",
      "complaint_entry.kind as kind",
      "complaint_entry.text as text",
      "complaint_entry.created_at as createdAt",
      "complaint_entry.created_on as createdOn",
      "user.username as username",
      "user.display_name as displayName",
    ])
    .orderBy("complaint_entry.id")
    .execute();
}

/**
 * The agency's open complaints past a due date on `today`: not acknowledged (still "received") after
 * their acknowledgement's due day, or not closed after their decision's. With `unitId`, a handler's.
 */
export async function listOverdueAgencyComplaints(db: Db, organizationId: number, today: string, scope: { unitId: number | null } | "all") {
  let query = db
    .selectFrom("complaint")
    .leftJoin("unit", "unit.id", "complaint.unit_id")
    .where("complaint.organization_id", "=", organizationId)
    .where("complaint.status", "!=", "closed" satisfies ComplaintStatus)
    .where((eb) =>
      eb.or([
        eb.and([eb("complaint.status", "=", "received" satisfies ComplaintStatus), eb("complaint.acknowledge_due_on", "<", today)]),
        eb("complaint.decide_due_on", "<", today),
      ]),
    )
    .select([...CASE_COLUMNS]);
  if (scope !== "all") {
    const unitId = scope.unitId;
    query = query.where((eb) => (unitId === null ? eb("complaint.unit_id", "is", null) : eb.or([eb("complaint.unit_id", "is", null), eb("complaint.unit_id", "=", unitId)])));
  }
  return query.orderBy("complaint.decide_due_on").orderBy("complaint.id").execute();
}

// --- the published statistics

/** Kind, status and day of the agency's complaints received from `startsOn` to `endsOn` (both included). */
export async function listComplaintsReceivedBetween(db: Db, organizationId: number, startsOn: string, endsOn: string) {
  return db
    .selectFrom("complaint")
    .where("organization_id", "=", organizationId)
    .where("received_on", ">=", startsOn)
    .where("received_on", "<=", endsOn)
    .select(["id", "kind", "status", "outcome", "received_on as receivedOn"])
    .execute() as Promise<{ id: number; kind: string; status: ComplaintStatus; outcome: ComplaintOutcome | null; receivedOn: string }[]>;
}

/** The day of the agency's first complaint, or undefined without any. */
export async function getFirstComplaintDay(db: Db, organizationId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom("complaint")
    .where("organization_id", "=", organizationId)
    .select((eb) => eb.fn.min("received_on").as("first"))
    .executeTakeFirst();
  return (row?.first as string | null | undefined) ?? undefined;
}

// --- retention: contact details of closed cases

/** Closed complaints that still hold contact details, with their agency's retention (months). */
export async function listContactErasureCandidates(db: Db) {
  return db
    .selectFrom("complaint")
    .innerJoin("organization", "organization.id", "complaint.organization_id")
    .where("complaint.status", "=", "closed" satisfies ComplaintStatus)
    .where("complaint.contact_erased_on", "is", null)
    .where("complaint.anonymous", "=", 0)
    .select([
      "complaint.id as complaintId",
      "complaint.organization_id as organizationId",
      "complaint.closed_on as closedOn",
      "organization.retention_months as retentionMonths",
    ])
    .execute();
}

/** Deletes a complaint's contact details (the row and its counts stay); returns whether it held any. */
export async function eraseComplaintContact(db: Db, complaintId: number, today: string): Promise<boolean> {
  const result = await db
    .updateTable("complaint")
    .set({ contact_name: null, contact_phone: null, contact_email: null, contact_erased_on: today })
    .where("id", "=", complaintId)
    .where("contact_erased_on", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// --- the guideline

export async function getComplaintGuidelineRow(db: Db, organizationId: number) {
  return db
    .selectFrom("complaint_guideline")
    .leftJoin("user", "user.id", "complaint_guideline.updated_by")
    .where("complaint_guideline.organization_id", "=", organizationId)
    .select([
      "complaint_guideline.steps as steps",
      "complaint_guideline.acknowledge_days as acknowledgeDays",
      "complaint_guideline.decide_days as decideDays",
      "complaint_guideline.channels as channels",
      "complaint_guideline.updated_at as updatedAt",
      "user.username as updatedByUsername",
      "user.display_name as updatedByName",
    ])
    .executeTakeFirst();
}

/** The units the guideline names as responsible, in its order. */
export async function listComplaintGuidelineUnits(db: Db, organizationId: number) {
  return db
    .selectFrom("complaint_guideline_unit")
    .innerJoin("unit", "unit.id", "complaint_guideline_unit.unit_id")
    .where("complaint_guideline_unit.organization_id", "=", organizationId)
    .select(["unit.id as id", "unit.name_th as nameTh", "unit.name_en as nameEn"])
    .orderBy("complaint_guideline_unit.position")
    .execute();
}

export async function saveComplaintGuideline(
  db: Db,
  organizationId: number,
  guideline: { steps: string; acknowledge_days: number; decide_days: number; channels: string; updated_by: number; updated_at: string; unitIds: number[] },
): Promise<void> {
  const { unitIds, ...row } = guideline;
  await db
    .insertInto("complaint_guideline")
    .values({ organization_id: organizationId, ...row })
    .onConflict((oc) => oc.column("organization_id").doUpdateSet(row))
    .execute();
  await db.deleteFrom("complaint_guideline_unit").where("organization_id", "=", organizationId).execute();
  if (unitIds.length > 0) {
    await db
      .insertInto("complaint_guideline_unit")
      .values(unitIds.map((unitId, index) => ({ organization_id: organizationId, unit_id: unitId, position: index + 1 })))
      .execute();
  }
}
