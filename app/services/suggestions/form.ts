/**
 * The suggestions page at the boundary: its filters (a GET's query string, read defensively: a value
 * that is not one the page offers is ignored, never an error) and the form that marks a suggestion read
 * or acted on (a POST: anything wrong is a 400 with the field's message in Thai first). Pure.
 */
import type { SuggestionStatus } from "../../../db/schema";
import type { Localized } from "../../scoring/framework";
import type { SuggestionFilter } from "../../../db/queries/suggestions";

export const SUGGESTION_STATUSES = ["new", "read", "acted"] as const satisfies readonly SuggestionStatus[];

export const SUGGESTION_LIMITS = {
  /** Characters of a search. */
  search: 100,
  /** Characters of staff's note. */
  note: 1000,
} as const;

/** The filters as the page shows them back in its form. */
export interface SuggestionQuery {
  q: string;
  counter: string;
  month: string;
  status: string;
}

// Tabs and line breaks are text; other C0 controls and DEL are not (PostgreSQL's text cannot hold a NUL).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const isStatus = (value: string): value is SuggestionStatus => (SUGGESTION_STATUSES as readonly string[]).includes(value);

/**
 * The filters of a query string: `q` (text found anywhere, Latin letters in either case; control
 * characters dropped, at most 100 characters), `counter` (a counter's id, or 0 for the round's general
 * link), `month` (YYYY-MM) and `status`. What is not one of these is left out.
 */
export function parseSuggestionQuery(params: URLSearchParams): { values: SuggestionQuery; filter: SuggestionFilter } {
  const q = (params.get("q") ?? "").replace(CONTROL, "").trim().slice(0, SUGGESTION_LIMITS.search);
  const counter = params.get("counter") ?? "";
  const month = params.get("month") ?? "";
  const status = params.get("status") ?? "";
  const filter: SuggestionFilter = {};
  const values: SuggestionQuery = { q, counter: "", month: "", status: "" };
  if (q !== "") filter.search = q.toLowerCase();
  if (/^\d{1,9}$/.test(counter)) {
    filter.counterId = Number(counter);
    values.counter = String(filter.counterId);
  }
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) filter.month = values.month = month;
  if (isStatus(status)) filter.status = values.status = status;
  return { values, filter };
}

export const SUGGESTION_MESSAGES = {
  invalid: { th: "ข้อมูลไม่ถูกต้อง กรุณาแก้ไขตามที่แจ้ง", en: "The form has errors; correct them below." },
  unknownIntent: { th: "ไม่รู้จักคำสั่งของแบบฟอร์มนี้", en: "Unknown form action." },
  notFound: { th: "ไม่พบข้อเสนอแนะนี้ในรอบการประเมินนี้", en: "There is no such suggestion in this round." },
  forbidden: { th: "บัญชีของท่านไม่มีสิทธิ์ทำรายการนี้", en: "Your account may not do this." },
  statusInvalid: { th: "สถานะต้องเป็น ยังไม่อ่าน อ่านแล้ว หรือดำเนินการแล้ว", en: "The status must be new, read or acted on." },
  noteLong: { th: `บันทึกยาวได้ไม่เกิน ${SUGGESTION_LIMITS.note.toLocaleString("en-US")} ตัวอักษร`, en: `A note may have at most ${SUGGESTION_LIMITS.note.toLocaleString("en-US")} characters.` },
  noteControl: { th: "บันทึกมีอักขระควบคุมที่ไม่อนุญาต", en: "The note contains control characters that are not allowed." },
} as const satisfies Record<string, Localized>;

/** A suggestion's id as the page writes it: 16 random bytes in base64url. */
export function parseSuggestionId(value: FormDataEntryValue | string | null): string | null {
  return typeof value === "string" && /^[A-Za-z0-9_-]{22}$/.test(value) ? value : null;
}

export type MarkFieldErrors = Partial<Record<"status" | "note", Localized>>;

export type ParsedMark =
  | { ok: true; id: string | null; status: SuggestionStatus; note: string }
  | { ok: false; id: string | null; errors: MarkFieldErrors; values: { status: string; note: string } };

/** The mark form: the suggestion, its new status, and staff's note (kept as typed, "\n" line ends, trimmed). */
export function parseMarkForm(form: FormData): ParsedMark {
  const id = parseSuggestionId(form.get("suggestionId"));
  const statusText = typeof form.get("status") === "string" ? (form.get("status") as string) : "";
  const rawNote = typeof form.get("note") === "string" ? (form.get("note") as string) : "";
  const note = rawNote.replace(/\r\n?/g, "\n").trim();
  const errors: MarkFieldErrors = {};
  if (!isStatus(statusText)) errors.status = SUGGESTION_MESSAGES.statusInvalid;
  if (note.length > SUGGESTION_LIMITS.note) errors.note = SUGGESTION_MESSAGES.noteLong;
  else if (new RegExp(CONTROL.source).test(note)) errors.note = SUGGESTION_MESSAGES.noteControl;
  if (errors.status || errors.note || !isStatus(statusText)) return { ok: false, id, errors, values: { status: statusText, note: rawNote } };
  return { ok: true, id, status: statusText, note };
}
