/**
 * A user's own account and the life of a session (issue 14, item 8), on SQLite and PostgreSQL: the idle
 * timeout beside the 12 hours, ended sessions deleted, changing one's own password (the rule, the current
 * password, the other sessions ended, audited without the password), and signing out everywhere else.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSessionCookie, getSessionUser, purgeEndedSessions, type SessionUser } from "../../app/auth/session.server";
import { changeOwnPassword, signOutEverywhereElse } from "../../app/services/account.server";
import { verifyPassword } from "../../app/auth/password.server";
import { markPasswordOneTime } from "../../db/queries/account";
import { createTestUser, TEST_PASSWORD } from "../support/accounts";
import { createRoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const T0 = new Date("2026-12-03T02:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let t: TestDb;
let userId: number;

const requestWith = (cookie: string) => new Request("http://localhost/admin", { headers: { cookie: cookie.split(";")[0]! } });

async function signIn(at: Date): Promise<string> {
  return createSessionCookie(t.db, userId, at);
}

beforeEach(async () => {
  t = await createTestDb();
  const fixture = await createRoundFixture(t.db);
  userId = await createTestUser(t.db, fixture.organizationId, "somchai", "manager");
});

afterEach(async () => {
  await t.close();
});

describe("the idle timeout (SESSION_IDLE_MINUTES, 30 by default)", () => {
  it("ends a session 30 minutes after its last request, and each request keeps it going", async () => {
    const cookie = await signIn(T0);
    expect(await getSessionUser(t.db, requestWith(cookie), minutes(29))).toBeDefined();
    // The request at 29 minutes moved the idle clock: at 58 the session is still there…
    expect(await getSessionUser(t.db, requestWith(cookie), minutes(58))).toBeDefined();
    // …and 31 minutes after the last request it is not.
    expect(await getSessionUser(t.db, requestWith(cookie), minutes(89))).toBeUndefined();
  });

  it("ends a session unused since it began after 30 minutes, and any session after 12 hours however busy", async () => {
    const idle = await signIn(T0);
    expect(await getSessionUser(t.db, requestWith(idle), minutes(31))).toBeUndefined();
    const busy = await signIn(T0);
    for (let m = 20; m < 12 * 60; m += 20) expect(await getSessionUser(t.db, requestWith(busy), minutes(m)), `at ${m} minutes`).toBeDefined();
    expect(await getSessionUser(t.db, requestWith(busy), minutes(12 * 60 + 1))).toBeUndefined();
  });

  it("deletes ended sessions (idle or past 12 hours) and keeps the living ones", async () => {
    const living = await signIn(T0);
    await signIn(T0); // never used again
    await getSessionUser(t.db, requestWith(living), minutes(25));
    expect(await purgeEndedSessions(t.db, minutes(40))).toBe(1);
    expect(await t.db.selectFrom("session").select("id").execute()).toHaveLength(1);
    expect(await getSessionUser(t.db, requestWith(living), minutes(41))).toBeDefined();
    expect(await purgeEndedSessions(t.db, minutes(12 * 60 + 5))).toBe(1);
    expect(await t.db.selectFrom("session").select("id").execute()).toEqual([]);
  });
});

describe("changing one's own password", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };
  const NEW = "ข้าวเหนียวมะม่วง หน้าร้อน";

  async function me(at: Date): Promise<{ user: SessionUser; cookie: string }> {
    const cookie = await signIn(at);
    return { user: (await getSessionUser(t.db, requestWith(cookie), at))!, cookie };
  }

  it("refuses a wrong current password, a weak or repeated new one and a mismatch, each by its field in Thai, and changes nothing", async () => {
    const { user } = await me(T0);
    const before = (await t.db.selectFrom("user").where("id", "=", userId).select("password_hash").executeTakeFirstOrThrow()).password_hash;
    const refused = await changeOwnPassword(t.db, user, form({ current: "not it", next: "short", confirm: "other" }), "192.0.2.1", T0);
    expect(refused.ok).toBe(false);
    const errors = (refused as { errors: Record<string, { th: string }> }).errors;
    expect(errors.current!.th).toContain("รหัสผ่านปัจจุบันไม่ถูกต้อง");
    expect(errors.next!.th).toContain("อย่างน้อย 12 ตัวอักษร");
    expect(errors.confirm!.th).toContain("ไม่ตรงกัน");
    const same = await changeOwnPassword(t.db, user, form({ current: TEST_PASSWORD, next: TEST_PASSWORD, confirm: TEST_PASSWORD }), "192.0.2.1", T0);
    expect((same as { errors: Record<string, { th: string }> }).errors.next!.th).toContain("ต้องไม่ซ้ำกับรหัสผ่านปัจจุบัน");
    expect((await t.db.selectFrom("user").where("id", "=", userId).select("password_hash").executeTakeFirstOrThrow()).password_hash).toBe(before);
    // The wrong current password is audited; no password is written anywhere in the log.
    const audit = await t.db.selectFrom("audit_log").select(["action", "detail"]).execute();
    expect(audit.map((a) => a.action)).toEqual(["password.change-refused"]);
    expect(JSON.stringify(audit)).not.toContain("not it");
  });

  it("changes it with the current one, ends the other sessions but not this one, clears a one-time password, audited without the password", async () => {
    await markPasswordOneTime(t.db, userId);
    const elsewhere = await signIn(T0);
    const { user, cookie } = await me(T0);
    expect(user.mustChangePassword).toBe(1);
    const changed = await changeOwnPassword(t.db, user, form({ current: TEST_PASSWORD, next: NEW, confirm: NEW }), "192.0.2.1", T0);
    expect(changed).toEqual({ ok: true, signedOutElsewhere: 1 });
    const stored = await t.db.selectFrom("user").where("id", "=", userId).select(["password_hash", "must_change_password", "password_changed_at"]).executeTakeFirstOrThrow();
    expect(await verifyPassword(NEW, stored.password_hash)).toBe(true);
    expect(stored.must_change_password).toBe(0);
    expect(stored.password_changed_at).toBe(T0.toISOString());
    expect(await getSessionUser(t.db, requestWith(elsewhere), minutes(1))).toBeUndefined();
    expect((await getSessionUser(t.db, requestWith(cookie), minutes(1)))!.mustChangePassword).toBe(0);
    const audit = await t.db.selectFrom("audit_log").where("action", "=", "password.change").select("detail").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toEqual({ signedOutElsewhere: 1, wasOneTime: true });
    expect(audit.detail).not.toContain(NEW);
  });

  it("signs out everywhere else, audited", async () => {
    const a = await signIn(T0);
    const b = await signIn(T0);
    const { user, cookie } = await me(T0);
    expect(await signOutEverywhereElse(t.db, user, T0)).toBe(2);
    for (const other of [a, b]) expect(await getSessionUser(t.db, requestWith(other), minutes(1))).toBeUndefined();
    expect(await getSessionUser(t.db, requestWith(cookie), minutes(1))).toBeDefined();
    const audit = await t.db.selectFrom("audit_log").where("action", "=", "sessions.sign-out-elsewhere").select("detail").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toEqual({ ended: 2 });
  });
});
