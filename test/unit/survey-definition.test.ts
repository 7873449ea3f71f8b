/** The one reader of SurveyJS definitions: texts, the walk over elements, and the question wording. */
import { describe, expect, it } from "vitest";
import { getSurveyJson } from "../../app/lib/frameworks.server";
import {
  listQuestionWording,
  localizeSurveyText,
  readSurveyText,
  walkSurveyElements,
  type SurveyDefinition,
  type SurveyElement,
} from "../../app/services/survey-definition";

describe("readSurveyText and localizeSurveyText", () => {
  it.each([
    ["ข้อความ", "th", "ข้อความ"],
    ["ข้อความ", "en", "ข้อความ"],
    [{ default: "ไทย", en: "English" }, "th", "ไทย"],
    [{ default: "ไทย", en: "English" }, "en", "English"],
    [{ default: "ไทย" }, "en", "ไทย"],
    [undefined, "th", ""],
  ] as const)("%j in %s → %j", (text, lang, expected) => {
    expect(readSurveyText(text, lang)).toBe(expected);
  });

  it("gives both languages, or null without a Thai text", () => {
    expect(localizeSurveyText({ default: "ไทย", en: "English" })).toEqual({ th: "ไทย", en: "English" });
    expect(localizeSurveyText("ไทย")).toEqual({ th: "ไทย", en: "ไทย" });
    expect(localizeSurveyText({ en: "English" })).toBeNull();
    expect(localizeSurveyText(undefined)).toBeNull();
  });
});

describe("walkSurveyElements", () => {
  it("meets every element depth first, a panel before its own elements, each with its panel", () => {
    const inner: SurveyElement = { type: "panel", name: "inner", elements: [{ type: "radiogroup", name: "b" }] };
    const outer: SurveyElement = { type: "panel", name: "outer", elements: [{ type: "radiogroup", name: "a" }, inner] };
    const visits = [...walkSurveyElements([{ type: "html", name: "intro" }, outer, { type: "radiogroup", name: "c" }])];
    expect(visits.map((v) => [v.element.name, v.panel?.name ?? null])).toEqual([
      ["intro", null],
      ["outer", null],
      ["a", "outer"],
      ["inner", "outer"],
      ["b", "inner"],
      ["c", null],
    ]);
  });
});

describe("listQuestionWording on surveys/ita-2565", () => {
  const iit = listQuestionWording(JSON.parse(getSurveyJson("ita-2565", "iit")) as SurveyDefinition);
  const eit = listQuestionWording(JSON.parse(getSurveyJson("ita-2565", "eit")) as SurveyDefinition);

  it("has every IIT and EIT item (ITA-METHOD §3: 30 and 15)", () => {
    expect([...iit.keys()]).toEqual(Array.from({ length: 30 }, (_, k) => `i${k + 1}`));
    expect([...eit.keys()]).toEqual(Array.from({ length: 15 }, (_, k) => `e${k + 1}`));
  });

  it("takes the panel's title for an item with sub-items (i1) and the question's own for one without (i20)", () => {
    expect(iit.get("i1")?.th).toBe("บุคลากรในหน่วยงานของท่าน ปฏิบัติงาน/ให้บริการแก่ผู้มาติดต่อ ตามประเด็นดังต่อไปนี้ มากน้อยเพียงใด");
    expect(iit.get("i1")?.en).toBe("How far do the staff of your agency work for or serve visitors in the following respects?");
    expect(iit.get("i20")?.th).toBe("ขั้นตอนการขออนุญาตเพื่อยืมทรัพย์สินของราชการ ไปใช้ปฏิบัติงานในหน่วยงานของท่าน มีความสะดวกมากน้อยเพียงใด");
  });
});
