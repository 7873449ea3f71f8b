/**
 * POST /s/:token/answers has two paths through the built server: a body of declared length goes the
 * server's fast path (app/server/answers-fast-path.server.ts), a chunked body goes through React Router's
 * route module. Both answer with app/services/answers-endpoint.server.ts; this test sends the same
 * submissions, good and bad, down both and requires the same status, message and headers, and the
 * same stored result.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recountTallies } from "../../app/services/recount.server";
import { countKept, countRows, createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let server: RunningServer;
let round: RoundFixture;

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  server = await startServer({ databasePath: t.path });
});

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

type Path = "declared length" | "chunked";

function post(path: Path, token: string, body: Uint8Array<ArrayBuffer>, contentType = "application/json") {
  const init: RequestInit & { duplex?: "half" } = { method: "POST", headers: { "content-type": contentType } };
  if (path === "declared length") init.body = body;
  else {
    // A stream body has no length that fetch could declare: it is sent chunked.
    init.body = new ReadableStream({
      start(controller) {
        controller.enqueue(body);
        controller.close();
      },
    });
    init.duplex = "half";
  }
  return fetch(`${server.url}/s/${token}/answers`, init);
}

const text = (value: unknown) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));

async function answerOf(response: Response) {
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    cacheControl: response.headers.get("cache-control"),
    contentType: response.headers.get("content-type"),
    nosniff: response.headers.get("x-content-type-options"),
    csp: response.headers.get("content-security-policy") !== null,
  };
}

describe("the answers endpoint's two paths", () => {
  it("give the same answer to the same submission, good or bad, and store the same", async () => {
    const before = await countKept(t.db);
    const cases: Array<{ name: string; token: string; body: (path: Path) => Uint8Array<ArrayBuffer>; contentType?: string; status: number }> = [
      { name: "a new submission", token: round.eitToken, body: () => text({ submissionId: newSubmissionId(), answers: makeAnswers("eit") }), status: 200 },
      { name: "malformed JSON", token: round.eitToken, body: () => text('{"submissionId": '), status: 400 },
      { name: "not JSON", token: round.eitToken, body: () => text("answers=1"), contentType: "text/plain", status: 415 },
      { name: "an unknown field", token: round.eitToken, body: () => text({ submissionId: newSubmissionId(), answers: makeAnswers("eit"), extra: 1 }), status: 400 },
      { name: "answers out of range", token: round.eitToken, body: () => text({ submissionId: newSubmissionId(), answers: { ...makeAnswers("eit"), e1: 99 } }), status: 400 },
      { name: "an unknown link", token: "no-such-token", body: () => text({ submissionId: newSubmissionId(), answers: makeAnswers("eit") }), status: 404 },
      { name: "a paused link", token: round.pausedToken, body: () => text({ submissionId: newSubmissionId(), answers: makeAnswers("eit") }), status: 404 },
      { name: "bytes that are not UTF-8", token: round.eitToken, body: () => new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), status: 400 },
      {
        name: "a body over 64 KB",
        token: round.eitToken,
        body: () => text({ submissionId: newSubmissionId(), answers: makeAnswers("eit"), pad: "x".repeat(70 * 1024) }),
        status: 413,
      },
    ];
    for (const { name, token, body, contentType, status } of cases) {
      const fast = await post("declared length", token, body("declared length"), contentType);
      const routed = await post("chunked", token, body("chunked"), contentType);
      // The fast path runs ahead of the compression middleware, which marks what it handles with Vary.
      expect(fast.headers.get("vary"), name).toBeNull();
      expect(routed.headers.get("vary"), name).toContain("Accept-Encoding");
      const [fastAnswer, routedAnswer] = [await answerOf(fast), await answerOf(routed)];
      expect(fastAnswer.status, name).toBe(status);
      expect(fastAnswer, name).toEqual(routedAnswer);
      if (status !== 200) expect(String(fastAnswer.body.message), name).toMatch(/[\u0E00-\u0E7F]/); // Thai first
    }
    // The two new submissions are kept (waiting in their counter's pool for a group of five), once each;
    // nothing of the refused ones.
    expect((await countKept(t.db)) - before).toBe(2);
    expect((await recountTallies(t.db, { repair: false })).differences).toEqual([]);
  });

  it("thank a repeat on either path without storing it again", async () => {
    const submission = text({ submissionId: newSubmissionId(), answers: makeAnswers("iit") });
    const first = await answerOf(await post("declared length", round.iitToken, submission));
    expect(first.body).toMatchObject({ ok: true, stored: true });
    const before = await countRows(t.db);
    const again = await answerOf(await post("chunked", round.iitToken, submission));
    const againFast = await answerOf(await post("declared length", round.iitToken, submission));
    expect(again).toEqual(againFast);
    expect(again.body).toEqual({ ok: true, stored: false, thanksUrl: `/s/${round.iitToken}/thanks` });
    expect(await countRows(t.db)).toEqual(before);
  });
});
