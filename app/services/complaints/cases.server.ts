/**
 * The agency's complaint cases (issue 16, item 2), for its admins and complaint handlers
 * (./access.ts): the list with the overdue ones first, one case with everything it holds, and the
 * changes — assign to a unit, move on its status (received → under review → in progress → closed, with
 * an outcome), correct its type, an internal note, a public reply. Every change is one transaction with
 * its audit entry; every view of a case that shows contact details, and every download of an attachment,
 * is audited too. A case the user may not see is a 404, as another agency's is.
 */
import { data } from "react-router";
import type { Db } from "../../../db/client.server";
import type { ComplaintOutcome, ComplaintStatus } from "../../../db/schema";
import { listAuditLogForTarget } from "../../../db/queries/audit-log";
import {
  getAgencyComplaint,
  getAgencyComplaintAttachment,
  insertComplaintEntry,
  listAgencyComplaints,
  listComplaintAttachments,
  listComplaintEntries,
  listOverdueAgencyComplaints,
  updateAgencyComplaint,
} from "../../../db/queries/complaints";
import { listOrganizationUnits } from "../../../db/queries/counters";
import type { SessionUser } from "../../auth/session.server";
import { HttpError } from "../../lib/http";
import { bangkokDate, daysBetween } from "../../text/dates";
import { randomUUID } from "node:crypto";
import { getEnv } from "../../lib/env.server";
import { publishEvent } from "../notify/events.server";
import { recordAudit } from "../audit.server";
import { complaintListScope, complaintVisibility, type ComplaintVisibility } from "./access";
import { characterCount, cleanText } from "./intake-form.server";
import { COMPLAINT_LIMITS, COMPLAINT_STATUSES, isComplaintKind, isComplaintOutcome } from "./kinds";

type Localized = { th: string; en: string };

/** Which time limit a case has passed on `today`, and by how many days. */
export interface Overdue {
  acknowledge: boolean;
  decide: boolean;
  /** Days past the limit it is late for (the decision's once that has passed). */
  days: number;
}

/** Pure: whether an open case is past its acknowledgement (still "received") or its decision. */
export function overdueOf(c: { status: ComplaintStatus; acknowledgeDueOn: string; decideDueOn: string }, today: string): Overdue | null {
  if (c.status === "closed") return null;
  const decide = today > c.decideDueOn;
  const acknowledge = c.status === "received" && today > c.acknowledgeDueOn;
  if (!decide && !acknowledge) return null;
  return { acknowledge, decide, days: daysBetween(decide ? c.decideDueOn : c.acknowledgeDueOn, today) };
}

function notFound(): never {
  throw data(null, { status: 404 });
}

function requireHandler(user: SessionUser): "all" | { unitId: number | null } {
  const scope = complaintListScope(user);
  if (!scope) throw new HttpError(403, "บัญชีของท่านไม่มีสิทธิ์ดูเรื่องร้องเรียน", "Your account may not see complaints.").toResponse();
  return scope;
}

/** The case `idParam` if the user may see it, with what they may see; a thrown 404 otherwise. */
async function requireCase(db: Db, user: SessionUser, idParam: unknown) {
  requireHandler(user);
  const id = Number(idParam);
  const row = Number.isSafeInteger(id) && id > 0 ? await getAgencyComplaint(db, user.organizationId, id) : undefined;
  if (!row) notFound();
  const visibility = complaintVisibility(user, row);
  if (visibility === "none") notFound();
  return { row, visibility };
}

/** /admin/complaints: the user's cases, newest first, the overdue ones named. */
export async function getComplaintListPage(db: Db, user: SessionUser, now: Date) {
  const scope = requireHandler(user);
  const today = bangkokDate(now);
  const cases = (await listAgencyComplaints(db, user.organizationId, scope)).map((c) => ({ ...c, overdue: overdueOf(c, today) }));
  return {
    today,
    isAdmin: user.role === "admin",
    agencySlug: user.organizationSlug,
    cases,
    overdue: cases.filter((c) => c.overdue !== null),
  };
}

export type ComplaintListPage = Awaited<ReturnType<typeof getComplaintListPage>>;

/**
 * The overdue cases for the round dashboard: the list for those who handle complaints (their own cases),
 * the number only for managers and viewers, who see no complaint.
 */
