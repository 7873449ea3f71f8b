/**
 * Exports of a round's responses (issue 4, item 4), over HTTP against the built server: the CSV starts
 * with a byte-order mark, has one value column (and its text column) per field in the framework's
 * order, parses back to exactly the stored answers, and its IIT rows carry no date, time, month or id
 * and not the storage order; the XLSX opens with exceljs and has a scores sheet with the scoring
 * engine's numbers and a responses sheet with the same rows. Signed-out visitors go to sign-in;
 * another agency's round is a 404. Issue 12: the IIT answer sets go to admins only, once the round has
 * its minimum IIT sample (managers and viewers get the EIT alone, a 403 when they ask for the IIT);
 * every export is in the audit log; a flagged answer set carries its flag, so that the rows without one
 * are what the dashboard counts. Issue 15: the XLSX has a sheet "คำถาม" / "Questions" listing every column
 * with its question as respondents read it, its options and their scores, and the CSV the same list as its
 * own file (questions.csv), for both frameworks, in Thai and in English.
 * The EIT rows end with the visitor's suggestion as stored (commas, quotes, line breaks and a leading
 * "=" kept as text), empty where none was written.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roundHalfUp } from "../../app/text/format";
import { getFramework } from "../../app/lib/frameworks.server";
import { computeRoundScores } from "../../app/scoring";
import { exportHeader } from "../../app/services/export/plan.server";
import { storeResponse } from "../../app/services/submit-response.server";
import { listInstrumentFields } from "../../app/services/validate-answers";
import { getPublicLink } from "../../db/queries/links";
import { sumRoundTallies } from "../../db/queries/tallies";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";
import { ROOT } from "../support/paths";

/** More than two pages (1,000) of IIT responses, so that the shuffled blocks and the held-back page are used. */
const IIT_COUNT = 2_150;
const EIT_DATES = ["2026-01-15", "2026-02-03", "2026-03-05", "2026-03-06", "2026-03-09"];
/** The columns before the answers: instrument, flag, answered_on, counter. */
const META = 4;
const FRAMEWORK = getFramework("ita-2565");
const IIT_FIELDS = listInstrumentFields(FRAMEWORK, "iit").map((f) => f.name);
const EIT_FIELDS = listInstrumentFields(FRAMEWORK, "eit").map((f) => f.name);

/** RFC 4180: quoted cells with "" escapes, commas, CRLF (or LF) line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** An answer set as a comparable string, in the framework's field order. */
function key(fields: string[], answers: Record<string, unknown>): string {
  return fields.map((f) => `${f}=${String(answers[f])}`).join(";");
}

function label(field: string, value: number): string {
  const scale = FRAMEWORK.items.flatMap((i) => i.fields).find((f) => f.name === field)!.scale;
  return FRAMEWORK.scales[scale]!.options.find((o) => o.value === value)!.title.th;
}

let t: TestDb;
let server: RunningServer;
let a: RoundFixture;
let b: RoundFixture;
/** An agency whose round runs on ita-2569. */
let c: RoundFixture;
let admin: SignedIn;
let viewer: SignedIn;
let manager: SignedIn;
/** IIT answer sets in storage (id) order, and the EIT ones with their day. */
const storedIit: string[] = [];
const storedEit: { key: string; answeredOn: string }[] = [];
/** The suggestion stored with each EIT answer set, in the order of storedEit ("" for none). */
const storedSuggestions: string[] = [];
/** Suggestions with what a CSV must quote or defuse: a comma, quotes, a line break, a leading "=". */
const SUGGESTIONS = ["ที่จอดรถไม่พอ, ควรเพิ่ม \"ด่วน\"\nบรรทัดที่สอง", "", "=1+1 ควรแก้ไขป้ายบอกทาง", "", "เจ้าหน้าที่บริการดีมาก"];

