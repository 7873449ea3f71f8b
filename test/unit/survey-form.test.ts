/**
 * The respondent page's HTML form as data (app/services/survey-form.ts): every shipped definition is drawn
 * whole (no element type left out, every answer field of the framework a question of the form, the
 * required marks and choices as the definition has them), and a posted form becomes the submission the
 * JSON endpoint takes, which the one validation then judges (app/services/validate-answers.ts).
 */
import { describe, expect, it } from "vitest";
import { getFramework, getSurveyJson } from "../../app/lib/frameworks.server";
import { listInstrumentFields, checkAnswers } from "../../app/services/validate-answers";
import { answersFromForm, buildSurveyForm, countAnsweredInForm, DRAWN_ELEMENT_TYPES, surveyFormOf, valuesFromForm } from "../../app/services/survey-form";
import { type SurveyDefinition, walkSurveyElements } from "../../app/services/survey-definition";

const SHIPPED = [
  ["ita-2565", "eit"],
  ["ita-2565", "iit"],
  ["ita-2569", "eit"],
  ["ita-2569", "iit"],
] as const;

describe.each(SHIPPED)("the form of %s %s", (frameworkId, instrument) => {
  const json = getSurveyJson(frameworkId, instrument);
  const definition = JSON.parse(json) as SurveyDefinition;
  const form = surveyFormOf(json);
  const framework = getFramework(frameworkId);

  it("draws every element type the definition uses", () => {
    const used = new Set((definition.pages ?? []).flatMap((p) => [...walkSurveyElements(p.elements)].map((v) => v.element.type)));
    expect([...used].filter((type) => !DRAWN_ELEMENT_TYPES.has(type))).toEqual([]);
  });

  it("has one question per answer field of the framework, required, with the scale's choices", () => {
    const fields = listInstrumentFields(framework, instrument);
    const choiceQuestions = form.questions.filter((q) => q.kind === "choice");
    expect(choiceQuestions.map((q) => q.name)).toEqual(fields.map((f) => f.name));
    for (const field of fields) {
      const question = choiceQuestions.find((q) => q.name === field.name)!;
      expect(question.required, field.name).toBe(true);
      expect(question.choices.map((c) => c.value).sort(), field.name).toEqual(framework.scales[field.scale]!.options.map((o) => o.value).sort());
      expect(question.item, field.name).toBeTruthy();
    }
    // The EIT's suggestion is the one text question, optional, with its limit.
    const texts = form.questions.filter((q) => q.kind === "text");
    expect(texts.map((q) => [q.name, q.required, q.maxLength])).toEqual(instrument === "eit" ? [[framework.suggestion!.name, false, 1000]] : []);
    // One section per SurveyJS page, in order, titled as the pages are.
    expect(form.sections.map((s) => s.name)).toEqual((definition.pages ?? []).map((p) => p.name));
  });

  it("counts questions as the page titles number them", () => {
    const total = instrument === "eit" ? 15 : 30;
    expect(countAnsweredInForm(form, () => false)).toEqual({ answered: 0, total });
    expect(countAnsweredInForm(form, () => true)).toEqual({ answered: total, total });
  });

  it("turns a whole form into answers the validation accepts, and a form with one left out into its error", () => {
    const params = new URLSearchParams([["submissionId", "x".repeat(32)], ["startStamp", "s1.0.x"]]);
    for (const question of form.questions) {
      if (question.kind === "choice") params.append(question.name, String(question.choices.at(-1)!.value));
      else params.append(question.name, "ขอที่จอดรถเพิ่ม โทร 081-234-5678");
    }
    const answers = answersFromForm(form, params);
    expect(Object.keys(answers)).not.toContain("submissionId");
    const checked = checkAnswers(framework, instrument, answers);
    expect(checked.ok).toBe(true);
    if (checked.ok && instrument === "eit") expect(checked.suggestion).not.toContain("081-234-5678");

    const first = form.questions[0]!.name;
    params.delete(first);
    const missing = checkAnswers(framework, instrument, answersFromForm(form, params));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(Object.keys(missing.errors)).toEqual([first]);
  });
});

describe("answersFromForm leaves judging to the validation", () => {
  const form = buildSurveyForm(JSON.parse(getSurveyJson("ita-2569", "eit")) as SurveyDefinition);

  it("sends on what no choice has, a field sent twice and a name no question has, as they came", () => {
    const params = new URLSearchParams([["e2", "7"], ["e3", "3"], ["e3", "4"], ["nope", "1"], ["e5", " 2"], ["eit_suggestion", "   "]]);
    expect(answersFromForm(form, params)).toEqual({ e2: "7", e3: ["3", "4"], nope: "1", e5: " 2" });
    const checked = checkAnswers(getFramework("ita-2569"), "eit", answersFromForm(form, params));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors)).toEqual(expect.arrayContaining(["e2", "e3", "nope", "e5", "e1_1"]));
  });

  it("takes a choice back to the definition's number, and keeps the values to draw the form again", () => {
    const params = new URLSearchParams([["e4_1", "0"], ["e4_2", "1"], ["__proto__", "x"]]);
    expect(answersFromForm(form, params)).toEqual({ e4_1: 0, e4_2: 1, ["__proto__"]: "x" });
    expect(Object.getPrototypeOf(answersFromForm(form, params))).toBe(Object.prototype);
    expect(valuesFromForm(params)).toMatchObject({ e4_1: "0", e4_2: "1" });
  });
});
