/**
 * The one dictionary lookup (defineTexts in app/text/i18n.ts): Thai or English by key, placeholders
 * filled by fill(), and the values a text needs checked by the type checker (`npm test` runs tsc, so the
 * @ts-expect-error lines below fail the build if a missing or unknown value stops being an error).
 */
import { describe, expect, it } from "vitest";
import { defineTexts, pick, type TextKey } from "../../app/text/i18n";

const say = defineTexts({
  title: { th: "รอบการประเมิน", en: "Rounds" },
  progress: { th: "ตรวจแล้ว {checked} จาก {total} ข้อ", en: "{checked} of {total} checked" },
  step: { th: "ขั้นตอนที่ {n}", en: "Step {n}" },
});

describe("defineTexts", () => {
  it("looks a text up in Thai or English", () => {
    expect(say("th", "title")).toBe("รอบการประเมิน");
    expect(say("en", "title")).toBe("Rounds");
  });

  it("fills the placeholders of the chosen language, whatever their order", () => {
    expect(say("th", "progress", { checked: 3, total: "23" })).toBe("ตรวจแล้ว 3 จาก 23 ข้อ");
    expect(say("en", "progress", { total: 23, checked: 3 })).toBe("3 of 23 checked");
  });

  it("takes a key held in a variable, typed by TextKey", () => {
    const keys: TextKey<typeof say>[] = ["title", "step", "progress"];
    const texts = keys.map((key) => (key === "title" ? say("en", key) : key === "step" ? say("en", key, { n: 1 }) : say("en", key, { checked: 1, total: 2 })));
    expect(texts).toEqual(["Rounds", "Step 1", "1 of 2 checked"]);
    // @ts-expect-error not a key of the dictionary
    const wrong: TextKey<typeof say> = "nope";
    expect(wrong).toBe("nope");
  });

  it("checks the values of each text at compile time", () => {
    // @ts-expect-error a text with {n} needs n
    expect(say("en", "step")).toBe("Step {n}");
    // @ts-expect-error one of two values is missing
    expect(say("en", "progress", { checked: 1 })).toBe("1 of {total} checked");
    // @ts-expect-error a text without placeholders takes no values
    expect(say("en", "title", { n: 1 })).toBe("Rounds");
    // @ts-expect-error an unknown key
    expect(() => say("en", "nope")).toThrow();
  });
});

describe("pick", () => {
  it("reads a { th, en } value that is not in a dictionary", () => {
    expect(pick("th", { th: "ตัวชี้วัด", en: "Indicator" })).toBe("ตัวชี้วัด");
    expect(pick("en", { th: "ตัวชี้วัด", en: "Indicator" })).toBe("Indicator");
  });
});
