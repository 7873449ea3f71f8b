/** Thai and Arabic digits and Buddhist Era dates as the published report prints them (app/text/format.ts). */
import { describe, expect, it } from "vitest";
import { formatDate, formatScore, parseDigits, toArabicDigits, toThaiDigits, withDigits } from "../../app/text/format";

describe("digits", () => {
  it.each([
    ["77.99", "๗๗.๙๙"],
    ["ร้อยละ 15-25", "ร้อยละ ๑๕-๒๕"],
    ["0123456789", "๐๑๒๓๔๕๖๗๘๙"],
  ])("toThaiDigits(%j) = %j, and back", (arabic, thai) => {
    expect(toThaiDigits(arabic)).toBe(thai);
    expect(toArabicDigits(thai)).toBe(arabic);
  });

  it("writes every number of a text in the chosen digits, whichever digits it was typed with", () => {
    expect(withDigits("ตลอดปี 69 และ ม.ค.-มี.ค. ๖๙", "thai")).toBe("ตลอดปี ๖๙ และ ม.ค.-มี.ค. ๖๙");
    expect(withDigits("ตลอดปี 69 และ ม.ค.-มี.ค. ๖๙", "arabic")).toBe("ตลอดปี 69 และ ม.ค.-มี.ค. 69");
  });

  it("leaves the digits of codes alone (o36, i20, e15, A4), in both directions", () => {
    expect(withDigits("ตามข้อ o36 และ i20, e15 บนกระดาษ A4 จำนวน 2 แผ่น", "thai")).toBe("ตามข้อ o36 และ i20, e15 บนกระดาษ A4 จำนวน ๒ แผ่น");
    expect(withDigits("ข้อ o36 จำนวน ๒ แผ่น", "arabic")).toBe("ข้อ o36 จำนวน 2 แผ่น");
  });

  it("parses the digits switch", () => {
    expect(parseDigits("thai")).toBe("thai");
    expect(parseDigits("arabic")).toBe("arabic");
    expect(parseDigits("roman")).toBeUndefined();
    expect(parseDigits(null)).toBeUndefined();
  });

  it("rounds a score half up before writing it in Thai digits", () => {
    expect(formatScore(77.9872, { thaiDigits: true })).toBe("๗๗.๙๙");
    expect(formatScore(73.405, { thaiDigits: true })).toBe("๗๓.๔๑");
  });
});

describe("Buddhist Era dates", () => {
  it.each([
    ["2022-01-05", "th", {}, "5 ม.ค. 2565"],
    ["2022-01-05", "th", { month: "long", digits: "thai" }, "๕ มกราคม ๒๕๖๕"],
    ["2026-09-30", "th", { month: "long" }, "30 กันยายน 2569"],
    ["2026-09-30", "en", { month: "long" }, "30 September 2026"],
    ["2026-09-30", "en", {}, "30 Sep 2026"],
  ] as const)("formatDate(%j, %j, %j) = %j", (iso, lang, format, expected) => {
    expect(formatDate(iso, lang, format)).toBe(expected);
  });
});
