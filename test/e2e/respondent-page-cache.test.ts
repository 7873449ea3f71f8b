/**
 * The respondent page cache (app/server/respondent-page-cache.server.ts) over the built server: a page
 * served from memory is the page React Router renders (same status, headers and HTML but for the
 * response's own CSP nonce and its form's own submission id and start stamp: app/services/form-view.server.ts),
 * in each language, and a link paused after its page was cached shows the paused page at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t as text } from "../../app/text/i18n";
import { getPublicLink, updateRoundLinkStatus } from "../../db/queries/links";
import { createRoundFixture, type RoundFixture } from "../support/fixtures";
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

/** Headers that differ between any two responses, whoever renders them. */
const TRANSPORT = new Set(["date", "content-length", "transfer-encoding", "connection", "keep-alive", "vary"]);

async function view(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers: { "accept-encoding": "identity", ...headers } });
  const html = await response.text();
  const csp = response.headers.get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, "every page has a nonce in its CSP").toBeTruthy();
  const kept = [...response.headers.entries()].filter(([name]) => !TRANSPORT.has(name));
  // The form's per-view values, where the page has a form (a paused page has none).
  const submissionId = /name="submissionId" value="([^"]+)"/.exec(html)?.[1];
  const startStamp = /name="startStamp" value="([^"]+)"/.exec(html)?.[1];
  const comparableHtml = [[nonce!, "NONCE"], [submissionId, "SUBMISSION_ID"], [startStamp, "START_STAMP"]].reduce(
    (text, [value, name]) => (value ? text.split(value).join(name!) : text),
    html,
  );
  return {
    status: response.status,
    nonce: nonce!,
    submissionId,
    startStamp,
    html,
    /** The HTML and headers with this response's nonce written as NONCE, and its form's id and stamp as names too. */
    comparable: {
      status: response.status,
      html: comparableHtml,
      headers: kept.map(([name, value]) => [name, value.split(nonce!).join("NONCE")]),
    },
  };
}

/** A cookie the page ignores, which takes the request past the cache to React Router. */
const UNCACHED = { cookie: "unrelated=1" };

describe("respondent page cache", () => {
  it("serves the same page as React Router, with a fresh nonce each time", async () => {
    const path = `/s/${round.iitToken}`;
    const uncached = await view(path, UNCACHED);
    const first = await view(path);
    const second = await view(path);
    expect(uncached.status).toBe(200);
    expect(first.comparable).toEqual(uncached.comparable);
    expect(second.comparable).toEqual(uncached.comparable);
    // Each response's nonce is its own, and the page's scripts carry exactly that one.
    expect(new Set([uncached.nonce, first.nonce, second.nonce]).size).toBe(3);
    expect(second.html).toContain(`nonce="${second.nonce}"`);
    expect(second.html).not.toContain(first.nonce);
    expect(second.html).not.toContain("n0nce");
    // So are its form's submission id and start stamp: a visitor's post is never taken for another's.
    expect(new Set([uncached.submissionId, first.submissionId, second.submissionId]).size).toBe(3);
    expect(second.submissionId).toMatch(/^[0-9a-f]{32}$/);
    expect(second.startStamp).toMatch(/^s1\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(second.html).not.toContain("st4mp");
    // The same id and stamp in the form and in the data the page hydrates from.
    expect(second.html.split(second.submissionId!).length).toBe(3);
    expect(second.html.split(second.startStamp!).length).toBe(3);
    // Nothing of the request (its host) is in a page that others are served.
    expect(second.html).not.toContain("127.0.0.1");
  });

  it("keeps Thai and English apart, and sets the language cookie only when ?lang= asks", async () => {
    const path = `/s/${round.eitToken}`;
    const th = await view(path);
    const en = await view(`${path}?lang=en`);
    const enAgain = await view(`${path}?lang=en`);
    const enByCookie = await view(path, { cookie: "lang=en" });
    expect(th.html).toContain('<html lang="th"');
    expect(en.html).toContain('<html lang="en"');
    expect(enByCookie.html).toContain('<html lang="en"');
    expect(enAgain.comparable).toEqual(en.comparable);
    expect(en.comparable.headers).toContainEqual(["set-cookie", "lang=en; Path=/; Max-Age=31536000; SameSite=Lax"]);
    expect(enByCookie.comparable.headers.some(([name]) => name === "set-cookie")).toBe(false);
    expect(th.comparable.headers.some(([name]) => name === "set-cookie")).toBe(false);
    // The same as React Router renders them past the cache.
    expect(en.comparable).toEqual((await view(`${path}?lang=en`, { cookie: "unrelated=1" })).comparable);
    expect(enByCookie.comparable).toEqual((await view(path, { cookie: "lang=en; unrelated=1" })).comparable);
    expect(th.comparable).toEqual((await view(path, UNCACHED)).comparable);
  });

  it("shows the paused page at once when a link is paused after its page was cached, and the survey again when resumed", async () => {
    const path = `/s/${round.iitToken}?lang=th`;
    await view(path);
    const cached = await view(path);
    expect(cached.status).toBe(200);
    const link = (await getPublicLink(t.db, round.iitToken))!;
    await updateRoundLinkStatus(t.db, round.roundId, link.linkId, "paused");
    const paused = await view(path);
    expect(paused.status).toBe(404);
    expect(paused.html).toContain(text("th", "pausedTitle"));
    expect(paused.comparable).toEqual((await view(path, UNCACHED)).comparable);
    await updateRoundLinkStatus(t.db, round.roundId, link.linkId, "active");
    const resumed = await view(path);
    expect(resumed.status).toBe(200);
    expect(resumed.comparable).toEqual(cached.comparable);
  });

  it("leaves unknown links, access codes in the query and other queries to React Router", async () => {
    expect((await view("/s/unknownToken1")).status).toBe(404);
    const withCode = await view(`/s/${round.iitToken}?code=ABCD-1234`);
    expect(withCode.status).toBe(200);
    expect(withCode.comparable).toEqual((await view(`/s/${round.iitToken}?code=ABCD-1234`, UNCACHED)).comparable);
  });
});
