/**
 * The second factor in Chromium against the BUILT server (issue 14, item 8): a manager turns it on from
 * the account page (the QR code and the secret in groups of four; the test plays the phone's app and
 * computes the code from that secret with RFC 6238's arithmetic), sees the ten recovery codes once, signs
 * out; the next sign-in asks for the code after the password and signs in with the app's code; then with
 * a recovery code, which a second time is refused. An admin then requires a second factor of admins and
 * managers in the agency settings: a manager without one is sent to set it up before any other page.
 */
import { Secret, TOTP } from "otpauth";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../support/accounts";
import { LAPTOP, launchBrowser, openWatchedPage, PHONE } from "../support/browser";
import { expectNoHorizontalOverflow, expectNothingCutOff } from "../support/layout";
import { signInThroughForm } from "../support/demo-suite";
import { createRoundFixture, type RoundFixture } from "../support/fixtures";
import { expectNoPageErrors } from "../support/page-problems";
import { saveScreenshot } from "../support/screenshots";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let server: RunningServer;
let browser: Browser;
let round: RoundFixture;

const stepOf = (ms: number) => Math.floor(ms / 30_000);

/** The phone's app: the code for `secret` now, in a 30-second step later than `afterStep` (a code is taken once). */
async function appCode(secret: string, afterStep: number): Promise<{ code: string; step: number }> {
  while (stepOf(Date.now()) <= afterStep) await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 50));
  // Not within a second of the step's end: the server must see the same step as the code was made for.
  if (30_000 - (Date.now() % 30_000) < 1_500) await new Promise((resolve) => setTimeout(resolve, 1_600));
  const now = Date.now();
  const code = new TOTP({ secret: Secret.fromBase32(secret.replace(/ /g, "")), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: now });
  return { code, step: stepOf(now) };
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "ออกจากระบบ", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/sign-in");
}

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  await createTestUser(t.db, round.organizationId, "somchai", "manager");
  await createTestUser(t.db, round.organizationId, "admin1", "admin");
  await createTestUser(t.db, round.organizationId, "malee", "manager");
  server = await startServer({ databasePath: t.path });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await t?.close();
});

