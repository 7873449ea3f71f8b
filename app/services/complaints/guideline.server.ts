/**
 * The agency's complaint-handling guideline (แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ;
 * ITA-METHOD §3 o29, §6 O16; the reference document's measure ๓: "the channel, the steps, the responsible
 * unit and the time limits"). The agency's admin writes it once on /admin/complaints/guideline: its steps,
 * the units responsible and its two time limits (acknowledge, decide: 15 and 60 days by default). The
 * public guideline page shows it and prints as a document; each new complaint takes its due dates from it.
 * Until the agency saves its own, a default is shown, with the default limits.
 */
import type { Db } from "../../../db/client.server";
import { listOrganizationUnits } from "../../../db/queries/counters";
import { getComplaintGuidelineRow, listComplaintGuidelineUnits, saveComplaintGuideline as saveGuidelineRows } from "../../../db/queries/complaints";
import type { SessionUser } from "../../auth/session.server";
import { HttpError } from "../../lib/http";
import { recordAudit } from "../audit.server";
import { cleanText, characterCount } from "./intake-form.server";
import { GUIDELINE_DAYS, GUIDELINE_LIMITS } from "./kinds";

type Localized = { th: string; en: string };

/**
 * The default steps. They name no number of days: the time limits are the guideline's own fields (shown
 * under the steps), so that changing them never leaves a step saying another number.
 */
const DEFAULT_STEPS: readonly Localized[] = [
  {
    th: "รับเรื่องร้องเรียนทางแบบฟอร์มออนไลน์ของหน่วยงาน หรือช่องทางอื่นที่ประกาศไว้ ผู้ร้องเรียนได้รับรหัสติดตามเรื่องทันที",
    en: "The complaint is received through the agency's online form or another channel it has published; the complainant gets a tracking code at once.",
  },
  {
    th: "ผู้รับผิดชอบตรวจสอบข้อเท็จจริงเบื้องต้น และรับเรื่องไว้พิจารณาภายในระยะเวลาที่กำหนด",
    en: "The officer in charge checks the facts at first sight and takes the complaint up within the time limit.",
  },
  { th: "มอบหมายส่วนงานที่รับผิดชอบตรวจสอบหรือสอบสวนข้อเท็จจริง", en: "The responsible unit is assigned to examine or investigate the facts." },
  {
    th: "พิจารณาและแจ้งผลให้ผู้ร้องเรียนทราบทางหน้าติดตามเรื่องภายในระยะเวลาที่กำหนด",
    en: "The complaint is decided and the complainant told on the tracking page within the time limit.",
  },
  { th: "รายงานผลต่อผู้บริหาร และเผยแพร่สถิติเรื่องร้องเรียนประจำปีงบประมาณ", en: "The result is reported to the management, and the fiscal year's complaint statistics are published." },
];

export interface ComplaintGuideline {
  /** False while the agency has not saved its own (the default steps and limits are shown). */
  custom: boolean;
  steps: Localized[];
  acknowledgeDays: number;
  decideDays: number;
  channels: string;
  units: { id: number; nameTh: string; nameEn: string }[];
  updatedAt: string | null;
  updatedBy: string | null;
}

