/**
 * The words and limits of complaints (issue 16) that the public pages, the case pages, the statistics
 * and the services share: a client module may import this file (no .server). Types of complaint, the
 * statuses and outcomes of a case, and the form's limits. Thai first.
 *
 * The types are the usual headings of Thai agencies' complaint statistics for the OIT item on complaints
 * of corruption and misconduct (ITA-METHOD §3, o31; §6, O18); "other" keeps the form open to anything.
 */
import type { ComplaintOutcome, ComplaintStatus } from "../../../db/schema";

export const COMPLAINT_KINDS = [
  { code: "bribery", th: "เรียกรับเงิน ทรัพย์สิน หรือผลประโยชน์", en: "Asking for or taking money, gifts or favours" },
  { code: "procurement", th: "การจัดซื้อจัดจ้างไม่โปร่งใส", en: "Procurement that is not transparent" },
  { code: "abuse-of-power", th: "ใช้อำนาจหน้าที่โดยมิชอบ หรือเลือกปฏิบัติ", en: "Abuse of power or unfair treatment" },
  { code: "public-property", th: "ใช้ทรัพย์สินของราชการเพื่อประโยชน์ส่วนตน", en: "Use of public property for private ends" },
  { code: "misconduct", th: "ประพฤติมิชอบหรือผิดวินัยอื่น ๆ", en: "Other misconduct by staff" },
  { code: "other", th: "เรื่องอื่น ๆ", en: "Something else" },
] as const;

export type ComplaintKind = (typeof COMPLAINT_KINDS)[number]["code"];

export const COMPLAINT_KIND_CODES: readonly string[] = COMPLAINT_KINDS.map((k) => k.code);

export function isComplaintKind(value: unknown): value is ComplaintKind {
  return typeof value === "string" && COMPLAINT_KIND_CODES.includes(value);
}

/** A type's label; an unknown code (a type dropped later) shows as itself. */
export function kindLabel(code: string): { th: string; en: string } {
  return COMPLAINT_KINDS.find((k) => k.code === code) ?? { th: code, en: code };
}

/** The statuses in their order; "closed" carries an outcome. */
export const COMPLAINT_STATUSES = ["received", "under-review", "in-progress", "closed"] as const satisfies readonly ComplaintStatus[];

export const STATUS_LABELS: Record<ComplaintStatus, { th: string; en: string }> = {
  received: { th: "ได้รับเรื่องแล้ว", en: "Received" },
  "under-review": { th: "กำลังพิจารณาเรื่อง", en: "Under review" },
  "in-progress": { th: "อยู่ระหว่างดำเนินการ", en: "In progress" },
  closed: { th: "ดำเนินการแล้วเสร็จ", en: "Closed" },
};

export const COMPLAINT_OUTCOMES = ["upheld", "not-upheld", "referred", "withdrawn"] as const satisfies readonly ComplaintOutcome[];

export const OUTCOME_LABELS: Record<ComplaintOutcome, { th: string; en: string }> = {
  upheld: { th: "มีมูล ดำเนินการตามระเบียบแล้ว", en: "Upheld: acted on" },
  "not-upheld": { th: "ไม่มีมูล", en: "Not upheld" },
  referred: { th: "ส่งต่อหน่วยงานที่มีอำนาจหน้าที่", en: "Referred to the competent agency" },
  withdrawn: { th: "ผู้ร้องเรียนถอนเรื่อง", en: "Withdrawn by the complainant" },
};

export function isComplaintOutcome(value: unknown): value is ComplaintOutcome {
  return typeof value === "string" && (COMPLAINT_OUTCOMES as readonly string[]).includes(value);
}

/** The form's limits (issue 16, item 5), shown on the form and checked by the server. */
export const COMPLAINT_LIMITS = {
  /** The description and every reply or note: characters (code points), not bytes. */
  textMax: 10_000,
  /** When it happened, where: short answers. */
  shortMax: 300,
  /** Who was involved (optional). */
  personsMax: 2_000,
  nameMax: 200,
  phoneMax: 40,
  emailMax: 254,
  files: 3,
  fileBytes: 5 * 1024 * 1024,
} as const;

/** Time limits a guideline may set, in days (the defaults: acknowledge within 15, decide within 60). */
export const GUIDELINE_DAYS = { acknowledgeDefault: 15, decideDefault: 60, fewest: 1, most: 365 } as const;

/** The guideline's text: how many steps, how long each, and the other channels. */
export const GUIDELINE_LIMITS = { steps: 20, stepMax: 500, channelsMax: 2_000 } as const;

/** How a tracking code is shown and typed: four groups of four. */
export const TRACKING_CODE_PATTERN = "XXXX-XXXX-XXXX-XXXX";

/** "123-456-789": how staff read a case's number (its random id: app/services/complaints/intake.server.ts). */
export function formatCaseNumber(id: number): string {
  return String(id).replace(/^(\d{3})(\d{3})(\d{3})$/, "$1-$2-$3");
}
