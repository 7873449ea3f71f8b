/**
 * The OIT checklist of a round (issue 5, part 1): for each of the framework's checklist items
 * (surveys/<framework>/oit.json, 43 in ITA 2565) a status (pass / fail / unchecked), the evidence URLs on
 * the agency's website, a note, and who changed it when; indicators 9 and 10 and the OIT score are
 * computed by app/scoring (sub-indicator = mean of its items, indicator = mean of its sub-indicators,
 * ITA-METHOD §1). A round can start from the previous round's checklist. Every change is audited in the
 * same transaction as the change; everything is scoped by the user's agency (another agency's round is
 * a 404, like no round at all).
 */
import { z } from "zod";
import type { Db } from "../../db/client.server";
import {
  countRoundOitItems,
  getPreviousOrganizationRound,
  insertRoundOitItems,
  listRoundOitItems,
  listRoundOitStatuses,
  type OitItemRow,
  upsertRoundOitItem,
} from "../../db/queries/oit-checklist";
import { getFramework } from "../lib/frameworks.server";
import { requireRound } from "../auth/round-access.server";
import { hasRole } from "../auth/roles";
import type { SessionUser } from "../auth/session.server";
import { computeRoundScores, sumChecklistProgress, type Checklist, type ChecklistScores, type ChecklistStatus } from "../scoring";
import type { Framework, Level, Localized } from "../scoring/framework";
import { recordAudit } from "./audit.server";

/** One checklist item of a round as pages and the report show it. */
export interface OitItemState {
  code: string;
  subIndicator: string;
  indicator: string;
  titleTh: string;
  titleEn: string;
  requirementTh: string;
  requirementEn: string;
  status: "pass" | "fail" | "unchecked";
  evidenceUrls: string[];
  note: string;
  /** The display name (or username) of who changed it last; null if never changed or the account is gone. */
  updatedBy: string | null;
  /** ISO timestamp of the last change; null while nobody has touched the item. */
  updatedAt: string | null;
}

const STATUSES = ["pass", "fail", "unchecked"] as const satisfies readonly ChecklistStatus[];

