/**
 * The words that come up most in Thai suggestions (app/text/thai-words.ts, issue 15 item 4): ICU's word
 * segmentation one text at a time, elongation undone, abbreviations and compounds kept whole, ไม่ kept
 * with what it negates, stop words dropped (the maintained lists in app/text/thai-words/). The 200
 * suggestions of test/fixtures/suggestions-th.json give the words a person reading them would list.
 * Speed is measured by test/bench/suggestion-words.bench.ts, never here.
 */
import { describe, expect, it } from "vitest";
import abbreviations from "../../app/text/thai-words/abbreviations.json";
import compounds from "../../app/text/thai-words/compounds.json";
import stopWords from "../../app/text/thai-words/stop-words.json";
import { countWords, listWords, normalizeThaiText } from "../../app/text/thai-words";
import fixture from "../fixtures/suggestions-th.json";

describe("normalizeThaiText", () => {
  it.each([
    ["ดีมากกกก", "ดีมาก"],
    ["ดีมากกกกกกกกกก", "ดีมาก"],
    ["ช้าาาา", "ช้า"],
    ["ดีีีี", "ดี"],
    ["เเย่มาก", "แย่มาก"], // two sara e typed for sara ae
    ["ทํางาน", "ทำงาน"], // nikhahit + sara aa, as ำ
    ["Goooood SERVICE", "good service"],
    // a consonant twice is Thai spelling, not elongation: บุคคล, ธรรม, สมมติ
    ["บุคคล ธรรมะ สมมติ", "บุคคล ธรรมะ สมมติ"],
  ])("%s → %s", (text, normal) => {
    expect(normalizeThaiText(text)).toBe(normal);
  });
});

describe("listWords", () => {
  it("undoes elongation and drops laughter and numbers", () => {
    expect(listWords("เจ้าหน้าที่บริการดีมากกกก 555+")).toEqual(["เจ้าหน้าที่", "บริการ", "ดี"]);
    expect(listWords("ดีมากกกก")).toEqual(listWords("ดีมาก"));
    expect(listWords("๕๕๕๕ 5555+ ฮ่าๆ 2566")).toEqual([]);
  });

  it("keeps abbreviations whole, glued to other words or not, with or without their dots", () => {
    expect(listWords("การจัดซื้อจัดจ้างของอบต.ไม่โปร่งใส ควรให้ป.ป.ช.ตรวจสอบ")).toEqual(["จัดซื้อจัดจ้าง", "อบต.", "ไม่โปร่งใส", "ป.ป.ช.", "ตรวจสอบ"]);
    expect(listWords("อยากให้ อปท. และ อบต ทำ")).toEqual(["อปท.", "อบต."]);
    expect(listWords("ปปช ควรมาตรวจ")).toContain("ป.ป.ช.");
    // any word of two dotted parts, listed or not
    expect(listWords("รพ.สต.ไกลบ้าน")).toContain("รพ.สต.");
  });

  it("merges the compounds ICU cuts into parts", () => {
    const segmenter = new Intl.Segmenter("th", { granularity: "word" });
    const parts = (word: string) => [...segmenter.segment(word)].map((s) => s.segment);
    // ICU does cut them: without the list they would be counted as their parts.
    expect(parts("จัดซื้อจัดจ้าง")).toEqual(["จัด", "ซื้อ", "จัด", "จ้าง"]);
    expect(parts("ที่จอดรถ").length).toBeGreaterThan(1);
    expect(listWords("ที่จอดรถไม่พอ ควรมีช่องทางร้องเรียนออนไลน์")).toEqual(["ที่จอดรถ", "ช่องทาง", "ร้องเรียน", "ออนไลน์"]);
    expect(listWords("เจ้าหน้าที่ไม่สุภาพ")).toEqual(["เจ้าหน้าที่", "ไม่สุภาพ"]);
  });

  it("drops stop words and polite particles", () => {
    expect(listWords("ขอบคุณมากครับ ที่ให้บริการ")).toEqual(["บริการ"]);
    expect(listWords("และ หรือ แต่ ที่ ซึ่ง ของ ค่ะ นะคะ")).toEqual([]);
  });
});

describe("the word lists", () => {
  it("keep the stop list's own record: removed words out, added words in, its source named", () => {
    const words = new Set(stopWords.words);
    expect(stopWords.source.url).toMatch(/^https:\/\/github\.com\/PyThaiNLP\/pythainlp\/blob\/[0-9a-f]{40}\/pythainlp\/corpus\/stopwords_th\.txt$/);
    expect(stopWords.source.license).toMatch(/^CC0-1\.0/);
    for (const word of stopWords.removed.words) expect(words.has(word), word).toBe(false);
    for (const word of stopWords.added.words) expect(words.has(word), word).toBe(true);
    expect(words.size).toBe(stopWords.words.length);
  });

  it("have no compound or abbreviation that is also a stop word", () => {
    const words = new Set(stopWords.words);
    for (const compound of compounds.compounds) expect(words.has(compound), compound).toBe(false);
    for (const { form } of abbreviations.abbreviations) {
      expect(form, form).toMatch(/\.$/);
      expect(listWords(form), form).toEqual([form]);
    }
  });
});

describe("countWords on 200 suggestions written for the test", () => {
  const top = countWords(fixture.suggestions, 12);

  it("reads all 200", () => {
    expect(fixture.suggestions).toHaveLength(200);
    expect(new Set(fixture.suggestions).size).toBe(200);
  });

  it("lists the words a person would: staff, service, parking, the อบต., procurement, toilets, online, the elderly, queueing", () => {
    expect(top.slice(0, 10)).toEqual([
      { word: "เจ้าหน้าที่", count: 48 },
      { word: "ดี", count: 36 },
      { word: "บริการ", count: 35 },
      { word: "ที่จอดรถ", count: 21 },
      { word: "อบต.", count: 18 },
      { word: "จัดซื้อจัดจ้าง", count: 16 },
      { word: "ห้องน้ำ", count: 14 },
      { word: "ออนไลน์", count: 14 },
      { word: "ผู้สูงอายุ", count: 13 },
      { word: "รอคิว", count: 12 },
    ]);
  });

  it("counts a word once per suggestion, and never a stop word, a part of a compound, laughter or an elongated spelling", () => {
    expect(countWords(["ที่จอดรถ ที่จอดรถ ที่จอดรถ", "ที่จอดรถ"])).toEqual([{ word: "ที่จอดรถ", count: 2 }]);
    const words = new Set(countWords(fixture.suggestions, 10_000).map((w) => w.word));
    for (const part of ["จัด", "ซื้อ", "จ้าง", "เจ้า", "ครับ", "ค่ะ", "ขอบคุณ", "555", "มากกกก", "ดีมากกกก"]) expect(words.has(part), part).toBe(false);
  });

  it("orders ties in Thai dictionary order", () => {
    const tied = top.filter((w) => w.count === 14).map((w) => w.word);
    expect(tied).toEqual(["ห้องน้ำ", "ออนไลน์"]);
    expect(countWords(["ข", "กก ขข", "ขข กก"], 5)).toEqual([
      { word: "กก", count: 2 },
      { word: "ขข", count: 2 },
    ]);
  });
});