beforeAll(async () => {
  t = await createTestDb();
  a = await createRoundFixture(t.db, "agency-a");
  b = await createRoundFixture(t.db, "agency-b");
  const iit = (await getPublicLink(t.db, a.iitToken))!;
  const eit = (await getPublicLink(t.db, a.eitToken))!;
  await t.db.transaction().execute(async (trx) => {
    for (let n = 0; n < IIT_COUNT; n++) {
      const answers = makeAnswers("iit", (i, options) => (n * 7 + i * (1 + (n % 5))) % options);
      await storeResponse(trx, { submissionId: newSubmissionId(), roundId: a.roundId, linkId: iit.linkId, instrument: "iit", frameworkId: "ita-2565", answeredOn: "2026-02-10", answers });
      storedIit.push(key(IIT_FIELDS, answers));
    }
    for (const [n, answeredOn] of EIT_DATES.entries()) {
      const answers = makeAnswers("eit", (i, options) => (n + i) % options);
      const suggestion = SUGGESTIONS[n] || null;
      await storeResponse(trx, { submissionId: newSubmissionId(), roundId: a.roundId, linkId: eit.linkId, instrument: "eit", frameworkId: "ita-2565", answeredOn, answers, suggestion });
      storedEit.push({ key: key(EIT_FIELDS, answers), answeredOn });
      storedSuggestions.push(suggestion ?? "");
    }
  });
  // One flagged EIT answer set (too fast): exported with its flag, left out of the scores.
  const flaggedAnswers = makeAnswers("eit", () => 0);
  await storeResponse(t.db, { submissionId: newSubmissionId(), roundId: a.roundId, linkId: eit.linkId, instrument: "eit", frameworkId: "ita-2565", answeredOn: "2026-03-06", answers: flaggedAnswers, flag: "too-fast" });
  storedEit.push({ key: key(EIT_FIELDS, flaggedAnswers), answeredOn: "2026-03-06" });
  storedSuggestions.push("");
  await createTestUser(t.db, a.organizationId, "admin-a", "admin");
  await createTestUser(t.db, a.organizationId, "viewer-a", "viewer");
  await createTestUser(t.db, a.organizationId, "manager-a", "manager");
  // Agency b's admin, whose round has 2 IIT answers: under the minimum sample.
  const bIit = (await getPublicLink(t.db, b.iitToken))!;
  for (let n = 0; n < 2; n++) {
    await storeResponse(t.db, { submissionId: newSubmissionId(), roundId: b.roundId, linkId: bIit.linkId, instrument: "iit", frameworkId: "ita-2565", answeredOn: "2026-02-10", answers: makeAnswers("iit") });
  }
  await createTestUser(t.db, b.organizationId, "admin-b", "admin");
  c = await createRoundFixture(t.db, "agency-c");
  await t.db.updateTable("round").set({ framework_id: "ita-2569" }).where("id", "=", c.roundId).execute();
  await createTestUser(t.db, c.organizationId, "admin-c", "admin");
  server = await startServer({ databasePath: t.path });
  admin = await signInOverHttp(server.url, "admin-a");
  viewer = await signInOverHttp(server.url, "viewer-a");
  manager = await signInOverHttp(server.url, "manager-a");
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

function get(path: string, who: SignedIn | null = admin) {
  return fetch(`${server.url}${path}`, { headers: who ? { cookie: who.cookie } : {}, redirect: "manual" });
}

describe("CSV export", () => {
  let bytes: Uint8Array;
  let response: Response;
  let rows: string[][];

  beforeAll(async () => {
    response = await get(`/admin/rounds/${a.roundId}/responses.csv`);
    bytes = new Uint8Array(await response.arrayBuffer());
    rows = parseCsv(new TextDecoder().decode(bytes.subarray(3)));
  });

  it("is a UTF-8 CSV attachment that starts with the byte-order mark", () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toContain("no-store");
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toContain(`filename="prongsai-round-${a.roundId}-responses.csv"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent("คำตอบ รอบทดสอบ.csv")}`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("มากที่สุด"); // Thai survives as UTF-8
  });

  it("has one value column and one text column per field, codes in the framework's order", () => {
    const header = rows[0]!;
    expect(header).toEqual(exportHeader("ita-2565", ["iit", "eit"], "th"));
    expect(header.slice(0, META)).toEqual(["instrument", "flag", "answered_on", "counter"]);
    // The last column is the visitors' suggestion (issue 15), named after the framework's question.
    expect(header.at(-1)).toBe("eit_suggestion");
    const valueColumns = header.slice(META, -1).filter((_, i) => i % 2 === 0);
    const textColumns = header.slice(META, -1).filter((_, i) => i % 2 === 1);
    expect(valueColumns).toEqual([...IIT_FIELDS, ...EIT_FIELDS]);
    expect(textColumns).toEqual(valueColumns.map((f) => `${f} (ข้อความ)`));
    expect(new Set(header).size).toBe(header.length);
    expect(header.join(",")).not.toMatch(/\b(id|submission|token|link|month|time)\b/i);
    expect(rows.slice(1).every((r) => r.length === header.length)).toBe(true);
  });

  it("parses back to exactly the stored answers, with the Thai text of each", () => {
    const header = rows[0]!;
    const column = new Map(header.map((h, i) => [h, i]));
    const body = rows.slice(1);
    expect(body).toHaveLength(IIT_COUNT + storedEit.length);
    const iitRows = body.filter((r) => r[0] === "IIT");
    const eitRows = body.filter((r) => r[0] === "EIT");
    expect(iitRows).toHaveLength(IIT_COUNT);

    const answersOf = (row: string[], fields: string[]) => Object.fromEntries(fields.map((f) => [f, Number(row[column.get(f)!])]));
    expect(iitRows.map((r) => key(IIT_FIELDS, answersOf(r, IIT_FIELDS))).sort()).toEqual([...storedIit].sort());
    expect(eitRows.map((r) => ({ key: key(EIT_FIELDS, answersOf(r, EIT_FIELDS)), answeredOn: r[2] }))).toEqual(storedEit);
    // The flag column: empty for the answers in the scores, the reason for the one left out.
    expect(body.map((r) => r[1]).filter((flag) => flag !== "")).toEqual(["too-fast"]);
    for (const row of [...iitRows.slice(0, 50), ...eitRows]) {
      const fields = row[0] === "IIT" ? IIT_FIELDS : EIT_FIELDS;
      for (const f of fields) expect(row[column.get(`${f} (ข้อความ)`)!]).toBe(label(f, Number(row[column.get(f)!])));
    }
    expect(eitRows.every((r) => r[3] === "จุดชำระภาษี")).toBe(true);
    // The other instrument's columns stay empty.
    expect(iitRows.every((r) => EIT_FIELDS.every((f) => r[column.get(f)!] === ""))).toBe(true);
    // Each EIT row ends with its suggestion as stored; a leading "=" is defused with a ' (csvCell); IIT rows have none.
    const suggestion = column.get("eit_suggestion")!;
    expect(eitRows.map((r) => r[suggestion])).toEqual(storedSuggestions.map((s) => (s.startsWith("=") ? `'${s}` : s)));
    expect(iitRows.every((r) => r[suggestion] === "")).toBe(true);
  });

  it("gives IIT rows no date, time, month or id, and not in storage order", () => {
    const iitRows = rows.slice(1).filter((r) => r[0] === "IIT");
    for (const row of iitRows) {
      expect(row[2]).toBe("");
      expect(row[3]).toBe("");
      expect(row.join(",")).not.toMatch(/\d{4}-\d{2}|\d{1,2}:\d{2}|T\d{2}/);
      expect(row.every((cell) => /^(IIT|[01234]|[\u0E00-\u0E7F ]*)$/.test(cell))).toBe(true);
    }
    const header = rows[0]!;
    const order = iitRows.map((r) => key(IIT_FIELDS, Object.fromEntries(IIT_FIELDS.map((f) => [f, Number(r[header.indexOf(f)])]))));
    expect(order).not.toEqual(storedIit);
    // Shuffled within blocks of at least 1,000 consecutive responses (2,150 → 1,000 + 1,150).
    expect(order.slice(0, 1000).sort()).toEqual(storedIit.slice(0, 1000).sort());
    expect(order.slice(1000).sort()).toEqual(storedIit.slice(1000).sort());
  });

  it("limits the file to one instrument on request, and refuses an unknown one", async () => {
    const iitOnly = parseCsv((await (await get(`/admin/rounds/${a.roundId}/responses.csv?instrument=iit`)).text()).replace(/^\uFEFF/, ""));
    expect(iitOnly[0]).toEqual(["instrument", "flag", ...IIT_FIELDS.flatMap((f) => [f, `${f} (ข้อความ)`])]);
    expect(iitOnly).toHaveLength(IIT_COUNT + 1);
    const eitOnly = parseCsv((await (await get(`/admin/rounds/${a.roundId}/responses.csv?instrument=eit`)).text()).replace(/^\uFEFF/, ""));
    expect(eitOnly[0]!.slice(0, 6)).toEqual(["instrument", "flag", "answered_on", "counter", "e1_1", "e1_1 (ข้อความ)"]);
    expect(eitOnly[0]!.at(-1)).toBe("eit_suggestion");
    expect(eitOnly.slice(1).map((r) => r.at(-1))).toEqual(storedSuggestions.map((s) => (s.startsWith("=") ? `'${s}` : s)));
    expect(eitOnly.slice(1).map((r) => r[2])).toEqual(storedEit.map((e) => e.answeredOn));
    expect((await get(`/admin/rounds/${a.roundId}/responses.csv?instrument=oit`)).status).toBe(400);
  });
});

describe("XLSX export", () => {
  let workbook: ExcelJS.Workbook;
  let response: Response;

  beforeAll(async () => {
    response = await get(`/admin/rounds/${a.roundId}/responses.xlsx`);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
  });

  it("is an XLSX attachment with a scores sheet and a responses sheet", () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toContain(`filename="prongsai-round-${a.roundId}-responses.xlsx"`);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["คะแนน", "คำถาม", "คำตอบ"]);
  });

  it("has the scoring engine's numbers on the scores sheet", async () => {
    const expected = computeRoundScores(FRAMEWORK, await sumRoundTallies(t.db, a.roundId));
    const sheet = workbook.getWorksheet("คะแนน")!;
    const byCode = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row) => {
      const code = row.getCell(1).value;
      if (typeof code === "string") byCode.set(code, row);
    });
    const two = (score: number | null) => (score === null ? null : Number(roundHalfUp(score, 2)));
    for (const indicator of expected.indicators) {
      const row = byCode.get(indicator.code)!;
      expect(row.getCell(3).value ?? null).toBe(two(indicator.score));
      expect(row.getCell(4).value).toBe(indicator.level?.code ?? "ยังไม่ได้ประเมิน");
      if (indicator.instrument !== "oit") expect(row.getCell(5).value).toBe(indicator.answers);
    }
    for (const instrument of expected.instruments) {
      expect(byCode.get(instrument.code)!.getCell(3).value ?? null).toBe(two(instrument.score));
    }
    expect(byCode.get("iit")!.getCell(5).value).toBe(IIT_COUNT);
    expect(byCode.get("eit")!.getCell(5).value).toBe(EIT_DATES.length);
    // OIT is not assessed: the partial score, named as such, not an ITA total.
    expect(byCode.has("total")).toBe(false);
    const partial = byCode.get("partial")!;
    expect(partial.getCell(3).value).toBe(two(expected.total.partial.score));
    expect(String(partial.getCell(2).value)).toContain("ไม่ใช่คะแนน ITA ฉบับเต็ม");
  });

  it("has the same rows as the CSV on the responses sheet", () => {
    const sheet = workbook.getWorksheet("คำตอบ")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(exportHeader("ita-2565", ["iit", "eit"], "th"));
    expect(sheet.rowCount).toBe(1 + IIT_COUNT + storedEit.length);
    const column = new Map(header.map((h, i) => [h as string, i + 1]));
    const iit: string[] = [];
    const eit: { key: string; answeredOn: string }[] = [];
    const flagged: string[] = [];
    const suggestions: string[] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const instrument = row.getCell(1).value;
      const fields = instrument === "IIT" ? IIT_FIELDS : EIT_FIELDS;
      const answers = Object.fromEntries(fields.map((f) => [f, row.getCell(column.get(f)!).value]));
      if (instrument === "IIT") {
        expect(row.getCell(3).value ?? null).toBeNull();
        expect(row.getCell(4).value ?? null).toBeNull();
        iit.push(key(IIT_FIELDS, answers));
      } else {
        eit.push({ key: key(EIT_FIELDS, answers), answeredOn: String(row.getCell(3).value) });
        expect(row.getCell(4).value).toBe("จุดชำระภาษี");
        // A string cell, as stored: "=1+1 …" is text, not a formula.
        const cell = row.getCell(column.get("eit_suggestion")!);
        expect(cell.formula).toBeUndefined();
        suggestions.push(cell.value === null || cell.value === undefined ? "" : String(cell.value));
      }
      const flag = row.getCell(2).value;
      if (flag) flagged.push(`${String(instrument)} ${String(row.getCell(3).value)} ${String(flag)}`);
      expect(row.getCell(column.get(`${fields[0]} (ข้อความ)`)!).value).toBe(label(fields[0]!, Number(answers[fields[0]!])));
    });
    expect([...iit].sort()).toEqual([...storedIit].sort());
    expect(iit).not.toEqual(storedIit);
    expect(eit).toEqual(storedEit);
    expect(suggestions).toEqual(storedSuggestions);
    expect(flagged).toEqual(["EIT 2026-03-06 too-fast"]);
  });
});

