/**
 * What a signed-in viewer can learn by watching the results while staff answer the IIT, or visitors the
 * EIT at a counter (issue 12, "What must be shown"), against the BUILT server: the review's before/after
 * subtraction needs the results to move by one person. Nine people answer one by one; after each answer a viewer (and an admin)
 * reloads every page that shows the round — dashboard, results, report, trends — as HTML and as the page
 * data React Router sends the browser (.data), the results by question for this month alone and for a range
 * of months (issue 15: answers per option, scores, changes, counter × question), and the exports. With 1 to 4 answers everything is exactly
 * as with none; the fifth moves it (a group of five, counted together); the sixth to ninth move nothing
 * again. Nor does anything else tell when each answer came: no log line per answer, and random ids.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { unhurried } from "../support/start-stamps";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";
import { bangkokDate } from "../../app/text/dates";

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
  // TRUST_PROXY=1: visitors answer from their own phones (addresses through X-Forwarded-For, as a balancer
  // sends them), so that nine answers in a minute are not one address's burst.
  server = await startServer({ databasePath: t.path, env: { TRUST_PROXY: "1" } });
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
  // This month (when the answers are counted) alone, compared with the month before; and a range of months ending with it.
  const month = bangkokDate(new Date()).slice(0, 7);
  const paths = [
    `/admin/rounds/${id}`,
    `/admin/rounds/${id}/results`,
    `/admin/rounds/${id}/report`,
    "/admin/trends",
    `/admin/rounds/${id}/results?from=${month}&to=${month}`,
    `/admin/rounds/${id}/results?from=2025-10&to=${month}`,
  ];
  const shown: Record<string, string> = {};
  for (const [who, session] of [
    ["viewer", viewer],
    ["admin", admin],
  ] as const) {
    for (const path of [...paths, ...paths.map(dataPath), `/admin/rounds/${id}/responses.csv`, `/admin/rounds/${id}/responses.csv?instrument=iit`]) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie: session.cookie }, redirect: "manual" });
      const text = (await response.text()).replace(/nonce="[^"]*"/g, 'nonce=""').replace(/"nonce","[^"]*"/g, "");
      shown[`${who} ${path}`] = `${response.status} ${text}`;
    }
  }
  return shown;
}

/** The page data React Router sends the browser for a page: "/x?y" → "/x.data?y". */
function dataPath(path: string): string {
  const [pathname, search] = path.split("?");
  return `${pathname}.data${search ? `?${search}` : ""}`;
}

async function answerCount(session: SignedIn, instrument: "iit" | "eit"): Promise<string> {
  const html = await (await fetch(`${server.url}/admin/rounds/${round.roundId}`, { headers: { cookie: session.cookie } })).text();
  const sample = new RegExp(`data-testid="sample-${instrument}"[\\s\\S]*?class="dash-sample-count">([^<]*)<`).exec(html);
  return sample?.[1] ?? "(none)";
}

const iitCount = (session: SignedIn) => answerCount(session, "iit");

async function staffAnswers(n: number): Promise<void> {
  const response = await fetch(`${server.url}/s/${round.iitToken}/answers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    // Started long ago by its start stamp, varied answers: a real staff member's, not flagged as noise.
    body: JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers: makeAnswers("iit", (i, o) => (i + n) % o) })),
  });
  expect(response.status).toBe(200);
}

async function visitorAnswers(n: number): Promise<void> {
  const response = await fetch(`${server.url}/s/${round.eitToken}/answers`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${n}` },
    body: JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers: makeAnswers("eit", (i, o) => (i * 3 + n) % o) })),
  });
  expect(response.status).toBe(200);
}

/** The viewer's results by question: this month alone, and the months from October 2025 to this one. */
function questionViews(): string[] {
  const month = bangkokDate(new Date()).slice(0, 7);
  return [`viewer /admin/rounds/${round.roundId}/results?from=${month}&to=${month}`, `viewer /admin/rounds/${round.roundId}/results?from=2025-10&to=${month}`];
}

/** Whether a page shows an instrument's questions ("shown") or why not ("empty", "small", "uneven-months"). */
function questionStatus(shown: Record<string, string>, key: string, instrument: "iit" | "eit"): string | undefined {
  return new RegExp(`data-testid="questions-${instrument}" data-status="([^"]+)"`).exec(shown[key] ?? "")?.[1];
}

const moved = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).filter((key) => a[key] !== b[key]);

