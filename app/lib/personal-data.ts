/**
 * Removes what identifies a person from a visitor's free text (the EIT's suggestion, issue 15 item 3)
 * before it is sealed in the answer pool or stored anywhere: Thai phone numbers, Thai citizen ids that
 * pass their check digit, e-mail addresses and LINE ids written as such. Each is replaced by
 * PERSONAL_DATA_MARKER, so a reader sees that something was there.
 *
 * Pure and without Node or browser globals: the server runs it on every suggestion it accepts
 * (app/services/validate-answers.ts), and the survey page runs it before the answers leave the device
 * (app/components/survey-runner.tsx), so that a kiosk's outbox in localStorage never holds the number
 * either. The server's pass is the one that counts; the browser's spares the device.
 *
 * What it recognises (docs/decisions/suggestions.md):
 * - Thai digits ๐–๙ as well as 0–9 (they are folded for matching; the text keeps its own digits);
 * - mobiles 06/08/09 + 8 digits, landlines 02–07 + 7 digits, with or without spaces, dashes, dots or
 *   brackets between the digits, and the same after +66 or 66 (without the leading 0, or with "(0)");
 * - a 13-digit citizen id (separators allowed) whose mod-11 check digit holds; a 13-digit number that
 *   fails the check is an invoice, a parcel, a reference: it is kept, and no part of it is taken for a
 *   phone number;
 * - e-mail addresses;
 * - LINE ids: after "line:", "line id", "LINE ID:", "ไลน์", "ไลน์ไอดี", "ไอดีไลน์" (the id, not the word
 *   before it), and any "@handle" that is not part of an e-mail address.
 * What it cannot recognise is listed in the decision: names, house numbers, a number spelled out in words.
 */

export const PERSONAL_DATA_MARKER = "[ลบข้อมูลส่วนบุคคล]";

/** Thai digits ๐–๙ (U+0E50–U+0E59) as ASCII: one UTF-16 unit for one, so positions stay the same. */
function foldThaiDigits(text: string): string {
  return text.replace(/[\u0E50-\u0E59]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0e50 + 48));
}

/** Between the digits of a number as people write it: a space, a dash, a dot, brackets; at most three. */
const SEP = "[\\s.\\-()\\u2010-\\u2015]{0,3}";
const digits = (count: number) => `(?:${SEP}\\d){${count}}`;

/**
 * A 13-digit number as a citizen id is written: plain, or grouped 1-4-5-2-1 with one kind of separator
 * ("1-2345-67890-12-1", "1 2345 67890 12 1"); not part of a longer number. Two phone numbers side by
 * side ("081 234 5678 02 123 4567") are not one of these shapes, so they are left to the phone patterns.
 */
const THIRTEEN_DIGITS = [/(?<!\d)\d{13}(?!\d)/g, /(?<!\d)\d([ .\-])\d{4}\1\d{5}\1\d{2}\1\d(?![\d])/g];

/**
 * Phone numbers. The leading 0 (or 66) must not follow a digit, and no digit may follow the last one,
 * so that a longer number is never taken in part. Landlines have 9 digits, mobiles 10.
 */
const PHONES = [
  // +66 8x xxx xxxx, 66-2-123-4567, +66 (0) 81 …: the national number without its 0.
  new RegExp(`(?<![\\d+])\\+?66${SEP}(?:\\(0\\)${SEP})?(?:[689]${digits(8)}|[2-7]${digits(7)})(?![\\d])`, "g"),
  // An opening bracket before the area code goes with the number: "(02) 123 4567".
  new RegExp(`(?<![\\d])\\(?0${SEP}[689]${digits(8)}(?![\\d])`, "g"),
  new RegExp(`(?<![\\d])\\(?0${SEP}[2-7]${digits(7)}(?![\\d])`, "g"),
];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** A LINE id after its label; group 1 is the id alone (the label stays in the text). */
const LINE_ID = "(@?[A-Za-z0-9][A-Za-z0-9._-]{1,})";
const LINE_LABELLED = [
  // "line: abc", "line id abc", "LINE ID: abc", "line id=abc" (a bare "line" in English needs the colon)
  new RegExp(`\\bline\\s*(?:id\\s*[:：=]?|[:：=])\\s*${LINE_ID}`, "gid"),
  new RegExp(`\\bid\\s*line\\s*[:：=]?\\s*${LINE_ID}`, "gid"),
  // "ไลน์ abc", "ไลน์ไอดี abc", "ไลน์ id: abc", "ไอดีไลน์ abc"
  new RegExp(`ไลน์\\s*(?:ไอดี|id)?\\s*[:：=]?\\s*${LINE_ID}`, "gid"),
  new RegExp(`ไอดี\\s*ไลน์\\s*[:：=]?\\s*${LINE_ID}`, "gid"),
];
/** "@somchai": a handle on its own (an e-mail's "@" is claimed first). */
const HANDLE = /(?<![A-Za-z0-9._%+-])@[A-Za-z0-9][A-Za-z0-9._-]{2,}/g;

interface Span {
  start: number;
  end: number;
  /** Replaced by the marker, or protected (a 13-digit number that fails its check: kept as written). */
  remove: boolean;
}

/** Whether 13 digits are a Thai citizen id: the mod-11 check digit of the first twelve (weights 13 … 2). */
export function isThaiCitizenId(thirteenDigits: string): boolean {
  if (!/^\d{13}$/.test(thirteenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(thirteenDigits[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(thirteenDigits[12]);
}

/**
 * The text with every phone number, valid citizen id, e-mail address and LINE id replaced by
 * PERSONAL_DATA_MARKER. Everything else is left exactly as written.
 */
export function scrubPersonalData(text: string): string {
  if (text === "") return text;
  const folded = foldThaiDigits(text);
  const spans: Span[] = [];
  const free = (start: number, end: number) => spans.every((s) => end <= s.start || start >= s.end);
  const claim = (start: number, end: number, remove: boolean) => {
    if (end > start && free(start, end)) spans.push({ start, end, remove });
  };

  // 13-digit numbers first: a valid id goes, an invalid one is protected from the phone patterns.
  for (const pattern of THIRTEEN_DIGITS) {
    for (const m of folded.matchAll(pattern)) claim(m.index, m.index + m[0].length, isThaiCitizenId(m[0].replace(/\D/g, "")));
  }
  for (const m of folded.matchAll(EMAIL)) claim(m.index, m.index + m[0].length, true);
  for (const pattern of LINE_LABELLED) {
    for (const m of folded.matchAll(pattern)) {
      const [start, end] = m.indices![1]!;
      claim(start, end, true);
    }
  }
  for (const pattern of PHONES) for (const m of folded.matchAll(pattern)) claim(m.index, m.index + m[0].length, true);
  for (const m of folded.matchAll(HANDLE)) claim(m.index, m.index + m[0].length, true);

  const removed = spans.filter((s) => s.remove).sort((a, b) => a.start - b.start);
  if (removed.length === 0) return text;
  let out = "";
  let at = 0;
  for (const span of removed) {
    out += text.slice(at, span.start) + PERSONAL_DATA_MARKER;
    at = span.end;
  }
  return out + text.slice(at);
}

/**
 * The answers with every text answer scrubbed (the survey page, before they leave the device): only the
 * suggestion is text; the scored answers are numbers and pass unchanged.
 */
export function scrubTextAnswers(answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const scrubbed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(answers)) scrubbed[name] = typeof value === "string" ? scrubPersonalData(value) : value;
  return scrubbed;
}
