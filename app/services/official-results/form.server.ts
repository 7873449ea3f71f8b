/**
 * The official-result form, as posted to /admin/official-results: a framework, a Buddhist Era fiscal
 * year, every indicator's published score and, optionally, the rating as published (ผ่านดี, B), checked with zod at the boundary, messages in Thai first.
 * Server-only: the frameworks come from the framework registry (app/lib/frameworks.server.ts).
 */
import { z } from "zod";
import { defaultFrameworkId, getFramework, listFrameworkIds } from "../../lib/frameworks.server";
import type { Localized } from "../../scoring/framework";
import { bangkokDate, fiscalYearOf } from "../../text/dates";
import { scoreFieldName } from "./fields";

/**
 * The earliest fiscal year accepted. The NACC's ITA began in the 2550s B.E. (the 2010s); a smaller
 * number is a typing mistake or a Christian Era year (1999, 2022), which the message points out.
 */
export const FIRST_FISCAL_YEAR = 2550;

/** The latest fiscal year accepted: the current one (its result is published in August). */
export function lastFiscalYear(now: Date): number {
  return fiscalYearOf(bangkokDate(now));
}

export type FieldErrors = Record<string, Localized>;

/** What the form starts with: an existing year's scores to edit, or empty fields. */
export interface OfficialFormValues {
  fiscalYear: string;
  frameworkId: string;
  scores: Record<string, string>;
  /** The published rating's option value ("ita-2569:good"), or "" for none entered. */
  publishedRating: string;
}

/**
 * The option value of a published rating: its framework and its row code, so that one list can offer
 * every framework's ratings and the check can tell a rating of another framework than the one chosen.
 */
export function publishedRatingValue(frameworkId: string, code: string): string {
  return `${frameworkId}:${code}`;
}

const MESSAGES = {
  yearRequired: { th: "กรุณากรอกปีงบประมาณ (พ.ศ.)", en: "Enter the fiscal year (B.E.)." },
  yearNotNumber: { th: "ปีงบประมาณต้องเป็นตัวเลข 4 หลัก เช่น 2565", en: "The fiscal year must be a 4-digit number such as 2565." },
  scoreRequired: { th: "กรุณากรอกคะแนน", en: "Enter the score." },
  scoreNotNumber: { th: "คะแนนต้องเป็นตัวเลข เช่น 91.70", en: "The score must be a number such as 91.70." },
  scoreDecimals: { th: "คะแนนมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง", en: "The score may have at most 2 decimals." },
  scoreRange: { th: "คะแนนต้องอยู่ระหว่าง 0 ถึง 100", en: "The score must be between 0 and 100." },
  frameworkUnknown: { th: "ไม่รู้จักกรอบการประเมินที่เลือก", en: "Unknown assessment framework." },
  ratingOtherFramework: {
    th: "ผลการประเมินที่เลือกไม่ใช่ของกรอบการประเมินนี้ กรุณาเลือกผลการประเมินของกรอบที่เลือก หรือเว้นว่างไว้",
    en: "The rating chosen is not one of this framework's; choose one of the selected framework's ratings, or leave it empty.",
  },
} as const satisfies Record<string, Localized>;

type MessageKey = keyof typeof MESSAGES;

/** Thai digits (๐–๙) as people may type them, turned into 0–9 before parsing. */
function arabicDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
}

const textField = z
  .unknown()
  .transform((v) => (typeof v === "string" ? arabicDigits(v).trim() : ""));

/** A published indicator score: 0–100, at most 2 decimals (the NACC publishes two). */
const scoreSchema = textField.pipe(
  z
    .string()
    .min(1, "scoreRequired" satisfies MessageKey)
    .regex(/^-?(\d+(\.\d*)?|\.\d+)$/, "scoreNotNumber" satisfies MessageKey)
    .regex(/^-?\d*(\.\d{0,2})?$/, "scoreDecimals" satisfies MessageKey)
    .transform(Number)
    .pipe(z.number().min(0, "scoreRange" satisfies MessageKey).max(100, "scoreRange" satisfies MessageKey)),
);

