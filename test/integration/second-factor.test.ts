/**
 * The second factor (issue 14, item 8), on SQLite and PostgreSQL: enrolment proves the app has the
 * secret; the database holds neither the secret nor a recovery code in the clear; a code is taken once;
 * a recovery code works once; wrong codes slow the account down after five; turning it off needs the
 * password and is refused while the agency requires it; the password then asks for the second step.
 * The codes are computed here with the same library an authenticator app's arithmetic follows (RFC 6238).
 */
import { Secret, TOTP } from "otpauth";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkSecondStep, CODE_THROTTLE } from "../../app/auth/second-factor.server";
import { getSessionUser, createSessionCookie, type SessionUser } from "../../app/auth/session.server";
import { signIn } from "../../app/auth/sign-in.server";
import { getEnv } from "../../app/lib/env.server";
import { beginEnrolment, confirmEnrolment, renewRecoveryCodes, turnOffSecondFactor } from "../../app/services/second-factor.server";
import { changeUser } from "../../app/services/users.server";
import { setSecondFactorRequired } from "../../db/queries/second-factor";
import { createTestUser, TEST_PASSWORD } from "../support/accounts";
import { createRoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const T0 = new Date("2026-12-03T02:00:00Z");
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
const ADDRESS = "192.0.2.7";

let t: TestDb;
let userId: number;
let organizationId: number;
let user: SessionUser;

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** What the app on the phone shows at `at` for the secret shown on the page (its groups of four, joined). */
function appCode(groupedSecret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(groupedSecret.replace(/ /g, "")), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: at.getTime() });
}

/** A code the app shows in none of the three steps around `at`. */
function wrongCode(groupedSecret: string, at: Date): string {
  const near = [-30, 0, 30].map((s) => appCode(groupedSecret, new Date(at.getTime() + s * 1000)));
  return ["123456", "234567", "345678", "456789"].find((code) => !near.includes(code))!;
}

async function enrol(at = T0): Promise<{ secret: string; recoveryCodes: string[] }> {
  const enrolment = await beginEnrolment(user, at);
  const result = await confirmEnrolment(t.db, user, form({ pending: enrolment.pending, code: appCode(enrolment.groupedSecret, at) }), at);
  if (!result.ok || !result.recoveryCodes) throw new Error("enrolment failed");
  return { secret: enrolment.groupedSecret, recoveryCodes: result.recoveryCodes };
}

beforeEach(async () => {
  t = await createTestDb();
  const fixture = await createRoundFixture(t.db);
  organizationId = fixture.organizationId;
  userId = await createTestUser(t.db, organizationId, "somchai", "manager");
  const cookie = await createSessionCookie(t.db, userId, T0);
  user = (await getSessionUser(t.db, new Request("http://localhost/admin", { headers: { cookie: cookie.split(";")[0]! } }), T0))!;
});

afterEach(async () => {
  await t.close();
});

describe("enrolment", () => {
  it("stores nothing until the app's code proves the secret, then keeps it sealed and the recovery codes hashed", async () => {
    const enrolment = await beginEnrolment(user, T0);
    expect(enrolment.qrSvg).toContain("<svg");
    const wrong = await confirmEnrolment(t.db, user, form({ pending: enrolment.pending, code: wrongCode(enrolment.groupedSecret, T0) }), T0);
    expect(wrong.ok).toBe(false);
    expect((await t.db.selectFrom("user").where("id", "=", userId).select("totp_enabled_at").executeTakeFirstOrThrow()).totp_enabled_at).toBeNull();

    const right = await confirmEnrolment(t.db, user, form({ pending: enrolment.pending, code: appCode(enrolment.groupedSecret, T0) }), T0);
    expect(right.ok && right.recoveryCodes).toHaveLength(10);
    const codes = right.ok ? right.recoveryCodes! : [];
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

    const row = await t.db.selectFrom("user").where("id", "=", userId).selectAll().executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).toBe(T0.toISOString());
    const secret = enrolment.groupedSecret.replace(/ /g, "");
    expect(row.totp_sealed_secret).not.toContain(secret);
    expect(Buffer.from(row.totp_sealed_secret!, "base64url").toString("latin1")).not.toContain(secret);
    const stored = await t.db.selectFrom("recovery_code").where("user_id", "=", userId).select("code_hash").execute();
    expect(stored).toHaveLength(10);
    for (const { code_hash } of stored) for (const code of codes) expect(code_hash).not.toContain(code.replace("-", ""));
    const audit = await t.db.selectFrom("audit_log").where("action", "like", "second-factor.%").select(["action", "detail"]).execute();
    expect(audit).toEqual([{ action: "second-factor.enable", detail: "{}" }]);
  });

  it("refuses a pending secret of another user, a changed one and one past its 15 minutes", async () => {
    const enrolment = await beginEnrolment(user, T0);
    const other = { ...user, userId: await createTestUser(t.db, organizationId, "malee", "viewer") };
    const code = appCode(enrolment.groupedSecret, T0);
    expect((await confirmEnrolment(t.db, other, form({ pending: enrolment.pending, code }), T0)).ok).toBe(false);
    expect((await confirmEnrolment(t.db, user, form({ pending: `${enrolment.pending.slice(0, -2)}AA`, code }), T0)).ok).toBe(false);
    const late = seconds(16 * 60);
    expect((await confirmEnrolment(t.db, user, form({ pending: enrolment.pending, code: appCode(enrolment.groupedSecret, late) }), late)).ok).toBe(false);
    expect(await t.db.selectFrom("recovery_code").selectAll().execute()).toHaveLength(0);
  });
});

