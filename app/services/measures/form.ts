/**
 * The measure form at the boundary (zod): what a manager typed, checked against the agency's units
 * and the framework's codes before anything is written. Texts are kept exactly as typed — several
 * lines of Thai included — except that line ends are made "\n" (browsers send "\r\n") and blank space
 * around the whole text is dropped (an HTML textarea loses a leading newline anyway).
 */
import { z } from "zod";
import type { MeasureStatus } from "../../../db/schema";
import type { Localized } from "../../scoring/framework";
import type { MeasureDraft } from "./drafts";

export const MEASURE_STATUSES = ["planned", "in-progress", "done"] as const satisfies readonly MeasureStatus[];

/**
 * Limits that let the longest measure still fit the server's 128 KB body limit
 * (app/server/request-guards.server.ts): a form sends each Thai character as 9 bytes (%E0%B8%81), so
 * (300 + 10 × 1000 + 120 + 1000) characters are about 103 KB. The reference plan's longest step is
 * about 400 characters, its longest measure 7 steps.
 */
export const LIMITS = {
  title: 300,
  step: 1000,
  steps: 10,
  period: 120,
  followUp: 1000,
  note: 2000,
  targets: 80,
  units: 50,
} as const;

export const MEASURE_MESSAGES = {
  invalid: { th: "ข้อมูลมาตรการไม่ถูกต้อง กรุณาแก้ไขตามที่แจ้ง", en: "The measure has errors; correct the fields below." },
  titleRequired: { th: "กรุณากรอกมาตรการ/แนวทาง", en: "Enter the measure." },
  titleLong: { th: `มาตรการ/แนวทางยาวได้ไม่เกิน ${LIMITS.title} ตัวอักษร`, en: `The measure may have at most ${LIMITS.title} characters.` },
  stepsRequired: { th: "กรุณากรอกวิธีการดำเนินการอย่างน้อย 1 ขั้นตอน", en: "Enter at least one step." },
  stepLong: { th: `แต่ละขั้นตอนยาวได้ไม่เกิน ${LIMITS.step} ตัวอักษร`, en: `Each step may have at most ${LIMITS.step} characters.` },
  stepsMany: { th: `วิธีการดำเนินการมีได้ไม่เกิน ${LIMITS.steps} ขั้นตอน`, en: `At most ${LIMITS.steps} steps.` },
  unitsRequired: { th: "กรุณาเลือกผู้รับผิดชอบอย่างน้อย 1 ส่วนราชการ", en: "Choose at least one responsible unit." },
  unitUnknown: { th: "ส่วนราชการที่เลือกไม่ใช่ของหน่วยงานนี้หรือเลิกใช้แล้ว", en: "A chosen unit is not an active unit of this agency." },
  periodRequired: { th: "กรุณากรอกระยะเวลาดำเนินการ เช่น ตลอดปี ๖๕", en: "Enter the period, e.g. “ตลอดปี ๖๕” (all year)." },
  periodLong: { th: `ระยะเวลาดำเนินการยาวได้ไม่เกิน ${LIMITS.period} ตัวอักษร`, en: `The period may have at most ${LIMITS.period} characters.` },
  dueInvalid: { th: "วันครบกำหนดไม่ถูกต้อง (ปี ค.ศ.-เดือน-วัน จากช่องเลือกวันที่)", en: "The due date is not a valid date (YYYY-MM-DD)." },
  followUpRequired: { th: "กรุณากรอกการติดตามผล", en: "Enter the follow-up." },
  followUpLong: { th: `การติดตามผลยาวได้ไม่เกิน ${LIMITS.followUp} ตัวอักษร`, en: `The follow-up may have at most ${LIMITS.followUp} characters.` },
  statusInvalid: { th: "สถานะต้องเป็น วางแผน กำลังดำเนินการ หรือ เสร็จแล้ว", en: "The status must be planned, in progress or done." },
  targetUnknown: { th: "ตัวชี้วัดหรือข้อที่เลือกไม่มีในกรอบการประเมินของรอบนี้", en: "A chosen indicator or item is not in this round's framework." },
  targetsMany: { th: "เลือกตัวชี้วัดหรือข้อได้ไม่เกินจำนวนที่กำหนด", en: "Too many indicators or items chosen." },
  noteRequired: { th: "กรุณากรอกความคืบหน้า", en: "Enter the progress note." },
  noteLong: { th: `ความคืบหน้ายาวได้ไม่เกิน ${LIMITS.note} ตัวอักษร`, en: `A note may have at most ${LIMITS.note} characters.` },
  noteDateInvalid: { th: "วันที่ของความคืบหน้าไม่ถูกต้อง", en: "The note's date is not a valid date." },
  noteDateFuture: { th: "วันที่ของความคืบหน้าต้องไม่เป็นวันในอนาคต", en: "The note's date cannot be in the future." },
  textControl: { th: "ข้อความมีอักขระควบคุมที่ไม่อนุญาต", en: "The text contains control characters that are not allowed." },
} as const satisfies Record<string, Localized>;