/** What respondents read for each field of a framework, straight from its SurveyJS files: the question (a panel's title for sub-items), the sub-item. */
function readWording(frameworkId: string, lang: "th" | "en"): Map<string, { question: string; subItem: string }> {
  const text = (t: unknown) => (typeof t === "string" ? t : ((t as { default: string; en?: string })[lang === "en" ? "en" : "default"] ?? (t as { default: string }).default));
  const out = new Map<string, { question: string; subItem: string }>();
  type Element = { name?: string; type: string; title?: unknown; elements?: Element[] };
  for (const instrument of ["iit", "eit"]) {
    const json = JSON.parse(readFileSync(join(ROOT, "surveys", frameworkId, `${instrument}.json`), "utf8")) as { pages: { elements?: Element[] }[] };
    const walk = (elements: Element[] | undefined, panel: Element | null) => {
      for (const e of elements ?? []) {
        if (e.elements) walk(e.elements, e);
        else if (e.type === "radiogroup" && e.name) out.set(e.name, { question: text((panel ?? e).title), subItem: panel ? text(e.title) : "" });
      }
    };
    for (const page of json.pages) walk(page.elements, null);
  }
  return out;
}

/** Checks a list of the columns (the XLSX sheet or questions.csv) against the framework and its SurveyJS files. */
function expectQuestionList(rows: string[][], frameworkId: string, lang: "th" | "en", instruments: ("iit" | "eit")[]) {
  const framework = getFramework(frameworkId);
  const wording = readWording(frameworkId, lang);
  const fields = instruments.flatMap((i) => listInstrumentFields(framework, i));
  const [header, ...body] = rows;
  expect(header).toEqual(
    lang === "th"
      ? ["คอลัมน์", "คอลัมน์ข้อความของคำตอบ", "เครื่องมือ", "ตัวชี้วัด", "ข้อ", "คำถาม (ตามที่ผู้ตอบเห็น)", "ข้อย่อย", "ตัวเลือก (ค่าที่บันทึก = ข้อความ)", "คะแนนของแต่ละค่า (0–100)"]
      : ["Column", "Column with the answer's wording", "Instrument", "Indicator", "Question", "Question (as respondents read it)", "Sub-item", "Options (stored value = wording)", "Score of each value (0–100)"],
  );
  // Every column of the responses file, in its order: the ones before the answers, then each answer field.
  const meta = ["instrument", "flag", ...(instruments.includes("eit") ? ["answered_on", "counter"] : [])];
  expect(body.map((r) => r[0])).toEqual([...meta, ...fields.map((f) => f.name)]);
  for (const row of body.slice(meta.length)) {
    const [column, textColumn, instrument, indicator, question, asked, subItem, options, scores] = row as string[];
    const field = fields.find((f) => f.name === column)!;
    const item = framework.items.find((i) => i.fields.includes(field))!;
    expect(textColumn).toBe(`${column} ${lang === "th" ? "(ข้อความ)" : "(text)"}`);
    expect(instrument).toBe(column!.startsWith("i") ? "IIT" : "EIT");
    expect(indicator).toBe(`${item.indicator} ${framework.indicators.find((i) => i.code === item.indicator)!.title[lang]}`);
    expect(question).toBe(item.code);
    expect(asked, column).toBe(wording.get(column!)!.question);
    expect(subItem, column).toBe(wording.get(column!)!.subItem);
    const scale = framework.scales[field.scale]!;
    expect(options).toBe(scale.options.map((o) => `${o.value} = ${o.title[lang]}`).join("; "));
    expect(scores).toBe(scale.options.map((o) => `${o.value} = ${roundHalfUp(o.score, 2).replace(/\.00$/, "")}`).join("; "));
  }
}

