/**
 * The EIT's suggestion as data (issue 15, item 3): framework.json › suggestion names a free-text question
 * of eit.json; the answers' check takes it apart from the scored answers, refuses what is not text or is
 * too long, and hands it back scrubbed; a framework that puts it on the IIT, or whose survey disagrees
 * with it, is refused by the loader's checks.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getFramework } from "../../app/lib/frameworks.server";
import { readFrameworkFolder } from "../../app/lib/framework-files.server";
import { PERSONAL_DATA_MARKER } from "../../app/lib/personal-data";
import { computeRoundScores, listFrameworkProblems } from "../../app/scoring";
import { checkAnswers } from "../../app/services/validate-answers";
import { makeAnswers } from "../support/fixtures";
import { ROOT } from "../support/paths";

const framework = getFramework("ita-2565");
const name = framework.suggestion!.name;

describe("checkAnswers and the suggestion", () => {
  it.each(["ita-2565", "ita-2569"])("%s: the EIT has the suggestion, the IIT none", (id) => {
    expect(getFramework(id).suggestion).toEqual({ instrument: "eit", name: "eit_suggestion", maxLength: 1000, title: { th: "ข้อเสนอแนะเพิ่มเติม", en: "Any other suggestions" } });
  });

  it("takes it apart from the answers, scrubbed and trimmed; the answers stay numbers", () => {
    const answers = makeAnswers("eit");
    const checked = checkAnswers(framework, "eit", { ...answers, [name]: "  ที่จอดรถไม่พอ โทร 081-234-5678\r\nขอบคุณครับ  " });
    expect(checked).toEqual({ ok: true, answers, suggestion: `ที่จอดรถไม่พอ โทร ${PERSONAL_DATA_MARKER}\nขอบคุณครับ` });
    if (!checked.ok) return;
    expect(Object.values(checked.answers).every((v) => typeof v === "number")).toBe(true);
    // Scoring never meets it: the answers it scores are the same with or without a suggestion.
    const tallies = Object.entries(checked.answers).map(([field, value]) => ({ instrument: "eit" as const, field, value, count: 1 }));
    expect(() => computeRoundScores(framework, tallies)).not.toThrow();
  });

  it("is optional: absent, empty or blank is none", () => {
    const answers = makeAnswers("eit");
    expect(checkAnswers(framework, "eit", answers)).toEqual({ ok: true, answers, suggestion: null });
    expect(checkAnswers(framework, "eit", { ...answers, [name]: "" })).toEqual({ ok: true, answers, suggestion: null });
    expect(checkAnswers(framework, "eit", { ...answers, [name]: " \n\t " })).toEqual({ ok: true, answers, suggestion: null });
  });

  it("takes 1,000 characters and refuses 1,001, in Thai first", () => {
    const answers = makeAnswers("eit");
    const thousand = "ก".repeat(1000);
    expect(checkAnswers(framework, "eit", { ...answers, [name]: thousand })).toEqual({ ok: true, answers, suggestion: thousand });
    expect(checkAnswers(framework, "eit", { ...answers, [name]: `${thousand}ข` })).toEqual({
      ok: false,
      errors: { [name]: { th: "ข้อเสนอแนะยาวได้ไม่เกิน 1,000 ตัวอักษร", en: "The suggestion may have at most 1,000 characters." } },
    });
  });

  it.each([[42], [null], [["ข้อความ"]], [{ text: "ข้อความ" }], [true]])("refuses %j: not text", (value) => {
    const checked = checkAnswers(framework, "eit", { ...makeAnswers("eit"), [name]: value });
    expect(checked).toEqual({ ok: false, errors: { [name]: { th: "ข้อเสนอแนะต้องเป็นข้อความ", en: "The suggestion must be text." } } });
  });

  it("refuses control characters (PostgreSQL's text cannot hold a NUL)", () => {
    for (const text of ["ก\u0000ข", "\u001b[31m", "ก\u007f"]) {
      expect(checkAnswers(framework, "eit", { ...makeAnswers("eit"), [name]: text }).ok, JSON.stringify(text)).toBe(false);
    }
  });

  it("refuses free text on the IIT: no such question there", () => {
    const answers = makeAnswers("iit");
    const checked = checkAnswers(framework, "iit", { ...answers, [name]: "ข้อความ" });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors)).toEqual([name]);
    // Nor text in place of a scored answer, on either.
    expect(checkAnswers(framework, "iit", { ...answers, i1_1: "มาก" }).ok).toBe(false);
    expect(checkAnswers(framework, "eit", { ...makeAnswers("eit"), e2: "ดี" }).ok).toBe(false);
  });
});

describe("the framework's checks of the suggestion", () => {
  const problemsWith = (suggestion: unknown) => listFrameworkProblems({ ...framework, suggestion } as typeof framework).filter((p) => p.includes("suggestion"));

  it("accepts the shipped one", () => {
    expect(problemsWith(framework.suggestion)).toEqual([]);
  });

  it("refuses it on the IIT, on the OIT, under a field's name, or longer than 1,000", () => {
    expect(problemsWith({ ...framework.suggestion, instrument: "iit" })).toEqual([
      "framework.json › suggestion.instrument: no free text on the IIT: a colleague can be recognised by how they write",
    ]);
    expect(problemsWith({ ...framework.suggestion, instrument: "oit" })).toEqual(["framework.json › suggestion.instrument: oit is not a survey instrument of the framework"]);
    expect(problemsWith({ ...framework.suggestion, name: "e15" })).toEqual(["framework.json › suggestion.name: e15 is also an answer field"]);
    expect(problemsWith({ ...framework.suggestion, maxLength: 1001 })).toEqual(["framework.json › suggestion.maxLength: 1001 is not a whole number of characters from 1 to 1000"]);
    expect(problemsWith({ ...framework.suggestion, title: { th: "ข้อเสนอแนะ" } })).toEqual(["framework.json › suggestion.title: a title in Thai and English is required"]);
  });

  describe("against the survey (a copy of the framework's folder)", () => {
    let dir = "";
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function copyWith(edit: (eit: { pages: { elements: Record<string, unknown>[] }[] }) => void): string {
      dir = mkdtempSync(join(tmpdir(), "prongsai-suggestion-"));
      const folder = join(dir, "ita-2565");
      cpSync(join(ROOT, "surveys", "ita-2565"), folder, { recursive: true });
      const eit = JSON.parse(readFileSync(join(folder, "eit.json"), "utf8"));
      edit(eit);
      writeFileSync(join(folder, "eit.json"), JSON.stringify(eit));
      return folder;
    }
    const suggestionOf = (eit: { pages: { elements: Record<string, unknown>[] }[] }) => eit.pages.at(-1)!.elements[0]!;

    it("reads the shipped folder without a problem", () => {
      expect(readFrameworkFolder(copyWith(() => undefined)).problems).toEqual([]);
    });

    it("refuses a required suggestion, another length, another type, or none", () => {
      expect(readFrameworkFolder(copyWith((eit) => (suggestionOf(eit).isRequired = true))).problems).toEqual(["eit.json › eit_suggestion.isRequired: the suggestion is optional"]);
      expect(readFrameworkFolder(copyWith((eit) => (suggestionOf(eit).maxLength = 5000))).problems).toEqual([
        "eit.json › eit_suggestion.maxLength: 5000, where framework.json › suggestion.maxLength says 1000",
      ]);
      expect(readFrameworkFolder(copyWith((eit) => (suggestionOf(eit).type = "text"))).problems).toEqual(['eit.json › eit_suggestion.type: the suggestion is free text, a "comment" question, not "text"']);
      expect(readFrameworkFolder(copyWith((eit) => eit.pages.pop())).problems).toEqual([
        "eit.json › eit_suggestion: the suggestion of framework.json must be one question of this survey (found 0)",
      ]);
    });
  });
});

describe("a suggestion the survey page scrubbed already", () => {
  it("is taken at the length the visitor's textarea counted: each marker as one character", () => {
    // 1,000 characters as typed, ten of them phone numbers of 10 digits: 1,090 once the page put its markers in.
    const phone = "0812345678";
    const typed = `${"ก".repeat(1000 - 10 * (phone.length + 1))}${` ${phone}`.repeat(10)}`;
    expect(typed).toHaveLength(1000);
    const sent = typed.replaceAll(phone, PERSONAL_DATA_MARKER);
    expect(sent.length).toBeGreaterThan(1000);
    const checked = checkAnswers(framework, "eit", { ...makeAnswers("eit"), [name]: sent });
    expect(checked.ok && checked.suggestion).toBe(sent);
    // but not a text of markers only, longer than twice the limit
    expect(checkAnswers(framework, "eit", { ...makeAnswers("eit"), [name]: PERSONAL_DATA_MARKER.repeat(120) }).ok).toBe(false);
  });
});