export function yearSchema(max: number) {
  return textField.pipe(
    z
      .string()
      .min(1, "yearRequired" satisfies MessageKey)
      .regex(/^\d{4}$/, "yearNotNumber" satisfies MessageKey)
      .transform(Number)
      .pipe(z.number().int().min(FIRST_FISCAL_YEAR, "yearRange").max(max, "yearRange")),
  );
}

function yearRangeMessage(given: string, max: number): Localized {
  const range = { th: `ปีงบประมาณต้องเป็นปีพุทธศักราช (พ.ศ.) ระหว่าง ${FIRST_FISCAL_YEAR} ถึง ${max}`, en: `The fiscal year must be a Buddhist Era year from ${FIRST_FISCAL_YEAR} to ${max}.` };
  const year = Number(given);
  // 1999 or 2022 typed as a Christian Era year: say which B.E. year it is.
  if (year >= 1900 && year < FIRST_FISCAL_YEAR) {
    return { th: `${range.th} (ค.ศ. ${year} คือ พ.ศ. ${year + 543})`, en: `${range.en} (${year} C.E. is ${year + 543} B.E.)` };
  }
  return range;
}

function message(key: string, given: string, maxYear: number): Localized {
  if (key === "yearRange") return yearRangeMessage(given, maxYear);
  return MESSAGES[key as MessageKey] ?? { th: "ข้อมูลไม่ถูกต้อง", en: "Invalid value." };
}

export interface ParsedOfficialResult {
  fiscalYear: number;
  frameworkId: string;
  /** indicator code → score, every indicator of the framework. */
  scores: Record<string, number>;
  /** The rating as published, a row code of the framework's rule; null when not entered. */
  publishedRating: string | null;
}

export type OfficialFormCheck =
  | { ok: true; value: ParsedOfficialResult }
  | { ok: false; errors: FieldErrors; values: OfficialFormValues };

/**
 * Checks the form: a known framework, a B.E. fiscal year in [FIRST_FISCAL_YEAR, the current fiscal
 * year], and every indicator of the framework with a 0–100 score of at most 2 decimals. Field errors
 * are keyed by the form's field names (fiscalYear, frameworkId, score_1 … score_10).
 */
export function checkOfficialResultForm(form: FormData, now: Date): OfficialFormCheck {
  const maxYear = lastFiscalYear(now);
  const raw = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const errors: FieldErrors = {};
  const values: OfficialFormValues = { fiscalYear: raw("fiscalYear"), frameworkId: raw("frameworkId"), scores: {}, publishedRating: raw("publishedRating") };

  const year = yearSchema(maxYear).safeParse(form.get("fiscalYear"));
  if (!year.success) errors.fiscalYear = message(year.error.issues[0]!.message, arabicDigits(raw("fiscalYear")).trim(), maxYear);

  const frameworkId = z.enum(listFrameworkIds() as [string, ...string[]]).safeParse(form.get("frameworkId"));
  if (!frameworkId.success) errors.frameworkId = MESSAGES.frameworkUnknown;

  const scores: Record<string, number> = {};
  const framework = getFramework(frameworkId.success ? frameworkId.data : defaultFrameworkId);
  for (const indicator of framework.indicators) {
    const name = scoreFieldName(indicator.code);
    values.scores[indicator.code] = raw(name);
    const score = scoreSchema.safeParse(form.get(name));
    if (score.success) scores[indicator.code] = score.data;
    else errors[name] = message(score.error.issues[0]!.message, raw(name), maxYear);
  }

  // The published rating: empty (not entered), or one of the chosen framework's rows.
  let publishedRating: string | null = null;
  if (values.publishedRating !== "") {
    const row = framework.rating.rows.find((r) => publishedRatingValue(framework.id, r.code) === values.publishedRating);
    if (row && frameworkId.success) publishedRating = row.code;
    else errors.publishedRating = MESSAGES.ratingOtherFramework;
  }

  if (Object.keys(errors).length > 0 || !year.success || !frameworkId.success) return { ok: false, errors, values };
  return { ok: true, value: { fiscalYear: year.data, frameworkId: frameworkId.data, scores, publishedRating } };
}