/** The stored JSON list of URLs; anything else (which our own writes never produce) reads as none. */
function parseEvidence(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** The framework's items in their order, merged with the round's stored rows. */
function mergeItems(framework: Framework, rows: readonly OitItemRow[]): OitItemState[] {
  const byCode = new Map(rows.map((r) => [r.itemCode, r]));
  return framework.subIndicators.flatMap((sub) =>
    sub.items.map((item): OitItemState => {
      const row = byCode.get(item.code);
      return {
        code: item.code,
        subIndicator: sub.code,
        indicator: sub.indicator,
        titleTh: item.title.th,
        titleEn: item.title.en,
        requirementTh: item.requirement.th,
        requirementEn: item.requirement.en,
        status: row?.status ?? "unchecked",
        evidenceUrls: row ? parseEvidence(row.evidenceUrls) : [],
        note: row?.note ?? "",
        updatedBy: row ? row.updatedByName : null,
        updatedAt: row?.updatedAt ?? null,
      };
    }),
  );
}

/** Item code → status for the scoring engine; rows of codes the framework no longer has are left out. */
function toChecklist(framework: Framework, rows: readonly { itemCode: string; status: ChecklistStatus }[]): Checklist {
  const known = new Set(framework.subIndicators.flatMap((s) => s.items.map((i) => i.code)));
  return Object.fromEntries(rows.filter((r) => known.has(r.itemCode) && STATUSES.includes(r.status)).map((r) => [r.itemCode, r.status]));
}

/**
 * The round's checklist, item by item in the framework's order, with its scores (sub-indicators and
 * indicators 9 and 10, with progress). Throws a 404 response for another agency's round or no round.
 */
export async function getRoundChecklist(db: Db, organizationId: number, roundId: number): Promise<{ items: OitItemState[]; scores: ChecklistScores }> {
  const round = await requireRound(db, { organizationId }, roundId);
  const framework = getFramework(round.frameworkId);
  const rows = await listRoundOitItems(db, round.id);
  return { items: mergeItems(framework, rows), scores: computeRoundScores(framework, [], toChecklist(framework, rows)).checklist };
}

/**
 * Item code → status of a round's checklist, for the round's whole score chain (dashboard, results,
 * exports, report). The caller has already checked the round's agency.
 */
export async function getRoundChecklistStatuses(db: Db, roundId: number, framework: Framework): Promise<Checklist> {
  return toChecklist(framework, await listRoundOitStatuses(db, roundId));
}

// --- the page

export interface OitScoreView {
  score: number | null;
  level: Level | null;
  pass: boolean | null;
  checked: number;
  passed: number;
  total: number;
}

/** Everything /admin/rounds/:roundId/oit shows. */
export async function getOitChecklistPage(db: Db, user: SessionUser, roundId: number) {
  const round = await requireRound(db, user, roundId);
  const framework = getFramework(round.frameworkId);
  const rows = await listRoundOitItems(db, round.id);
  const scores = computeRoundScores(framework, [], toChecklist(framework, rows));
  const items = mergeItems(framework, rows);
  const oit = scores.instruments.find((i) => i.code === "oit");
  const progress = sumChecklistProgress(scores.checklist.indicators);
  const previous = await getPreviousOrganizationRound(db, user.organizationId, round);
  const indicatorScore = (code: string) => scores.indicators.find((i) => i.code === code);
  return {
    round: { id: round.id, titleTh: round.titleTh, titleEn: round.titleEn, fiscalYear: round.fiscalYear },
    canEdit: hasRole(user.role, "manager"),
    passMark: framework.passMark,
    limits: EVIDENCE_LIMITS,
    oit: {
      score: oit?.score ?? null,
      level: oit?.level ?? null,
      pass: oit?.pass ?? null,
      ...progress,
    } satisfies OitScoreView,
    indicators: scores.checklist.indicators.map((i) => {
      const meta = framework.indicators.find((m) => m.code === i.code);
      const full = indicatorScore(i.code);
      return {
        code: i.code,
        title: meta?.title ?? { th: i.code, en: i.code },
        score: i.score,
        level: full?.level ?? null,
        pass: full?.pass ?? null,
        checked: i.checked,
        passed: i.passed,
        total: i.total,
      };
    }),
    subIndicators: framework.subIndicators.map((sub) => {
      const s = scores.checklist.subIndicators.find((x) => x.code === sub.code)!;
      return {
        code: sub.code,
        indicator: sub.indicator,
        title: sub.title,
        score: s.score,
        checked: s.checked,
        passed: s.passed,
        total: s.total,
        items: items.filter((i) => i.subIndicator === sub.code),
      };
    }),
    /** Whether "start from the previous round" can run: a previous round exists and this checklist is empty. */
    copy: {
      previous: previous ? { id: previous.id, fiscalYear: previous.fiscalYear, titleTh: previous.titleTh, titleEn: previous.titleEn } : null,
      previousItems: previous ? await countRoundOitItems(db, previous.id) : 0,
      empty: rows.length === 0,
    },
  };
}

export type OitChecklistPage = Awaited<ReturnType<typeof getOitChecklistPage>>;

// --- validation (zod at the boundary; messages in Thai first)

/** How much evidence an item may carry: enough for every page an item needs, not a dump. */
export const EVIDENCE_LIMITS = { maxUrls: 10, maxUrlLength: 2000, maxNoteLength: 4000 } as const;

export type FieldErrors = Record<string, Localized>;

const MESSAGES = {
  itemUnknown: { th: "ไม่พบข้อรายการ OIT ที่เลือกในกรอบการประเมินของรอบนี้", en: "This round's framework has no such OIT item." },
  statusInvalid: { th: "กรุณาเลือกผลการตรวจ: ผ่าน ไม่ผ่าน หรือยังไม่ตรวจ", en: "Choose a result: pass, fail or not checked." },
  tooManyUrls: {
    th: `ใส่ลิงก์หลักฐานได้ไม่เกิน ${EVIDENCE_LIMITS.maxUrls} ลิงก์ต่อข้อ`,
    en: `At most ${EVIDENCE_LIMITS.maxUrls} evidence links per item.`,
  },
  urlTooLong: {
    th: `ลิงก์หลักฐานยาวเกิน ${EVIDENCE_LIMITS.maxUrlLength} ตัวอักษร`,
    en: `An evidence link is longer than ${EVIDENCE_LIMITS.maxUrlLength} characters.`,
  },
  urlInvalid: {
    th: "ลิงก์หลักฐานต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย http:// หรือ https:// บรรทัดละ 1 ลิงก์",
    en: "Evidence links must be web addresses starting with http:// or https://, one per line.",
  },
  urlCredentials: {
    th: "ลิงก์หลักฐานต้องไม่มีชื่อผู้ใช้หรือรหัสผ่านอยู่ในลิงก์",
    en: "Evidence links must not contain a user name or password.",
  },
  urlRepeated: { th: "มีลิงก์หลักฐานซ้ำกัน กรุณาใส่แต่ละลิงก์เพียงครั้งเดียว", en: "An evidence link is repeated; give each link once." },
  passNeedsUrl: {
    th: "ข้อที่ผ่านต้องมีลิงก์หลักฐานอย่างน้อย 1 ลิงก์ (หน้าเว็บไซต์ของหน่วยงานที่แสดงข้อมูลนี้)",
    en: "A passing item needs at least one evidence link (the page of the agency's website that shows it).",
  },
  noteTooLong: {
    th: `หมายเหตุยาวเกิน ${EVIDENCE_LIMITS.maxNoteLength} ตัวอักษร`,
    en: `The note is longer than ${EVIDENCE_LIMITS.maxNoteLength} characters.`,
  },
  noteInvalid: { th: "หมายเหตุมีอักขระควบคุมที่ไม่อนุญาต", en: "The note contains control characters that are not allowed." },
  repeated: { th: "ส่งข้อมูลช่องเดียวกันซ้ำหลายครั้ง", en: "A field was sent more than once." },
} as const satisfies Record<string, Localized>;

const INVALID: Localized = {
  th: "ข้อมูลไม่ถูกต้อง กรุณาแก้ไขช่องที่มีข้อความสีแดง ยังไม่ได้บันทึกข้อมูล",
  en: "Some values are not valid; please correct the fields marked in red. Nothing was saved.",
};

/** The form values as sent, to show them again after a refused save. */
export interface OitItemFormValues {
  itemCode: string;
  status: string;
  evidenceUrls: string;
  note: string;
}

export interface ParsedOitItem {
  itemCode: string;
  status: ChecklistStatus;
  evidenceUrls: string[];
  note: string;
}

export type OitItemCheck = { ok: true; value: ParsedOitItem } | { ok: false; errors: FieldErrors; values: OitItemFormValues };

/** One form field's text; a field sent twice is an error, not "the first one wins". */
function single(form: FormData, name: string, errors: FieldErrors): string {
  const all = form.getAll(name);
  if (all.length > 1) errors[name] = MESSAGES.repeated;
  const v = all[0];
  return typeof v === "string" ? v : "";
}

/** One evidence URL: http(s), a host, no credentials, within the length limit. */
const urlSchema = z
  .string()
  .max(EVIDENCE_LIMITS.maxUrlLength, "urlTooLong")
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "urlInvalid" });
      return;
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "" || /\s/.test(text)) {
      ctx.addIssue({ code: "custom", message: "urlInvalid" });
    } else if (url.username !== "" || url.password !== "") {
      ctx.addIssue({ code: "custom", message: "urlCredentials" });
    }
  });

