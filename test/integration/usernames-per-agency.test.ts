/**
 * Usernames unique per agency (issue 14, item 7; docs/decisions/usernames-per-agency.md), on SQLite and
 * PostgreSQL: sign-in names the agency by its code; without one, a name only one account of the
 * installation has still signs in; a name several agencies have, an unknown code, and a code whose
 * agency has no such user are refused like a wrong password and count against the address; creating an
 * account looks only at the agency's own names, and a race for one name is a 400, never a 500. Over
 * HTTP, with the form's agency field and its cookie: test/e2e/usernames-per-agency.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import { createSessionCookie, getSessionUser, type SessionUser } from "../../app/auth/session.server";
import { ADDRESS, REFUSED, signIn } from "../../app/auth/sign-in.server";
import { HttpError } from "../../app/lib/http";
import { createAgencyAdmin, setAgencyStatus } from "../../app/services/agencies.server";
import { createUser } from "../../app/services/users.server";
import { insertUser } from "../../db/queries/users";
import { createTestUser, TEST_PASSWORD } from "../support/accounts";
import { createRoundFixture } from "../support/fixtures";
import { createTestDb, testDatabaseKind, type TestDb } from "../support/test-db";

const NOW = new Date("2026-03-02T03:00:00.000Z");
const PASSWORD_B = "another agency's own password";
const REFUSAL = { ok: false, reason: "refused", message: REFUSED };

let t: TestDb;
let agencyA: number;
let agencyB: number;
let adminA: number;
let adminB: number;
let viewerA: number;

beforeEach(async () => {
  t = await createTestDb();
  agencyA = (await createRoundFixture(t.db, "agency-a")).organizationId;
  agencyB = (await createRoundFixture(t.db, "agency-b")).organizationId;
  // "admin" in both agencies, each with its own password; "viewer-a" in agency A only.
  adminA = await createTestUser(t.db, agencyA, "admin", "admin");
  adminB = await insertUser(t.db, { organization_id: agencyB, username: "admin", password_hash: await hashPassword(PASSWORD_B), role: "admin", created_at: NOW.toISOString() });
  viewerA = await createTestUser(t.db, agencyA, "viewer-a", "viewer");
});

afterEach(async () => {
  await t?.close();
});

/** The failures counted against every address that failed (keyed hashes: the test cannot tell them apart, nor needs to). */
async function addressFailures(): Promise<number> {
  const rows = await t.db.selectFrom("sign_in_throttle").where("key", "like", "address:%").select("failures").execute();
  return rows.reduce((sum, row) => sum + row.failures, 0);
}

async function auditActions(organizationId: number) {
  const rows = await t.db.selectFrom("audit_log").where("organization_id", "=", organizationId).orderBy("id").select(["action", "target", "user_id"]).execute();
  return rows.map((r) => [r.action, r.target, r.user_id]);
}

async function sessionUser(userId: number): Promise<SessionUser> {
  const cookie = /prongsai_session=[^;]+/.exec(await createSessionCookie(t.db, userId, NOW))![0];
  return (await getSessionUser(t.db, new Request("http://localhost/admin", { headers: { cookie } }), NOW))!;
}

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected an HttpError").toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe(`sign-in naming the agency (${testDatabaseKind()})`, () => {
  it("signs each agency's 'admin' in to its own agency by the agency code, and logs it in that agency's audit log", async () => {
    expect(await signIn(t.db, "admin", TEST_PASSWORD, NOW, "10.1.0.1", "agency-a")).toEqual({ ok: true, userId: adminA, agency: "agency-a", secondStep: false });
    expect(await signIn(t.db, "admin", PASSWORD_B, NOW, "10.1.0.2", "agency-b")).toEqual({ ok: true, userId: adminB, agency: "agency-b", secondStep: false });
    // The code as a person may type it: spaces around, capitals.
    expect(await signIn(t.db, " admin ", PASSWORD_B, NOW, "10.1.0.3", "  Agency-B ")).toEqual({ ok: true, userId: adminB, agency: "agency-b", secondStep: false });
    // One agency's password is not the other's "admin"'s.
    expect(await signIn(t.db, "admin", PASSWORD_B, NOW, "10.1.0.4", "agency-a")).toEqual(REFUSAL);
    expect(await auditActions(agencyA)).toEqual([
      ["user.sign-in", `user:${adminA}`, adminA],
      ["user.sign-in-failed", `user:${adminA}`, null],
    ]);
    expect(await auditActions(agencyB)).toEqual([
      ["user.sign-in", `user:${adminB}`, adminB],
      ["user.sign-in", `user:${adminB}`, adminB],
    ]);
  });

  it("without an agency code, signs in a name that only one account of the installation has", async () => {
    expect(await signIn(t.db, "viewer-a", TEST_PASSWORD, NOW, "10.2.0.1")).toEqual({ ok: true, userId: viewerA, agency: "agency-a", secondStep: false });
    expect(await signIn(t.db, "viewer-a", TEST_PASSWORD, NOW, "10.2.0.1", "")).toEqual({ ok: true, userId: viewerA, agency: "agency-a", secondStep: false });
    expect(await signIn(t.db, "viewer-a", TEST_PASSWORD, NOW, "10.2.0.1", "   ")).toEqual({ ok: true, userId: viewerA, agency: "agency-a", secondStep: false });
  });

  it("without an agency code, refuses a name several agencies have like a wrong password, even with the right one, and counts it against the address", async () => {
    const before = await addressFailures();
    expect(await signIn(t.db, "admin", TEST_PASSWORD, NOW, "10.3.0.1")).toEqual(REFUSAL);
    expect(await signIn(t.db, "admin", PASSWORD_B, NOW, "10.3.0.1", "")).toEqual(REFUSAL);
    expect(await addressFailures()).toBe(before + 2);
    // No account is named, so no agency's log has it.
    expect(await auditActions(agencyA)).toEqual([]);
    expect(await auditActions(agencyB)).toEqual([]);
  });

  it("refuses an unknown agency code, and a code whose agency has no such user, like a wrong password, counting each against the address", async () => {
    const before = await addressFailures();
    for (const [username, agency] of [
      ["admin", "agency-c"],
      ["viewer-a", "agency-b"],
      ["viewer-a", "agency-a\u0000"],
      ["viewer-a", "agency a"],
    ]) {
      expect(await signIn(t.db, username!, TEST_PASSWORD, NOW, "10.4.0.1", agency), `${username} @ ${agency}`).toEqual(REFUSAL);
    }
    expect(await addressFailures()).toBe(before + 4);
    expect(await auditActions(agencyA)).toEqual([]);
    expect(await auditActions(agencyB)).toEqual([]);
  });

  it("holds an address that tries agency codes back like one that tries names", async () => {
    for (let i = 0; i < ADDRESS.free; i++) expect(await signIn(t.db, "admin", TEST_PASSWORD, NOW, "10.5.0.1", `agency-${i}-x`)).toEqual(REFUSAL);
    // The address now waits: even the right agency, name and password are refused from it…
    expect(await signIn(t.db, "admin", TEST_PASSWORD, NOW, "10.5.0.1", "agency-a")).toEqual(REFUSAL);
    // …and not from another one.
    expect(await signIn(t.db, "admin", TEST_PASSWORD, NOW, "10.5.0.2", "agency-a")).toMatchObject({ ok: true, userId: adminA });
  });

  it("tells a suspended agency's user so only after the right password, naming the agency", async () => {
    await setAgencyStatus(t.db, { kind: "cli" }, agencyB, "suspended", NOW);
    expect(await signIn(t.db, "admin", "wrong password", NOW, "10.6.0.1", "agency-b")).toEqual(REFUSAL);
    expect(await signIn(t.db, "admin", PASSWORD_B, NOW, "10.6.0.1", "agency-b")).toMatchObject({ ok: false, reason: "suspended" });
    // Agency A's "admin" is not held by B's suspension.
    expect(await signIn(t.db, "admin", TEST_PASSWORD, NOW, "10.6.0.1", "agency-a")).toMatchObject({ ok: true, userId: adminA });
  });
});

