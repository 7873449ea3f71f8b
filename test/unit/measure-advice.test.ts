/**
 * The framework's advice (surveys/ita-2565/advice.json): a proposed measure for every indicator and
 * every IIT/EIT item, a template for failing OIT items, nothing for codes the framework does not know,
 * and a validator that catches each kind of mistake in the data file.
 */
import { describe, expect, it } from "vitest";
import { getFramework, getFrameworkAdvice } from "../../app/lib/frameworks.server";
import { listAdviceProblems } from "../../app/scoring/advice-problems";
import type { FrameworkAdvice } from "../../app/scoring/framework";

const framework = getFramework("ita-2565");
const advice = getFrameworkAdvice("ita-2565");

function copy(): FrameworkAdvice {
  return structuredClone(advice);
}

describe("advice of ITA 2565", () => {
  it("has a proposed measure for every indicator 1–10 and every item i1–i30, e1–e15, and no other code", () => {
    expect(Object.keys(advice.indicators).sort()).toEqual(framework.indicators.map((i) => i.code).sort());
    expect(Object.keys(advice.indicators)).toHaveLength(10);
    const iit = Array.from({ length: 30 }, (_, n) => `i${n + 1}`);
    const eit = Array.from({ length: 15 }, (_, n) => `e${n + 1}`);
    expect(Object.keys(advice.items).sort()).toEqual([...iit, ...eit].sort());
    expect(listAdviceProblems(framework, advice)).toEqual([]);
  });

  it("writes the reference document's measures for the classic weak spots", () => {
    expect(advice.items.i20!.title.th).toContain("ขั้นตอนการขอยืมทรัพย์สินของทางราชการ");
    expect(advice.items.i20!.steps.map((s) => s.th).join(" ")).toContain("เผยแพร่");
    expect(advice.items.e14!.steps[0]!.th).toContain("เปิดโอกาสให้ผู้รับบริการ ผู้มาติดต่อ หรือผู้มีส่วนได้ส่วนเสีย");
    expect(advice.items.e11!.steps[0]!.th).toContain("เพิ่มกลไกการปรับปรุงคุณภาพการปฏิบัติงาน/การให้บริการ");
    expect(advice.indicators["8"]!.title.th).toBe("การปรับปรุงระบบการทำงาน");
    expect(advice.checklistItem.title.th).toContain("{title}");
    expect(advice.checklistItem.steps.map((s) => s.th).join(" ")).toContain("{requirement}");
    expect(advice.checklistItem.title.th).toContain("เว็บไซต์หลักของหน่วยงาน");
  });

  it("reports a missing code, an unknown code, a missing translation and an unknown placeholder", () => {
    const broken = copy();
    delete broken.items.i20;
    broken.items.i99 = broken.items.i1!;
    broken.indicators["4"]!.followUp = { th: "รายงานผู้บริหาร", en: "" };
    broken.indicators["1"]!.period = { th: "ตลอดปี {yaer}", en: "All year" };
    broken.checklistItem.steps = [];
    expect(listAdviceProblems(framework, broken)).toEqual(
      expect.arrayContaining([
        "item i20 has no advice",
        "advice names unknown item i99",
        "indicator 4: followUp has no en text",
        "indicator 1: period (th) has unknown placeholder {yaer}",
        "the OIT checklist template has no steps",
      ]),
    );
  });

  it("allows the OIT placeholders only in the OIT template", () => {
    const broken = copy();
    broken.items.e15!.title = { th: "เผยแพร่{title}", en: "Publish {title}" };
    expect(listAdviceProblems(framework, broken)).toEqual([
      "item e15: title (th) has unknown placeholder {title}",
      "item e15: title (en) has unknown placeholder {title}",
    ]);
  });
});
