/** The one placeholder filler of the interface and of the advice texts (app/text/fill.ts). */
import { describe, expect, it } from "vitest";
import { fill, type FillValues } from "../../app/text/fill";

describe("fill", () => {
  it.each<[string, FillValues, string]>([
    ["no placeholder", {}, "no placeholder"],
    ["ยังไม่ได้ตรวจอีก {n} ข้อ จาก {total} ข้อ", { n: 3, total: 23 }, "ยังไม่ได้ตรวจอีก 3 ข้อ จาก 23 ข้อ"],
    ["{n} of the {total} items", { total: "๒๓", n: "๓" }, "๓ of the ๒๓ items"],
    // the same placeholder twice: every occurrence is filled (the report's "ระดับ {level} … ระดับ {level}")
    ["level {level}; level {level} means", { level: "A" }, "level A; level A means"],
    ["{a}{b}", { a: 1, b: 2 }, "12"],
    ["{yearShort} {year_be} {n1}", { yearShort: "๖๕", year_be: 2565, n1: 0 }, "๖๕ 2565 0"],
    ["zero {n}, empty [{s}]", { n: 0, s: "" }, "zero 0, empty []"],
    // a value is written as it is, never filled again
    ["{who} wrote", { who: "{when}", when: "today" }, "{when} wrote"],
    ["{title}", { title: "$& $1 $$" }, "$& $1 $$"],
    // a placeholder without a value stays visible, so a mistyped name is seen instead of hidden
    ["ตลอดปี {yearShort} {unknown}", { yearShort: "๖๕" }, "ตลอดปี ๖๕ {unknown}"],
    ["{n} items", {}, "{n} items"],
    // inherited properties are not values
    ["{constructor} {toString}", {}, "{constructor} {toString}"],
    // not placeholders: empty, spaced or unclosed braces
    ["{} { n } {n", { n: 1 }, "{} { n } {n"],
  ])("fill(%j, %j) = %j", (template, values, expected) => {
    expect(fill(template, values)).toBe(expected);
  });
});
