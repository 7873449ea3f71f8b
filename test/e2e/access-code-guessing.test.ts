/**
 * The access-code guess budget (issue 14, docs/decisions/access-codes-unlinkable.md), over HTTP against the
 * BUILT server: 10 failed guesses a minute per address, shared by the code check (POST /s/:token/code) and
 * the answers (POST /s/:token/answers, through the server's fast path and through the React Router route
 * alike). Past it every code gets the same 429 in Thai, a used one and a right one too, before it is looked
 * at; within it a used code is a 409 and a wrong one a 400, as before. A right code costs nothing, answers
 * without a code are not held back, and guesses sent all at once do not pass together.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let server: RunningServer;
let round: RoundFixture;
let admin: SignedIn;
let codes: string[] = [];
/** A code used once already. */
let usedCode = "";

/** Each test plays its own client address (TRUST_PROXY=1): the budget is per address. */
let nextAddress = 10;
const newAddress = () => `198.51.100.${nextAddress++}`;

async function postForm(path: string, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { cookie: admin.cookie },
    body: new URLSearchParams({ csrf: admin.csrf, ...fields }),
    redirect: "manual",
  });
}

function answerBody(accessCode: string | undefined, instrument: "iit" | "eit" = "iit") {
  return JSON.stringify({ submissionId: newSubmissionId(), answers: makeAnswers(instrument), durationSeconds: 300, ...(accessCode === undefined ? {} : { accessCode }) });
}

/** An IIT submission with `accessCode`, with a declared length: answered by the server's fast path. */
function answer(address: string, accessCode: string | undefined) {
  return fetch(`${server.url}/s/${round.iitToken}/answers`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: answerBody(accessCode),
  });
}

/** The same, with a chunked body (no length): answered by the React Router route (app/routes/public/survey-answers.ts). */
function answerChunked(address: string, accessCode: string | undefined) {
  const bytes = new TextEncoder().encode(answerBody(accessCode));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return fetch(`${server.url}/s/${round.iitToken}/answers`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
}

function check(address: string, code: string) {
  return fetch(`${server.url}/s/${round.iitToken}/code`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({ code }),
  });
}

/** A made-up code of the right shape that no slip carries. */
let wrongSerial = 0;
function wrongCode(): string {
  const alphabet = "346789ABCDEFGHJKMNPQRTUVWXY";
  let n = wrongSerial++;
  let code = "";
  for (let i = 0; i < 8; i++) {
    code += alphabet[n % alphabet.length];
    n = Math.floor(n / alphabet.length);
  }
  const formatted = `${code.slice(0, 4)}-${code.slice(4)}`;
  return codes.includes(formatted) ? wrongCode() : formatted;
}

async function statusAndBody(response: Response) {
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as { status: number; message: string; messageEn: string }) : null };
}

const TOO_MANY = { status: 429, message: "ลองรหัสบ่อยเกินไป กรุณารอหนึ่งนาทีแล้วลองใหม่", messageEn: "Too many tries: please wait a minute." };

/** A code that was never used: the code check (from an address of its own) says 204, not 409. */
async function codeIsUnused(code: string): Promise<boolean> {
  return (await check(newAddress(), code)).status === 204;
}

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  await createTestUser(t.db, round.organizationId, "admin1", "admin");
  server = await startServer({ databasePath: t.path, env: { TRUST_PROXY: "1" } });
  admin = await signInOverHttp(server.url, "admin1");
  expect((await postForm(`/admin/rounds/${round.roundId}/codes`, { intent: "mode", mode: "codes" })).status).toBe(302);
  const slips = await postForm(`/admin/rounds/${round.roundId}/codes/slips`, { count: "30" });
  expect(slips.status).toBe(200);
  codes = [...(await slips.text()).matchAll(/data-code="([A-Z0-9-]+)"/g)].map((m) => m[1]!);
  expect(codes).toHaveLength(30);
  usedCode = codes.pop()!;
  expect((await answer(newAddress(), usedCode)).status).toBe(200);
});

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

