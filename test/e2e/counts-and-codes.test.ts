/**
 * Staff access codes, floods and noise flags, over HTTP against the built server: a code works once,
 * nothing links a code to an answer, a flood gets 429s, flagged answers leave the scores and come back.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRoundResults } from "../../app/services/round-results.server";
import { recountTallies } from "../../app/services/recount.server";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { countKept, countRows, createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { unhurried } from "../support/start-stamps";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let server: RunningServer;
let round: RoundFixture;
let admin: SignedIn;
let codes: string[] = [];

async function postForm(path: string, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { cookie: admin.cookie },
    body: new URLSearchParams({ csrf: admin.csrf, ...fields }),
    redirect: "manual",
  });
}

function submit(token: string, body: Record<string, unknown>, address = "198.51.100.7") {
  return fetch(`${server.url}/s/${token}/answers`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    // A start stamp from long ago: the server measures the survey as taking its time.
    body: JSON.stringify({ ...unhurried({ submissionId: newSubmissionId() }), ...body }),
  });
}

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  await createTestUser(t.db, round.organizationId, "admin1", "admin");
  // TRUST_PROXY=1: the test plays several client addresses through X-Forwarded-For.
  server = await startServer({ databasePath: t.path, env: { TRUST_PROXY: "1" } });
  admin = await signInOverHttp(server.url, "admin1");
  expect((await postForm(`/admin/rounds/${round.roundId}/codes`, { intent: "mode", mode: "codes" })).status).toBe(302);
  const slips = await postForm(`/admin/rounds/${round.roundId}/codes/slips`, { count: "20" });
  expect(slips.status).toBe(200);
  codes = [...(await slips.text()).matchAll(/data-code="([A-Z0-9-]+)"/g)].map((m) => m[1]!);
});

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

describe("staff access codes", () => {
  it("prints 20 distinct codes as slips, once", async () => {
    expect(codes).toHaveLength(20);
    expect(new Set(codes).size).toBe(20);
    const again = await fetch(`${server.url}/admin/rounds/${round.roundId}/codes/slips`, { headers: { cookie: admin.cookie }, redirect: "manual" });
    expect(again.status).toBe(200);
    const html = await again.text();
    expect(html).toContain("รหัสแสดงเพียงครั้งเดียว"); // a GET cannot show the codes again
    expect(html).not.toContain("data-code=");
  });

  it("checks a code before the survey without using it", async () => {
    const check = (code: string) =>
      fetch(`${server.url}/s/${round.iitToken}/code`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code }) });
    expect((await check(codes[0]!)).status).toBe(204);
    expect((await check(codes[0]!.toLowerCase().replace("-", " "))).status).toBe(204);
    expect((await check("3333-3333")).status).toBe(400);
    expect((await check("not a code")).status).toBe(400);
    const used = await t.db.selectFrom("access_code").where("used_on", "is not", null).select("id").execute();
    expect(used).toHaveLength(0);
  });

  it("accepts a code once: the second use is a 409 in Thai and stores nothing", async () => {
    const first = await submit(round.iitToken, { answers: makeAnswers("iit"), accessCode: codes[0] });
    expect(first.status).toBe(200);
    const before = await countRows(t.db);
    const second = await submit(round.iitToken, { answers: makeAnswers("iit"), accessCode: codes[0] });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { message: string }).message).toContain("ถูกใช้");
    expect(await countRows(t.db)).toEqual(before);
  });

  it("lets exactly one of two concurrent submissions with the same code in", async () => {
    const before = (await countKept(t.db)) + 1;
    const [a, b] = await Promise.all([
      submit(round.iitToken, { answers: makeAnswers("iit"), accessCode: codes[1] }),
      submit(round.iitToken, { answers: makeAnswers("iit", (i) => i + 1), accessCode: codes[1] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    // Kept once: as a response, or waiting in the IIT pool for its group of five.
    expect(await countKept(t.db)).toBe(before);
  });

  it.each([
    ["a guessed code", "4444-4444"],
    ["a malformed code", "x"],
    ["no code", undefined],
  ])("refuses %s with a 4xx that does not say whether it exists, and stores nothing", async (_name, accessCode) => {
    const before = await countRows(t.db);
    const response = await submit(round.iitToken, { answers: makeAnswers("iit"), ...(accessCode ? { accessCode } : {}) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain("รหัสไม่ถูกต้อง");
    expect(await countRows(t.db)).toEqual(before);
  });

  it("keeps nothing that links a code to the answers it unlocked", async () => {
    for (const code of codes.slice(2, 7)) {
      expect((await submit(round.iitToken, { answers: makeAnswers("iit", (i) => i * 3), accessCode: code })).status).toBe(200);
    }
    const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.db)).rows.map((r) => r.name);
    const dump = new Map<string, Record<string, unknown>[]>();
    for (const table of tables) dump.set(table, (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.db)).rows);

    // No plain code anywhere, in any form.
    const everything = JSON.stringify([...dump.entries()]);
    for (const code of codes) {
      expect(everything).not.toContain(code);
      expect(everything).not.toContain(code.replace("-", ""));
    }
    // A code row: its hash, its round, and days only.
    for (const row of dump.get("access_code")!) {
      expect(Object.keys(row).sort()).toEqual(["code_hash", "created_on", "id", "round_id", "used_on"]);
      if (row.used_on !== null) expect(row.used_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // A response: no column that could hold a code, its hash, an address, a device or a time of day.
    // Seven IIT answer sets in all: the whole groups of five released as responses, the rest waiting.
    const iitResponses = dump.get("response")!.filter((r) => r.instrument === "iit");
    const pooled = dump.get("answer_pool")!.filter((r) => r.instrument === "iit");
    expect(iitResponses.length + pooled.length).toBe(7);
    expect(iitResponses.length % 5).toBe(0);
    const hashes = new Set(dump.get("access_code")!.map((r) => r.code_hash as string));
    // A waiting row: a random id, its round, link and instrument, the browser's submission id, sealed answers.
    for (const row of pooled) {
      expect(Object.keys(row).sort()).toEqual(["flagged", "id", "instrument", "link_id", "round_id", "sealed", "submission_id"]);
      for (const value of Object.values(row)) expect(hashes.has(String(value))).toBe(false);
      expect(String(row.sealed)).not.toMatch(/i1_1|"answers"/);
    }
    for (const response of iitResponses) {
      expect(Object.keys(response).sort()).toEqual(["answered_on", "answers", "flag", "framework_id", "id", "instrument", "link_id", "month", "round_id", "submission_id"]);
      expect(response.answered_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const value of Object.values(response)) expect(hashes.has(String(value))).toBe(false);
    }
    // Released responses have random ids, not the order they came in.
    for (const response of iitResponses) expect(response.id as number).toBeGreaterThanOrEqual(2 ** 30);
    // No table refers to access_code, and the audit log only counts codes.
    const foreignKeys = await sql<{ table: string }>`select m.name as "table" from sqlite_master m join pragma_foreign_key_list(m.name) f where f."table" = 'access_code'`.execute(t.db);
    expect(foreignKeys.rows).toEqual([]);
    // The ids of the codes do not follow the printed order, so "the n-th slip" names no row.
    const idOfHash = new Map(dump.get("access_code")!.map((r) => [r.code_hash as string, r.id as number]));
    const printedIds = codes.map((code) => idOfHash.get(createHash("sha256").update(`prongsai-access-code:${round.roundId}:${code.replace("-", "")}`).digest("hex")));
    expect(printedIds.every((id) => typeof id === "number")).toBe(true);
    expect(printedIds).not.toEqual([...printedIds].sort((a, b) => a! - b!));
  });
});

describe("floods and noise", () => {
  it("answers a flood from one address with 429s, stores what it acknowledged, and keeps tallies equal to a recount", async () => {
    const before = await countKept(t.db);
    const statuses = await Promise.all(
      Array.from({ length: 80 }, (_, i) => submit(round.eitToken, { answers: makeAnswers("eit", (f) => f + i) }, "203.0.113.9").then((r) => r.status)),
    );
    const accepted = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    // Kept: stored, or waiting in the counter's pool for a group of five.
    expect(await countKept(t.db)).toBe(before + accepted);
    expect((await recountTallies(t.db, { repair: false })).differences).toEqual([]);
    // Other addresses are not affected. Five ordinary visitors make a group, which takes every answer
    // waiting at the counter (the flood's flagged ones with it) into the responses.
    for (let n = 0; n < 5; n++) {
      expect((await submit(round.eitToken, { answers: makeAnswers("eit", (f, o) => (f + n) % o) }, `203.0.113.${20 + n}`)).status).toBe(200);
    }
    expect(await countKept(t.db)).toBe(before + accepted + 5);
    expect((await countRows(t.db)).responses).toBeGreaterThan(before);
  });

  it("leaves flagged answers out of the scores and puts them back when an admin restores them", async () => {
    const eitAnswers = async () => (await getRoundResults(t.db, round.roundId))!.scores.instruments.find((i) => i.code === "eit")!.answers;
    const flagged = await t.db.selectFrom("response").where("flag", "=", "burst").select("id").execute();
    expect(flagged.length).toBeGreaterThan(0);
    const stored = await t.db.selectFrom("response").where("instrument", "=", "eit").select("id").execute();
    expect(await eitAnswers()).toBe(stored.length - flagged.length);

    const page = await (await fetch(`${server.url}/admin/rounds/${round.roundId}/flagged`, { headers: { cookie: admin.cookie } })).text();
    expect(page).toContain("ส่งถี่ผิดปกติ");
    const link = await t.db.selectFrom("link").where("token", "=", round.eitToken).select("id").executeTakeFirstOrThrow();
    const restore = await postForm(`/admin/rounds/${round.roundId}/flagged`, { linkId: String(link.id), flag: "burst" });
    expect(restore.status).toBe(200);
    expect(await restore.text()).toContain(`นำกลับมาคิดคะแนนแล้ว ${flagged.length} ชุด`);
    expect(await eitAnswers()).toBe(stored.length);
    expect((await recountTallies(t.db, { repair: false })).differences).toEqual([]);
  });
});