function parseSteps(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export async function getComplaintGuideline(db: Db, organizationId: number): Promise<ComplaintGuideline> {
  const row = await getComplaintGuidelineRow(db, organizationId);
  if (!row) {
    const ack = GUIDELINE_DAYS.acknowledgeDefault;
    const decide = GUIDELINE_DAYS.decideDefault;
    return { custom: false, steps: [...DEFAULT_STEPS], acknowledgeDays: ack, decideDays: decide, channels: "", units: [], updatedAt: null, updatedBy: null };
  }
  return {
    custom: true,
    // The agency's own words, in the language it wrote them: the same text under either switch.
    steps: parseSteps(row.steps).map((s) => ({ th: s, en: s })),
    acknowledgeDays: row.acknowledgeDays,
    decideDays: row.decideDays,
    channels: row.channels,
    units: await listComplaintGuidelineUnits(db, organizationId),
    updatedAt: row.updatedAt,
    updatedBy: row.updatedByName || row.updatedByUsername || null,
  };
}

/** The time limits a new complaint's due dates come from. */
export async function getGuidelineDays(db: Db, organizationId: number): Promise<{ acknowledgeDays: number; decideDays: number }> {
  const row = await getComplaintGuidelineRow(db, organizationId);
  return row
    ? { acknowledgeDays: row.acknowledgeDays, decideDays: row.decideDays }
    : { acknowledgeDays: GUIDELINE_DAYS.acknowledgeDefault, decideDays: GUIDELINE_DAYS.decideDefault };
}

/** The steps as the edit form's text area starts: the saved ones, or the default in Thai. */
export function stepsForEditing(guideline: ComplaintGuideline): string {
  return guideline.steps.map((s) => s.th).join("\n");
}

const M = {
  steps: { th: "กรุณาเขียนขั้นตอนอย่างน้อย 1 ขั้นตอน บรรทัดละ 1 ขั้นตอน", en: "Write at least one step, one per line." },
  tooManySteps: { th: `เขียนได้ไม่เกิน ${GUIDELINE_LIMITS.steps} ขั้นตอน`, en: `At most ${GUIDELINE_LIMITS.steps} steps.` },
  stepLong: { th: `แต่ละขั้นตอนยาวได้ไม่เกิน ${GUIDELINE_LIMITS.stepMax} ตัวอักษร`, en: `Each step may be at most ${GUIDELINE_LIMITS.stepMax} characters.` },
  days: { th: `จำนวนวันต้องเป็นจำนวนเต็มตั้งแต่ ${GUIDELINE_DAYS.fewest} ถึง ${GUIDELINE_DAYS.most}`, en: `Days must be a whole number from ${GUIDELINE_DAYS.fewest} to ${GUIDELINE_DAYS.most}.` },
  decideBefore: { th: "ระยะเวลาพิจารณาต้องไม่น้อยกว่าระยะเวลารับเรื่อง", en: "The time to decide cannot be shorter than the time to acknowledge." },
  unit: { th: "ไม่พบส่วนราชการที่เลือก", en: "No such unit." },
  channelsLong: { th: `ช่องทางอื่นยาวได้ไม่เกิน ${GUIDELINE_LIMITS.channelsMax} ตัวอักษร`, en: `At most ${GUIDELINE_LIMITS.channelsMax} characters.` },
} as const;

function days(value: FormDataEntryValue | null): number | null {
  if (typeof value !== "string" || !/^\s*\d{1,4}\s*$/.test(value)) return null;
  const n = Number(value);
  return n >= GUIDELINE_DAYS.fewest && n <= GUIDELINE_DAYS.most ? n : null;
}

/** Saves the admin's guideline (the route checks the role); a 400 naming every wrong field, nothing written. */
export async function saveComplaintGuideline(db: Db, admin: SessionUser, form: FormData, now: Date): Promise<void> {
  const errors: Record<string, Localized> = {};
  const stepsText = form.get("steps");
  // One step a line; a number typed in front of it ("1.", "๑)") is the page's to write, not part of the step.
  const steps = (typeof stepsText === "string" ? cleanText(stepsText) : "")
    .split("\n")
    .map((line) => line.replace(/^\s*[0-9๐-๙]{1,2}\s*[.)]\s*/, "").trim())
    .filter((line) => line !== "");
  if (steps.length === 0) errors.steps = M.steps;
  else if (steps.length > GUIDELINE_LIMITS.steps) errors.steps = M.tooManySteps;
  else if (steps.some((s) => characterCount(s) > GUIDELINE_LIMITS.stepMax)) errors.steps = M.stepLong;
  const acknowledgeDays = days(form.get("acknowledgeDays"));
  const decideDays = days(form.get("decideDays"));
  if (acknowledgeDays === null) errors.acknowledgeDays = M.days;
  if (decideDays === null) errors.decideDays = M.days;
  if (acknowledgeDays !== null && decideDays !== null && decideDays < acknowledgeDays) errors.decideDays = M.decideBefore;
  const channelsText = form.get("channels");
  const channels = typeof channelsText === "string" ? cleanText(channelsText) : "";
  if (characterCount(channels) > GUIDELINE_LIMITS.channelsMax) errors.channels = M.channelsLong;
  const units = await listOrganizationUnits(db, admin.organizationId);
  const unitIds: number[] = [];
  for (const value of form.getAll("unit")) {
    const unit = units.find((u) => String(u.id) === value);
    if (!unit) errors.unit = M.unit;
    else if (!unitIds.includes(unit.id)) unitIds.push(unit.id);
  }
  if (Object.keys(errors).length > 0) {
    throw new HttpError(400, "ข้อมูลบางช่องยังไม่ถูกต้อง ยังไม่ได้บันทึก", "Some fields are not valid; nothing was saved.", errors);
  }
  await db.transaction().execute(async (trx) => {
    const before = await getComplaintGuideline(trx, admin.organizationId);
    await saveGuidelineRows(trx, admin.organizationId, {
      steps: JSON.stringify(steps),
      acknowledge_days: acknowledgeDays!,
      decide_days: decideDays!,
      channels,
      updated_by: admin.userId,
      updated_at: now.toISOString(),
      unitIds,
    });
    await recordAudit(
      trx,
      { organizationId: admin.organizationId, userId: admin.userId },
      "complaint.guideline",
      `organization:${admin.organizationId}`,
      {
        from: { acknowledgeDays: before.acknowledgeDays, decideDays: before.decideDays, steps: before.custom ? before.steps.length : "default", units: before.units.map((u) => u.id) },
        to: { acknowledgeDays, decideDays, steps: steps.length, units: unitIds },
      },
      now,
    );
  });
}