describe("the second step of sign-in", () => {
  it("is asked after the right password once the second factor is on", async () => {
    expect(await signIn(t.db, "somchai", TEST_PASSWORD, T0, ADDRESS)).toMatchObject({ ok: true, secondStep: false });
    await enrol();
    expect(await signIn(t.db, "somchai", TEST_PASSWORD, seconds(60), ADDRESS)).toMatchObject({ ok: true, secondStep: true });
    const actions = (await t.db.selectFrom("audit_log").select("action").orderBy("id").execute()).map((row) => row.action);
    expect(actions.slice(-1)).toEqual(["user.sign-in-password-accepted"]);
  });

  it("takes the app's code once: the same code again is refused, the next one passes", async () => {
    const { secret } = await enrol(T0);
    const at = seconds(90);
    expect(await checkSecondStep(t.db, userId, appCode(secret, at), at)).toMatchObject({ ok: true, method: "totp" });
    expect(await checkSecondStep(t.db, userId, appCode(secret, at), seconds(95))).toEqual({ ok: false, waited: false });
    const later = seconds(150);
    // Typed with spaces and in Thai digits, as a person may.
    const thai = appCode(secret, later).replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
    expect(await checkSecondStep(t.db, userId, `${thai.slice(0, 3)} ${thai.slice(3)}`, later)).toMatchObject({ ok: true, method: "totp" });
  });

  it("accepts a code of the step before or after (a phone's clock a little off), not two steps away", async () => {
    const { secret } = await enrol(T0);
    const at = seconds(300);
    expect((await checkSecondStep(t.db, userId, appCode(secret, seconds(330)), at)).ok).toBe(true);
    expect((await checkSecondStep(t.db, userId, appCode(secret, seconds(600)), seconds(540))).ok).toBe(false);
  });

  it("accepts each recovery code once, and says how many are left", async () => {
    const { recoveryCodes } = await enrol();
    const [first, second] = recoveryCodes;
    expect(await checkSecondStep(t.db, userId, first!, seconds(60))).toEqual({ ok: true, method: "recovery", recoveryCodesLeft: 9 });
    expect(await checkSecondStep(t.db, userId, first!, seconds(61))).toEqual({ ok: false, waited: false });
    // Typed in capitals without its dash.
    expect(await checkSecondStep(t.db, userId, second!.replace("-", "").toUpperCase(), seconds(62))).toEqual({ ok: true, method: "recovery", recoveryCodesLeft: 8 });
  });

  it("lets five wrong codes pass unslowed, then makes the next wait, and the right code after the wait passes", async () => {
    const { secret } = await enrol(T0);
    const base = getEnv().SIGN_IN_DELAY_MS;
    let at = seconds(100);
    // The first four failures set no wait; the fifth (CODE_THROTTLE.free) sets one of `base`.
    for (let i = 0; i < CODE_THROTTLE.free; i++) expect(await checkSecondStep(t.db, userId, wrongCode(secret, at), at)).toEqual({ ok: false, waited: false });
    // Inside that wait even the right code is not looked at.
    at = new Date(at.getTime() + base / 2);
    expect(await checkSecondStep(t.db, userId, appCode(secret, at), at)).toEqual({ ok: false, waited: true });
    at = new Date(at.getTime() + base);
    expect(await checkSecondStep(t.db, userId, appCode(secret, at), at)).toMatchObject({ ok: true, method: "totp" });
    expect(await t.db.selectFrom("sign_in_throttle").where("key", "like", "second-factor:%").selectAll().execute()).toHaveLength(0);
  });

  it("refuses everything for a user without a second factor", async () => {
    expect(await checkSecondStep(t.db, userId, "123456", T0)).toEqual({ ok: false, waited: false });
  });
});

