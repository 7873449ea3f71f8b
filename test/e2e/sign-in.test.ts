/**
 * Sign-in over HTTP against the built server (issue 14, items 1, 6, 7 and 9): waits instead of a lock, per
 * account and per client address; one answer, in status, message and time, for an unknown name, a wrong
 * password, an attempt inside a wait, an unknown agency code and a name two agencies share given without
 * a code; `next` that is not a safe local path ignored; sign-in and sign-out
 * in the audit log. The server trusts one proxy hop (TRUST_PROXY=1), so that each request's
 * X-Forwarded-For is its client address, as behind a reverse proxy; its first wait is SIGN_IN_DELAY_MS.
 * The waits' arithmetic, and the audit rows on both databases: test/integration/sign-in-throttle.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import { ACCOUNT, ADDRESS, REFUSED } from "../../app/auth/sign-in.server";
import { insertUser } from "../../db/queries/users";
import { createTestUser, TEST_PASSWORD } from "../support/accounts";
import { createRoundFixture } from "../support/fixtures";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";

/** Long enough that a few requests fit inside the first wait on a busy machine, short enough to wait out. */
const DELAY_MS = 1500;
const TRIES = 50;

let t: TestDb;
let server: RunningServer;
let organizationId: number;

beforeAll(async () => {
  t = await createTestDb();
  organizationId = (await createRoundFixture(t.db, "town")).organizationId;
  for (const name of ["five-wrong", "target", "next-user", "audited", "timing-t"]) await createTestUser(t.db, organizationId, name, "admin");
  // The accounts of the wrong-password tries: one each, so that none reaches its own wait.
  const hash = await hashPassword(TEST_PASSWORD);
  for (let i = 0; i < TRIES + 5; i++) {
    await insertUser(t.db, { organization_id: organizationId, username: `timing-w-${i}`, password_hash: hash, role: "viewer", created_at: new Date().toISOString() });
  }
  // A second agency, with a name the first has too (usernames are unique per agency, migration 0017).
  const city = (await createRoundFixture(t.db, "city")).organizationId;
  for (const id of [organizationId, city]) await insertUser(t.db, { organization_id: id, username: "timing-shared", password_hash: hash, role: "viewer", created_at: new Date().toISOString() });
  server = await startServer({ databasePath: t.path, env: { TRUST_PROXY: "1", SIGN_IN_DELAY_MS: String(DELAY_MS) } });
});

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

interface Answer {
  status: number;
  location: string | null;
  cookie: string | undefined;
  /** The page's error line, if any. */
  message: string | undefined;
  ms: number;
}

