/**
 * Visitors' suggestions (issue 15, items 3 and 4) on a real database, SQLite and PostgreSQL: a suggestion
 * travels sealed with its EIT answers through the answer pool, so that after four visitors at a counter the
 * suggestions page shows nothing and the fifth releases all five; what identifies a person is gone before
 * anything is written (every row of every table searched, and on SQLite the database and WAL files'
 * bytes); no text reaches a tally or a response's answers; the IIT refuses free text; the page filters,
 * searches and counts words; managers mark (audited, without the text), viewers only read, another
 * agency's suggestion is a 404; a suggestion becomes a measure linked back to it.
 */
import { existsSync, readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSessionCookie, getSessionUser, type SessionUser } from "../../app/auth/session.server";
import { HttpError } from "../../app/lib/http";
import { PERSONAL_DATA_MARKER } from "../../app/lib/personal-data";
import { applyMeasuresForm } from "../../app/services/measures/commands.server";
import { getMeasureFormPage } from "../../app/services/measures/page.server";
import { recountTallies } from "../../app/services/recount.server";
import { submitResponse } from "../../app/services/submit-response.server";
import { postSuggestionsForm } from "../../app/services/suggestions/commands.server";
import { getSuggestionsPage } from "../../app/services/suggestions/page.server";
import type { Db } from "../../db/client.server";
import { listAuditLog } from "../../db/queries/audit-log";
import { insertLink } from "../../db/queries/links";
import { insertCounter, insertUnit } from "../../db/queries/organizations";
import { getRoundWithOrganization } from "../../db/queries/rounds";
import { createTestUser } from "../support/accounts";
import { countKept, createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { unhurried } from "../support/start-stamps";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-03-15T03:00:00Z"); // 15 March 2026 in Bangkok
const LATER = new Date("2026-04-02T03:00:00Z"); // 2 April 2026
const AT = { now: NOW, recentFromAddress: 1 };

/** A citizen id with a valid mod-11 check digit, and the same twelve digits with a wrong one. */
const VALID_ID = "1103700123458";
const INVALID_13 = "1103700123459";
const PHONE = "081-234-5678";
const EMAIL = "somchai.k@example.co.th";

/** What the five visitors write; the first carries everything the scrubber must take out. */
const WRITTEN = [
  `ที่จอดรถไม่พอ โทรกลับที่ ${PHONE} บัตร ${VALID_ID} เลขพัสดุ ${INVALID_13} อีเมล ${EMAIL}`,
  "รอคิวนานมากกกก ควรมีระบบคิวออนไลน์ ไลน์ somchai_99",
  "เจ้าหน้าที่บริการดี Parking is too small",
  "ห้องน้ำสกปรก ควรทำความสะอาด เบอร์ ๐๙๘-๗๖๕-๔๓๒๑",
  "ที่จอดรถควรมีหลังคา +66 81 234 5678",
];

let t: TestDb;
let round: RoundFixture;
let manager: SessionUser;
let viewer: SessionUser;

async function sessionUser(db: Db, organizationId: number, username: string, role: "manager" | "viewer" | "admin"): Promise<SessionUser> {
  const userId = await createTestUser(db, organizationId, username, role);
  const cookie = (await createSessionCookie(db, userId, new Date())).split(";")[0]!;
  return (await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } })))!;
}

/** A visitor at the counter of `token` who took their time, writing `suggestion` (or nothing). */
function visit(token: string, n: number, suggestion: string | undefined, now = NOW) {
  const answers = { ...makeAnswers("eit", (i, o) => (i + n) % o), ...(suggestion === undefined ? {} : { eit_suggestion: suggestion }) };
  return submitResponse(t.db, token, JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers })), { ...AT, now });
}

const page = (user: SessionUser, query = "") => getSuggestionsPage(t.db, user, round.roundId, new URLSearchParams(query));

function post(user: SessionUser, fields: Record<string, string>, query = "") {
  const body = new URLSearchParams({ csrf: user.csrfToken, ...fields });
  const request = new Request(`http://localhost/admin/rounds/${round.roundId}/suggestions${query}`, { method: "POST", body });
  return postSuggestionsForm(t.db, user, request, String(round.roundId), LATER);
}