export type MeasureMessageKey = keyof typeof MEASURE_MESSAGES;

/** Text as typed: "\r\n" → "\n", blank space around the whole text dropped, inner text untouched. */
export function normalizeText(value: unknown): string {
  if (typeof value !== "string") return "";
  return value.replace(/\r\n?/g, "\n").trim();
}

// Tabs and newlines are text; other C0 controls and DEL are not (they break printing and exports).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function text(required: MeasureMessageKey, tooLong: MeasureMessageKey, max: number) {
  return z
    .unknown()
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(1, required)
        .max(max, tooLong)
        .refine((v) => !CONTROL.test(v), "textControl"),
    );
}

/** A real calendar day as YYYY-MM-DD, between 2000 and 2200 (a date input sends ISO, Gregorian). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 2000 || year > 2200) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const dueOnSchema = z
  .unknown()
  .transform((v) => (typeof v === "string" ? v.trim() : ""))
  .pipe(z.string().refine((v) => v === "" || isIsoDate(v), "dueInvalid"))
  .transform((v) => (v === "" ? null : v));

const statusSchema = z.enum(MEASURE_STATUSES, { message: "statusInvalid" });

export interface MeasureInput {
  title: string;
  steps: string[];
  unitIds: number[];
  period: string;
  dueOn: string | null;
  followUp: string;
  status: MeasureStatus;
  targets: string[];
}

/** What the form shows again after a refused save: exactly what was sent, as text. */
export interface MeasureFormValues {
  title: string;
  steps: string[];
  unitIds: string[];
  period: string;
  dueOn: string;
  followUp: string;
  status: string;
  targets: string[];
}

export type MeasureFieldErrors = Partial<Record<"title" | "steps" | "units" | "period" | "dueOn" | "followUp" | "status" | "targets", Localized>>;

export type ParsedMeasure = { ok: true; input: MeasureInput } | { ok: false; errors: MeasureFieldErrors; values: MeasureFormValues };

function strings(form: FormData, name: string): string[] {
  return form.getAll(name).filter((v): v is string => typeof v === "string");
}

export function formValues(form: FormData): MeasureFormValues {
  const one = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  return {
    title: one("title"),
    steps: strings(form, "step"),
    unitIds: strings(form, "unit"),
    period: one("period"),
    dueOn: one("dueOn"),
    followUp: one("followUp"),
    status: one("status"),
    targets: strings(form, "target"),
  };
}

/**
 * Parses the measure form. `allowedUnitIds`: the agency's active units plus those the measure already
 * has (a unit retired later stays on its old measures); `allowedTargets`: the codes of the round's
 * framework (indicators, survey items, OIT items).
 */
