/**
 * Dates as Thai agencies use them: the calendar day in Asia/Bangkok, Buddhist Era years
 * (พ.ศ. = ค.ศ. + 543) and the fiscal year from 1 October to 30 September, named by the B.E. year in
 * which it ends (ITA-METHOD §5).
 */
const BANGKOK_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Bangkok",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Asia/Bangkok has kept UTC+7, without summer time, since April 1920 (the IANA time zone database). */
const BANGKOK_OFFSET_MS = 7 * 3_600_000;
const BANGKOK_FIXED_FROM_MS = Date.UTC(1920, 3, 1);
const YEAR_10000_MS = Date.UTC(10000, 0, 1);

/**
 * The calendar day in Bangkok of an instant, as YYYY-MM-DD. Every submission and respondent page view
 * asks it, so within the fixed-offset era it is worked out by adding seven hours (a tenth of the cost of
 * formatting with Intl); before 1920, Intl's time zone data answers.
 */
export function bangkokDate(instant: Date): string {
  const ms = instant.getTime();
  if (ms >= BANGKOK_FIXED_FROM_MS && ms < YEAR_10000_MS) return new Date(ms + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
  return BANGKOK_DAY.format(instant);
}

/** The weekday (0 Sunday … 6 Saturday) and hour of an instant in Bangkok (an instant since 1920). */
export function bangkokWeekdayAndHour(instant: Date): { weekday: number; hour: number } {
  const local = new Date(instant.getTime() + BANGKOK_OFFSET_MS);
  return { weekday: local.getUTCDay(), hour: local.getUTCHours() };
}

export const BUDDHIST_ERA_OFFSET = 543;

export function toBuddhistYear(gregorianYear: number): number {
  return gregorianYear + BUDDHIST_ERA_OFFSET;
}

/** The B.E. fiscal year a YYYY-MM-DD date belongs to: 2025-10-01 → 2569. */
export function fiscalYearOf(isoDate: string): number {
  const [year, month] = isoDate.split("-").map(Number) as [number, number];
  return toBuddhistYear(month >= 10 ? year + 1 : year);
}

/** First and last day (YYYY-MM-DD) of a B.E. fiscal year: 2569 → 2025-10-01 … 2026-09-30. */
export function fiscalYearRange(fiscalYearBe: number): { startsOn: string; endsOn: string } {
  const endYear = fiscalYearBe - BUDDHIST_ERA_OFFSET;
  return { startsOn: `${endYear - 1}-10-01`, endsOn: `${endYear}-09-30` };
}

/** The day `days` days after `isoDay` (YYYY-MM-DD), as YYYY-MM-DD: a due date from a day and a time limit. */
export function addDays(isoDay: string, days: number): string {
  const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `fromDay` to `toDay` (both YYYY-MM-DD); negative when toDay is earlier. */
export function daysBetween(fromDay: string, toDay: string): number {
  const at = (day: string) => {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((at(toDay) - at(fromDay)) / 86_400_000);
}