/** Every row of every table, as text: where a phone number or an e-mail address would show if it were kept. */
async function everyRowAsText(db: Db): Promise<string> {
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true })).filter((table) => !table.isView);
  const parts: string[] = [];
  for (const table of tables) {
    const id = table.schema ? sql.id(table.schema, table.name) : sql.id(table.name);
    const rows = await sql<Record<string, unknown>>`select * from ${id}`.execute(db);
    parts.push(`${table.name}: ${JSON.stringify(rows.rows, (_, v) => (typeof v === "bigint" ? String(v) : v))}`);
  }
  return parts.join("\n");
}

beforeEach(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  manager = await sessionUser(t.db, round.organizationId, "suggestions-manager", "manager");
  viewer = await sessionUser(t.db, round.organizationId, "suggestions-viewer", "viewer");
});
afterEach(async () => {
  expect((await recountTallies(t.db, { repair: false })).differences).toEqual([]);
  await t.close();
});

describe("a suggestion goes through the answer pool", () => {
  it("shows nothing after four visitors; the fifth releases all five, scrubbed in every row of the database", async () => {
    for (const [n, text] of WRITTEN.slice(0, 4).entries()) expect(await visit(round.eitToken, n, text)).toEqual({ stored: true, flag: null });
    // Waiting: sealed in the pool, nothing on the page, no suggestion row, no response.
    expect(await page(manager)).toMatchObject({ total: 0, matching: 0, suggestions: [] });
    expect(await t.db.selectFrom("suggestion").selectAll().execute()).toEqual([]);
    expect(await countKept(t.db)).toBe(4);
    const waiting = await everyRowAsText(t.db);
    for (const text of WRITTEN.slice(0, 4)) expect(waiting).not.toContain(text.slice(0, 12));
    expect(waiting).not.toContain("ที่จอดรถ");

    expect(await visit(round.eitToken, 4, WRITTEN[4], LATER)).toEqual({ stored: true, flag: null });
    const shown = await page(manager);
    expect(shown.total).toBe(5);
    expect(shown.suggestions).toHaveLength(5);
    // The group is dated by its release: April, for all five (no day, no time, no order of arrival).
    expect(new Set(shown.suggestions.map((s) => s.month))).toEqual(new Set(["2026-04"]));
    expect(shown.suggestions.every((s) => s.counter.th === "จุดชำระภาษี" && s.status === "new")).toBe(true);

    const texts = shown.suggestions.map((s) => s.text).sort();
    const expected = [
      `ที่จอดรถไม่พอ โทรกลับที่ ${PERSONAL_DATA_MARKER} บัตร ${PERSONAL_DATA_MARKER} เลขพัสดุ ${INVALID_13} อีเมล ${PERSONAL_DATA_MARKER}`,
      `รอคิวนานมากกกก ควรมีระบบคิวออนไลน์ ไลน์ ${PERSONAL_DATA_MARKER}`,
      "เจ้าหน้าที่บริการดี Parking is too small",
      `ห้องน้ำสกปรก ควรทำความสะอาด เบอร์ ${PERSONAL_DATA_MARKER}`,
      `ที่จอดรถควรมีหลังคา ${PERSONAL_DATA_MARKER}`,
    ].sort();
    expect(texts).toEqual(expected);

    // The raw rows: the suggestion table holds the scrubbed text, and nothing anywhere holds what was removed.
    const raw = await t.db.selectFrom("suggestion").selectAll().execute();
    expect(raw).toHaveLength(5);
    for (const row of raw) {
      expect(row.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(row.month).toBe("2026-04");
      expect(Object.keys(row).sort()).toEqual(["id", "link_id", "measure_id", "month", "note", "response_id", "round_id", "status", "text", "updated_at", "updated_by"]);
    }
    const dump = await everyRowAsText(t.db);
    for (const gone of [PHONE, "0812345678", VALID_ID, EMAIL, "somchai_99", "๐๙๘-๗๖๕-๔๓๒๑", "81 234 5678"]) expect(dump, gone).not.toContain(gone);
    expect(dump).toContain(INVALID_13);
    if (t.kind === "sqlite") {
      // The database file and its WAL, byte for byte: the removed text was never written.
      for (const file of [t.path, `${t.path}-wal`].filter((f) => existsSync(f))) {
        const bytes = readFileSync(file);
        for (const gone of [PHONE, VALID_ID, EMAIL, "somchai_99"]) expect(bytes.includes(Buffer.from(gone, "utf8")), `${gone} in ${file}`).toBe(false);
      }
    }

    // No text reaches a tally or a response's answers: they hold the 19 scored fields, numbers only.
    const tallies = await t.db.selectFrom("tally").select(["field", "value"]).execute();
    expect(tallies.some((tally) => tally.field === "eit_suggestion")).toBe(false);
    expect(tallies.every((tally) => typeof tally.value === "number")).toBe(true);
    for (const response of await t.db.selectFrom("response").select("answers").execute()) {
      const answers = JSON.parse(response.answers) as Record<string, unknown>;
      expect(Object.keys(answers)).toHaveLength(19);
      expect(Object.values(answers).every((v) => typeof v === "number")).toBe(true);
    }
  });

  it("keeps no suggestion for a visitor who wrote none, and the group still releases at five", async () => {
    for (let n = 0; n < 5; n++) await visit(round.eitToken, n, n === 2 ? "ควรมีที่นั่งรอเพิ่ม" : n === 3 ? "   " : undefined);
    expect((await page(manager)).suggestions.map((s) => s.text)).toEqual(["ควรมีที่นั่งรอเพิ่ม"]);
    expect((await t.db.selectFrom("response").select("id").execute()).length).toBe(5);
  });
});

describe("what the server refuses", () => {
  it("refuses free text on the IIT with a Thai 400, and writes nothing", async () => {
    const before = await countKept(t.db);
    for (const answers of [
      { ...makeAnswers("iit"), eit_suggestion: "อยากให้หัวหน้าเปลี่ยนวิธีมอบหมายงาน" },
      { ...makeAnswers("iit"), i1_1: "หัวหน้างานไม่ยุติธรรม" },
      { ...makeAnswers("iit"), comment: "ข้อความ" },
    ]) {
      const error = await submitResponse(t.db, round.iitToken, JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers })), AT).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(400);
      expect((error as HttpError).messageTh).toBe("คำตอบไม่ครบหรือไม่ถูกต้อง กรุณาตรวจสอบอีกครั้ง");
    }
    expect(await countKept(t.db)).toBe(before);
  });

  it.each([
    ["a number", 12345, "ข้อเสนอแนะต้องเป็นข้อความ"],
    ["an object", { text: "ข้อความ" }, "ข้อเสนอแนะต้องเป็นข้อความ"],
    ["1,001 characters", "ก".repeat(1001), "ข้อเสนอแนะยาวได้ไม่เกิน 1,000 ตัวอักษร"],
    ["a NUL", "ก\u0000ข", "ข้อเสนอแนะมีอักขระควบคุมที่ไม่อนุญาต"],
  ])("refuses %s as an EIT suggestion with a Thai 400", async (_what, value, message) => {
    const answers = { ...makeAnswers("eit"), eit_suggestion: value };
    const error = (await submitResponse(t.db, round.eitToken, JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers })), AT).catch((e: unknown) => e)) as HttpError;
    expect(error.status).toBe(400);
    expect(error.fields).toEqual({ eit_suggestion: expect.objectContaining({ th: message }) });
    expect(await countKept(t.db)).toBe(0);
  });
});

