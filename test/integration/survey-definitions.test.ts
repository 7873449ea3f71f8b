/**
 * The survey definitions of surveys/ita-2565 are the contract between SurveyJS, scoring and storage
 * (ARCHITECTURE.md §3.7): every answer question of iit.json / eit.json must be a field of framework.json,
 * with the same item, indicator and scale, and the framework must follow ITA-METHOD.md §1–§3.
 */
import { readFileSync } from "node:fs";
import { Model, Serializer, surveyLocalization, type Question } from "survey-core";
import { describe, expect, it } from "vitest";
import type { Framework, SubIndicator } from "../../app/scoring/framework";
import { registerSurveyProperties } from "../../app/lib/survey-properties";

const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../surveys/ita-2565/${name}`, import.meta.url), "utf8"));

const framework = readJson("framework.json") as Omit<Framework, "subIndicators">;
const oit = readJson("oit.json") as { framework: string; subIndicators: SubIndicator[] };
const surveys = { iit: readJson("iit.json"), eit: readJson("eit.json") } as const;

registerSurveyProperties(Serializer);

const expected = {
  iit: { prefix: "i", items: 30, fields: 51 },
  eit: { prefix: "e", items: 15, fields: 19 },
} as const;

function itemsOf(instrument: "iit" | "eit") {
  const indicators = new Set(framework.indicators.filter((i) => i.instrument === instrument).map((i) => i.code));
  return framework.items.filter((item) => indicators.has(item.indicator));
}

/** The scored questions: every question but html blocks and the free-text suggestion (framework.json › suggestion). */
function answerQuestions(model: Model): Question[] {
  return model.getAllQuestions().filter((q) => q.getType() !== "html" && q.name !== framework.suggestion?.name);
}

/** Every place in `value` where an object has a "default" key, with its path. */
function localizedWithoutEnglish(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => localizedWithoutEnglish(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  const obj = value as Record<string, unknown>;
  const own =
    "default" in obj && !(typeof obj.en === "string" && obj.en.trim() !== "") ? [`${path} has no English text`] : [];
  return own.concat(Object.entries(obj).flatMap(([k, v]) => localizedWithoutEnglish(v, `${path}.${k}`)));
}

/** Every {th, en} object of framework.json / oit.json must have both texts. */
function incompleteThEn(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => incompleteThEn(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  const obj = value as Record<string, unknown>;
  const isLocalized = "th" in obj || "en" in obj;
  const bad = (v: unknown) => !(typeof v === "string" && v.trim() !== "");
  const own = isLocalized && (bad(obj.th) || bad(obj.en)) ? [`${path} lacks th or en`] : [];
  return own.concat(Object.entries(obj).flatMap(([k, v]) => incompleteThEn(v, `${path}.${k}`)));
}

describe("survey-properties", () => {
  it("registers itaItem, itaIndicator and itaScale once, hidden from the creator", () => {
    registerSurveyProperties(Serializer);
    registerSurveyProperties(Serializer);
    for (const name of ["itaItem", "itaIndicator", "itaScale"]) {
      const prop = Serializer.findProperty("question", name);
      expect(prop, name).toBeTruthy();
      expect(prop.visible).toBe(false);
      expect(Serializer.getPropertiesByObj({ getType: () => "radiogroup" }).filter((p) => p.name === name)).toHaveLength(1);
    }
  });
});

describe("framework.json", () => {
  it("has the IIT and EIT items and answer fields of ITA-METHOD §3", () => {
    for (const instrument of ["iit", "eit"] as const) {
      const { prefix, items, fields } = expected[instrument];
      const own = itemsOf(instrument);
      expect(own.map((i) => i.code)).toEqual(Array.from({ length: items }, (_, k) => `${prefix}${k + 1}`));
      expect(own.flatMap((i) => i.fields)).toHaveLength(fields);
    }
    expect(framework.items).toHaveLength(45);
  });

  it("names fields after their item and uses only known scales", () => {
    const names = framework.items.flatMap((i) => i.fields.map((f) => f.name));
    expect(new Set(names).size).toBe(names.length);
    for (const item of framework.items) {
      if (item.fields.length === 1 && item.fields[0]!.title === null) {
        expect(item.fields[0]!.name).toBe(item.code);
      } else {
        item.fields.forEach((f, k) => {
          expect(f.name).toBe(`${item.code}_${k + 1}`);
          expect(f.title).not.toBeNull();
        });
      }
      for (const f of item.fields) expect(Object.keys(framework.scales), f.name).toContain(f.scale);
    }
  });

  it("scores the scales as ITA-METHOD §2 says, at full precision", () => {
    const l4 = [0, 100 / 3, 200 / 3, 100];
    const score = (code: string) => framework.scales[code]!.options.map((o) => [o.value, o.score]);
    expect(score("L4+")).toEqual([1, 2, 3, 4].map((v, k) => [v, l4[k]]));
    expect(score("L4-")).toEqual([1, 2, 3, 4].map((v, k) => [v, l4[3 - k]]));
    expect(score("YN+")).toEqual([[1, 100], [0, 0]]);
    expect(score("YN-")).toEqual([[1, 0], [0, 100]]);
    for (const [code, scale] of Object.entries(framework.scales)) expect(scale.code).toBe(code);
  });

  it("ties every indicator to an instrument whose weights add to 1, and sorts the levels", () => {
    const instruments = new Set(framework.instruments.map((i) => i.code));
    expect(framework.indicators.map((i) => i.code)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    for (const indicator of framework.indicators) expect(instruments).toContain(indicator.instrument);
    for (const item of framework.items) {
      expect(framework.indicators.map((i) => i.code), item.code).toContain(item.indicator);
    }
    const total = framework.instruments.reduce((sum, i) => sum + i.weight, 0);
    expect(total).toBeCloseTo(1, 12);
    const mins = framework.levels.map((l) => l.min);
    expect(mins).toEqual([...mins].sort((a, b) => b - a));
    expect(new Set(mins).size).toBe(mins.length);
    expect(mins.at(-1)).toBe(0);
    expect(framework.levels.map((l) => l.code)).toEqual(["AA", "A", "B", "C", "D", "E", "F"]);
    for (const level of framework.levels) expect(level.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(framework.passMark).toBe(85);
  });

  it("has a sample-size default group that exists", () => {
    const groups = framework.sampleSize.eit.groups.map((g) => g.code);
    expect(groups).toContain(framework.sampleSize.eit.defaultGroup);
    expect(new Set(groups).size).toBe(groups.length);
  });

  it("gives every Thai text an English counterpart", () => {
    expect(incompleteThEn(framework)).toEqual([]);
    expect(incompleteThEn(oit)).toEqual([]);
  });
});

describe("oit.json", () => {
  it("has the 7 sub-indicators and the 43 items o1–o43 in order", () => {
    expect(oit.framework).toBe(framework.id);
    expect(oit.subIndicators.map((s) => s.code)).toEqual(["9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"]);
    for (const s of oit.subIndicators) {
      expect(s.code.startsWith(`${s.indicator}.`)).toBe(true);
      expect(framework.indicators.find((i) => i.code === s.indicator)?.instrument).toBe("oit");
      expect(s.items.length).toBeGreaterThan(0);
    }
    const codes = oit.subIndicators.flatMap((s) => s.items.map((i) => i.code));
    expect(codes).toEqual(Array.from({ length: 43 }, (_, k) => `o${k + 1}`));
  });
});

describe.each(["iit", "eit"] as const)("%s.json (SurveyJS)", (instrument) => {
  const json = surveys[instrument];

  it("loads in survey-core without JSON errors", () => {
    const model = new Model(json);
    const errors = (model.jsonErrors ?? []).map((e) => `${e.message}`);
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it("has exactly the framework's fields as answer questions, with their item, indicator, scale and choices", () => {
    const model = new Model(json);
    const questions = answerQuestions(model);
    const items = itemsOf(instrument);
    const fields = items.flatMap((item) => item.fields.map((field) => ({ item, field })));
    expect(questions.map((q) => q.name).sort()).toEqual(fields.map((f) => f.field.name).sort());
    expect(questions).toHaveLength(expected[instrument].fields);

    for (const { item, field } of fields) {
      const q = model.getQuestionByName(field.name) as Question & Record<string, unknown>;
      expect(q.getType(), field.name).toBe("radiogroup");
      expect(q.isRequired, field.name).toBe(true);
      expect(q.itaItem, field.name).toBe(item.code);
      expect(q.itaIndicator, field.name).toBe(item.indicator);
      expect(q.itaScale, field.name).toBe(field.scale);
      const choices = (q as unknown as { choices: { value: unknown }[] }).choices.map((c) => c.value);
      expect(choices, field.name).toEqual(framework.scales[field.scale]!.options.map((o) => o.value));
    }
  });

  it("puts one item on each page, in order", () => {
    const model = new Model(json);
    const pages = model.pages.filter((p) => answerQuestions(model).some((q) => q.page === p));
    expect(pages.map((p) => p.name)).toEqual(itemsOf(instrument).map((i) => `p_${i.code}`));
    for (const page of pages) {
      const codes = new Set(page.questions.filter((q) => q.getType() !== "html").map((q) => (q as unknown as { itaItem: string }).itaItem));
      expect([...codes]).toEqual([page.name.slice(2)]);
    }
  });

  it("gives every Thai string an English counterpart", () => {
    expect(localizedWithoutEnglish(json)).toEqual([]);
  });

  it(instrument === "eit" ? "ends with the optional suggestion, free text of at most 1,000 characters that says what is removed" : "has no free text (a colleague can be recognised by how they write)", () => {
    const model = new Model(json);
    const texts = model.getAllQuestions().filter((q) => ["comment", "text"].includes(q.getType()));
    if (instrument === "iit") {
      expect(texts).toEqual([]);
      return;
    }
    expect(framework.suggestion).toMatchObject({ instrument: "eit", name: "eit_suggestion", maxLength: 1000 });
    expect(texts.map((q) => q.name)).toEqual([framework.suggestion!.name]);
    const question = texts[0] as Question & { maxLength: number; description: string };
    expect(question.getType()).toBe("comment");
    expect(question.isRequired).toBe(false);
    expect(question.maxLength).toBe(1000);
    // On the last page, alone, after every scored question.
    expect(model.pages.at(-1)!.questions).toEqual([question]);
    const previous = surveyLocalization.defaultLocale;
    surveyLocalization.defaultLocale = "th";
    try {
      model.locale = "th";
      expect(question.title).toBe("ข้อเสนอแนะเพิ่มเติม");
      expect(question.description).toContain("หมายเลขโทรศัพท์ เลขประจำตัวประชาชน อีเมล หรือไลน์ไอดี ระบบจะลบออกก่อนบันทึก");
      expect(question.description).toContain("ไม่นำไปคิดคะแนน");
      model.locale = "en";
      expect(question.title).toBe("Any other suggestions");
      expect(question.description).toContain("Phone numbers, citizen ID numbers, e-mail addresses and LINE IDs are removed");
    } finally {
      surveyLocalization.defaultLocale = previous;
    }
  });

  it("shows Thai by default and English when the locale is en (with th as the default locale)", () => {
    const previous = surveyLocalization.defaultLocale;
    surveyLocalization.defaultLocale = "th";
    try {
      const model = new Model(json);
      const first = answerQuestions(model)[0]!;
      const thaiScript = /[\u0E00-\u0E7F]/;
      model.locale = "th";
      expect(model.title).toMatch(thaiScript);
      expect(first.title).toMatch(thaiScript);
      model.locale = "en";
      expect(model.title).not.toMatch(thaiScript);
      expect(first.title).not.toMatch(thaiScript);
    } finally {
      surveyLocalization.defaultLocale = previous;
    }
  });
});