export async function getOverdueComplaintsSummary(db: Db, user: SessionUser, now: Date) {
  const today = bangkokDate(now);
  const scope = complaintListScope(user);
  const rows = await listOverdueAgencyComplaints(db, user.organizationId, today, scope ?? "all");
  return {
    count: rows.length,
    cases: scope ? rows.map((c) => ({ id: c.id, kind: c.kind, unitNameTh: c.unitNameTh, unitNameEn: c.unitNameEn, receivedOn: c.receivedOn, overdue: overdueOf(c, today)! })) : [],
  };
}

/**
 * /admin/complaints/:caseId: the case, its files, notes and replies, its history (the audit entries), and
 * its contact details for the handlers of the case — a view that is audited.
 */
export async function getComplaintCasePage(db: Db, user: SessionUser, idParam: unknown, now: Date) {
  const { row, visibility } = await requireCase(db, user, idParam);
  const { contactName, contactPhone, contactEmail, ...rest } = row;
  const holdsContact = row.anonymous === 0 && row.contactErasedOn === null;
  const showContact = visibility === "case-and-contact" && holdsContact;
  if (showContact) {
    await recordAudit(db, { organizationId: user.organizationId, userId: user.userId }, "complaint.view-contact", `complaint:${row.id}`, {}, now);
  }
  const today = bangkokDate(now);
  const units = await listOrganizationUnits(db, user.organizationId);
  return {
    today,
    visibility: visibility as Exclude<ComplaintVisibility, "none">,
    complaint: { ...rest, overdue: overdueOf(row, today) },
    contact: showContact ? { name: contactName ?? "", phone: contactPhone ?? "", email: contactEmail ?? "" } : null,
    /** Why no contact is shown: anonymous, erased (by retention), or held for the unit's handlers. */
    contactState: row.anonymous === 1 ? ("anonymous" as const) : row.contactErasedOn !== null ? ("erased" as const) : showContact ? ("shown" as const) : ("hidden" as const),
    attachments: await listComplaintAttachments(db, row.id),
    entries: await listComplaintEntries(db, row.id),
    history: await listAuditLogForTarget(db, user.organizationId, `complaint:${row.id}`),
    units,
  };
}

export type ComplaintCasePage = Awaited<ReturnType<typeof getComplaintCasePage>>;

/** An attachment of a case the user may see, for download; the download is audited. */
export async function getComplaintAttachmentFile(db: Db, user: SessionUser, caseIdParam: unknown, attachmentIdParam: unknown, now: Date) {
  const { row } = await requireCase(db, user, caseIdParam);
  const attachmentId = Number(attachmentIdParam);
  const file = Number.isSafeInteger(attachmentId) && attachmentId > 0 ? await getAgencyComplaintAttachment(db, user.organizationId, row.id, attachmentId) : undefined;
  if (!file) notFound();
  await recordAudit(db, { organizationId: user.organizationId, userId: user.userId }, "complaint.attachment-download", `complaint:${row.id}`, { attachment: file.id, position: file.position }, now);
  return { complaintId: row.id, ...file };
}

export type CaseChange = "assigned" | "status" | "kind" | "note" | "reply";

export type CaseActionResult =
  | { ok: true; change: CaseChange; /** False when the user may no longer see the case (assigned to another unit). */ stillVisible: boolean }
  | { ok: false; status: number; message: Localized; field: string };

function refuse(status: number, field: string, message: Localized): CaseActionResult {
  return { ok: false, status, field, message };
}

const M = {
  intent: { th: "ไม่รู้จักคำสั่งนี้", en: "Unknown action." },
  unit: { th: "กรุณาเลือกส่วนราชการที่รับผิดชอบ", en: "Choose the responsible unit." },
  closed: { th: "เรื่องนี้ดำเนินการแล้วเสร็จ เปลี่ยนสถานะไม่ได้อีก", en: "This case is closed; its status cannot change any more." },
  status: { th: "เลือกสถานะถัดไปของเรื่อง (ย้อนสถานะไม่ได้)", en: "Choose a later status (a case does not go back)." },
  outcome: { th: "เรื่องที่ดำเนินการแล้วเสร็จต้องระบุผลการพิจารณา", en: "A closed case needs its outcome." },
  kind: { th: "กรุณาเลือกประเภทของเรื่อง", en: "Choose the type of the complaint." },
  textMissing: { th: "กรุณาเขียนข้อความ", en: "Write the text." },
  textLong: { th: `ข้อความยาวได้ไม่เกิน ${COMPLAINT_LIMITS.textMax.toLocaleString("en")} ตัวอักษร`, en: `At most ${COMPLAINT_LIMITS.textMax.toLocaleString("en")} characters.` },
} as const;