// Control characters other than tab and line feed (a pasted NUL or escape code is never meant).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/**
 * Checks one item's form: a known item code of the round's framework, a status, evidence URLs one per
 * line (blank lines ignored; http/https only, at most EVIDENCE_LIMITS.maxUrls, no repeats; a passing
 * item needs one), and a note kept exactly as typed except that the browser's CRLF line ends become LF.
 */
export function checkOitItemForm(framework: Framework, form: FormData): OitItemCheck {
  const errors: FieldErrors = {};
  const values: OitItemFormValues = {
    itemCode: single(form, "itemCode", errors),
    status: single(form, "status", errors),
    evidenceUrls: single(form, "evidenceUrls", errors),
    note: single(form, "note", errors),
  };
  const known = new Set(framework.subIndicators.flatMap((s) => s.items.map((i) => i.code)));
  if (!known.has(values.itemCode)) errors.itemCode = MESSAGES.itemUnknown;
  const status = z.enum(STATUSES).safeParse(values.status);
  if (!status.success) errors.status = MESSAGES.statusInvalid;

  const urls = values.evidenceUrls
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  if (!errors.evidenceUrls) {
    if (urls.length > EVIDENCE_LIMITS.maxUrls) errors.evidenceUrls = MESSAGES.tooManyUrls;
    else {
      for (const url of urls) {
        const parsed = urlSchema.safeParse(url);
        if (!parsed.success) {
          errors.evidenceUrls = MESSAGES[parsed.error.issues[0]!.message as keyof typeof MESSAGES] ?? MESSAGES.urlInvalid;
          break;
        }
      }
      if (!errors.evidenceUrls && new Set(urls).size !== urls.length) errors.evidenceUrls = MESSAGES.urlRepeated;
      if (!errors.evidenceUrls && status.success && status.data === "pass" && urls.length === 0) errors.evidenceUrls = MESSAGES.passNeedsUrl;
    }
  }

  const note = values.note.replace(/\r\n?/g, "\n");
  if (!errors.note) {
    if (note.length > EVIDENCE_LIMITS.maxNoteLength) errors.note = MESSAGES.noteTooLong;
    else if (CONTROL.test(note)) errors.note = MESSAGES.noteInvalid;
  }

  if (Object.keys(errors).length > 0 || !status.success) return { ok: false, errors, values };
  // A note of only spaces and line breaks says nothing: store it empty.
  return { ok: true, value: { itemCode: values.itemCode, status: status.data, evidenceUrls: urls, note: note.trim() === "" ? "" : note } };
}

