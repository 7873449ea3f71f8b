/**
 * The built server over HTTP, as a phone or an attacker talks to it: open a link, submit, and the
 * results page moves exactly as the scoring predicts; bad requests get a 4xx and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatScore } from "../../app/text/format";
import { getFramework } from "../../app/lib/frameworks.server";
import { computeRoundScores } from "../../app/scoring";
import { recountTallies } from "../../app/services/recount.server";
import { createDb, type Db } from "../../db/client.server";
import { sumRoundTallies } from "../../db/queries/tallies";
import { countKept, countRows, createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { unhurried } from "../support/start-stamps";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";

let t: TestDb;
let db: Db;
let server: RunningServer;
let round: RoundFixture;
let viewer: SignedIn;

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  db = t.db;
  await createTestUser(t.db, round.organizationId, "viewer1", "viewer");
  server = await startServer({ databasePath: t.path });
  viewer = await signInOverHttp(server.url, "viewer1");
});

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

function post(token: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  return fetch(`${server.url}/s/${token}/answers`, { method: "POST", headers, body });
}

async function indicatorCells(): Promise<Record<string, string>> {
  const html = await (await fetch(`${server.url}/admin/rounds/${round.roundId}/results`, { headers: { cookie: viewer.cookie } })).text();
  const cells: Record<string, string> = {};
  for (const match of html.matchAll(/data-testid="indicator-(\d+)">(.*?)<\/td>/g)) {
    cells[match[1]!] = match[2]!.replace(/<[^>]+>/g, "");
  }
  return cells;
}

describe("respondent flow over HTTP", () => {
  it("serves the survey page in Thai, and English on request", async () => {
    const th = await fetch(`${server.url}/s/${round.eitToken}`);
    expect(th.status).toBe(200);
    const html = await th.text();
    expect(html).toContain('<html lang="th"');
    expect(html).toContain("เทศบาลตำบลทดสอบ");
    expect(html).toContain("e15"); // the SurveyJS definition travels with the page
    const en = await (await fetch(`${server.url}/s/${round.eitToken}?lang=en`)).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain("Test Municipality");
  });

  it("answers an unknown token with a 404 page in Thai", async () => {
    const response = await fetch(`${server.url}/s/zzzzzzzzzzzz`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("ไม่พบหน้านี้");
    expect(html).toContain("ลิงก์นี้ไม่ถูกต้อง");
  });

  it("answers a paused link with a polite 404 page in Thai that names the agency", async () => {
    const response = await fetch(`${server.url}/s/${round.pausedToken}`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("ขณะนี้ปิดรับคำตอบชั่วคราว");
    expect(html).toContain("เทศบาลตำบลทดสอบ");
    expect(html).not.toContain("เกิดข้อผิดพลาด");
  });

  it("stores a submission, thanks the person, and moves the results exactly as scoring predicts once the counter has five", async () => {
    const framework = getFramework("ita-2565");
    const before = await indicatorCells();
    expect(before["8"]).toContain("ยังไม่ได้ประเมิน");

    const sets = [0, 1, 2, 3, 4].map((n) => makeAnswers("eit", (i) => (i * 7 + n) % 4));
    // Each visitor took their time: a start stamp from long ago (the server measures the duration).
    const response = await post(round.eitToken, JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers: sets[0] })));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; thanksUrl: string };
    expect(body.ok).toBe(true);
    const thanks = await fetch(`${server.url}${body.thanksUrl}`);
    expect(thanks.status).toBe(200);
    const thanksHtml = await thanks.text();
    expect(thanksHtml).toContain("ขอบคุณที่ตอบแบบสอบถาม");
    expect(thanksHtml).toContain("เมื่อจุดให้บริการนี้มีผู้ตอบครบกลุ่มละ 5 คน");
    // One visitor moves nothing: the answers wait for their counter's group of five.
    expect(await indicatorCells()).toEqual(before);
    for (const answers of sets.slice(1)) expect((await post(round.eitToken, JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers })))).status).toBe(200);

    const predicted = computeRoundScores(
      framework,
      sets.flatMap((answers) => Object.entries(answers).map(([field, value]) => ({ instrument: "eit" as const, field, value, count: 1 }))),
    );
    const after = await indicatorCells();
    for (const code of ["6", "7", "8"]) {
      expect(after[code]).toBe(formatScore(predicted.indicators.find((i) => i.code === code)!.score));
    }
    expect(after["1"]).toContain("ยังไม่ได้ประเมิน");
  });

  it("keeps one answer set when the same submissionId is posted ten times at once", async () => {
    const before = await countKept(db);
    const submissionId = newSubmissionId();
    const text = JSON.stringify({ submissionId, answers: makeAnswers("iit") });
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(round.iitToken, text)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await countKept(db)).toBe(before + 1);
    // Once: waiting in the IIT pool for its group of five, or released with it.
    const found = [
      ...(await db.selectFrom("answer_pool").where("submission_id", "=", submissionId).select("id").execute()),
      ...(await db.selectFrom("response").where("submission_id", "=", submissionId).select("id").execute()),
    ];
    expect(found).toHaveLength(1);
  });

  const valid = () => JSON.stringify({ submissionId: newSubmissionId(), answers: makeAnswers("eit") });
  const rejected: [string, () => Promise<Response>, number][] = [
    ["a form post instead of JSON", () => post(round.eitToken, "e2=4", { "content-type": "application/x-www-form-urlencoded" }), 415],
    ["no content type", () => post(round.eitToken, valid(), {}), 415],
    ["a body over 64 KB", () => post(round.eitToken, JSON.stringify({ submissionId: newSubmissionId(), answers: { pad: "x".repeat(70_000) } })), 413],
    ["a body over 64 KB without a length (chunked)", () => postChunked(round.eitToken, "x".repeat(80_000)), 413],
    ["malformed JSON", () => post(round.eitToken, "{"), 400],
    ["out-of-range answers", () => post(round.eitToken, JSON.stringify({ submissionId: newSubmissionId(), answers: { ...makeAnswers("eit"), e3: 7 } })), 400],
    ["an unknown field", () => post(round.eitToken, JSON.stringify({ submissionId: newSubmissionId(), answers: { ...makeAnswers("eit"), evil: 1 } })), 400],
    ["a missing answer", () => post(round.eitToken, JSON.stringify({ submissionId: newSubmissionId(), answers: { e1_1: 4 } })), 400],
    ["an unknown token", () => post("nosuchtoken1", valid()), 404],
    ["a paused link", () => post(round.pausedToken, valid()), 404],
    ["GET on the answers endpoint", () => fetch(`${server.url}/s/${round.eitToken}/answers`), 405],
  ];

  it.each(rejected)("rejects %s with the right 4xx and a Thai message, and writes nothing", async (_name, send, status) => {
    const before = { ...(await countRows(db)), kept: await countKept(db) };
    const response = await send();
    expect(response.status).toBe(status);
    const body = (await response.json()) as { message: string; messageEn: string };
    expect(body.message).toMatch(/[\u0E00-\u0E7F]/);
    expect(body.messageEn.length).toBeGreaterThan(5);
    expect({ ...(await countRows(db)), kept: await countKept(db) }).toEqual(before);
  });

  it("keeps tallies equal to a recount of the raw responses", async () => {
    const check = await recountTallies(db, { repair: false });
    expect(check.responses).toBeGreaterThan(0);
    expect(check.differences).toEqual([]);
    expect((await sumRoundTallies(db, round.roundId)).length).toBeGreaterThan(0);
  });

  it("answers /healthz with the database status", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

function postChunked(token: string, payload: string): Promise<Response> {
  const bytes = new TextEncoder().encode(payload);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
      controller.close();
    },
  });
  return fetch(`${server.url}/s/${token}/answers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: stream,
    duplex: "half",
  } as RequestInit);
}

// A second handle on the same file proves the server's writes are durable and visible to others.
it("is visible to a separate connection on the same database file", async () => {
  const other = createDb(t.path);
  try {
    expect((await countRows(other)).responses).toBeGreaterThan(0);
  } finally {
    await other.destroy();
  }
});