describe("the suggestions page", () => {
  let otherCounterId = 0;

  /** Two counters: ten visitors at the tax counter released in March, five at the registry in April. */
  beforeEach(async () => {
    const unitId = await insertUnit(t.db, { organization_id: round.organizationId, name_th: "สำนักปลัด", name_en: "Clerk's office", created_at: NOW.toISOString() });
    otherCounterId = await insertCounter(t.db, { organization_id: round.organizationId, unit_id: unitId, name_th: "งานทะเบียน", name_en: "Registry", created_at: NOW.toISOString() });
    await insertLink(t.db, { round_id: round.roundId, instrument: "eit", counter_id: otherCounterId, token: "registrycounterB7", created_at: NOW.toISOString() });
    const tax = ["ที่จอดรถไม่พอ", "ที่จอดรถเต็มทุกเช้า", "ควรเพิ่มที่จอดรถ", "เจ้าหน้าที่ดีมากกกก 555+", "PARKING ไม่พอ", "รอคิวนาน", "ที่จอดรถร้อน", "ขอบคุณครับ", "ห้องน้ำสกปรก", "ที่จอดรถแคบ"];
    for (const [n, text] of tax.entries()) await visit(round.eitToken, n, text);
    for (const [n, text] of ["รอคิวนานมาก", "ระบบคิวออนไลน์ใช้ยาก", "รอคิวทั้งเช้า", "เจ้าหน้าที่สุภาพ", "อบต.ควรเพิ่มเจ้าหน้าที่"].entries()) await visit("registrycounterB7", n, text, LATER);
  });

  it("lists every released suggestion, with filters offering the counters and months that have some", async () => {
    const all = await page(viewer);
    expect(all.total).toBe(15);
    expect(all.canEdit).toBe(false);
    expect(all.facets.counters.map((c) => [c.nameTh, c.count])).toEqual([
      ["งานทะเบียน", 5],
      ["จุดชำระภาษี", 10],
    ]);
    expect(all.facets.months).toEqual([
      { month: "2026-04", count: 5 },
      { month: "2026-03", count: 10 },
    ]);
    // Newest month first.
    expect(all.suggestions.slice(0, 5).every((s) => s.month === "2026-04")).toBe(true);
    expect((await page(manager)).canEdit).toBe(true);
  });

  it("searches Thai as a substring and Latin in either case, and filters by counter, month and status", async () => {
    expect((await page(viewer, "q=ที่จอดรถ")).suggestions.map((s) => s.text).sort()).toEqual(["ควรเพิ่มที่จอดรถ", "ที่จอดรถเต็มทุกเช้า", "ที่จอดรถแคบ", "ที่จอดรถไม่พอ", "ที่จอดรถร้อน"].sort());
    expect((await page(viewer, "q=parking")).suggestions.map((s) => s.text)).toEqual(["PARKING ไม่พอ"]);
    expect((await page(viewer, "q=Parking")).matching).toBe(1);
    expect((await page(viewer, "q=คิว")).matching).toBe(4);
    // LIKE's own characters are searched for as text.
    expect((await page(viewer, "q=%25")).matching).toBe(0);
    expect((await page(viewer, "q=_")).matching).toBe(0);
    expect((await page(viewer, `counter=${otherCounterId}`)).matching).toBe(5);
    expect((await page(viewer, "month=2026-03")).matching).toBe(10);
    expect((await page(viewer, `q=คิว&counter=${otherCounterId}`)).matching).toBe(3);
    expect((await page(viewer, "status=acted")).matching).toBe(0);
    // What is not a filter the page offers is left out, never an error.
    for (const junk of ["counter=abc", "month=2026-13", "status=deleted", "q=%00%01", `q=${"ก".repeat(500)}`, "counter=-1", "month='; drop table suggestion; --"]) {
      const result = await page(viewer, junk);
      expect(result.total, junk).toBe(15);
    }
    expect((await page(viewer, "q=%00ที่จอดรถ%07")).query.q).toBe("ที่จอดรถ");
  });

  it("counts the words that come up most, overall, per counter and per month", async () => {
    const result = await page(viewer);
    // PARKING is not ที่จอดรถ: words are counted as written. Ties in Thai dictionary order (เจ้า… under จ).
    expect(result.words.all.slice(0, 3)).toEqual([
      { word: "ที่จอดรถ", count: 5 },
      { word: "เจ้าหน้าที่", count: 3 },
      { word: "รอคิว", count: 3 },
    ]);
    const tax = result.words.byCounter.find((g) => g.counter.th === "จุดชำระภาษี")!;
    expect(tax.suggestions).toBe(10);
    expect(tax.words[0]).toEqual({ word: "ที่จอดรถ", count: 5 });
    const registry = result.words.byCounter.find((g) => g.counter.th === "งานทะเบียน")!;
    expect(registry.words.slice(0, 2)).toEqual([
      { word: "เจ้าหน้าที่", count: 2 },
      { word: "รอคิว", count: 2 },
    ]);
    expect(registry.words).toHaveLength(6);
    expect(result.words.byMonth.map((g) => [g.month, g.suggestions, g.words[0]?.word])).toEqual([
      ["2026-04", 5, "เจ้าหน้าที่"],
      ["2026-03", 10, "ที่จอดรถ"],
    ]);
    // The word counts follow the search.
    expect((await page(viewer, "q=คิว")).words.all[0]).toEqual({ word: "รอคิว", count: 3 });
  });

  it("lets a manager mark a suggestion acted on with a note, audited without its text; a viewer changes nothing", async () => {
    const target = (await page(manager, "q=PARKING")).suggestions[0]!;
    const result = await post(manager, { intent: "mark", suggestionId: target.id, status: "acted", note: "ตีเส้นที่จอดรถใหม่แล้ว\nเพิ่ม 12 ช่อง" }, "?q=PARKING&lang=en");
    expect(result).toEqual({ ok: true, redirectTo: `/admin/rounds/${round.roundId}/suggestions?q=PARKING&lang=en&marked=${target.id}#suggestion-${target.id}` });
    const after = (await page(viewer, "q=PARKING")).suggestions[0]!;
    expect(after).toMatchObject({ status: "acted", note: "ตีเส้นที่จอดรถใหม่แล้ว\nเพิ่ม 12 ช่อง", updatedOn: "2026-04-02" });
    expect((await page(viewer, "status=acted")).matching).toBe(1);
    const audit = (await listAuditLog(t.db, round.organizationId, 100)).filter((e) => e.action === "suggestion.mark");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target: `suggestion:${target.id}` });
    expect(JSON.parse(audit[0]!.detail)).toEqual({ roundId: round.roundId, before: { status: "new", note: "" }, status: "acted", note: "ตีเส้นที่จอดรถใหม่แล้ว\nเพิ่ม 12 ช่อง" });
    expect(audit[0]!.detail).not.toContain("PARKING");

    expect(await post(viewer, { intent: "mark", suggestionId: target.id, status: "new", note: "" })).toMatchObject({ ok: false, status: 403 });
    expect((await page(viewer, "q=PARKING")).suggestions[0]!.status).toBe("acted");
  });

  it("refuses junk with a 4xx: a wrong token, intent, id, status or note, another agency's suggestion", async () => {
    const target = (await page(manager)).suggestions[0]!;
    const forged = await post(manager, { csrf: "x".repeat(43), intent: "mark", suggestionId: target.id, status: "read", note: "" }).catch((e: unknown) => e);
    expect(forged).toBeInstanceOf(Response);
    expect((forged as Response).status).toBe(403);
    expect(await post(manager, { intent: "delete", suggestionId: target.id })).toMatchObject({ ok: false, status: 400 });
    expect(await post(manager, { intent: "mark", suggestionId: "nope", status: "read", note: "" })).toMatchObject({ ok: false, status: 404 });
    expect(await post(manager, { intent: "mark", suggestionId: "A".repeat(22), status: "read", note: "" })).toMatchObject({ ok: false, status: 404 });
    expect(await post(manager, { intent: "mark", suggestionId: target.id, status: "deleted", note: "" })).toMatchObject({ ok: false, status: 400, errors: { status: expect.anything() } });
    expect(await post(manager, { intent: "mark", suggestionId: target.id, status: "read", note: "ก".repeat(1001) })).toMatchObject({ ok: false, status: 400, errors: { note: expect.anything() } });
    expect(await post(manager, { intent: "mark", suggestionId: target.id, status: "read", note: "ก\u0000" })).toMatchObject({ ok: false, status: 400, errors: { note: expect.anything() } });
    // Another agency's manager: the same id is none of theirs.
    const other = await createRoundFixture(t.db, "other-agency");
    const stranger = await sessionUser(t.db, other.organizationId, "other-manager", "manager");
    const request = new Request(`http://localhost/admin/rounds/${round.roundId}/suggestions`, { method: "POST", body: new URLSearchParams({ csrf: stranger.csrfToken, intent: "mark", suggestionId: target.id, status: "read", note: "" }) });
    const foreign = await postSuggestionsForm(t.db, stranger, request, String(round.roundId), LATER).catch((e: unknown) => e);
    expect((foreign as { init?: { status?: number } }).init?.status).toBe(404);
    const ownRound = new Request(`http://localhost/admin/rounds/${other.roundId}/suggestions`, { method: "POST", body: new URLSearchParams({ csrf: stranger.csrfToken, intent: "mark", suggestionId: target.id, status: "read", note: "" }) });
    expect(await postSuggestionsForm(t.db, stranger, ownRound, String(other.roundId), LATER)).toMatchObject({ ok: false, status: 404 });
    expect((await getSuggestionsPage(t.db, stranger, other.roundId, new URLSearchParams())).total).toBe(0);
    expect((await page(viewer)).suggestions.every((s) => s.status === "new")).toBe(true);
  });

  it("turns a suggestion into a measure: the form starts from its text, and saving links the two", async () => {
    const target = (await page(manager, "q=ห้องน้ำ")).suggestions[0]!;
    const agencyRound = (await getRoundWithOrganization(t.db, round.roundId))!;
    const form = await getMeasureFormPage(t.db, manager, agencyRound, { measure: null, from: null, suggestion: target.id }, "2026-04-02");
    expect(form.suggestion).toEqual({ id: target.id, month: "2026-03", text: "ห้องน้ำสกปรก" });
    expect(form.values).toMatchObject({ title: "ห้องน้ำสกปรก", steps: ["พิจารณาข้อเสนอแนะของผู้รับบริการ: “ห้องน้ำสกปรก”"], period: "ตลอดปี ๖๙", unitIds: [], targets: [] });
    // Another round's, or no such suggestion: a 404.
    await expect(getMeasureFormPage(t.db, manager, agencyRound, { measure: null, from: null, suggestion: "B".repeat(22) }, "2026-04-02")).rejects.toMatchObject({ init: { status: 404 } });

    const unit = (await t.db.selectFrom("unit").where("organization_id", "=", round.organizationId).select("id").orderBy("id").executeTakeFirstOrThrow()).id;
    const fields = new FormData();
    for (const [name, value] of Object.entries({ ...form.values, unit: String(unit), suggestion: target.id, intent: "create" })) {
      if (name === "steps") for (const step of value as string[]) fields.append("step", step);
      else if (typeof value === "string") fields.append(name, value);
    }
    fields.set("status", "planned");
    const result = await applyMeasuresForm(t.db, manager, agencyRound, fields, LATER);
    expect(result.ok).toBe(true);
    const measureId = Number(/#measure-(\d+)/.exec(result.ok ? result.redirectTo : "")?.[1]);
    const linked = (await page(viewer, "q=ห้องน้ำ")).suggestions[0]!;
    expect(linked).toMatchObject({ status: "acted", measure: { id: measureId, position: 1 } });
    const edit = await getMeasureFormPage(t.db, manager, agencyRound, { measure: String(measureId), from: null }, "2026-04-02");
    expect(edit.fromSuggestions).toEqual([{ id: target.id, month: "2026-03", text: "ห้องน้ำสกปรก" }]);
    const audit = (await listAuditLog(t.db, round.organizationId, 100)).find((e) => e.action === "measure.create")!;
    expect(JSON.parse(audit.detail)).toMatchObject({ fromSuggestion: target.id });

    // A made-up suggestion id in the form: 404, no measure.
    fields.set("suggestion", "C".repeat(22));
    expect(await applyMeasuresForm(t.db, manager, agencyRound, fields, LATER)).toMatchObject({ ok: false, status: 404 });
    expect((await t.db.selectFrom("measure").select("id").execute()).length).toBe(1);
  });
});
