/** The CSV export's reader of stored answers must read what JSON.parse reads, for the shape answers are stored in. */
import { describe, expect, it } from "vitest";
import { getFramework } from "../../app/lib/frameworks.server";
import { indexAnswerFields, scanAnswers } from "../../app/services/export/scan-answers";
import { listInstrumentFields } from "../../app/services/validate-answers";

function scan(text: string, names: string[]): Record<string, number> {
  const found: Record<string, number> = {};
  scanAnswers(text, indexAnswerFields(names), (position, value) => {
    found[names[position]!] = value;
  });
  return found;
}

describe("scanAnswers", () => {
  it.each([
    ["{}", {}],
    ['{"i1_1":4}', { i1_1: 4 }],
    ['{"i1_1":4,"i1_2":1,"i2":0}', { i1_1: 4, i1_2: 1, i2: 0 }],
    ['{"i1_1": 4, "i2" : 12}', { i1_1: 4, i2: 12 }],
    ['{"i2":-3}', { i2: -3 }],
  ])("%s → %j", (text, expected) => {
    expect(scan(text, ["i1_1", "i1_2", "i2"])).toEqual(expected);
  });

  it("skips fields it was not asked for", () => {
    expect(scan('{"e1":4,"i2":3,"x":1}', ["i2"])).toEqual({ i2: 3 });
  });

  it("finds fields by name when two names have the same hash (Aa and BB)", () => {
    expect(indexAnswerFields(["Aa", "BB"]).byHash).toBeNull();
    expect(scan('{"Aa":1,"BB":2}', ["Aa", "BB"])).toEqual({ Aa: 1, BB: 2 });
  });

  it("reads every stored answer of the real IIT and EIT as JSON.parse does", () => {
    const framework = getFramework("ita-2565");
    for (const instrument of ["iit", "eit"] as const) {
      const names = listInstrumentFields(framework, instrument).map((f) => f.name);
      expect(indexAnswerFields(names).byHash).not.toBeNull();
      const answers = Object.fromEntries(names.map((name, n) => [name, n % 5]));
      // As submit-response stores them: JSON.stringify of the checked answers.
      expect(scan(JSON.stringify(answers), names)).toEqual(answers);
    }
  });
});