describe(`creating accounts (${testDatabaseKind()})`, () => {
  it("refuses a name the agency has with a 400 in Thai and English, and makes it in another agency", async () => {
    const a = await sessionUser(adminA);
    const b = await sessionUser(adminB);
    const refused = await rejection(createUser(t.db, a, { username: "viewer-a", displayName: "", role: "viewer" }, NOW));
    expect(refused.status).toBe(400);
    expect(refused.messageTh).toContain("หน่วยงานนี้มีชื่อผู้ใช้");
    expect(refused.messageEn).toContain("This agency already has the username");
    // Agency B may have a "viewer-a" of its own: the name is no longer the installation's.
    const made = await createUser(t.db, b, { username: "viewer-a", displayName: "", role: "viewer" }, NOW);
    expect(made.username).toBe("viewer-a");
    const rows = await t.db.selectFrom("user").where("username", "=", "viewer-a").select(["organization_id"]).orderBy("organization_id").execute();
    expect(rows).toEqual([{ organization_id: agencyA }, { organization_id: agencyB }]);
    // Both sign in, each with its agency's code; without one, the name is now refused.
    expect(await signIn(t.db, "viewer-a", made.password, NOW, "10.7.0.1", "agency-b")).toMatchObject({ ok: true, agency: "agency-b" });
    expect(await signIn(t.db, "viewer-a", TEST_PASSWORD, NOW, "10.7.0.1", "agency-a")).toMatchObject({ ok: true, userId: viewerA });
    expect(await signIn(t.db, "viewer-a", TEST_PASSWORD, NOW, "10.7.0.1")).toEqual(REFUSAL);
  });

  it("lets one of two simultaneous creates of one name in one agency through; the other is the same 400", async () => {
    const a = await sessionUser(adminA);
    const results = await Promise.allSettled([
      createUser(t.db, a, { username: "clerk", displayName: "หนึ่ง", role: "viewer" }, NOW),
      createUser(t.db, a, { username: "clerk", displayName: "สอง", role: "viewer" }, NOW),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(HttpError);
    expect((refused.reason as HttpError).status).toBe(400);
    expect(await t.db.selectFrom("user").where("username", "=", "clerk").selectAll().execute()).toHaveLength(1);
    const created = await t.db.selectFrom("audit_log").where("action", "=", "user.create").selectAll().execute();
    expect(created).toHaveLength(1);
  });

  it("adds an operator's agency admin whose name another agency has, refuses it twice in one agency, and races to a 400", async () => {
    const made = await createAgencyAdmin(t.db, { kind: "cli" }, agencyB, { username: "viewer-a" }, NOW);
    expect(made).toMatchObject({ username: "viewer-a", agency: "agency-b" });
    const again = await rejection(createAgencyAdmin(t.db, { kind: "cli" }, agencyB, { username: "viewer-a" }, NOW));
    expect(again.status).toBe(400);
    expect(again.fields?.username).toEqual({ th: "หน่วยงานนี้มีชื่อผู้ใช้นี้อยู่แล้ว", en: "This agency already has this username." });
    const results = await Promise.allSettled([
      createAgencyAdmin(t.db, { kind: "cli" }, agencyA, { username: "second-admin" }, NOW),
      createAgencyAdmin(t.db, { kind: "cli" }, agencyA, { username: "second-admin" }, NOW),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(HttpError);
    expect((refused.reason as HttpError).status).toBe(400);
  });
});