/** One change posted to the case page (a form with an `intent`); the route checks the anti-forgery token. */
export async function applyComplaintCaseForm(db: Db, user: SessionUser, idParam: unknown, form: FormData, now: Date): Promise<CaseActionResult> {
  const { row } = await requireCase(db, user, idParam);
  const actor = { organizationId: user.organizationId, userId: user.userId };
  const target = `complaint:${row.id}`;
  const today = bangkokDate(now);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const intent = field("intent");

  if (intent === "assign") {
    const units = await listOrganizationUnits(db, user.organizationId);
    const unit = units.find((u) => String(u.id) === field("unitId") && u.status === "active");
    if (!unit) return refuse(400, "unitId", M.unit);
    await db.transaction().execute(async (trx) => {
      await updateAgencyComplaint(trx, user.organizationId, row.id, { unit_id: unit.id });
      await recordAudit(trx, actor, "complaint.assign", target, { from: row.unitId, to: unit.id }, now);
      // Issue 17: the unit's complaint handlers hear of a complaint now theirs (the admins did when it came);
      // once per complaint and unit, with nothing of its content.
      await publishEvent(trx, {
        id: randomUUID(),
        type: "complaint.received",
        organizationId: user.organizationId,
        occurredAt: now.toISOString(),
        dedupeKey: `complaint.received:${row.id}:unit:${unit.id}`,
        data: { type: "complaint.received", receivedOn: row.receivedOn, unitId: unit.id, link: `${getEnv().PUBLIC_URL}/admin/complaints` },
      });
    });
    return { ok: true, change: "assigned", stillVisible: complaintVisibility(user, { unitId: unit.id }) !== "none" };
  }

  if (intent === "status") {
    if (row.status === "closed") return refuse(409, "status", M.closed);
    const next = field("status") as ComplaintStatus;
    const from = COMPLAINT_STATUSES.indexOf(row.status);
    const to = COMPLAINT_STATUSES.indexOf(next);
    if (to < 0 || to <= from) return refuse(400, "status", M.status);
    let outcome: ComplaintOutcome | null = null;
    if (next === "closed") {
      const given = field("outcome");
      if (!isComplaintOutcome(given)) return refuse(400, "outcome", M.outcome);
      outcome = given;
    }
    await db.transaction().execute(async (trx) => {
      await updateAgencyComplaint(trx, user.organizationId, row.id, {
        status: next,
        ...(row.acknowledgedOn === null ? { acknowledged_on: today } : {}),
        ...(next === "closed" ? { outcome, closed_on: today } : {}),
      });
      await recordAudit(trx, actor, "complaint.status", target, { from: row.status, to: next, ...(outcome ? { outcome } : {}) }, now);
    });
    return { ok: true, change: "status", stillVisible: true };
  }

  if (intent === "kind") {
    const kind = field("kind");
    if (!isComplaintKind(kind)) return refuse(400, "kind", M.kind);
    await db.transaction().execute(async (trx) => {
      await updateAgencyComplaint(trx, user.organizationId, row.id, { kind });
      await recordAudit(trx, actor, "complaint.kind", target, { from: row.kind, to: kind }, now);
    });
    return { ok: true, change: "kind", stillVisible: true };
  }

  if (intent === "note" || intent === "reply") {
    const text = cleanText(field("text"));
    if (text === "") return refuse(400, "text", M.textMissing);
    if (characterCount(text) > COMPLAINT_LIMITS.textMax) return refuse(400, "text", M.textLong);
    await db.transaction().execute(async (trx) => {
      await insertComplaintEntry(trx, { complaint_id: row.id, kind: intent, text, created_by: user.userId, created_at: now.toISOString(), created_on: today });
      // The text is in the case; the log says that there was one, and how long.
      await recordAudit(trx, actor, `complaint.${intent}`, target, { characters: characterCount(text) }, now);
    });
    return { ok: true, change: intent, stillVisible: true };
  }

  return refuse(400, "intent", M.intent);
}
