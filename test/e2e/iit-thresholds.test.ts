/**
 * What a signed-in viewer can learn by watching the results while staff answer the IIT (issue 12, "What
 * must be shown"), against the BUILT server: the review's before/after subtraction needs the results to
 * move by one person. Nine staff members answer one by one; after each answer a viewer (and an admin)
 * reloads every page that shows the round — dashboard, results, report, trends — as HTML and as the page
 * data React Router sends the browser (.data), and the exports. With 1 to 4 answers everything is exactly
 * as with none; the fifth moves it (a group of five, counted together); the sixth to ninth move nothing
 * again. Nor does anything else tell when each answer came: no log line per answer, and random ids.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let server: RunningServer;
let round: RoundFixture;
let viewer: SignedIn;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  await createTestUser(t.db, round.organizationId, "watching-viewer", "viewer");
  await createTestUser(t.db, round.organizationId, "watching-admin", "admin");
  server = await startServer({ databasePath: t.path });
  viewer = await signInOverHttp(server.url, "watching-viewer");
  admin = await signInOverHttp(server.url, "watching-admin");
});

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

/** Everything a viewer and an admin can load about the round, as text, with the per-response CSP nonce taken out. */
async function everythingShown(): Promise<Record<string, string>> {
  const id = round.roundId;
  const paths = [`/admin/rounds/${id}`, `/admin/rounds/${id}/results`, `/admin/rounds/${id}/report`, "/admin/trends"];
  const shown: Record<string, string> = {};
  for (const [who, session] of [
    ["viewer", viewer],
    ["admin", admin],
  ] as const) {
    for (const path of [...paths, ...paths.map((p) => `${p}.data`), `/admin/rounds/${id}/responses.csv`, `/admin/rounds/${id}/responses.csv?instrument=iit`]) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie: session.cookie }, redirect: "manual" });
      const text = (await response.text()).replace(/nonce="[^"]*"/g, 'nonce=""').replace(/"nonce","[^"]*"/g, "");
      shown[`${who} ${path}`] = `${response.status} ${text}`;
    }
  }
  return shown;
}

async function iitCount(session: SignedIn): Promise<string> {
  const html = await (await fetch(`${server.url}/admin/rounds/${round.roundId}`, { headers: { cookie: session.cookie } })).text();
  const sample = /data-testid="sample-iit"[\s\S]*?class="dash-sample-count">([^<]*)</.exec(html);
  return sample?.[1] ?? "(none)";
}

async function staffAnswers(n: number): Promise<void> {
  const response = await fetch(`${server.url}/s/${round.iitToken}/answers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    // Ten minutes, varied answers: a real staff member's, not flagged as noise.
    body: JSON.stringify({ submissionId: newSubmissionId(), answers: makeAnswers("iit", (i, o) => (i + n) % o), durationSeconds: 600 }),
  });
  expect(response.status).toBe(200);
}

describe("a viewer watching the results while staff answer the IIT", () => {
  it("sees nothing move until five have answered, then the five together, then nothing until the next five", async () => {
    const none = await everythingShown();
    expect(Object.keys(none).length).toBe(20);
    // The pages answer (no error hides the test's point); the IIT export is refused under the minimum sample.
    for (const [key, text] of Object.entries(none)) if (!key.includes("instrument=iit")) expect(text.slice(0, 4), key).toBe("200 ");
    expect(none[`admin /admin/rounds/${round.roundId}/responses.csv?instrument=iit`]!.startsWith("403 ")).toBe(true);
    expect(await iitCount(viewer)).toBe("0");

    const seen: Record<string, string>[] = [none];
    for (let n = 1; n <= 9; n++) {
      await staffAnswers(n);
      seen.push(await everythingShown());
    }
    const moved = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).filter((key) => a[key] !== b[key]);
    for (let n = 1; n <= 4; n++) expect(moved(none, seen[n]!), `after ${n} answers`).toEqual([]);
    // The fifth answer releases the group: the pages move (all five at once)…
    expect(moved(seen[4]!, seen[5]!).length).toBeGreaterThan(0);
    expect(await iitCount(viewer)).toBe("5");
    // …and then nothing moves for the sixth to the ninth.
    for (let n = 6; n <= 9; n++) expect(moved(seen[5]!, seen[n]!), `after ${n} answers`).toEqual([]);

    // Nothing else tells when each came: no log line per answer, random ids, one day for the group.
    expect(server.output()).not.toContain("/answers");
    const stored = await t.db.selectFrom("response").select(["id", "answered_on"]).where("instrument", "=", "iit").execute();
    expect(stored).toHaveLength(5);
    for (const row of stored) expect(row.id).toBeGreaterThanOrEqual(2 ** 30);
    expect(new Set(stored.map((r) => r.answered_on)).size).toBe(1);
  });
});