describe("the second factor in Chromium", () => {
  it("is turned on with the app's code, then asked at sign-in; a recovery code works once", async () => {
    const { context, page, problems } = await openWatchedPage(browser, server.url, LAPTOP);
    await page.goto(`${server.url}/sign-in`);
    await signInThroughForm(page, "somchai");
    await page.waitForURL(`${server.url}/admin`);

    await page.goto(`${server.url}/admin/account`);
    await expect.poll(() => page.getByTestId("second-factor-state").innerText()).toBe("ยังไม่ได้เปิดใช้");
    await page.getByRole("button", { name: "เปิดใช้การยืนยันตัวตนสองขั้นตอน" }).click();
    const enrolment = page.getByTestId("second-factor-enrolment");
    await enrolment.waitFor();
    expect(await enrolment.locator("svg").count()).toBe(1);
    const secret = await page.getByTestId("totp-secret").innerText();
    expect(secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    await saveScreenshot(page, "second-factor-enrol.png");

    const first = await appCode(secret, -1);
    await enrolment.locator('input[name="code"]').fill(first.code);
    await enrolment.getByRole("button", { name: "ยืนยันและเปิดใช้" }).click();
    const codesList = page.getByTestId("recovery-codes");
    await codesList.waitFor();
    const recoveryCodes = (await codesList.locator("li").allInnerTexts()).map((text) => text.trim());
    expect(recoveryCodes).toHaveLength(10);
    // The codes are the action's answer; the state line is the loader's, revalidated just after it.
    await expect.poll(() => page.getByTestId("second-factor-state").innerText()).toContain("เหลือรหัสกู้คืนที่ยังไม่ได้ใช้ 10 รหัส");
    await saveScreenshot(page, "second-factor-recovery-codes.png");
    // Shown once: the page read again shows none of them.
    await page.reload();
    await page.getByTestId("second-factor-state").waitFor();
    expect(await page.getByTestId("recovery-codes").count()).toBe(0);
    expect(await page.locator("body").innerText()).not.toContain(recoveryCodes[0]!);

    // Sign in again: the password alone leads to the second step, with no session yet.
    await signOut(page);
    await signInThroughForm(page, "somchai");
    await page.waitForURL((url) => url.pathname === "/sign-in/code");
    expect((await context.cookies()).some((cookie) => cookie.name === "prongsai_session")).toBe(false);
    await saveScreenshot(page, "second-factor-sign-in-code.png");
    const second = await appCode(secret, first.step);
    await page.locator('input[name="code"]').fill(second.code);
    await page.getByRole("button", { name: "ยืนยัน", exact: true }).click();
    await page.waitForURL(`${server.url}/admin`);

    // A recovery code in place of the app's code, once.
    await signOut(page);
    await signInThroughForm(page, "somchai");
    await page.waitForURL((url) => url.pathname === "/sign-in/code");
    await page.locator('input[name="code"]').fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "ยืนยัน", exact: true }).click();
    await page.waitForURL(`${server.url}/admin`);
    await page.goto(`${server.url}/admin/account`);
    expect(await page.getByTestId("second-factor-state").innerText()).toContain("เหลือรหัสกู้คืนที่ยังไม่ได้ใช้ 9 รหัส");

    await signOut(page);
    await signInThroughForm(page, "somchai");
    await page.waitForURL((url) => url.pathname === "/sign-in/code");
    await page.locator('input[name="code"]').fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "ยืนยัน", exact: true }).click();
    await expect.poll(() => page.getByTestId("code-error").innerText()).toContain("รหัสไม่ถูกต้อง ใช้ไปแล้ว");
    expect(new URL(page.url()).pathname).toBe("/sign-in/code");
    await saveScreenshot(page, "second-factor-code-refused.png");
    expect((await context.cookies()).some((cookie) => cookie.name === "prongsai_session")).toBe(false);

    // What the audit log kept: the steps, never a code.
    const audit = await t.db.selectFrom("audit_log").select(["action", "detail"]).orderBy("id").execute();
    const actions = audit.map((row) => row.action);
    expect(actions).toContain("second-factor.enable");
    expect(actions.filter((action) => action === "user.sign-in-password-accepted")).toHaveLength(3);
    expect(audit.filter((row) => row.action === "user.sign-in").map((row) => JSON.parse(row.detail))).toEqual([{}, { second_factor: "totp" }, { second_factor: "recovery", recovery_codes_left: 9 }]);
    expect(actions.slice(-1)).toEqual(["user.second-factor-failed"]);
    const logged = JSON.stringify(audit);
    for (const code of [first.code, second.code, recoveryCodes[0]!, secret.replace(/ /g, "")]) expect(logged).not.toContain(code);
    expect(problems.pageErrors).toEqual([]);
    // The one error the console shows is the browser's note of the refused code's 401, as intended.
    expect(problems.consoleErrors).toHaveLength(1);
    expect(problems.consoleErrors[0]).toMatch(/status of 401 .*\/sign-in\/code\.data/);
    await context.close();
  }, 180_000);

  it("once the agency requires it, sends a manager without one to set it up before any other page", async () => {
    const { context, page, problems } = await openWatchedPage(browser, server.url, LAPTOP);
    await page.goto(`${server.url}/sign-in`);
    await signInThroughForm(page, "admin1");
    await page.waitForURL(`${server.url}/admin`);
    await page.goto(`${server.url}/admin/settings`);
    await page.getByLabel("ผู้ดูแล ผู้บริหาร และผู้รับผิดชอบเรื่องร้องเรียนต้องใช้การยืนยันตัวตนสองขั้นตอน (รหัสจากแอปในโทรศัพท์)").check();
    await page.getByRole("button", { name: "บันทึกการตั้งค่า", exact: true }).click();
    await expect.poll(async () => (await t.db.selectFrom("organization").where("id", "=", round.organizationId).select("require_second_factor").executeTakeFirstOrThrow()).require_second_factor).toBe(1);
    // The admin who ticked it has none either: sent to the account page like everyone it covers.
    await page.goto(`${server.url}/admin/rounds/${round.roundId}`);
    await page.waitForURL(`${server.url}/admin/account`);
    await signOut(page);

    await signInThroughForm(page, "malee");
    await page.waitForURL(`${server.url}/admin/account`);
    await page.getByTestId("must-set-up-second-factor").waitFor();
    await page.goto(`${server.url}/admin/rounds/${round.roundId}/report`);
    await page.waitForURL(`${server.url}/admin/account`);
    // Required: there is no button to turn it off once on, only to move it to another app.
    await page.getByRole("button", { name: "เปิดใช้การยืนยันตัวตนสองขั้นตอน" }).click();
    const secret = await page.getByTestId("totp-secret").innerText();
    const { code } = await appCode(secret, -1);
    await page.getByTestId("second-factor-enrolment").locator('input[name="code"]').fill(code);
    await page.getByRole("button", { name: "ยืนยันและเปิดใช้" }).click();
    await page.getByTestId("recovery-codes").waitFor();
    // Once the page shows it on (the loader revalidated after the action), it says it is required and offers no way off.
    await expect.poll(() => page.getByTestId("second-factor-state").innerText()).toContain("หน่วยงานกำหนดให้บัญชีนี้ต้องใช้");
    expect(await page.getByRole("button", { name: "ออกรหัสกู้คืนชุดใหม่ (ชุดเดิมใช้ไม่ได้อีก)" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "ปิดการยืนยันตัวตนสองขั้นตอน" }).count()).toBe(0);
    await page.goto(`${server.url}/admin/rounds/${round.roundId}`);
    await page.waitForURL(`${server.url}/admin/rounds/${round.roundId}`);
    expectNoPageErrors(problems);
    await context.close();
  }, 120_000);

  it("on a phone: the account page's enrolment, the code step, the settings box and the users page's reset fit the screen", async () => {
    await createTestUser(t.db, round.organizationId, "phone-admin", "admin");
    // A colleague with a second factor, so that the users page offers its reset (its secret is never used here).
    const colleague = await createTestUser(t.db, round.organizationId, "phone-colleague", "viewer");
    await t.db.updateTable("user").set({ totp_enabled_at: new Date().toISOString() }).where("id", "=", colleague).execute();
    const { page, context, problems } = await openWatchedPage(browser, server.url, PHONE);
    await page.goto(`${server.url}/sign-in`);
    await signInThroughForm(page, "phone-admin");
    await page.waitForURL((url) => url.pathname.startsWith("/admin"));
    await page.goto(`${server.url}/admin/account`);
    await page.getByRole("button", { name: "เปิดใช้การยืนยันตัวตนสองขั้นตอน" }).click();
    const secret = await page.getByTestId("totp-secret").innerText();
    await page.getByTestId("second-factor-enrolment").locator("svg").waitFor();
    await expectNoHorizontalOverflow(page, "/admin/account, enrolment");
    await expectNothingCutOff(page, "/admin/account, enrolment");
    await saveScreenshot(page, "second-factor-enrol-phone.png");
    const { code } = await appCode(secret, -1);
    await page.getByTestId("second-factor-enrolment").locator('input[name="code"]').fill(code);
    await page.getByRole("button", { name: "ยืนยันและเปิดใช้" }).click();
    await page.getByTestId("recovery-codes").waitFor();
    await expectNoHorizontalOverflow(page, "/admin/account, recovery codes");
    await expectNothingCutOff(page, "/admin/account, recovery codes");
    await saveScreenshot(page, "second-factor-recovery-codes-phone.png");

    await page.goto(`${server.url}/admin/settings`);
    const requirement = page.getByLabel("ผู้ดูแล ผู้บริหาร และผู้รับผิดชอบเรื่องร้องเรียนต้องใช้การยืนยันตัวตนสองขั้นตอน (รหัสจากแอปในโทรศัพท์)");
    await requirement.scrollIntoViewIfNeeded();
    await expectNoHorizontalOverflow(page, "/admin/settings");
    await expectNothingCutOff(page, "/admin/settings");
    await saveScreenshot(page, "second-factor-settings-phone.png", { fullPage: false });

    await page.goto(`${server.url}/admin/users`);
    const reset = page.getByRole("button", { name: "ล้างการยืนยันตัวตนสองขั้นตอน (โทรศัพท์หาย): phone-colleague" });
    await reset.scrollIntoViewIfNeeded();
    await expectNoHorizontalOverflow(page, "/admin/users");
    await expectNothingCutOff(page, "/admin/users");
    await saveScreenshot(page, "second-factor-users-reset-phone.png", { fullPage: false });

    await signOut(page);
    await signInThroughForm(page, "phone-admin");
    await page.waitForURL((url) => url.pathname === "/sign-in/code");
    await expectNoHorizontalOverflow(page, "/sign-in/code");
    await expectNothingCutOff(page, "/sign-in/code");
    const box = await page.locator('input[name="code"]').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await saveScreenshot(page, "second-factor-sign-in-code-phone.png");
    expectNoPageErrors(problems);
    await context.close();
  }, 120_000);
});
