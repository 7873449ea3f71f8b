/** The pure parts of the measures plan: advice placeholders, unit matching, target labels, text and dates. */
import { describe, expect, it } from "vitest";
import { getFramework, getFrameworkAdvice } from "../../app/lib/frameworks.server";
import { PERSONAL_DATA_MARKER } from "../../app/lib/personal-data";
import { adviceVariables, draftFromAdvice, draftFromSuggestion, listTargets, matchUnits, targetLabel } from "../../app/services/measures/drafts";
import { isIsoDate, LIMITS, normalizeText } from "../../app/services/measures/form";
import { fill } from "../../app/text/fill";

const framework = getFramework("ita-2565");
const advice = getFrameworkAdvice("ita-2565");
const target = (code: string) => listTargets(framework).find((t) => t.code === code)!;

describe("advice placeholders", () => {
  it("writes the fiscal year as the reference plan does: Thai digits and B.E. in Thai, C.E. in English", () => {
    expect(adviceVariables(2565, "th")).toEqual({ year: "๒๕๖๕", yearShort: "๖๕", yearStart: "๒๕๖๔", yearShortStart: "๖๔" });
    expect(adviceVariables(2565, "en")).toEqual({ year: "2022", yearShort: "22", yearStart: "2021", yearShortStart: "21" });
    expect(fill("ตลอดปี {yearShort} {unknown}", adviceVariables(2565, "th"))).toBe("ตลอดปี ๖๕ {unknown}");
  });

  it("fills the OIT template with the item's title and requirement", () => {
    const draft = draftFromAdvice(framework, advice, target("o29"), { fiscalYear: 2565, units: [] });
    expect(draft.title).toBe("เผยแพร่แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบบนเว็บไซต์หลักของหน่วยงาน");
    expect(draft.steps[0]).toContain("แสดงวิธีร้องเรียน ขั้นตอนการจัดการ ส่วนงานที่รับผิดชอบ และระยะเวลาดำเนินการ");
    expect(draft.period).toBe("ต.ค. ๖๔ - มี.ค. ๖๕");
    expect(draft.targets).toEqual(["o29"]);
    expect(draft.unitIds).toEqual([]);
    expect(draft.unitHint.th).toBe("สำนักปลัด");
  });
});

describe("matchUnits", () => {
  const units = [
    { id: 1, nameTh: "สำนักปลัดเทศบาล" },
    { id: 2, nameTh: "กองคลัง" },
    { id: 3, nameTh: "สำนัก ปลัด อบต." },
  ];
  it("finds the agency's units whose name contains the hint, spaces ignored", () => {
    expect(matchUnits(units, "สำนักปลัด")).toEqual([1, 3]);
    expect(matchUnits(units, "กองคลัง")).toEqual([2]);
    expect(matchUnits(units, "กองช่าง")).toEqual([]);
    expect(matchUnits(units, " ")).toEqual([]);
  });
});

describe("target labels", () => {
  it("labels indicators, questions and OIT items in Thai and English", () => {
    expect(targetLabel(target("4"))).toEqual({ th: "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ", en: "Indicator 4: Use of government assets" });
    expect(targetLabel(target("i20")).th).toBe("ข้อ i20 ความสะดวกของขั้นตอนการขอยืมทรัพย์สินของราชการ");
    expect(targetLabel(target("o1")).th).toBe("OIT o1 โครงสร้าง");
    expect(listTargets(framework)).toHaveLength(10 + 45 + 43);
  });
});

describe("form text and dates", () => {
  it("keeps inner text exactly, makes line ends \\n and drops blank space around the whole text", () => {
    expect(normalizeText("  บรรทัดแรก\r\n  บรรทัดที่สอง\r\rสาม\n\n ")).toBe("บรรทัดแรก\n  บรรทัดที่สอง\n\nสาม");
    expect(normalizeText(42)).toBe("");
  });

  it("accepts real calendar days only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2569-01-01")).toBe(false); // a B.E. year typed by hand
    expect(isIsoDate("2026-1-5")).toBe(false);
    expect(isIsoDate("")).toBe(false);
  });
});

describe("a measure drafted from a visitor's suggestion (issue 15)", () => {
  it("takes its first line as the title, without the markers, and quotes it whole as the first step", () => {
    const text = `ที่จอดรถไม่พอ โทร ${PERSONAL_DATA_MARKER} ครับ\nควรเพิ่มที่จอดรถด้านหลังอาคาร`;
    expect(draftFromSuggestion(text, 2570)).toEqual({
      title: "ที่จอดรถไม่พอ โทร ครับ",
      steps: [`พิจารณาข้อเสนอแนะของผู้รับบริการ: “${text}”`],
      unitIds: [],
      period: "ตลอดปี ๗๐",
      followUp: "รายงานผลการดำเนินการให้ผู้บริหารทราบ และแจ้งผลให้ผู้รับบริการทราบที่จุดให้บริการ",
      targets: [],
    });
    expect(draftFromSuggestion("Parking", 2570, "en")).toMatchObject({ title: "Parking", period: "All of 2027" });
  });

  it("fits the form's limits: a long title cut at a word, a step of at most the step limit", () => {
    const long = `${"ที่จอดรถไม่พอ ".repeat(40)}${PERSONAL_DATA_MARKER.repeat(30)}`;
    const draft = draftFromSuggestion(long, 2570);
    expect(draft.title.length).toBeLessThanOrEqual(121);
    expect(draft.title.endsWith("ไม่พอ…")).toBe(true);
    expect(draft.steps[0]!.length).toBeLessThanOrEqual(LIMITS.step);
    expect(draft.steps[0]!.endsWith("…”")).toBe(true);
  });
});
