/**
 * Display formatting: scores with two decimals (computed at full precision elsewhere), Thai digits
 * where an official document uses them, Buddhist Era dates.
 */
import { toBuddhistYear } from "./dates";
import type { Lang } from "./i18n";

const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

/** Replaces the Arabic digits of a text with Thai digits: "77.99" → "๗๗.๙๙". */
export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => THAI_DIGITS[Number(d)]!);
}

/** Replaces the Thai digits of a text with Arabic digits: "ตลอดปี ๖๕" → "ตลอดปี 65". */
export function toArabicDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
}

/** Which digits a printed document uses: Thai (๐–๙) as official documents do, or Arabic (0–9). */
export type Digits = "thai" | "arabic";

export function parseDigits(value: string | null | undefined): Digits | undefined {
  return value === "thai" || value === "arabic" ? value : undefined;
}

/**
 * Writes every number of a text in the chosen digits, whichever digits it was typed with, so that a
 * document reads the same throughout ("ตลอดปี 65" and "ตลอดปี ๖๕" both print as the switch says).
 * Digits right after a Latin letter belong to a code (o36, i20, A4) and are left as they are.
 */
export function withDigits(text: string, digits: Digits): string {
  return digits === "thai" ? text.replace(/(?<![A-Za-z0-9])[0-9]+/g, toThaiDigits) : text.replace(/(?<![A-Za-z๐-๙])[๐-๙]+/g, toArabicDigits);
}

/**
 * A number rounded half up to `decimals` places, as a decimal string. Binary floating point stores
 * 73.405 as 73.40499999…, which toFixed(2) turns into "73.40"; the published figure is 73.41, so the
 * noise below 1e-9 is dropped first and the decimal digits are rounded exactly.
 */
export function roundHalfUp(value: number, decimals = 2): string {
  const guard = 9;
  const text = Math.abs(value).toFixed(guard);
  const scaled = BigInt(text.replace(".", ""));
  const divisor = 10n ** BigInt(guard - decimals);
  const rounded = (scaled + divisor / 2n) / divisor;
  const digits = rounded.toString().padStart(decimals + 1, "0");
  const whole = decimals > 0 ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits;
  return value < 0 && rounded !== 0n ? `-${whole}` : whole;
}

/** A 0–100 score with two decimals, or a dash when not measured. */
export function formatScore(score: number | null | undefined, options: { thaiDigits?: boolean } = {}): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return "–";
  const text = roundHalfUp(score, 2);
  return options.thaiDigits ? toThaiDigits(text) : text;
}

export function formatCount(count: number, lang: Lang): string {
  return count.toLocaleString(lang === "th" ? "th-TH" : "en-GB");
}

/** Abbreviated month names as Thai official documents write them. */
export const SHORT_MONTHS = {
  th: ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
} as const;

/** Full month names, as the body of a Thai official document writes a date ("๕ มกราคม ๒๕๖๕"). */
export const LONG_MONTHS = {
  th: ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
} as const;

export interface DateFormat {
  /** "short" (the default): ม.ค. / Jan; "long": มกราคม / January. */
  month?: "short" | "long";
  /** Thai or Arabic digits for the whole date; Arabic by default. */
  digits?: Digits;
}

/**
 * "2026-03-05" → "5 มี.ค. 2569" (Thai, Buddhist Era) or "5 Mar 2026"; with { month: "long",
 * digits: "thai" } → "๕ มีนาคม ๒๕๖๙", as a Thai official document prints it.
 */
export function formatDate(isoDate: string, lang: Lang, format: DateFormat = {}): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  const months = format.month === "long" ? LONG_MONTHS : SHORT_MONTHS;
  const text = lang === "th" ? `${day} ${months.th[month - 1]} ${toBuddhistYear(year)}` : `${day} ${months.en[month - 1]} ${year}`;
  return withDigits(text, format.digits ?? "arabic");
}
