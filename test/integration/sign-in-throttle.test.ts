/**
 * Sign-in's growing waits and its audit rows (issue 14, items 1 and 9; app/auth/sign-in.server.ts), on
 * SQLite and PostgreSQL, with the clock given to each call: a wait is passed by moving `now`, not by
 * sleeping. Over HTTP, with the same answer and time for every refusal: test/e2e/sign-in.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOperator, signInOperator } from "../../app/auth/operator-session.server";
import { createSessionCookie, getSessionUser } from "../../app/auth/session.server";
import { ACCOUNT, ADDRESS, FORGET_AFTER_MS, REFUSED, signIn, signOut, waitAfter } from "../../app/auth/sign-in.server";
import { getEnv } from "../../app/lib/env.server";
import { setAgencyStatus } from "../../app/services/agencies.server";
import { createTestUser, TEST_PASSWORD } from "../support/accounts";
import { createRoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const T0 = new Date("2026-03-02T02:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const BASE = getEnv().SIGN_IN_DELAY_MS;

let t: TestDb;
let organizationId: number;
let ownerId: number;

beforeEach(async () => {
  t = await createTestDb();
  organizationId = (await createRoundFixture(t.db, "town")).organizationId;
  ownerId = await createTestUser(t.db, organizationId, "owner", "admin");
});

afterEach(async () => {
  await t?.close();
});

async function auditRows() {
  return t.db.selectFrom("audit_log").where("organization_id", "=", organizationId).orderBy("id").select(["action", "target", "user_id", "detail"]).execute();
}

describe("the waits of an account", () => {
  it("are a wait, not a lock: the right password is refused inside it and signs in once it has passed", async () => {
    const refused = { ok: false, reason: "refused", message: REFUSED };
    for (let i = 0; i < ACCOUNT.free; i++) expect(await signIn(t.db, "owner", `wrong ${i}`, T0, "10.0.0.1")).toEqual(refused);
    // The free failures are used: the next password waits BASE. Inside the wait even the right one is refused…
    expect(await signIn(t.db, "owner", TEST_PASSWORD, at(BASE - 1), "10.0.0.1")).toEqual(refused);
    // …and many attempts inside it do not lengthen it.
    for (let i = 0; i < 20; i++) expect(await signIn(t.db, "owner", "hammer", at(BASE / 2), "10.0.0.2")).toEqual(refused);
    expect(await signIn(t.db, "owner", TEST_PASSWORD, at(BASE), "10.0.0.3")).toEqual({ ok: true, userId: ownerId, agency: "town", secondStep: false });
    // Signed in: the account starts afresh.
    expect(await t.db.selectFrom("sign_in_throttle").where("key", "=", `user:${ownerId}`).selectAll().execute()).toEqual([]);
  });

  it("double after each looked-at failure, up to a minute", async () => {
    expect([1, 2, 3, 4, 5, 6, 12, 40].map((n) => waitAfter(n, ACCOUNT, 1000))).toEqual([0, 0, 1000, 2000, 4000, 8000, 60_000, 60_000]);
    expect([9, 10, 11, 20, 100].map((n) => waitAfter(n, ADDRESS, 1000))).toEqual([0, 1000, 2000, 900_000, 900_000]);
    let now = 0;
    for (let failures = 1; failures <= 12; failures++) {
      await signIn(t.db, "owner", "wrong", at(now), "10.0.1.1");
      const row = await t.db.selectFrom("sign_in_throttle").where("key", "=", `user:${ownerId}`).selectAll().executeTakeFirstOrThrow();
      expect(row.failures).toBe(failures);
      const wait = waitAfter(failures, ACCOUNT, BASE);
      expect(row.wait_until).toBe(wait === 0 ? null : at(now + wait).toISOString());
      now += wait;
    }
    expect(waitAfter(12, ACCOUNT, BASE)).toBeLessThanOrEqual(60_000);
  });

  it("count parallel attempts one at a time: a burst from many addresses gets no more looked-at passwords than the free ones", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(t.db, "owner", `guess ${i}`, T0, `10.0.2.${i}`)));
    expect(results.every((r) => !r.ok)).toBe(true);
    const row = await t.db.selectFrom("sign_in_throttle").where("key", "=", `user:${ownerId}`).selectAll().executeTakeFirstOrThrow();
    expect(row.failures).toBeGreaterThanOrEqual(1);
    expect(row.failures).toBeLessThanOrEqual(ACCOUNT.free);
    const failed = (await auditRows()).filter((r) => r.action === "user.sign-in-failed");
    expect(failed).toHaveLength(row.failures);
  });

  it("are forgotten an hour after the last failure", async () => {
    for (let i = 0; i < ACCOUNT.free + 2; i++) await signIn(t.db, "owner", "wrong", at(i * 60_000), "10.0.3.1");
    const last = (ACCOUNT.free + 1) * 60_000;
    expect(await signIn(t.db, "owner", "wrong", at(last + FORGET_AFTER_MS + 1), "10.0.3.2")).toMatchObject({ ok: false });
    const row = await t.db.selectFrom("sign_in_throttle").where("key", "=", `user:${ownerId}`).selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ failures: 1, wait_until: null });
  });

  it("hold for a host operator the same way, on the operator's own row", async () => {
    const operator = await createOperator(t.db, "host", T0);
    for (let i = 0; i < ACCOUNT.free; i++) expect(await signInOperator(t.db, "host", "wrong", T0, "10.0.4.1")).toEqual({ ok: false, reason: "refused", message: REFUSED });
    expect(await signInOperator(t.db, "host", operator.password, at(BASE - 1), "10.0.4.2")).toMatchObject({ ok: false });
    expect(await signInOperator(t.db, "host", operator.password, at(BASE), "10.0.4.2")).toMatchObject({ ok: true });
    // The agency user of the same instant is not held by the operator's wait.
    expect(await signIn(t.db, "owner", TEST_PASSWORD, T0, "10.0.4.3")).toMatchObject({ ok: true });
  });
});

describe("the waits of an address", () => {
  it("count unknown names and attempts inside a wait, and hold that address only", async () => {
    for (let i = 0; i < ADDRESS.free; i++) expect(await signIn(t.db, `nobody-${i}`, "x", T0, "192.0.2.1")).toMatchObject({ ok: false });
    // The address waits BASE; the owner's right password from it is refused unchecked…
    expect(await signIn(t.db, "owner", TEST_PASSWORD, T0, "192.0.2.1")).toMatchObject({ ok: false, reason: "refused" });
    // …and that refusal counted against the address, whose wait doubled: BASE later it still waits.
    expect(await signIn(t.db, "owner", TEST_PASSWORD, at(BASE), "192.0.2.1")).toMatchObject({ ok: false });
    // Another address is not held, and the account itself never waited.
    expect(await signIn(t.db, "owner", TEST_PASSWORD, at(BASE), "192.0.2.2")).toEqual({ ok: true, userId: ownerId, agency: "town", secondStep: false });
    // The address's wait is capped (15 minutes): hammering it does not keep it out for ever.
    for (let i = 0; i < 30; i++) await signIn(t.db, "owner", "hammer", at(BASE + i), "192.0.2.1");
    expect(await signIn(t.db, "owner", TEST_PASSWORD, at(BASE + 29 + ADDRESS.capMs), "192.0.2.1")).toMatchObject({ ok: true });
    // No address is stored: only keyed hashes.
    const keys = (await t.db.selectFrom("sign_in_throttle").select("key").execute()).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^(user:\d+|address:[A-Za-z0-9_-]{32})$/);
    expect(JSON.stringify(keys)).not.toContain("192.0.2");
  });

  it("lose only the right password's own count when it signs in: a guesser's own account does not clear its address", async () => {
    for (let i = 0; i < ADDRESS.free - 1; i++) await signIn(t.db, `nobody-${i}`, "x", T0, "192.0.2.9");
    expect(await signIn(t.db, "owner", TEST_PASSWORD, T0, "192.0.2.9")).toMatchObject({ ok: true });
    const failures = async () => (await t.db.selectFrom("sign_in_throttle").where("key", "like", "address:%").select("failures").executeTakeFirstOrThrow()).failures;
    expect(await failures()).toBe(ADDRESS.free - 1);
    expect(await signIn(t.db, "nobody-x", "x", T0, "192.0.2.9")).toMatchObject({ ok: false });
    expect(await failures()).toBe(ADDRESS.free);
    expect(await signIn(t.db, "owner", TEST_PASSWORD, T0, "192.0.2.9")).toMatchObject({ ok: false });
  });
});

describe("the audit log", () => {
  it("holds sign-in, failed sign-in, a refused attempt once per wait, sign-out and a suspended agency's refusal, never the password", async () => {
    await signIn(t.db, "owner", "wrong-secret-1", T0, "10.9.0.1");
    for (let i = 2; i <= ACCOUNT.free; i++) await signIn(t.db, "owner", `wrong-secret-${i}`, T0, "10.9.0.1");
    // Three attempts inside the wait: one row.
    for (let i = 0; i < 3; i++) await signIn(t.db, "owner", TEST_PASSWORD, at(1), "10.9.0.2");
    const session = await signIn(t.db, "owner", TEST_PASSWORD, at(BASE), "10.9.0.3");
    expect(session).toEqual({ ok: true, userId: ownerId, agency: "town", secondStep: false });
    // A name no account has: in no agency's log (audit_log.organization_id is required), counted against its address only.
    await signIn(t.db, "nobody", "wrong-secret-x", at(BASE), "10.9.0.4");

    const cookie = /prongsai_session=[^;]+/.exec(await createSessionCookie(t.db, ownerId, at(BASE)))![0];
    const request = new Request("http://localhost/sign-out", { method: "POST", headers: { cookie } });
    const user = await getSessionUser(t.db, request, at(BASE));
    expect(await signOut(t.db, user!, request, at(BASE + 1))).toMatch(/Max-Age=0/);
    expect(await getSessionUser(t.db, request, at(BASE + 2))).toBeUndefined();

    await setAgencyStatus(t.db, { kind: "cli" }, organizationId, "suspended", at(BASE + 3));
    expect(await signIn(t.db, "owner", TEST_PASSWORD, at(BASE + 4), "10.9.0.5")).toMatchObject({ ok: false, reason: "suspended" });

    const rows = (await auditRows()).filter((r) => r.action.startsWith("user.sign"));
    expect(rows.map((r) => [r.action, r.target, r.user_id])).toEqual([
      ["user.sign-in-failed", `user:${ownerId}`, null],
      ["user.sign-in-failed", `user:${ownerId}`, null],
      ["user.sign-in-failed", `user:${ownerId}`, null],
      ["user.sign-in-throttled", `user:${ownerId}`, null],
      ["user.sign-in", `user:${ownerId}`, ownerId],
      ["user.sign-out", `user:${ownerId}`, ownerId],
      ["user.sign-in-refused", `user:${ownerId}`, null],
    ]);
    expect(rows.map((r) => JSON.parse(r.detail))).toEqual([
      { failures: 1, wait_seconds: 0, refused_before: 0 },
      { failures: 2, wait_seconds: 0, refused_before: 0 },
      { failures: 3, wait_seconds: BASE / 1000, refused_before: 0 },
      {},
      { refused_before: 3 },
      {},
      { agency_suspended: true },
    ]);
    const everything = JSON.stringify(await t.db.selectFrom("audit_log").selectAll().execute());
    expect(everything).not.toMatch(/wrong-secret|correct horse|10\.9\.0/);
  });

  it("holds a failed sign-in of a disabled account, refused like an unknown name", async () => {
    await t.db.updateTable("user").set({ status: "disabled" }).where("id", "=", ownerId).execute();
    expect(await signIn(t.db, "owner", TEST_PASSWORD, T0, "10.9.1.1")).toEqual({ ok: false, reason: "refused", message: REFUSED });
    expect((await auditRows()).map((r) => [r.action, JSON.parse(r.detail)])).toEqual([["user.sign-in-failed", { account_disabled: true }]]);
  });
});
