/**
 * The respondent page's HTML form post (POST /s/:token, issue 18) over HTTP against the built server, on
 * SQLite and on PostgreSQL: one validation with the JSON endpoint (the same status and message for the
 * same submission refused either way), a 303 to the thanks and one answer set kept for a form posted ten
 * times at once, the form drawn again with the errors beside the questions and nothing kept on a refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.server";
import { countKept, createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { type RunningServer, startServer } from "../support/server";
import { canCreateServerDatabase, createServerDatabase, SERVER_DATABASES, type ServerDatabase } from "../support/server-database";
import { startStampFor } from "../support/start-stamps";

describe.each(SERVER_DATABASES)("%s: the HTML form post", (_name, kind) => {
  const test = it.skipIf(!canCreateServerDatabase(kind));
  let database: ServerDatabase | undefined;
  let db: Db | undefined;
  let server: RunningServer | undefined;
  let round: RoundFixture;

  beforeAll(async () => {
    if (!canCreateServerDatabase(kind)) return;
    database = await createServerDatabase(kind);
    db = createDb(database.url);
    round = await createRoundFixture(db);
    server = await startServer({ databasePath: database.url, env: { TRUST_PROXY: "1" } });
  });

  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
    await database?.remove();
  });

  let address = 0;
  /** Each request from its own address, so that the flood limit is not what answers. */
  const from = () => ({ "x-forwarded-for": `198.51.100.${(address++ % 250) + 1}` });

  function postForm(token: string, fields: Record<string, string | number>) {
    const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));
    return fetch(`${server!.url}/s/${token}?lang=th`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...from() }, body, redirect: "manual" });
  }

  function postJson(token: string, submission: unknown) {
    return fetch(`${server!.url}/s/${token}/answers`, { method: "POST", headers: { "content-type": "application/json", ...from() }, body: JSON.stringify(submission) });
  }

  test("refuses what the JSON endpoint refuses, with its status and message, and draws the form again beside the question", async () => {
    const answers = makeAnswers("eit");
    const { e5: _left, ...withoutE5 } = answers;
    const cases: { what: string; answers: Record<string, unknown>; form: Record<string, string | number> }[] = [
      { what: "a required answer left out", answers: withoutE5, form: withoutE5 },
      { what: "an answer no choice has", answers: { ...answers, e2: 9 }, form: { ...answers, e2: 9 } },
      { what: "a question the survey has not", answers: { ...answers, e99: 1 }, form: { ...answers, e99: 1 } },
      { what: "a suggestion over 1,000 characters", answers: { ...answers, eit_suggestion: "ก".repeat(1001) }, form: { ...answers, eit_suggestion: "ก".repeat(1001) } },
    ];
    const before = await countKept(db!);
    for (const c of cases) {
      const submissionId = newSubmissionId();
      const json = await postJson(round.eitToken, { submissionId, answers: c.answers, startStamp: startStampFor(submissionId) });
      const jsonBody = (await json.json()) as { message: string; messageEn: string; fields?: Record<string, unknown> };
      const form = await postForm(round.eitToken, { submissionId, startStamp: startStampFor(submissionId), ...c.form });
      const html = await form.text();
      expect(form.status, c.what).toBe(json.status);
      expect(form.status, c.what).toBe(400);
      expect(form.headers.get("cache-control"), c.what).toBe("no-store");
      expect(form.headers.get("content-type"), c.what).toMatch(/^text\/html/);
      // (includes, not toContain: a failure would print the whole page)
      expect(html.includes(jsonBody.message), `${c.what}: the message`).toBe(true);
      // The same id goes on in the form drawn again, and what was sent is there.
      expect(html.includes(`name="submissionId" value="${submissionId}"`), `${c.what}: the id`).toBe(true);
      expect(html.includes('name="e3" checked="" value="4"'), `${c.what}: e3 still answered`).toBe(true);
    }
    // Beside the question: the required one's message inside its own fieldset.
    const submissionId = newSubmissionId();
    const html = await (await postForm(round.eitToken, { submissionId, ...withoutE5 })).text();
    expect(/<fieldset[^>]*id="q-e5"[^>]*>(?:(?!<\/fieldset>).)*<p class="field-error"[^>]*>กรุณาเลือกคำตอบของข้อนี้<\/p>/s.test(html), "the message inside e5's fieldset").toBe(true);
    expect(html.includes('href="#q-e5"'), "the summary links to it").toBe(true);
    expect(await countKept(db!), "nothing kept on a refusal").toBe(before);
  });

  test("a form posted ten times at once is thanked each time (303) and kept once", async () => {
    const submissionId = newSubmissionId();
    const fields = { submissionId, startStamp: startStampFor(submissionId), ...makeAnswers("iit", (i, o) => (i + 1) % o) };
    const before = await countKept(db!);
    const responses = await Promise.all(Array.from({ length: 10 }, () => postForm(round.iitToken, fields)));
    for (const response of responses) {
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`/s/${round.iitToken}/thanks?lang=th`);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    expect(await countKept(db!)).toBe(before + 1);
  });

  test("a paused or unknown link answers its page, a body over 64 KB a 413 and the form again, another type a 415, another method a 405", async () => {
    const submissionId = newSubmissionId();
    expect((await postForm(round.pausedToken, { submissionId, ...makeAnswers("eit") })).status).toBe(404);
    expect((await postForm("noSuchToken123", { submissionId, ...makeAnswers("eit") })).status).toBe(404);
    const large = await postForm(round.eitToken, { submissionId, ...makeAnswers("eit"), eit_suggestion: "x".repeat(70 * 1024) });
    expect(large.status).toBe(413);
    expect((await large.text()).includes("ข้อมูลที่ส่งมีขนาดใหญ่เกินไป"), "the 413's message on the form").toBe(true);
    const json = await fetch(`${server!.url}/s/${round.eitToken}`, { method: "POST", headers: { "content-type": "application/json", ...from() }, body: "{}" });
    expect(json.status).toBe(415);
    const put = await fetch(`${server!.url}/s/${round.eitToken}`, { method: "PUT", headers: { "content-type": "application/x-www-form-urlencoded", ...from() }, body: new URLSearchParams({ submissionId, ...makeAnswers("eit") }) });
    expect(put.status).toBe(405);
  });
});