export function parseMeasureForm(form: FormData, allowedUnitIds: ReadonlySet<number>, allowedTargets: ReadonlySet<string>): ParsedMeasure {
  const values = formValues(form);
  const errors: MeasureFieldErrors = {};
  const message = (key: string): Localized => MEASURE_MESSAGES[key as MeasureMessageKey] ?? MEASURE_MESSAGES.invalid;
  const field = <T>(name: keyof MeasureFieldErrors, result: z.ZodSafeParseResult<T>): T | undefined => {
    if (result.success) return result.data;
    errors[name] ??= message(result.error.issues[0]?.message ?? "invalid");
    return undefined;
  };

  const title = field("title", text("titleRequired", "titleLong", LIMITS.title).safeParse(values.title));

  // Empty step boxes are left out (a person adds a box and leaves it blank); the order is kept.
  const stepTexts = values.steps.map(normalizeText).filter((s) => s !== "");
  let steps: string[] | undefined;
  if (stepTexts.length === 0) errors.steps = MEASURE_MESSAGES.stepsRequired;
  else if (stepTexts.length > LIMITS.steps) errors.steps = MEASURE_MESSAGES.stepsMany;
  else if (stepTexts.some((s) => s.length > LIMITS.step)) errors.steps = MEASURE_MESSAGES.stepLong;
  else if (stepTexts.some((s) => CONTROL.test(s))) errors.steps = MEASURE_MESSAGES.textControl;
  else steps = stepTexts;

  const unitIds = [...new Set(values.unitIds.map((v) => v.trim()))];
  let units: number[] | undefined;
  if (unitIds.length === 0) errors.units = MEASURE_MESSAGES.unitsRequired;
  else if (unitIds.length > LIMITS.units || unitIds.some((v) => !/^\d{1,9}$/.test(v) || !allowedUnitIds.has(Number(v)))) errors.units = MEASURE_MESSAGES.unitUnknown;
  else units = unitIds.map(Number);

  const period = field("period", text("periodRequired", "periodLong", LIMITS.period).safeParse(values.period));
  const dueOn = field("dueOn", dueOnSchema.safeParse(values.dueOn));
  const followUp = field("followUp", text("followUpRequired", "followUpLong", LIMITS.followUp).safeParse(values.followUp));
  const status = field("status", statusSchema.safeParse(values.status));

  const targetCodes = [...new Set(values.targets.map((v) => v.trim()))];
  let targets: string[] | undefined;
  if (targetCodes.length > LIMITS.targets) errors.targets = MEASURE_MESSAGES.targetsMany;
  else if (targetCodes.some((c) => !allowedTargets.has(c))) errors.targets = MEASURE_MESSAGES.targetUnknown;
  else targets = targetCodes;

  if (
    Object.keys(errors).length > 0 ||
    title === undefined ||
    steps === undefined ||
    units === undefined ||
    period === undefined ||
    dueOn === undefined ||
    followUp === undefined ||
    status === undefined ||
    targets === undefined
  ) {
    return { ok: false, errors, values };
  }
  return { ok: true, input: { title, steps, unitIds: units, period, dueOn, followUp, status, targets } };
}

export type ParsedNote = { ok: true; notedOn: string; text: string } | { ok: false; errors: { notedOn?: Localized; text?: Localized }; values: { notedOn: string; text: string } };

/** A progress note: a day (not after `today`, Bangkok) and a text. */
export function parseNoteForm(form: FormData, today: string): ParsedNote {
  const notedOn = typeof form.get("notedOn") === "string" ? (form.get("notedOn") as string).trim() : "";
  const raw = typeof form.get("text") === "string" ? (form.get("text") as string) : "";
  const errors: { notedOn?: Localized; text?: Localized } = {};
  if (!isIsoDate(notedOn)) errors.notedOn = MEASURE_MESSAGES.noteDateInvalid;
  else if (notedOn > today) errors.notedOn = MEASURE_MESSAGES.noteDateFuture;
  const body = text("noteRequired", "noteLong", LIMITS.note).safeParse(raw);
  if (!body.success) errors.text = MEASURE_MESSAGES[(body.error.issues[0]?.message ?? "noteRequired") as MeasureMessageKey] ?? MEASURE_MESSAGES.noteRequired;
  if (errors.notedOn || errors.text || !body.success) return { ok: false, errors, values: { notedOn, text: raw } };
  return { ok: true, notedOn, text: body.data };
}

// --- what the form starts with

/** A blank measure. */
export function emptyFormValues(): MeasureFormValues {
  return { title: "", steps: [""], unitIds: [], period: "", dueOn: "", followUp: "", status: "planned", targets: [] };
}

/** A proposal's draft, to edit before accepting it. */
export function draftFormValues(draft: MeasureDraft): MeasureFormValues {
  return {
    title: draft.title,
    steps: draft.steps,
    unitIds: draft.unitIds.map(String),
    period: draft.period,
    dueOn: "",
    followUp: draft.followUp,
    status: "planned",
    targets: draft.targets,
  };
}