/** The same session with English chosen (the language switch leaves this cookie; exports follow it). */
function inEnglish(who: SignedIn): SignedIn {
  return { ...who, cookie: `${who.cookie}; lang=en` };
}

function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    // row.values is sparse (1-based, empty cells missing): read it cell by cell.
    const values = row.values as unknown[];
    rows.push(Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => values[i + 1]).map((v) => (v === null || v === undefined ? "" : String(v))));
  });
  // Cells left empty at the end of a row are not in row.values: pad to the header's width.
  return rows.map((r) => [...r, ...Array(Math.max(0, rows[0]!.length - r.length)).fill("")]);
}

describe("what each column means (issue 15, item 6)", () => {
  it("the XLSX has a sheet คำถาม listing every column with its question, options and scores (ita-2565, Thai)", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await get(`/admin/rounds/${a.roundId}/responses.xlsx`)).arrayBuffer());
    const rows = sheetRows(workbook.getWorksheet("คำถาม")!);
    expectQuestionList(rows, "ita-2565", "th", ["iit", "eit"]);
    // A person reading the file in Excel learns what e11 is.
    const e11 = rows.find((r) => r[0] === "e11")!;
    expect(e11[5]).toContain("ปรับปรุงคุณภาพการปฏิบัติงาน");
    expect(e11[7]).toBe("1 = น้อยที่สุดหรือไม่มีเลย; 2 = น้อย; 3 = มาก; 4 = มากที่สุด");
    expect(e11[8]).toBe("1 = 0; 2 = 33.33; 3 = 66.67; 4 = 100");
    // A reversed scale says so by its scores; a sub-item names itself and its question.
    expect(rows.find((r) => r[0] === "i9")![8]).toBe("1 = 100; 2 = 66.67; 3 = 33.33; 4 = 0");
    const i4 = rows.find((r) => r[0] === "i4_1")!;
    expect(i4[6]).toBe("เงิน");
    expect(i4[5]).toContain("มีการเรียกรับสิ่งดังต่อไปนี้");
  });

  it("in English when the export is in English, and for ita-2569 (an EIT-only file lists the EIT's columns)", async () => {
    const english = new ExcelJS.Workbook();
    await english.xlsx.load(await (await get(`/admin/rounds/${a.roundId}/responses.xlsx`, inEnglish(admin))).arrayBuffer());
    expect(english.worksheets.map((s) => s.name)).toEqual(["Scores", "Questions", "Responses"]);
    expectQuestionList(sheetRows(english.getWorksheet("Questions")!), "ita-2565", "en", ["iit", "eit"]);
    const adminC = await signInOverHttp(server.url, "admin-c");
    const response = await get(`/admin/rounds/${c.roundId}/responses.xlsx`, adminC);
    expect(response.status).toBe(200);
    const y2569 = new ExcelJS.Workbook();
    await y2569.xlsx.load(await response.arrayBuffer());
    // Its IIT is under the minimum sample: the file is the EIT's, and so is its list.
    expectQuestionList(sheetRows(y2569.getWorksheet("คำถาม")!), "ita-2569", "th", ["eit"]);
  });

  it("the CSV keeps one header row for programs, and questions.csv lists the same, for both frameworks and languages", async () => {
    const responses = parseCsv((await (await get(`/admin/rounds/${a.roundId}/responses.csv`)).text()).replace(/^\uFEFF/, ""));
    expect(responses[0]).toEqual(exportHeader("ita-2565", ["iit", "eit"], "th"));
    expect(responses[1]![0]).toMatch(/^(IIT|EIT)$/);
    const file = await get(`/admin/rounds/${a.roundId}/questions.csv`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(file.headers.get("content-disposition")).toContain(`filename="prongsai-round-${a.roundId}-questions.csv"`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expectQuestionList(parseCsv(new TextDecoder().decode(bytes.subarray(3))), "ita-2565", "th", ["iit", "eit"]);
    const en = parseCsv((await (await get(`/admin/rounds/${a.roundId}/questions.csv`, inEnglish(admin))).text()).replace(/^\uFEFF/, ""));
    expectQuestionList(en, "ita-2565", "en", ["iit", "eit"]);
    const adminC = await signInOverHttp(server.url, "admin-c");
    const y2569 = parseCsv((await (await get(`/admin/rounds/${c.roundId}/questions.csv`, adminC)).text()).replace(/^\uFEFF/, ""));
    expectQuestionList(y2569, "ita-2569", "th", ["iit", "eit"]);
    // A viewer's file is the EIT's: so is the list the pages link beside it.
    const eit = parseCsv((await (await get(`/admin/rounds/${a.roundId}/questions.csv?instrument=eit`, viewer)).text()).replace(/^\uFEFF/, ""));
    expectQuestionList(eit, "ita-2565", "th", ["eit"]);
    expect((await get(`/admin/rounds/${a.roundId}/questions.csv?instrument=oit`)).status).toBe(400);
    // Another agency's round is a 404; signed out, sign in.
    expect((await get(`/admin/rounds/${b.roundId}/questions.csv`)).status).toBe(404);
    expect((await get(`/admin/rounds/${a.roundId}/questions.csv`, null)).status).toBe(302);
  });
});

