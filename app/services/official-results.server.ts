/**
 * Past official ITA results (issue 4, item 3): the ten indicator scores the NACC published for a fiscal
 * year, entered by a manager, with the instrument scores, total and level recomputed by the scoring
 * engine (scorePublishedIndicators), so the page shows the same 77.99 → B as the reference document.
 * Everything is scoped by the user's agency; every change is written to the audit log in the same
 * transaction.
 */
import { z } from "zod";
import type { Db } from "../../db/client.server";
import {
  deleteOfficialResult,
  getOfficialResult,
  listOfficialResults,
  type OfficialResultRow,
  upsertOfficialResult,
} from "../../db/queries/official-results";
import { bangkokDate, fiscalYearOf } from "../text/dates";
import { formatScore } from "../text/format";
import { defaultFrameworkId, getFramework, listFrameworkIds } from "../lib/frameworks.server";
import { hasRole } from "../auth/roles";
import type { SessionUser } from "../auth/session.server";
import { scorePublishedIndicators } from "../scoring";
import type { InstrumentCode, Level, Localized } from "../scoring/framework";
import { recordAudit } from "./audit.server";
import { scoreFieldName } from "./official-result-fields";

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

export { scoreFieldName };

// --- reading: one year's result as the page and the trends show it

export interface OfficialIndicatorView {
  code: string;
  instrument: InstrumentCode;
  title: Localized;
  score: number;
  level: Level;
}

export interface OfficialResultView {
  fiscalYear: number;
  frameworkId: string;
  frameworkTitle: Localized;
  indicators: OfficialIndicatorView[];
  instruments: { code: InstrumentCode; abbreviation: string; score: number | null }[];
  /** 0–100 at full precision (display with formatScore). */
  total: number;
  level: Level;
  pass: boolean;
  updatedAt: string;
}

/** Recomputes a stored result with the scoring engine (instrument scores, total, level). */
export function describeOfficialResult(row: Pick<OfficialResultRow, "fiscalYear" | "frameworkId" | "indicatorScores" | "updatedAt">): OfficialResultView {
  const framework = getFramework(row.frameworkId);
  const scored = scorePublishedIndicators(framework, JSON.parse(row.indicatorScores) as Record<string, unknown>);
  const title = new Map(framework.indicators.map((i) => [i.code, i.title]));
  return {
    fiscalYear: row.fiscalYear,
    frameworkId: framework.id,
    frameworkTitle: framework.title,
    indicators: scored.indicators.map((indicator) => ({
      code: indicator.code,
      instrument: indicator.instrument,
      title: title.get(indicator.code)!,
      score: indicator.score,
      level: indicator.level,
    })),
    instruments: framework.instruments.map((instrument) => ({
      code: instrument.code,
      abbreviation: instrument.abbreviation,
      score: scored.instruments.find((i) => i.code === instrument.code)?.score ?? null,
    })),
    total: scored.headline.score,
    level: scored.headline.level,
    pass: scored.headline.pass,
    updatedAt: row.updatedAt,
  };
}

/** The agency's official results, oldest year first. */
export async function listOrganizationOfficialResults(db: Db, organizationId: number): Promise<OfficialResultView[]> {
  return (await listOfficialResults(db, organizationId)).map(describeOfficialResult);
}

export interface FrameworkChoice {
  id: string;
  title: Localized;
  instruments: { code: InstrumentCode; abbreviation: string; title: Localized }[];
  indicators: { code: string; instrument: InstrumentCode; instrumentAbbreviation: string; title: Localized }[];
}

function frameworkChoices(): FrameworkChoice[] {
  return listFrameworkIds().map((id) => {
    const framework = getFramework(id);
    const abbreviation = new Map(framework.instruments.map((i) => [i.code, i.abbreviation]));
    return {
      id,
      title: framework.title,
      instruments: framework.instruments.map((i) => ({ code: i.code, abbreviation: i.abbreviation, title: i.title })),
      indicators: framework.indicators.map((i) => ({
        code: i.code,
        instrument: i.instrument,
        instrumentAbbreviation: abbreviation.get(i.instrument) ?? i.instrument.toUpperCase(),
        title: i.title,
      })),
    };
  });
}

/** What the form starts with: an existing year's scores to edit, or empty fields. */
export interface OfficialFormValues {
  fiscalYear: string;
  frameworkId: string;
  scores: Record<string, string>;
}

/**
 * Everything /admin/official-results shows: the agency's results, the form's framework choices and
 * starting values (`editYear` = a year to edit), and whether the user may change anything.
 */
export async function getOfficialResultsPage(db: Db, user: SessionUser, editYear: string | null, now: Date) {
  const results = await listOrganizationOfficialResults(db, user.organizationId);
  const editing = results.find((r) => String(r.fiscalYear) === editYear);
  const form: OfficialFormValues = editing
    ? {
        fiscalYear: String(editing.fiscalYear),
        frameworkId: editing.frameworkId,
        scores: Object.fromEntries(editing.indicators.map((i) => [i.code, formatScore(i.score)])),
      }
    : { fiscalYear: "", frameworkId: defaultFrameworkId, scores: {} };
  return {
    canEdit: hasRole(user.role, "manager"),
    results: [...results].reverse(), // newest first on the page
    frameworks: frameworkChoices(),
    form,
    editing: editing ? editing.fiscalYear : null,
    yearRange: { min: FIRST_FISCAL_YEAR, max: lastFiscalYear(now) },
  };
}

