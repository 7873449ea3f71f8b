/**
 * bangkokDate works out the Bangkok day by adding seven hours (Asia/Bangkok has kept UTC+7 since 1920)
 * and asks Intl before that: both must give the day Intl's time zone data gives.
 */
import { describe, expect, it } from "vitest";
import { bangkokDate } from "../../app/text/dates";

const INTL = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Bangkok", year: "numeric", month: "2-digit", day: "2-digit" });

describe("bangkokDate", () => {
  it("gives Intl's Bangkok day around midnight in Bangkok (17:00 UTC), at the fiscal year's turn and on leap days", () => {
    const instants = [
      "2026-09-30T16:59:59.999Z",
      "2026-09-30T17:00:00.000Z",
      "2026-12-31T17:00:00.000Z",
      "2028-02-28T17:00:00.000Z",
      "2028-02-29T16:59:59.999Z",
      "1970-01-01T00:00:00.000Z",
      "1920-04-01T00:00:00.000Z",
      "2099-12-31T23:59:59.999Z",
    ];
    for (const text of instants) expect(bangkokDate(new Date(text)), text).toBe(INTL.format(new Date(text)));
  });

  it("agrees with Intl on every hour of a year, and before 1920 (Bangkok Mean Time, UTC+6:42:04)", () => {
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000 + 61_000) {
      expect(bangkokDate(new Date(ms))).toBe(INTL.format(new Date(ms)));
    }
    const bmt = new Date("1900-06-01T17:10:00Z");
    expect(bangkokDate(bmt)).toBe(INTL.format(bmt));
  });

  it("refuses an invalid date as Intl does", () => {
    expect(() => bangkokDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
