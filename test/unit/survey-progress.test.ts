/**
 * The answers in progress kept in the browser (app/components/survey-progress.ts): kept for the
 * Asia/Bangkok day only, with nothing finer than the day; swept when stale; the kiosk's clearing of a link;
 * and the count of questions (ข้อ) the progress bar shows, a question of several sub-questions once, on the
 * real survey definitions run by survey-core; the answered-today note and the mark the phone's form leaves
 * for its thanks page.
 */
import { readFileSync } from "node:fs";
import { Model, Serializer } from "survey-core";
import { describe, expect, it } from "vitest";
import {
  clearProgressOfLink,
  countAnsweredQuestions,
  markSending,
  newSubmissionId,
  rememberAnswered,
  takeSending,
  wasAnsweredToday,
  type ProgressStorage,
  progressDay,
  progressKey,
  readProgress,
  type StoredProgress,
  sweepStaleProgress,
  writeProgress,
} from "../../app/components/survey-progress";
import { registerSurveyProperties } from "../../app/lib/survey-properties";

registerSurveyProperties(Serializer);

/** localStorage's behaviour over a Map. */
function memoryStorage(): ProgressStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const ID = "0123456789abcdef0123456789abcdef";
const progress = (day: string, answers: Record<string, unknown> = { e2: 3 }): StoredProgress => ({ day, submissionId: ID, pageIndex: 2, answers });

describe("answers in progress in the browser", () => {
  it("names the day in Asia/Bangkok, and nothing finer", () => {
    // 17:30 UTC is already the next day in Bangkok (UTC+7).
    expect(progressDay(new Date("2026-12-03T17:30:00Z"))).toBe("2026-12-04");
    expect(progressDay(new Date("2026-12-03T16:59:59Z"))).toBe("2026-12-03");
    expect(progressKey("tok123", "eit")).toBe("prongsai:progress:tok123:eit");
  });

  it("keeps today's progress and returns it; another day's is discarded when read", () => {
    const storage = memoryStorage();
    const key = progressKey("tok", "eit");
    writeProgress(storage, key, progress("2026-12-03"));
    expect(JSON.parse(storage.map.get(key)!)).toEqual({ day: "2026-12-03", submissionId: ID, pageIndex: 2, answers: { e2: 3 } });
    expect(readProgress(storage, key, "2026-12-03")).toEqual(progress("2026-12-03"));
    expect(readProgress(storage, key, "2026-12-04")).toBeNull();
    expect(storage.map.has(key), "yesterday's progress is gone").toBe(false);
  });

  it("discards what does not parse or has the wrong shape", () => {
    const storage = memoryStorage();
    const key = progressKey("tok", "eit");
    for (const text of ["{", "null", "[]", JSON.stringify({ ...progress("2026-12-03"), submissionId: "short" }), JSON.stringify({ ...progress("2026-12-03"), pageIndex: -1 })]) {
      storage.setItem(key, text);
      expect(readProgress(storage, key, "2026-12-03"), text).toBeNull();
      expect(storage.map.has(key)).toBe(false);
    }
    // No storage (refused by the browser): nothing kept, nothing thrown.
    expect(readProgress(null, key, "2026-12-03")).toBeNull();
    expect(() => writeProgress(null, key, progress("2026-12-03"))).not.toThrow();
  });

  it("sweeps every link's stale progress and leaves today's and other keys alone", () => {
    const storage = memoryStorage();
    writeProgress(storage, progressKey("a", "eit"), progress("2026-12-02"));
    writeProgress(storage, progressKey("b", "iit"), progress("2026-12-03"));
    storage.setItem(progressKey("c", "eit"), "not json");
    storage.setItem("prongsai:answered:a", "2026-12-02");
    sweepStaleProgress(storage, "2026-12-03");
    expect([...storage.map.keys()].sort()).toEqual(["prongsai:answered:a", progressKey("b", "iit")]);
  });

  it("clears one link's progress for the kiosk, every instrument of it, and no other link's", () => {
    const storage = memoryStorage();
    writeProgress(storage, progressKey("tok", "eit"), progress("2026-12-03"));
    writeProgress(storage, progressKey("tok", "iit"), progress("2026-12-03"));
    writeProgress(storage, progressKey("tok2", "eit"), progress("2026-12-03"));
    clearProgressOfLink(storage, "tok");
    expect([...storage.map.keys()]).toEqual([progressKey("tok2", "eit")]);
  });
});

