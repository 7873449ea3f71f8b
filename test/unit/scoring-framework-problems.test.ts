import { describe, expect, it } from "vitest";
import { listFrameworkProblems, requireValidFramework } from "../../app/scoring";
import type { Framework } from "../../app/scoring/framework";
import { fixtureFramework as fw } from "../fixtures/framework-fixture";

describe("listFrameworkProblems", () => {
  it("finds nothing wrong with the fixture", () => {
    expect(listFrameworkProblems(fw)).toEqual([]);
    expect(requireValidFramework(fw)).toBe(fw);
  });

  const broken: [string, (f: Framework) => Framework, RegExp][] = [
    ["weights that do not add up to 1", (f) => ({ ...f, instruments: f.instruments.map((i) => ({ ...i, weight: 0.3 })) }), /weights add up to 0\.9, not 1/],
    ["levels listed upwards", (f) => ({ ...f, levels: [...f.levels].reverse() }), /is not listed below level/],
    ["levels that do not reach 0", (f) => ({ ...f, levels: f.levels.slice(0, -1) }), /lowest level does not start at 0/],
    ["a pass mark above 100", (f) => ({ ...f, passMark: 850 }), /passMark 850/],
    ["an option score above 100", (f) => ({ ...f, scales: { ...f.scales, "YN+": { ...f.scales["YN+"]!, options: [{ value: 1, title: { th: "มี", en: "yes" }, score: 1000 }] } } }), /YN\+, value 1 has score 1000/],
    ["a field with an unknown scale", (f) => ({ ...f, items: [{ ...f.items[0]!, fields: [{ name: "i1_1", scale: "L5", title: null }] }, ...f.items.slice(1)] }), /field i1_1 names an unknown scale L5/],
    ["a duplicated field name", (f) => ({ ...f, items: [...f.items, { ...f.items[1]!, code: "i99" }] }), /field i2 is defined twice/],
    ["an item under a checklist indicator", (f) => ({ ...f, items: [...f.items, { ...f.items[1]!, code: "i99", indicator: "4", fields: [] }] }), /item i99 belongs to indicator 4, which is not a survey indicator/],
    ["a sub-indicator under a survey indicator", (f) => ({ ...f, subIndicators: [...f.subIndicators, { ...f.subIndicators[0]!, code: "1.1", indicator: "1", items: [] }] }), /sub-indicator 1\.1 belongs to indicator 1/],
    ["an unknown EIT default group", (f) => ({ ...f, sampleSize: { ...f.sampleSize, eit: { ...f.sampleSize.eit, defaultGroup: "x" } } }), /defaultGroup x is not one of the groups/],
    ["an indicator without items", (f) => ({ ...f, items: f.items.filter((i) => i.indicator !== "3") }), /indicator 3 has no items/],
  ];

  it.each(broken)("reports %s", (_case, breakIt, message) => {
    const f = breakIt(fw);
    expect(listFrameworkProblems(f).join("\n")).toMatch(message);
    expect(() => requireValidFramework(f)).toThrow(message);
  });
});
