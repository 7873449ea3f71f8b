/**
 * Months as the dashboard shows them: the months of a round (a fiscal year runs October to September,
 * ITA-METHOD §5) and short labels with the Buddhist Era year, "ต.ค. 68" (October 2025), as Thai
 * official tables write them; English "Oct 2025".
 */
import { BUDDHIST_ERA_OFFSET } from "./dates";
import { LONG_MONTHS, SHORT_MONTHS } from "./format";
import type { Lang } from "./i18n";


const MONTH = /^(\d{4})-(\d{2})$/;

function parseMonth(month: string): { year: number; month: number } {
  const match = MONTH.exec(month);
  const m = match ? Number(match[2]) : 0;
  if (!match || m < 1 || m > 12) throw new Error(`Not a month (YYYY-MM): ${JSON.stringify(month)}`);
  return { year: Number(match[1]), month: m };
}

/**
 * "2025-10" → "ต.ค. 68" (Thai: abbreviation and the last two digits of the B.E. year) or "Oct 2025".
 * @throws Error for a string that is not YYYY-MM.
 */
export function formatMonthShort(month: string, lang: Lang): string {
  const { year, month: m } = parseMonth(month);
  if (lang === "th") return `${SHORT_MONTHS.th[m - 1]} ${String(year + BUDDHIST_ERA_OFFSET).slice(-2)}`;
  return `${SHORT_MONTHS.en[m - 1]} ${year}`;
}

/**
 * "2025-10" → "ตุลาคม 2568" (Thai: the full name and the B.E. year) or "October 2025": a month to choose
 * in a list. @throws Error for a string that is not YYYY-MM.
 */
export function formatMonthLong(month: string, lang: Lang): string {
  const { year, month: m } = parseMonth(month);
  if (lang === "th") return `${LONG_MONTHS.th[m - 1]} ${year + BUDDHIST_ERA_OFFSET}`;
  return `${LONG_MONTHS.en[m - 1]} ${year}`;
}

/** Whether a text is a month, YYYY-MM (01–12). */
export function isMonth(text: string): boolean {
  const match = MONTH.exec(text);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/** Every month (YYYY-MM) from the month of `startsOn` to the month of `endsOn` (YYYY-MM-DD), in order. */
export function listMonths(startsOn: string, endsOn: string): string[] {
  const start = parseMonth(startsOn.slice(0, 7));
  const end = parseMonth(endsOn.slice(0, 7));
  const months: string[] = [];
  // A round is a fiscal year; the cap keeps a mistyped end date from making a list of thousands.
  for (let y = start.year, m = start.month; (y < end.year || (y === end.year && m <= end.month)) && months.length < 120; ) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}
