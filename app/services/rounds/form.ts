/**
 * The round forms at the boundary: what an admin typed (or the CLI was given), as raw strings, checked
 * and given their defaults before anything is read from or written to the database. The rules that need
 * the database (overlap, one open round, the agency's counters) are in commands.server.ts.
 */
import type { Localized } from "../../scoring/framework";

/** Head-count of eligible staff: at least one person, at most any Thai agency's staff. */
export const HEAD_COUNT_MAX = 100_000;
/** Fiscal years (B.E.) a round may measure: the ITA began in 2556; nothing plausible lies past 2650. */
export const FISCAL_YEAR_MIN = 2556;
export const FISCAL_YEAR_MAX = 2650;

export const ROUND_MESSAGES = {
  invalid: { th: "ข้อมูลรอบการประเมินไม่ถูกต้อง กรุณาแก้ไขตามที่แจ้ง", en: "The round has errors; correct the fields below." },
  fiscalYear: {
    th: `ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง ${FISCAL_YEAR_MIN} ถึง ${FISCAL_YEAR_MAX}`,
    en: `The fiscal year must be a Buddhist Era year from ${FISCAL_YEAR_MIN} to ${FISCAL_YEAR_MAX}.`,
  },
  framework: { th: "ไม่รู้จักกรอบการประเมินที่เลือก", en: "Unknown assessment framework." },
  startsOn: { th: "วันเริ่มเก็บข้อมูลไม่ถูกต้อง (ปี ค.ศ.-เดือน-วัน)", en: "The first day is not a valid date (YYYY-MM-DD)." },
  endsOn: { th: "วันสิ้นสุดการเก็บข้อมูลไม่ถูกต้อง (ปี ค.ศ.-เดือน-วัน)", en: "The last day is not a valid date (YYYY-MM-DD)." },
  endBeforeStart: { th: "วันสิ้นสุดต้องไม่อยู่ก่อนวันเริ่ม", en: "The last day cannot be before the first day." },
  headCount: {
    th: `จำนวนบุคลากรต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง ${HEAD_COUNT_MAX.toLocaleString("en-US")} คน`,
    en: `The staff head-count must be a whole number from 1 to ${HEAD_COUNT_MAX.toLocaleString("en-US")}.`,
  },
  headCountRequired: {
    th: "กรุณากรอกจำนวนบุคลากรที่ตอบแบบ IIT ได้ (รอบแรกของหน่วยงานไม่มีค่าจากรอบก่อน)",
    en: "Enter the staff head-count (the agency's first round has no earlier one to take it from).",
  },
  accessMode: { th: "วิธีเข้าตอบแบบ IIT ต้องเป็น ลิงก์เปิด หรือ รหัสสำหรับบุคลากร", en: "The IIT access must be an open link or access codes." },
  counters: { th: "จุดให้บริการที่เลือกไม่ใช่ของหน่วยงานนี้หรือไม่ได้เปิดใช้งาน", en: "A chosen counter is not an active counter of this agency." },
  overlap: {
    th: "ช่วงเวลานี้ซ้อนกับรอบ {title} ({startsOn} – {endsOn}) ของหน่วยงาน",
    en: "This period overlaps the agency's round {title} ({startsOn} – {endsOn}).",
  },
  anotherOpen: {
    th: "หน่วยงานมีรอบที่เปิดรับคำตอบอยู่แล้ว ({title}) กรุณาปิดรอบนั้นก่อน",
    en: "The agency already has an open round ({title}); close it first.",
  },
  forbidden: { th: "เฉพาะผู้ดูแลระบบของหน่วยงานเท่านั้นที่จัดการรอบการประเมินได้", en: "Only the agency's administrators manage rounds." },
  unknownIntent: { th: "ไม่รู้จักคำสั่งของแบบฟอร์มนี้", en: "Unknown form action." },
  alreadyOpen: { th: "รอบนี้เปิดรับคำตอบอยู่แล้ว", en: "This round is already open." },
  alreadyClosed: { th: "รอบนี้ปิดแล้ว", en: "This round is already closed." },
} as const satisfies Record<string, Localized>;

export type RoundField = "fiscalYear" | "frameworkId" | "startsOn" | "endsOn" | "staffHeadCount" | "accessMode" | "counterIds";
export type RoundFieldErrors = Partial<Record<RoundField, Localized>>;

/** What the create form or the CLI gives; anything left out takes its default. */
export interface RawRoundInput {
  fiscalYear?: string;
  frameworkId?: string;
  startsOn?: string;
  endsOn?: string;
  staffHeadCount?: string;
  accessMode?: string;
  /** Counter ids taking part; undefined: the previous round's (when starting from it), else every active counter. */
  counterIds?: string[];
  fromPrevious?: boolean;
}

/** A YYYY-MM-DD that is a real calendar day. */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A whole number written in ASCII digits (Thai digits are turned into them first), else NaN. */
export function parseWholeNumber(value: string | undefined): number {
  const text = (value ?? "").trim().replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50)).replace(/,/g, "");
  return /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
}

export function checkHeadCount(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= HEAD_COUNT_MAX;
}

/** Reads the create form's fields (several "counterId" checkboxes; "countersGiven" says the list was shown). */
export function readRoundForm(form: FormData): RawRoundInput {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  return {
    fiscalYear: text("fiscalYear"),
    frameworkId: text("frameworkId"),
    startsOn: text("startsOn"),
    endsOn: text("endsOn"),
    staffHeadCount: text("staffHeadCount"),
    accessMode: text("accessMode"),
    counterIds: form.get("countersGiven") === "1" ? form.getAll("counterId").filter((v): v is string => typeof v === "string") : undefined,
    fromPrevious: form.get("fromPrevious") === "1",
  };
}
