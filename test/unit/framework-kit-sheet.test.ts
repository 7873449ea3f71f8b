/**
 * The OIT sheet an ITA officer fills (app/services/framework-kit/oit-sheet.ts and the CSV reading of
 * spreadsheet.server.ts): headers in English or Thai, sub-indicator cells with or without a title, what an
 * existing list keeps, every problem by its row, and CSV as Excel writes it (BOM, quotes, Windows-874).
 */
import { describe, expect, it } from "vitest";
import type { Framework, SubIndicator } from "../../app/scoring/framework";
import { columnOfHeader, formatSheetProblem, oitTemplateRows, readOitSheet } from "../../app/services/framework-kit/oit-sheet";
import { decodeCsv, parseCsv } from "../../app/services/framework-kit/spreadsheet.server";

const existing: SubIndicator[] = [
  {
    code: "9.1",
    indicator: "9",
    title: { th: "ข้อมูลพื้นฐาน", en: "Basic information" },
    items: [
      {
        code: "O1",
        title: { th: "โครงสร้าง", en: "Structure" },
        requirement: { th: "แผนผังโครงสร้าง", en: "An organisation chart" },
        low: { th: "ประชาชนไม่เห็นโครงสร้าง", en: "The public cannot see the structure" },
      },
    ],
  },
];

const framework: Pick<Framework, "instruments" | "indicators" | "subIndicators"> = {
  instruments: [
    { code: "iit", kind: "survey", title: { th: "", en: "" }, abbreviation: "IIT", weight: 0.5, file: "iit.json" },
    { code: "oit", kind: "checklist", title: { th: "", en: "" }, abbreviation: "OIT", weight: 0.5, file: "oit.json" },
  ],
  indicators: [
    { code: "1", instrument: "iit", title: { th: "", en: "" }, low: { th: "", en: "" } },
    { code: "9", instrument: "oit", title: { th: "", en: "" }, low: { th: "", en: "" } },
    { code: "10", instrument: "oit", title: { th: "", en: "" }, low: { th: "", en: "" } },
  ],
  subIndicators: existing,
};

describe("the OIT sheet", () => {
  it("recognises the English and Thai headers, with any case, spacing or brackets, and 'English / ไทย'", () => {
    expect(columnOfHeader("Title TH")).toBe("titleTh");
    expect(columnOfHeader("ชื่อรายการ (อังกฤษ)")).toBe("titleEn");
    expect(columnOfHeader("รายละเอียด")).toBe("requirementTh");
    expect(columnOfHeader("ข้อกำหนด")).toBe("requirementTh");
    expect(columnOfHeader("code / รหัส")).toBe("code");
    expect(columnOfHeader("ตัวชี้วัดย่อย")).toBe("subIndicator");
    expect(columnOfHeader("หมายเหตุ")).toBeNull();
  });

  it("gives back the template's own rows unchanged (the round trip of an untouched template)", () => {
    const reading = readOitSheet(oitTemplateRows(existing), framework);
    expect(reading.problems).toEqual([]);
    expect(reading.subIndicators).toEqual(existing);
  });

  it("keeps an existing sub-indicator's title unless given, needs a new one's, and fills English and low texts from the Thai", () => {
    const reading = readOitSheet(
      [
        ["รหัส", "ตัวชี้วัดย่อย", "ชื่อรายการ", "รายละเอียด", "ยืนยันแล้ว", "หลักฐาน"],
        ["O1", "9.1", "โครงสร้าง", "แผนผังโครงสร้าง", "ใช่", ""],
        ["O2", "10.1 การป้องกันการทุจริต", "แผนป้องกันการทุจริต", "แผนประจำปี", "ไม่ใช่", "measures"],
        ["", "", "", "", "", ""],
        ["O3", "10.1", "รายงานผล", "รายงานประจำปี", "", "รายงาน"],
      ],
      framework,
    );
    expect(reading.problems).toEqual([]);
    expect(reading.subIndicators).toEqual([
      existing[0],
      {
        code: "10.1",
        indicator: "10",
        title: { th: "การป้องกันการทุจริต", en: "การป้องกันการทุจริต" },
        items: [
          {
            code: "O2",
            title: { th: "แผนป้องกันการทุจริต", en: "แผนป้องกันการทุจริต" },
            requirement: { th: "แผนประจำปี", en: "แผนประจำปี" },
            low: { th: "ยังไม่ได้เผยแพร่: แผนป้องกันการทุจริต", en: "Not published: แผนป้องกันการทุจริต" },
            confirmed: false,
            evidence: "measures",
          },
          {
            code: "O3",
            title: { th: "รายงานผล", en: "รายงานผล" },
            requirement: { th: "รายงานประจำปี", en: "รายงานประจำปี" },
            low: { th: "ยังไม่ได้เผยแพร่: รายงานผล", en: "Not published: รายงานผล" },
            evidence: "report",
          },
        ],
      },
    ]);
  });

  it("names every problem by its row and writes nothing", () => {
    const reading = readOitSheet(
      [
        ["code", "sub-indicator", "title_th", "requirement_th", "evidence"],
        ["O1", "9.1", "โครงสร้าง", "แผนผัง", ""],
        ["o1", "9.1", "ซ้ำ", "แผนผัง", ""],
        ["O4", "1.1", "ไม่ใช่ OIT", "x", ""],
        ["O5", "9.2", "ใหม่", "x", ""],
        ["O6", "10.1 ก", "ชื่อ", "x", ""],
        ["O7", "10.1 ข", "ชื่อ", "x", "photo"],
      ],
      framework,
    );
    expect(reading.subIndicators).toEqual([]);
    expect(reading.problems.map((p) => [p.row, p.column])).toEqual([
      [3, "code"],
      [4, "sub-indicator"],
      [5, "sub-indicator"],
      [7, "evidence"],
    ]);
    expect(formatSheetProblem(reading.problems[0]!)).toBe("row 3 › code: รหัส o1 ซ้ำกับแถว 2 / the code o1 is also on row 2");
    // The two titles of 10.1 are only compared once row 7's own problem is gone.
    const titles = readOitSheet(
      [
        ["code", "sub-indicator", "title_th", "requirement_th"],
        ["O6", "10.1 ก", "ชื่อ", "x"],
        ["O7", "10.1 ข", "ชื่อ", "x"],
        ["O8", "9.1", "ชื่อ", "x"],
      ],
      framework,
    );
    expect(titles.problems.map((p) => p.row)).toEqual([3]);
    expect(readOitSheet([["code", "title_th"]], framework).problems.map((p) => p.en)).toEqual([
      "the header row has no sub-indicator column",
      "the header row has no requirement_th column",
    ]);
  });

  it("reads CSV as Excel writes it: the BOM, quoted commas, quotes and line breaks, CRLF, semicolons, Windows-874", () => {
    expect(parseCsv(decodeCsv(Buffer.from('\uFEFFcode,title_th\r\nO1,"แผน, ""ฉบับ""\nใหม่"\r\n', "utf8")))).toEqual([
      ["code", "title_th"],
      ["O1", 'แผน, "ฉบับ"\nใหม่'],
    ]);
    expect(parseCsv("code;title_th\nO1;a,b\n")).toEqual([
      ["code", "title_th"],
      ["O1", "a,b"],
    ]);
    // "รหัส" in TIS-620 / Windows-874, as Thai Excel's plain CSV writes it.
    expect(decodeCsv(Uint8Array.from([0xc3, 0xcb, 0xd1, 0xca]))).toBe("รหัส");
  });
});