// --- changes

export type OitActionResult =
  | { ok: true; intent: "save-item"; itemCode: string }
  | { ok: true; intent: "copy-previous"; copied: number; fromRoundId: number }
  | { ok: false; status: 400 | 409; message: Localized; errors: FieldErrors; values: OitItemFormValues | null };

/** Saves one item's state (only that item's row is written) with its audit entry, in one transaction. */
export async function saveOitItem(db: Db, user: SessionUser, roundId: number, form: FormData, now: Date): Promise<OitActionResult> {
  const round = await requireRound(db, user, roundId);
  const checked = checkOitItemForm(getFramework(round.frameworkId), form);
  if (!checked.ok) return { ok: false, status: 400, message: INVALID, errors: checked.errors, values: checked.values };
  const { itemCode, status, evidenceUrls, note } = checked.value;
  await db.transaction().execute(async (trx) => {
    const previous = (await listRoundOitItems(trx, round.id)).find((r) => r.itemCode === itemCode);
    await upsertRoundOitItem(trx, {
      roundId: round.id,
      itemCode,
      status,
      evidenceUrls: JSON.stringify(evidenceUrls),
      note,
      updatedBy: user.userId,
      updatedAt: now.toISOString(),
    });
    await recordAudit(
      trx,
      { organizationId: user.organizationId, userId: user.userId },
      "oit-item.save",
      `round:${round.id}/oit:${itemCode}`,
      {
        roundId: round.id,
        item: itemCode,
        status,
        evidenceUrls,
        note,
        previous: previous ? { status: previous.status, evidenceUrls: parseEvidence(previous.evidenceUrls), note: previous.note } : null,
      },
      now,
    );
  });
  return { ok: true, intent: "save-item", itemCode };
}

