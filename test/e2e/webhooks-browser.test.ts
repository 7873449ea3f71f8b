/**
 * Signed webhooks against the BUILT server (issue 17, item 3), with a real https receiver on loopback.
 *
 * The receiver is node:https with a self-signed certificate for "localhost" made here with openssl; the
 * server trusts it through Node's own NODE_EXTRA_CA_CERTS (the app does not turn certificate checks off
 * for anyone), and WEBHOOK_ALLOWED_HOSTS=localhost lets the loopback host through the address checks: the
 * operator's allowed/not-allowed toggle. In Chromium on a phone an admin is refused a loopback URL
 * (127.0.0.1 is not an allowed name), registers https://localhost:PORT/…, reads the secret shown once and
 * sends a test delivery; the receiver answers 500, the server is restarted with its clock past the
 * backoff and delivers it again, with the same event id and body, signed so that the README's
 * verification passes with the secret. Restarted without the allowed host (as if "localhost" now
 * resolved to a private address nobody allowed), registration of that host is refused and a delivery to
 * the registered webhook is refused too, without a request reaching the receiver. Over HTTP: viewers and
 * managers may not see or change webhooks, another agency's webhook is a 404, and malformed posts get a 4xx.
 */
import { execFileSync } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { expectAccessible } from "../support/axe";
import { launchBrowser, openWatchedPage, PHONE } from "../support/browser";
import { signInThroughForm } from "../support/demo-suite";
import { complaintForm } from "../support/complaints";
import { createRoundFixture } from "../support/fixtures";
import { expectNoHorizontalOverflow } from "../support/layout";
import { expectNoPageErrors, type PageProblems } from "../support/page-problems";
import { saveElementScreenshot, saveScreenshot } from "../support/screenshots";
import { type RunningServer, shiftedClockEnv, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let t: TestDb;
let server: RunningServer | undefined;
let browser: Browser;
let receiver: Server;
let receiverPort: number;
let certDir: string;
let received: Received[] = [];
let statuses: number[] = [];
let organizationId: number;

function serverEnv(allowLocalhost: boolean, clock?: Date): Record<string, string> {
  return {
    NODE_EXTRA_CA_CERTS: join(certDir, "cert.pem"),
    WEBHOOK_ALLOWED_HOSTS: allowLocalhost ? "localhost" : "",
    OUTBOX_POLL_SECONDS: "1",
    ...(clock ? shiftedClockEnv(clock) : {}),
  };
}

async function restart(allowLocalhost: boolean, clock?: Date): Promise<RunningServer> {
  const port = server!.port;
  await server!.stop();
  server = await startServer({ databasePath: t.path, port, env: serverEnv(allowLocalhost, clock) });
  return server;
}

/** The README's verification (section "Webhooks"), word for word but for the clock, which is the server's. */
function verifyProngsaiSignature(secret: string, header: string, rawBody: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2)));
  if (!/^\d+$/.test(parts.t ?? "") || Math.abs(nowSeconds - Number(parts.t)) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), "prongsai-webhook-cert-"));
  execFileSync("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    join(certDir, "key.pem"),
    "-out",
    join(certDir, "cert.pem"),
    "-days",
    "2",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=DNS:localhost",
  ], { stdio: "ignore" });
  receiver = createServer({ key: readFileSync(join(certDir, "key.pem")), cert: readFileSync(join(certDir, "cert.pem")) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverPort = (receiver.address() as AddressInfo).port;

  t = await createTestDb();
  ({ organizationId } = await createRoundFixture(t.db));
  await createTestUser(t.db, organizationId, "admin1", "admin");
  await createTestUser(t.db, organizationId, "manager1", "manager");
  await createTestUser(t.db, organizationId, "viewer1", "viewer");
  const other = await createRoundFixture(t.db, "other-agency");
  await createTestUser(t.db, other.organizationId, "admin-b", "admin");
  server = await startServer({ databasePath: t.path, env: serverEnv(true) });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
  await t?.close();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

/** The refused POST's 400 is expected: its response and the console line Chromium writes for it. */
async function takeExpectedRefusal(problems: PageProblems, status: number): Promise<void> {
  await expect.poll(() => problems.failedResponses.length).toBe(1);
  expect(problems.failedResponses[0]).toMatch(new RegExp(`^${status} http://[^/]+/admin/webhooks\\.data`));
  await expect.poll(() => problems.consoleErrors.length).toBe(1);
  problems.failedResponses.length = 0;
  problems.consoleErrors.length = 0;
}

async function addWebhook(page: Page, url: string): Promise<void> {
  const form = page.locator("form.webhook-add");
  await form.locator('input[name="url"]').fill(url);
  await form.getByRole("button", { name: "เพิ่ม webhook" }).click();
}

async function deliveryRows(webhookId: number) {
  return t.db.selectFrom("webhook_delivery").selectAll().where("webhook_id", "=", webhookId).orderBy("id").execute();
}

describe("webhooks in Chromium on a phone, delivered to an https receiver on loopback", { timeout: 300_000 }, () => {
  it("registers, shows the secret once, signs, retries a 500 with the same event id, and refuses a host no longer allowed", async () => {
    const { context, page, problems } = await openWatchedPage(browser, server!.url, PHONE);
    await page.goto(`${server!.url}/sign-in`);
    await signInThroughForm(page, "admin1");
    await page.waitForURL(`${server!.url}/admin`);
    await page.getByRole("navigation").getByRole("link", { name: "Webhook" }).click();
    await page.waitForURL(`${server!.url}/admin/webhooks`);
    await page.getByRole("heading", { level: 1, name: "Webhook: ส่งเหตุการณ์ไปยังระบบอื่น" }).waitFor();

    // 127.0.0.1 is not the allowed name: loopback, refused with a Thai message.
    await addWebhook(page, `https://127.0.0.1:${receiverPort}/hooks`);
    await expect.poll(() => page.getByRole("alert").innerText()).toContain("loopback");
    expect(await page.getByRole("alert").innerText()).toContain("ไม่อนุญาตให้ส่ง webhook ไปยัง 127.0.0.1");
    await takeExpectedRefusal(problems, 400);
    expect(await t.db.selectFrom("webhook").select("id").execute()).toEqual([]);

    // The allowed host: accepted, the secret shown once.
    await addWebhook(page, `https://localhost:${receiverPort}/hooks/prongsai`);
    const secretBox = page.locator(".webhook-secret");
    await secretBox.waitFor();
    const secret = (await secretBox.locator("[data-secret]").innerText()).trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const webhookId = Number(await secretBox.getAttribute("data-webhook-id"));
    await saveScreenshot(page, "webhooks-secret-phone.png", { fullPage: false });

    // A test delivery: the receiver answers 500 first.
    statuses = [500];
    await page.locator(`[data-webhook-id="${webhookId}"]`).getByRole("button", { name: "ส่งข้อความทดสอบ" }).click();
    await expect.poll(() => page.getByRole("status").innerText()).toContain("ส่งข้อความทดสอบเข้าคิวแล้ว");
    // Shown once: the page after the action no longer holds the secret, nor does a fresh load.
    expect(await page.content()).not.toContain(secret);
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await deliveryRows(webhookId)).map((r) => [r.attempt, r.outcome, r.http_status])).toEqual([[1, "retry", 500]]);

    // The outbox tries again after its backoff (a minute): the server comes back with its clock past it.
    const retryClock = new Date(Date.now() + 3 * 60_000);
    await restart(true, retryClock);
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(2);
    await expect.poll(async () => (await deliveryRows(webhookId)).map((r) => [r.attempt, r.outcome, r.http_status])).toEqual([
      [1, "retry", 500],
      [2, "sent", 200],
    ]);
    const [first, second] = received;
    expect(first!.headers["prongsai-event-id"]).toBe(second!.headers["prongsai-event-id"]);
    expect(second!.body).toBe(first!.body);
    const body = JSON.parse(second!.body);
    expect(body).toEqual({
      id: first!.headers["prongsai-event-id"],
      type: "ping",
      occurredAt: expect.any(String),
      agency: { slug: "test-agency", name: "เทศบาลตำบลทดสอบ" },
      data: { webhookId },
    });
    for (const [request, clock] of [
      [first!, Date.now()],
      [second!, retryClock.getTime()],
    ] as const) {
      expect(request.headers["content-type"]).toBe("application/json");
      const header = String(request.headers["prongsai-signature"]);
      expect(verifyProngsaiSignature(secret, header, request.body, Math.floor(clock / 1000))).toBe(true);
      expect(verifyProngsaiSignature(secret.replace(/.$/, (c) => (c === "A" ? "B" : "A")), header, request.body, Math.floor(clock / 1000))).toBe(false);
    }

    // The page after the restart: the session is in the database, the browser keeps its cookie.
    await page.goto(`${server!.url}/admin/webhooks`);
    await page.locator(".webhook-log").waitFor();
    expect(await page.locator(".webhook-log > li").count()).toBe(2);
    expect(await page.locator(".webhook-log").innerText()).toContain("HTTP 500");
    expect(await page.content()).not.toContain(secret);
    await expectNoHorizontalOverflow(page, "/admin/webhooks");
    await expectAccessible(page, "/admin/webhooks");
    await saveScreenshot(page, "webhooks-phone.png");
    await saveElementScreenshot(page.locator(`section.webhook[data-webhook-id="${webhookId}"]`), "webhooks-card-phone.png");
    await saveElementScreenshot(page.locator("section.card", { has: page.locator("form.webhook-add") }), "webhooks-add-phone.png");

    // The operator takes localhost off the allowed hosts: it resolves to loopback, which is refused now,
    // at registration and at delivery (no request reaches the receiver).
    await restart(false, new Date(retryClock.getTime() + 60_000));
    await page.goto(`${server!.url}/admin/webhooks`);
    await addWebhook(page, `https://localhost:${receiverPort}/other`);
    await expect.poll(() => page.getByRole("alert").innerText()).toContain("localhost (");
    expect(await page.getByRole("alert").innerText()).toContain("เครื่องเซิร์ฟเวอร์เอง (loopback)");
    await takeExpectedRefusal(problems, 400);
    await page.locator(`[data-webhook-id="${webhookId}"]`).getByRole("button", { name: "ส่งข้อความทดสอบ" }).click();
    await expect.poll(() => page.getByRole("status").innerText()).toContain("ส่งข้อความทดสอบเข้าคิวแล้ว");
    await expect.poll(async () => (await deliveryRows(webhookId)).length, { timeout: 30_000 }).toBe(3);
    const refused = (await deliveryRows(webhookId))[2]!;
    expect(refused).toMatchObject({ attempt: 1, outcome: "give-up", http_status: null });
    expect(refused.error).toMatch(/^refused: Webhooks may not be sent to localhost \((127\.0\.0\.1|::1)\): it is the server itself \(loopback\)/);
    expect(received).toHaveLength(2);
    await page.reload();
    await expect.poll(() => page.locator(".webhook-log > li").count()).toBe(3);
    expect(await page.locator(".webhook-log > li").first().innerText()).toContain("เลิกส่ง");
    expect(await page.locator(".webhook-log > li").first().innerText()).toContain("ที่อยู่ปลายทางไม่ได้รับอนุญาต");
    await saveScreenshot(page, "webhooks-refused-phone.png");
    await saveElementScreenshot(page.locator("section.card", { has: page.locator(".webhook-log") }), "webhooks-log-phone.png");
    expectNoPageErrors(problems);
    await context.close();
  });
});