describe("the access-code guess budget", () => {
  it("within it, as before: a used code is a 409, a wrong one a 400, a right one a 200, each in Thai first", async () => {
    const address = newAddress();
    const used = await statusAndBody(await answer(address, usedCode));
    expect(used.status).toBe(409);
    expect(used.body!.message).toBe("รหัสนี้ถูกใช้ตอบแบบสอบถามไปแล้ว รหัสแต่ละชุดใช้ได้เพียงครั้งเดียว");
    expect(used.body!.messageEn).toMatch(/already been used/);
    const wrong = await statusAndBody(await answer(address, wrongCode()));
    expect(wrong.status).toBe(400);
    expect(wrong.body!.message).toBe("รหัสไม่ถูกต้อง กรุณาตรวจสอบรหัสบนบัตรอีกครั้ง");
    expect((await check(address, usedCode)).status).toBe(409);
    expect((await check(address, wrongCode())).status).toBe(400);
    expect((await answer(address, codes.pop()!)).status).toBe(200);
  });

  it("11 wrong codes through /answers: the 11th is a 429 in Thai; past it a used code, a right one and no code get the same 429", async () => {
    const address = newAddress();
    for (let n = 1; n <= 10; n++) {
      const response = await statusAndBody(await answer(address, wrongCode()));
      expect(response.status, `wrong code ${n}`).toBe(400);
    }
    const eleventh = await statusAndBody(await answer(address, wrongCode()));
    expect(eleventh).toEqual({ status: 429, body: TOO_MANY });
    // Past the budget, nothing tells a used code from a wrong one, or a right one.
    expect(await statusAndBody(await answer(address, usedCode))).toEqual(eleventh);
    const right = codes.pop()!;
    expect(await statusAndBody(await answer(address, right))).toEqual(eleventh);
    expect(await statusAndBody(await answer(address, "not a code"))).toEqual(eleventh);
    expect(await statusAndBody(await answer(address, undefined))).toEqual(eleventh);
    // The right code was not used by the refused submission: it still works (from another address).
    expect(await codeIsUnused(right)).toBe(true);
    // The code check says the same to this address.
    expect(await statusAndBody(await check(address, usedCode))).toEqual(eleventh);
    expect(await statusAndBody(await check(address, right))).toEqual(eleventh);
    // Another address is not held back.
    expect((await answer(newAddress(), wrongCode())).status).toBe(400);
  });

  it("is one budget for the code check and the answers, in either order", async () => {
    const first = newAddress();
    for (let n = 0; n < 5; n++) expect((await check(first, wrongCode())).status).toBe(400);
    for (let n = 0; n < 5; n++) expect((await answer(first, wrongCode())).status).toBe(400);
    expect(await statusAndBody(await check(first, wrongCode()))).toEqual({ status: 429, body: TOO_MANY });
    expect(await statusAndBody(await answer(first, usedCode))).toEqual({ status: 429, body: TOO_MANY });

    const second = newAddress();
    for (let n = 0; n < 9; n++) expect((await answer(second, wrongCode())).status).toBe(400);
    expect((await check(second, usedCode)).status).toBe(409);
    expect(await statusAndBody(await answer(second, wrongCode()))).toEqual({ status: 429, body: TOO_MANY });
  });

  it("is the same budget through the fast path and through React Router's route (a chunked body)", async () => {
    const address = newAddress();
    // The route itself answers a chunked body as the fast path would.
    const viaRoute = await statusAndBody(await answerChunked(address, usedCode));
    expect(viaRoute.status).toBe(409);
    for (let n = 0; n < 9; n++) expect((await answer(address, wrongCode())).status).toBe(400);
    expect(await statusAndBody(await answerChunked(address, wrongCode()))).toEqual({ status: 429, body: TOO_MANY });
    expect(await statusAndBody(await answer(address, wrongCode()))).toEqual({ status: 429, body: TOO_MANY });
  });

  it("lets at most 10 of 30 wrong guesses sent all at once be told apart", async () => {
    const address = newAddress();
    const responses = await Promise.all(Array.from({ length: 30 }, (_, n) => (n % 2 === 0 ? answer(address, wrongCode()) : check(address, wrongCode()))));
    const statuses = responses.map((r) => r.status);
    await Promise.all(responses.map((r) => r.arrayBuffer()));
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    expect(statuses.every((s) => s === 400 || s === 429)).toBe(true);
  });

  it("costs nothing for a right code, and holds back no answer that takes no code", async () => {
    const office = newAddress();
    // A staff meeting behind one address: more right codes than the budget, checked and then used.
    const mine = codes.splice(0, 12);
    for (const code of mine) expect((await check(office, code)).status).toBe(204);
    for (const code of mine) expect((await answer(office, code)).status).toBe(200);
    // Past the budget for codes, the same address still answers the EIT (no code).
    for (let n = 0; n < 10; n++) await answer(office, wrongCode());
    expect((await answer(office, wrongCode())).status).toBe(429);
    const eit = await fetch(`${server.url}/s/${round.eitToken}/answers`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": office },
      body: answerBody(undefined, "eit"),
    });
    expect(eit.status).toBe(200);
  });
});