async function signInFrom(address: string, form: Record<string, string>, path = "/sign-in"): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${server.url}${path}`, { method: "POST", body: new URLSearchParams(form), redirect: "manual", headers: { "x-forwarded-for": address } });
  const html = await response.text();
  const ms = performance.now() - started;
  return {
    status: response.status,
    location: response.headers.get("location"),
    cookie: /prongsai_session=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0],
    message: /role="alert">([^<]*)</.exec(html)?.[1],
    ms,
  };
}

async function userId(username: string): Promise<number> {
  return (await t.db.selectFrom("user").where("username", "=", username).select("id").executeTakeFirstOrThrow()).id;
}

/** Sleeps until the account's wait has passed (read from the database, as every app process reads it). */
async function waitOut(username: string): Promise<void> {
  const row = await t.db.selectFrom("sign_in_throttle").where("key", "=", `user:${await userId(username)}`).select("wait_until").executeTakeFirst();
  const until = row?.wait_until ? Date.parse(row.wait_until) : 0;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now()) + 100));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

describe("wrong passwords", () => {
  it("make the account wait, not lock: five wrong, the right one refused inside the wait, signed in after it", async () => {
    for (let i = 0; i < 5; i++) {
      expect(await signInFrom("10.4.0.1", { username: "five-wrong", password: `wrong ${i}`, next: "/admin" })).toMatchObject({ status: 401, message: REFUSED.th, cookie: undefined });
    }
    expect(await signInFrom("10.4.0.1", { username: "five-wrong", password: TEST_PASSWORD, next: "/admin" })).toMatchObject({ status: 401, message: REFUSED.th, cookie: undefined });
    await waitOut("five-wrong");
    const signedIn = await signInFrom("10.4.0.1", { username: "five-wrong", password: TEST_PASSWORD, next: "/admin" });
    expect(signedIn).toMatchObject({ status: 302, location: "/admin" });
    expect(signedIn.cookie).toBeDefined();
  });

  it("from one address do not keep the owner out: the owner, elsewhere, signs in after the account's own wait; the hammering address waits longer", async () => {
    // The old attack (issue 14): wrong passwords, as fast as the server answers, from one address.
    for (let i = 0; i < 30; i++) expect((await signInFrom("10.5.0.1", { username: "target", password: `guess ${i}` })).status).toBe(401);
    const account = await t.db.selectFrom("sign_in_throttle").where("key", "=", `user:${await userId("target")}`).selectAll().executeTakeFirstOrThrow();
    // Attempts inside a wait are not counted against the account: it waits at most a few first waits…
    expect(account.failures).toBeLessThan(ACCOUNT.free + 4);
    expect(Date.parse(account.wait_until!) - Date.now()).toBeLessThan(DELAY_MS * 2 ** 3);
    await waitOut("target");
    // …while every one of the 30 counted against the attacker's address, which waits up to 15 minutes.
    expect(await signInFrom("10.5.0.1", { username: "target", password: TEST_PASSWORD })).toMatchObject({ status: 401, message: REFUSED.th });
    expect(await signInFrom("10.5.0.2", { username: "target", password: TEST_PASSWORD })).toMatchObject({ status: 302, location: "/admin" });
    // The account is fresh again; the attacker's address still waits, even with the right password.
    expect(await signInFrom("10.5.0.1", { username: "target", password: TEST_PASSWORD })).toMatchObject({ status: 401, message: REFUSED.th });
  });

  it(
    "an unknown name, a wrong password, an attempt inside a wait, an unknown agency and a shared name without one answer alike: status, message, and time (medians within 20 %)",
    { timeout: 300_000 },
    async () => {
      // An address that waits: ADDRESS.free failures and a few more, each counted.
      for (let i = 0; i < ADDRESS.free + 2; i++) await signInFrom("10.3.0.1", { username: `nobody-${i}`, password: "x" });
      const kinds = {
        unknown: (i: number) => signInFrom(`10.1.${i}.1`, { username: `nobody-at-all-${i}`, password: "wrong password" }),
        wrong: (i: number) => signInFrom(`10.2.${i}.1`, { username: `timing-w-${i}`, password: "wrong password" }),
        // Inside the address's wait, and with the right password: refused all the same, unchecked.
        throttled: () => signInFrom("10.3.0.1", { username: "timing-t", password: TEST_PASSWORD }),
        // An agency code no agency has, with an existing name and its right password.
        unknownAgency: (i: number) => signInFrom(`10.8.${i}.1`, { agency: "no-such-agency", username: "timing-t", password: TEST_PASSWORD }),
        // A name two agencies have, without the code, with their right password.
        sharedName: (i: number) => signInFrom(`10.9.${i}.1`, { username: "timing-shared", password: TEST_PASSWORD }),
      };
      type Kind = keyof typeof kinds;
      const names = Object.keys(kinds) as Kind[];
      // Warm-up (the server's first scrypt of no one's password, code paths compiled), not measured.
      for (let i = 0; i < 5; i++) for (const kind of names) await kinds[kind](TRIES + i);
      const times = Object.fromEntries(names.map((kind) => [kind, [] as number[]])) as Record<Kind, number[]>;
      const answers = new Set<string>();
      for (let i = 0; i < TRIES; i++) {
        // Interleaved, in a new order each round: the machine's slow moments fall on every kind alike.
        const order = [...names].sort(() => Math.random() - 0.5);
        for (const kind of order) {
          const answer = await kinds[kind](i);
          times[kind].push(answer.ms);
          answers.add(JSON.stringify([answer.status, answer.message, answer.location, answer.cookie]));
        }
      }
      expect([...answers]).toEqual([JSON.stringify([401, REFUSED.th, null, undefined])]);
      const medians = Object.fromEntries(names.map((kind) => [kind, Math.round(median(times[kind]) * 10) / 10])) as Record<Kind, number>;
      console.log(`sign-in refusals, median ms over ${TRIES} each: ${JSON.stringify(medians)}`);
      const values = Object.values(medians);
      expect(Math.max(...values) / Math.min(...values)).toBeLessThanOrEqual(1.2);
    },
  );
});

describe("next=", () => {
  it("follows only a safe local path: anything else is the admin home, never a 500, one session per sign-in", async () => {
    const cases: [string, string][] = [
      ["/〱", "/admin"],
      ["//evil.example", "/admin"],
      ["https://evil.example", "/admin"],
      ["/\\evil", "/admin"],
      ["/\\\\evil", "/admin"],
      ["/admin\\..\\..", "/admin"],
      ["/admin\r\nSet-Cookie: x=1", "/admin"],
      ["/ad min", "/admin"],
      ["javascript:alert(1)", "/admin"],
      ["", "/admin"],
      ["/admin/rounds/1", "/admin/rounds/1"],
      ["/admin/rounds/1?tab=links&q=%E0%B8%81", "/admin/rounds/1?tab=links&q=%E0%B8%81"],
    ];
    const sessions = async () => Number((await t.db.selectFrom("session").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    for (const [index, [next, location]] of cases.entries()) {
      const before = await sessions();
      const answer = await signInFrom(`10.6.${index}.1`, { username: "next-user", password: TEST_PASSWORD, next });
      expect({ next, status: answer.status, location: answer.location }).toEqual({ next, status: 302, location });
      expect(answer.cookie).toBeDefined();
      expect(await sessions()).toBe(before + 1);
    }
    // The page's own next (a signed-in visitor is sent on at once; the form's hidden field otherwise).
    const { cookie } = await signInFrom("10.6.99.1", { username: "next-user", password: TEST_PASSWORD });
    for (const next of ["/〱", "//evil.example", "/%E3%80%B1"]) {
      const signedIn = await fetch(`${server.url}/sign-in?next=${encodeURIComponent(next)}`, { headers: { cookie: cookie! }, redirect: "manual" });
      expect({ next, status: signedIn.status, location: signedIn.headers.get("location") }).toEqual({ next, status: 302, location: next === "/%E3%80%B1" ? next : "/admin" });
      const page = await fetch(`${server.url}/sign-in?next=${encodeURIComponent(next)}`, { redirect: "manual" });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`name="next" value="${next === "/%E3%80%B1" ? next : "/admin"}"`);
    }
  });
});

describe("the audit log", () => {
  it("holds a sign-in and a sign-out made over HTTP, and a failed one, without the password", async () => {
    expect((await signInFrom("10.7.0.1", { username: "audited", password: "not-the-password-123" })).status).toBe(401);
    const signedIn = await signInFrom("10.7.0.1", { username: "audited", password: TEST_PASSWORD });
    const html = await (await fetch(`${server.url}/admin`, { headers: { cookie: signedIn.cookie! } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const out = await fetch(`${server.url}/sign-out`, { method: "POST", headers: { cookie: signedIn.cookie! }, body: new URLSearchParams({ csrf }), redirect: "manual" });
    expect(out.status).toBe(302);
    const id = await userId("audited");
    const rows = await t.db.selectFrom("audit_log").where("target", "=", `user:${id}`).orderBy("id").select(["action", "user_id", "detail"]).execute();
    expect(rows.map((r) => [r.action, r.user_id])).toEqual([
      ["user.sign-in-failed", null],
      ["user.sign-in", id],
      ["user.sign-out", id],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/not-the-password|correct horse|10\.7\.0/);
  });
});