describe("the webhooks page over HTTP", () => {
  let admin: SignedIn;
  const post = (session: SignedIn, fields: Record<string, string>, init: RequestInit = {}) =>
    fetch(`${server!.url}/admin/webhooks`, {
      method: "POST",
      headers: { cookie: session.cookie },
      body: new URLSearchParams({ csrf: session.csrf, ...fields }),
      redirect: "manual",
      ...init,
    });

  beforeAll(async () => {
    admin = await signInOverHttp(server!.url, "admin1");
  });

  it("is for admins only: a manager's and a viewer's GET and POST are refused, and change nothing", async () => {
    for (const username of ["manager1", "viewer1"]) {
      const session = await signInOverHttp(server!.url, username);
      const page = await fetch(`${server!.url}/admin/webhooks`, { headers: { cookie: session.cookie }, redirect: "manual" });
      expect(page.status).toBe(403);
      const response = await post(session, { intent: "webhook-create", url: "https://example.go.th/", events: "measure.overdue" });
      expect(response.status).toBe(403);
    }
    const nav = await (await fetch(`${server!.url}/admin`, { headers: { cookie: (await signInOverHttp(server!.url, "manager1")).cookie } })).text();
    expect(nav).not.toContain('href="/admin/webhooks"');
  });

  it("answers another agency's webhook with 404, and malformed or hostile posts with a 4xx, never a 500", async () => {
    const [webhook] = await t.db.selectFrom("webhook").select("id").where("organization_id", "=", organizationId).execute();
    const adminB = await signInOverHttp(server!.url, "admin-b");
    expect((await post(adminB, { intent: "webhook-delete", webhookId: String(webhook!.id) })).status).toBe(404);
    expect((await post(adminB, { intent: "webhook-rotate", webhookId: String(webhook!.id) })).status).toBe(404);
    const cases: Array<[Record<string, string>, number]> = [
      [{ intent: "webhook-create", url: "https://example.go.th/", events: "no.such.event" }, 400],
      [{ intent: "webhook-create", url: `https://example.go.th/${"x".repeat(5000)}`, events: "measure.overdue" }, 400],
      [{ intent: "webhook-create", url: "javascript:alert(1)", events: "measure.overdue" }, 400],
      [{ intent: "webhook-create", url: "https://[::ffff:a9fe:a9fe]/latest", events: "measure.overdue" }, 400],
      [{ intent: "webhook-create", url: "https://0251.0376.0251.0376/", events: "measure.overdue" }, 400],
      [{ intent: "webhook-delete", webhookId: "1e400" }, 400],
      [{ intent: "webhook-delete", webhookId: "-1" }, 400],
      [{ intent: "webhook-delete", webhookId: "99999999" }, 404],
      [{ intent: "nothing" }, 400],
      [{}, 400],
    ];
    for (const [fields, status] of cases) {
      const response = await post(admin, fields);
      expect(response.status, JSON.stringify(fields).slice(0, 120)).toBe(status);
    }
    const junk = await fetch(`${server!.url}/admin/webhooks`, { method: "POST", headers: { cookie: admin.cookie, "content-type": "application/json" }, body: "{not json" });
    expect(junk.status).toBeGreaterThanOrEqual(400);
    expect(junk.status).toBeLessThan(500);
    const forged = await post(admin, { intent: "webhook-delete", webhookId: String(webhook!.id), csrf: "forged" });
    expect(forged.status).toBe(403);
    expect(await t.db.selectFrom("webhook").select("id").where("id", "=", webhook!.id).executeTakeFirst()).toBeDefined();
  });

  it("delivers a new complaint's event, queued in the complaint's own transaction, without a word of the complaint or the complainant", async () => {
    await restart(true, new Date(Date.now() + 6 * 60_000));
    const before = received.length;
    const form = complaintForm({
      identity: "named",
      what: "เจ้าหน้าที่เรียกเงินใต้โต๊ะ ข้อความลับของผู้ร้อง",
      contactName: "นางสาวผู้ร้อง ทดสอบ",
      contactPhone: "081-234-5678",
      contactEmail: "complainant@example.go.th",
    });
    const filed = await fetch(`${server!.url}/complaints/test-agency`, { method: "POST", body: form, redirect: "manual" });
    expect(filed.status).toBe(200);
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(before + 1);
    const delivery = received[before]!;
    expect(delivery.headers["prongsai-event-type"]).toBe("complaint.received");
    const body = JSON.parse(delivery.body);
    expect(body).toMatchObject({ type: "complaint.received", agency: { slug: "test-agency" }, data: { link: expect.stringContaining("/admin/complaints") } });
    for (const personal of ["ข้อความลับ", "ผู้ร้อง", "081-234-5678", "complainant@", "ใต้โต๊ะ"]) expect(delivery.body).not.toContain(personal);
  });
});