describe("a viewer watching the results while staff answer the IIT", () => {
  it("sees nothing move until five have answered, then the five together, then nothing until the next five", async () => {
    const none = await everythingShown();
    expect(Object.keys(none).length).toBe(28);
    // The pages answer (no error hides the test's point); the IIT export is refused under the minimum sample.
    for (const [key, text] of Object.entries(none)) if (!key.includes("instrument=iit")) expect(text.slice(0, 4), key).toBe("200 ");
    expect(none[`admin /admin/rounds/${round.roundId}/responses.csv?instrument=iit`]!.startsWith("403 ")).toBe(true);
    expect(await iitCount(viewer)).toBe("0");

    const seen: Record<string, string>[] = [none];
    for (let n = 1; n <= 9; n++) {
      await staffAnswers(n);
      seen.push(await everythingShown());
    }
    for (let n = 1; n <= 4; n++) expect(moved(none, seen[n]!), `after ${n} answers`).toEqual([]);
    // The fifth answer releases the group: the pages move (all five at once)…
    expect(moved(seen[4]!, seen[5]!).length).toBeGreaterThan(0);
    expect(await iitCount(viewer)).toBe("5");
    // The results by question of this month and of the range show the IIT from the fifth answer on, not before.
    for (const view of questionViews()) {
      expect(questionStatus(seen[4]!, view, "iit"), view).toBe("empty");
      expect(questionStatus(seen[5]!, view, "iit"), view).toBe("shown");
      expect(seen[5]![view], view).toMatch(/ผู้ตอบ 5 คน/);
    }
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

describe("a viewer watching the results while visitors answer the EIT at a counter", () => {
  it("sees nothing move — round totals, counter, month, exports — until five have answered there, then the five together, then nothing until the next five", async () => {
    const none = await everythingShown();
    expect(await answerCount(viewer, "eit")).toBe("0");
    // The viewer's export (the EIT alone) holds its header and no answer set yet.
    const csvRows = (shown: Record<string, string>) => shown[`viewer /admin/rounds/${round.roundId}/responses.csv`]!.trim().split("\n").length - 1;
    expect(csvRows(none)).toBe(0);

    const seen: Record<string, string>[] = [none];
    for (let n = 1; n <= 9; n++) {
      await visitorAnswers(n);
      seen.push(await everythingShown());
    }
    // The review's attack: the round's EIT scores before and after one visitor gave that visitor's answers,
    // even where the counter's own cell was hidden. Now there is no "after one visitor" to subtract.
    for (let n = 1; n <= 4; n++) expect(moved(none, seen[n]!), `after ${n} visitors`).toEqual([]);
    expect(moved(seen[4]!, seen[5]!).length).toBeGreaterThan(0);
    expect(await answerCount(viewer, "eit")).toBe("5");
    expect(csvRows(seen[5]!)).toBe(5);
    // The results by question of this month and of the range, the counter × question table with them.
    for (const view of questionViews()) {
      expect(questionStatus(seen[4]!, view, "eit"), view).toBe("empty");
      expect(questionStatus(seen[5]!, view, "eit"), view).toBe("shown");
      expect(seen[4]![view], view).toMatch(/data-testid="counter-question" data-status="empty"/);
      expect(seen[5]![view], view).toMatch(/data-testid="counter-question" data-status="shown"/);
    }
    for (let n = 6; n <= 9; n++) expect(moved(seen[5]!, seen[n]!), `after ${n} visitors`).toEqual([]);

    // Every page's data carries scores at the two decimals the page shows, no more.
    const month = bangkokDate(new Date()).slice(0, 7);
    const dataPaths = ["", "/results", "/report", `/results?from=${month}&to=${month}`, `/results?from=2025-10&to=${month}`]
      .map((p) => dataPath(`/admin/rounds/${round.roundId}${p}`))
      .concat("/admin/trends.data");
    for (const path of dataPaths) {
      const data = seen[5]![`viewer ${path}`]!;
      const decimals = [...data.matchAll(/[,\[:](-?\d+\.(\d+))(?=[,\]}])/g)].map((m) => m[2]!.length);
      expect(decimals.length, path).toBeGreaterThan(0);
      expect(Math.max(...decimals), path).toBeLessThanOrEqual(2);
    }

    const stored = await t.db.selectFrom("response").select(["id", "answered_on"]).where("instrument", "=", "eit").execute();
    expect(stored).toHaveLength(5);
    for (const row of stored) expect(row.id).toBeGreaterThanOrEqual(2 ** 30);
  });
});