describe("counting questions as the pages number them", () => {
  const definition = (framework: string, instrument: "eit" | "iit") =>
    JSON.parse(readFileSync(new URL(`../../surveys/${framework}/${instrument}.json`, import.meta.url), "utf8")) as object;

  for (const [instrument, items, fields] of [
    ["eit", 15, 19],
    ["iit", 30, 51],
  ] as const) {
    it(`counts the ${instrument.toUpperCase()}'s ${items} questions, not its ${fields} fields, in both frameworks`, () => {
      for (const framework of ["ita-2565", "ita-2569"]) {
        const model = new Model(definition(framework, instrument));
        expect(countAnsweredQuestions(model.getAllQuestions(true))).toEqual({ answered: 0, total: items });
        // The last numbered page's title says the same number: "ข้อ 15 จาก 15" (the EIT's optional
        // suggestion comes after it, unnumbered and not counted).
        expect(model.pages.filter((page) => page.title.includes("จาก")).at(-1)?.title).toContain(`${items} จาก ${items}`);
      }
    });
  }

  it("counts a question of several sub-questions once, and only when every one is answered", () => {
    const model = new Model(definition("ita-2565", "eit"));
    const count = () => countAnsweredQuestions(model.getAllQuestions(true));
    model.setValue("e1_1", 3);
    expect(count(), "one of e1's two sub-questions").toEqual({ answered: 0, total: 15 });
    model.setValue("e1_2", 4);
    expect(count()).toEqual({ answered: 1, total: 15 });
    model.setValue("e2", 1);
    model.setValue("e4_1", 1);
    model.setValue("e4_2", 1);
    expect(count(), "e4 has three sub-questions").toEqual({ answered: 2, total: 15 });
    model.setValue("e4_3", 0);
    expect(count(), "0 is an answer (ไม่มี)").toEqual({ answered: 3, total: 15 });
  });
});

describe("the answered-today note and the sending mark", () => {
  it("notes the link for the day it was answered only", () => {
    const storage = memoryStorage();
    expect(wasAnsweredToday(storage, "tok", "2026-12-03")).toBe(false);
    rememberAnswered(storage, "tok", "2026-12-03");
    expect(wasAnsweredToday(storage, "tok", "2026-12-03")).toBe(true);
    expect(wasAnsweredToday(storage, "tok", "2026-12-04"), "another day").toBe(false);
    expect(wasAnsweredToday(storage, "other", "2026-12-03"), "another link").toBe(false);
    expect([...storage.map.values()], "the day and nothing finer").toEqual(["2026-12-03"]);
    expect(wasAnsweredToday(null, "tok", "2026-12-03"), "storage refused").toBe(false);
  });

  it("gives the thanks page the mark once, for the link that was sent", () => {
    const storage = memoryStorage();
    expect(takeSending(storage, "tok")).toBe(false);
    markSending(storage, "tok");
    expect(takeSending(storage, "other")).toBe(false);
    expect(takeSending(storage, "tok")).toBe(true);
    expect(takeSending(storage, "tok"), "once").toBe(false);
    expect(storage.map.size).toBe(0);
    expect(() => markSending(null, "tok")).not.toThrow();
  });

  it("makes submission ids the server takes, a new one each time", () => {
    const ids = new Set(Array.from({ length: 50 }, () => newSubmissionId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
