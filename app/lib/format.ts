/**
 * Display formatting: scores with two decimals (computed at full precision elsewhere), Thai digits
 * where an official document uses them, Buddhist Era dates.
 */
import type { Lang } from "./i18n";

const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

/** Replaces the Arabic digits of a text with Thai digits: "77.99" → "๗๗.๙๙". */
export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => THAI_DIGITS[Number(d)]!);
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

/** "2026-03-05" → "5 มี.ค. 2569" (Thai, Buddhist Era) or "5 Mar 2026". */
export function formatDate(isoDate: string, lang: Lang): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  if (lang === "th") return `${day} ${SHORT_MONTHS.th[month - 1]} ${year + 543}`;
  return `${day} ${SHORT_MONTHS.en[month - 1]} ${year}`;
}