/**
 * Starts this round's checklist from the agency's previous round (the latest earlier fiscal year, then
 * start date): copies every item's status, evidence and note, in one transaction with its audit entry.
 * Refused (409, nothing written) when this round's checklist already has any item, so nothing that
 * someone entered is ever overwritten, and when there is no previous round or it has no checklist.
 * Items the previous round's framework has and this one's does not are left out.
 */
export async function copyPreviousChecklist(db: Db, user: SessionUser, roundId: number, now: Date): Promise<OitActionResult> {
  const round = await requireRound(db, user, roundId);
  const framework = getFramework(round.frameworkId);
  const refuse = (message: Localized): OitActionResult => ({ ok: false, status: 409, message, errors: {}, values: null });
  const known = new Set(framework.subIndicators.flatMap((s) => s.items.map((i) => i.code)));
  return db.transaction().execute(async (trx): Promise<OitActionResult> => {
    const existing = await countRoundOitItems(trx, round.id);
    if (existing > 0) {
      return refuse({
        th: `รอบนี้มีผลการตรวจ OIT แล้ว ${existing} ข้อ จึงไม่คัดลอกทับ (การคัดลอกทำได้เฉพาะเมื่อรายการตรวจของรอบนี้ยังว่างอยู่)`,
        en: `This round already has ${existing} OIT item(s) entered, so nothing was copied over them (copying works only while this round's checklist is empty).`,
      });
    }
    const previous = await getPreviousOrganizationRound(trx, user.organizationId, round);
    if (!previous) return refuse({ th: "ไม่มีรอบการประเมินก่อนหน้าของหน่วยงานให้คัดลอก", en: "The agency has no earlier round to copy from." });
    const source = (await listRoundOitItems(trx, previous.id)).filter((r) => known.has(r.itemCode));
    if (source.length === 0) {
      return refuse({
        th: `รอบก่อนหน้า (ปีงบประมาณ พ.ศ. ${previous.fiscalYear}) ยังไม่มีผลการตรวจ OIT ให้คัดลอก`,
        en: `The previous round (fiscal year ${previous.fiscalYear} B.E.) has no OIT checklist to copy.`,
      });
    }
    await insertRoundOitItems(
      trx,
      source.map((r) => ({
        roundId: round.id,
        itemCode: r.itemCode,
        status: r.status,
        evidenceUrls: r.evidenceUrls,
        note: r.note,
        updatedBy: user.userId,
        updatedAt: now.toISOString(),
      })),
    );
    await recordAudit(
      trx,
      { organizationId: user.organizationId, userId: user.userId },
      "oit-checklist.copy",
      `round:${round.id}/oit`,
      {
        roundId: round.id,
        fromRoundId: previous.id,
        fromFiscalYear: previous.fiscalYear,
        copied: source.length,
        statuses: Object.fromEntries(source.map((r) => [r.itemCode, r.status])),
      },
      now,
    );
    return { ok: true, intent: "copy-previous", copied: source.length, fromRoundId: previous.id };
  });
}

/**
 * The page's form posts, dispatched on their named intent ("save-item" or "copy-previous"). The caller
 * has checked the role (manager) and the anti-forgery token.
 */
export async function applyOitChecklistForm(db: Db, user: SessionUser, roundId: number, form: FormData, now: Date): Promise<OitActionResult> {
  const intent = form.getAll("intent");
  if (intent.length === 1 && intent[0] === "save-item") return saveOitItem(db, user, roundId, form, now);
  if (intent.length === 1 && intent[0] === "copy-previous") return copyPreviousChecklist(db, user, roundId, now);
  await requireRound(db, user, roundId);
  return { ok: false, status: 400, message: { th: "ไม่รู้จักคำสั่งของแบบฟอร์มนี้", en: "Unknown form action." }, errors: {}, values: null };
}