// --- validation (zod at the boundary; messages in Thai first)

const MESSAGES = {
  yearRequired: { th: "กรุณากรอกปีงบประมาณ (พ.ศ.)", en: "Enter the fiscal year (B.E.)." },
  yearNotNumber: { th: "ปีงบประมาณต้องเป็นตัวเลข 4 หลัก เช่น 2565", en: "The fiscal year must be a 4-digit number such as 2565." },
  scoreRequired: { th: "กรุณากรอกคะแนน", en: "Enter the score." },
  scoreNotNumber: { th: "คะแนนต้องเป็นตัวเลข เช่น 91.70", en: "The score must be a number such as 91.70." },
  scoreDecimals: { th: "คะแนนมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง", en: "The score may have at most 2 decimals." },
  scoreRange: { th: "คะแนนต้องอยู่ระหว่าง 0 ถึง 100", en: "The score must be between 0 and 100." },
  frameworkUnknown: { th: "ไม่รู้จักกรอบการประเมินที่เลือก", en: "Unknown assessment framework." },
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

function yearSchema(max: number) {
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
  const values: OfficialFormValues = { fiscalYear: raw("fiscalYear"), frameworkId: raw("frameworkId"), scores: {} };

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

  if (Object.keys(errors).length > 0 || !year.success || !frameworkId.success) return { ok: false, errors, values };
  return { ok: true, value: { fiscalYear: year.data, frameworkId: frameworkId.data, scores } };
}

// --- changes

export type OfficialActionResult =
  | { ok: true; intent: "save" | "delete"; fiscalYear: number; created?: boolean }
  | { ok: false; status: 400 | 404; message: Localized; errors: FieldErrors; values: OfficialFormValues | null };

const INVALID: Localized = {
  th: "ข้อมูลไม่ถูกต้อง กรุณาแก้ไขช่องที่มีข้อความสีแดง ยังไม่ได้บันทึกข้อมูล",
  en: "Some values are not valid; please correct the fields marked in red. Nothing was saved.",
};

/** Saves one year's scores (a new year, or an update of an existing one) with its audit entry. */
export async function saveOfficialResult(db: Db, user: SessionUser, form: FormData, now: Date): Promise<OfficialActionResult> {
  const checked = checkOfficialResultForm(form, now);
  if (!checked.ok) return { ok: false, status: 400, message: INVALID, errors: checked.errors, values: checked.values };
  const { fiscalYear, frameworkId, scores } = checked.value;
  const created = await db.transaction().execute(async (trx) => {
    const previous = await getOfficialResult(trx, user.organizationId, fiscalYear);
    await upsertOfficialResult(trx, {
      organizationId: user.organizationId,
      fiscalYear,
      frameworkId,
      indicatorScores: JSON.stringify(scores),
      now: now.toISOString(),
    });
    await recordAudit(
      trx,
      { organizationId: user.organizationId, userId: user.userId },
      "official-result.save",
      `official-result:${fiscalYear}`,
      {
        fiscalYear,
        frameworkId,
        indicatorScores: scores,
        created: !previous,
        ...(previous ? { previous: { frameworkId: previous.frameworkId, indicatorScores: JSON.parse(previous.indicatorScores) as unknown } } : {}),
      },
      now,
    );
    return !previous;
  });
  return { ok: true, intent: "save", fiscalYear, created };
}

export async function removeOfficialResult(db: Db, user: SessionUser, form: FormData, now: Date): Promise<OfficialActionResult> {
  const year = yearSchema(9999).safeParse(form.get("fiscalYear"));
  const notFound: OfficialActionResult = {
    ok: false,
    status: 404,
    message: { th: "ไม่พบผลการประเมินของปีที่เลือก", en: "There is no result for that year." },
    errors: {},
    values: null,
  };
  if (!year.success) return notFound;
  const deleted = await db.transaction().execute(async (trx) => {
    const previous = await getOfficialResult(trx, user.organizationId, year.data);
    if (!previous || !(await deleteOfficialResult(trx, user.organizationId, year.data))) return false;
    await recordAudit(
      trx,
      { organizationId: user.organizationId, userId: user.userId },
      "official-result.delete",
      `official-result:${year.data}`,
      { fiscalYear: year.data, frameworkId: previous.frameworkId, indicatorScores: JSON.parse(previous.indicatorScores) as unknown },
      now,
    );
    return true;
  });
  return deleted ? { ok: true, intent: "delete", fiscalYear: year.data } : notFound;
}

/**
 * The page's form posts, dispatched on their named intent ("save" or "delete"). The caller has
 * checked the role (manager) and the anti-forgery token.
 */
export async function applyOfficialResultForm(db: Db, user: SessionUser, form: FormData, now: Date): Promise<OfficialActionResult> {
  const intent = form.get("intent");
  if (intent === "save") return saveOfficialResult(db, user, form, now);
  if (intent === "delete") return removeOfficialResult(db, user, form, now);
  return {
    ok: false,
    status: 400,
    message: { th: "ไม่รู้จักคำสั่งของแบบฟอร์มนี้", en: "Unknown form action." },
    errors: {},
    values: null,
  };
}