describe("turning it off and renewing the recovery codes", () => {
  it("needs the current password, and is refused while the agency requires a second factor of managers", async () => {
    await enrol();
    expect(await turnOffSecondFactor(t.db, user, form({ current: "not the password" }), ADDRESS, seconds(10))).toMatchObject({ ok: false });
    await setSecondFactorRequired(t.db, organizationId, true);
    const required = await turnOffSecondFactor(t.db, user, form({ current: TEST_PASSWORD }), ADDRESS, seconds(20));
    expect(required).toMatchObject({ ok: false, error: { en: expect.stringContaining("requires") } });
    await setSecondFactorRequired(t.db, organizationId, false);
    expect(await turnOffSecondFactor(t.db, user, form({ current: TEST_PASSWORD }), ADDRESS, seconds(30))).toEqual({ ok: true });
    const row = await t.db.selectFrom("user").where("id", "=", userId).select(["totp_sealed_secret", "totp_enabled_at"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_sealed_secret: null, totp_enabled_at: null });
    expect(await t.db.selectFrom("recovery_code").selectAll().execute()).toHaveLength(0);
    expect(await signIn(t.db, "somchai", TEST_PASSWORD, seconds(40), ADDRESS)).toMatchObject({ ok: true, secondStep: false });
    const actions = (await t.db.selectFrom("audit_log").where("action", "like", "second-factor.%").select("action").orderBy("id").execute()).map((r) => r.action);
    expect(actions).toEqual(["second-factor.enable", "second-factor.change-refused", "second-factor.disable"]);
  });

  it("replaces every recovery code: the old ones stop working", async () => {
    const { recoveryCodes: old } = await enrol();
    const renewed = await renewRecoveryCodes(t.db, user, form({ current: TEST_PASSWORD }), ADDRESS, seconds(10));
    const fresh = renewed.ok ? renewed.recoveryCodes! : [];
    expect(fresh).toHaveLength(10);
    expect(await checkSecondStep(t.db, userId, old[0]!, seconds(20))).toEqual({ ok: false, waited: false });
    expect(await checkSecondStep(t.db, userId, fresh[0]!, seconds(21))).toMatchObject({ ok: true, method: "recovery" });
  });
});

describe("an admin removing a user's second factor (a lost phone and lost codes)", () => {
  it("removes the secret and the codes, ends the user's sessions, is audited, and the password alone signs in again", async () => {
    await enrol();
    const adminId = await createTestUser(t.db, organizationId, "admin1", "admin");
    const adminCookie = await createSessionCookie(t.db, adminId, T0);
    const admin = (await getSessionUser(t.db, new Request("http://localhost/admin", { headers: { cookie: adminCookie.split(";")[0]! } }), T0))!;
    await changeUser(t.db, admin, userId, { kind: "reset-second-factor" }, seconds(10));
    const row = await t.db.selectFrom("user").where("id", "=", userId).select(["totp_sealed_secret", "totp_enabled_at", "totp_last_step"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_sealed_secret: null, totp_enabled_at: null, totp_last_step: null });
    expect(await t.db.selectFrom("recovery_code").selectAll().execute()).toHaveLength(0);
    expect(await t.db.selectFrom("session").where("user_id", "=", userId).selectAll().execute()).toHaveLength(0);
    const audit = await t.db.selectFrom("audit_log").where("action", "=", "user.reset-second-factor").select(["user_id", "target"]).execute();
    expect(audit).toEqual([{ user_id: adminId, target: `user:${userId}` }]);
    expect(await signIn(t.db, "somchai", TEST_PASSWORD, seconds(20), ADDRESS)).toMatchObject({ ok: true, secondStep: false });
  });

  it("is refused for another agency's user (404)", async () => {
    await enrol();
    const other = await createRoundFixture(t.db, "other-town");
    const outsiderId = await createTestUser(t.db, other.organizationId, "outsider", "admin");
    const cookie = await createSessionCookie(t.db, outsiderId, T0);
    const outsider = (await getSessionUser(t.db, new Request("http://localhost/admin", { headers: { cookie: cookie.split(";")[0]! } }), T0))!;
    await expect(changeUser(t.db, outsider, userId, { kind: "reset-second-factor" }, seconds(10))).rejects.toMatchObject({ status: 404 });
    expect((await t.db.selectFrom("user").where("id", "=", userId).select("totp_enabled_at").executeTakeFirstOrThrow()).totp_enabled_at).not.toBeNull();
  });
});