describe("export access", () => {
  it.each(["csv", "xlsx"])("sends a signed-out visitor to sign-in (%s)", async (format) => {
    const response = await get(`/admin/rounds/${a.roundId}/responses.${format}`, null);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(`/admin/rounds/${a.roundId}/responses.${format}`)}`);
  });

  it.each(["csv", "xlsx"])("answers 404 for another agency's round, an unknown round and a bad id (%s)", async (format) => {
    for (const id of [String(b.roundId), "999999", "abc"]) {
      const response = await get(`/admin/rounds/${id}/responses.${format}`);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-disposition")).toBeNull();
    }
  });
});

describe("who may export the IIT answer sets (issue 12)", () => {
  it.each(["csv", "xlsx"])("managers and viewers get the EIT alone, and a 403 in Thai when they ask for the IIT (%s)", async (format) => {
    for (const who of [viewer, manager]) {
      const whole = await get(`/admin/rounds/${a.roundId}/responses.${format}`, who);
      expect(whole.status).toBe(200);
      expect(whole.headers.get("content-disposition")).toContain(`prongsai-round-${a.roundId}-eit-responses.${format}`);
      if (format === "csv") {
        const rows = parseCsv((await whole.text()).replace(/^\uFEFF/, ""));
        expect(rows[0]!.some((h) => h.startsWith("i1_"))).toBe(false);
        expect(rows.slice(1).every((r) => r[0] === "EIT")).toBe(true);
        expect(rows).toHaveLength(storedEit.length + 1);
      } else await whole.arrayBuffer();
      const iit = await get(`/admin/rounds/${a.roundId}/responses.${format}?instrument=iit`, who);
      expect(iit.status).toBe(403);
      expect(iit.headers.get("content-disposition")).toBeNull();
      const body = (await iit.json()) as { message: string; messageEn: string };
      expect(body.message).toContain("เฉพาะผู้ดูแลระบบ");
      expect(body.messageEn).toContain("administrators");
    }
  });

  it("an admin gets no IIT answer sets while the round is under its minimum IIT sample", async () => {
    const adminB = await signInOverHttp(server.url, "admin-b");
    const iit = await get(`/admin/rounds/${b.roundId}/responses.csv?instrument=iit`, adminB);
    expect(iit.status).toBe(403);
    const body = (await iit.json()) as { message: string };
    expect(body.message).toMatch(/ขนาดตัวอย่างขั้นต่ำ \(\d+ ชุด\) ขณะนี้มี 2 ชุด/);
    const whole = parseCsv((await (await get(`/admin/rounds/${b.roundId}/responses.csv`, adminB)).text()).replace(/^\uFEFF/, ""));
    expect(whole.slice(1).filter((r) => r[0] === "IIT")).toEqual([]);
  });

  it("nobody gets EIT answer sets while the round has fewer than five of them (each would be one visitor's, with the day and counter)", async () => {
    const bEit = (await getPublicLink(t.db, b.eitToken))!;
    for (let n = 0; n < 2; n++) {
      await storeResponse(t.db, { submissionId: newSubmissionId(), roundId: b.roundId, linkId: bEit.linkId, instrument: "eit", frameworkId: "ita-2565", answeredOn: "2026-02-11", answers: makeAnswers("eit") });
    }
    const adminB = await signInOverHttp(server.url, "admin-b");
    for (const path of [`/admin/rounds/${b.roundId}/responses.csv?instrument=eit`, `/admin/rounds/${b.roundId}/responses.xlsx?instrument=eit`, `/admin/rounds/${b.roundId}/responses.csv`]) {
      const refused = await get(path, adminB);
      expect(refused.status, path).toBe(403);
      expect(refused.headers.get("content-disposition")).toBeNull();
      expect(((await refused.json()) as { message: string }).message).toContain("ตั้งแต่ 5 ชุดขึ้นไป");
    }
  });

  it("every export, and every refused one, is in the audit log with who and what", async () => {
    const entries = await t.db
      .selectFrom("audit_log")
      .innerJoin("user", "user.id", "audit_log.user_id")
      .where("audit_log.action", "like", "export.%")
      .select(["user.username as username", "audit_log.action as action", "audit_log.target as target", "audit_log.detail as detail", "audit_log.created_at as at"])
      .execute();
    const seen = entries.map((e) => `${e.username} ${e.action} ${e.target} ${e.detail}`);
    expect(seen).toContain(`admin-a export.responses round:${a.roundId} {"format":"csv","instruments":["iit","eit"]}`);
    expect(seen).toContain(`viewer-a export.responses round:${a.roundId} {"format":"xlsx","instruments":["eit"]}`);
    expect(seen).toContain(`manager-a export.refused round:${a.roundId} {"format":"csv","instruments":["iit"]}`);
    expect(seen).toContain(`admin-b export.refused round:${b.roundId} {"format":"csv","instruments":["iit"]}`);
    expect(seen).toContain(`admin-b export.refused round:${b.roundId} {"format":"xlsx","instruments":["eit"]}`);
    expect(seen).toContain(`admin-b export.refused round:${b.roundId} {"format":"csv","instruments":["iit","eit"]}`);
    for (const e of entries) expect(new Date(e.at).toISOString()).toBe(e.at);
  });
});
