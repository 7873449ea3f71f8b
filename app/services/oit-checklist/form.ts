/**
 * The form of one OIT checklist item, as posted to /admin/rounds/:roundId/oit: checked with zod at the
 * boundary, messages in Thai first. Pure: the caller gives the round's framework.
 */
import { z } from "zod";
import type { ChecklistStatus } from "../../scoring";
import type { Framework, Localized } from "../../scoring/framework";

/** The statuses an item can be given (ITA-METHOD §1: an item scores 100 or 0; unchecked is not scored). */
export const CHECKLIST_STATUSES = ["pass", "fail", "unchecked"] as const satisfies readonly ChecklistStatus[];

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

/** The message of a refused save; the fields' own messages say what is wrong. */
export const INVALID: Localized = {
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
  const status = z.enum(CHECKLIST_STATUSES).safeParse(values.status);
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
