/**
 * The e-mail forms over HTTP against the built server (issue 17): hostile and malformed input on the
 * notifications page and the account page's e-mail section is refused with a 4xx and a Thai message, and
 * writes nothing; a viewer may not change the agency's alerts; the forms need the anti-forgery token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { createRoundFixture } from "../support/fixtures";
import { startServer, type RunningServer } from "../support/server";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let server: RunningServer;
let smtp: TestSmtpServer;
let admin: SignedIn;
let viewer: SignedIn;

beforeAll(async () => {
  t = await createTestDb();
  const { organizationId } = await createRoundFixture(t.db);
  await createTestUser(t.db, organizationId, "admin1", "admin");
  await createTestUser(t.db, organizationId, "viewer1", "viewer");
  smtp = await startSmtpServer();
  server = await startServer({ databasePath: t.path, env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), SMTP_TLS: "none", SMTP_FROM: "noreply@example.go.th" } });
  admin = await signInOverHttp(server.url, "admin1");
  viewer = await signInOverHttp(server.url, "viewer1");
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  await t?.close();
});

function post(path: string, who: SignedIn, fields: [string, string][] | string, contentType = "application/x-www-form-urlencoded") {
  const body = typeof fields === "string" ? fields : new URLSearchParams([["csrf", who.csrf], ...fields]).toString();
  return fetch(`${server.url}${path}`, { method: "POST", headers: { cookie: who.cookie, "content-type": contentType }, body, redirect: "manual" });
}

async function stored() {
  const users = await t.db.selectFrom("user").select(["username", "email", "email_lang", "weekly_digest", "email_alerts"]).orderBy("username").execute();
  const settings = await t.db.selectFrom("notification_setting").selectAll().execute();
  const outbox = await t.db.selectFrom("outbox_message").select("id").execute();
  return { users, settings, outbox };
}

describe("the notifications page's forms", () => {
  it.each([
    ["an unknown intent", [["intent", "drop-table"]], 400],
    ["no intent", [], 400],
    ["an unknown alert", [["intent", "alerts"], ["alert", "everything"]], 400],
    ["script as an alert", [["intent", "alerts"], ["alert", "<script>alert(1)</script>"]], 400],
    ["the same alert a thousand times", [["intent", "alerts"], ...Array.from({ length: 1000 }, (): [string, string] => ["alert", "measure.overdue"])], 400],
    ["a test e-mail without an address of one's own", [["intent", "test"]], 409],
  ] as [string, [string, string][], number][])("refuses %s and writes nothing", async (_what, fields, status) => {
    const before = await stored();
    const response = await post("/admin/notifications", admin, fields);
    expect(response.status).toBe(status);
    const html = await response.text();
    expect(html).toMatch(/[\u0E00-\u0E7F]/);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(await stored()).toEqual(before);
  });

  it("refuses a viewer (403) and a form without the anti-forgery token (403)", async () => {
    const before = await stored();
    expect((await post("/admin/notifications", viewer, [["intent", "alerts"], ["alert", "measure.overdue"]])).status).toBe(403);
    expect((await post("/admin/notifications", admin, new URLSearchParams({ intent: "alerts", alert: "measure.overdue" }).toString())).status).toBe(403);
    expect((await fetch(`${server.url}/admin/notifications`, { headers: { cookie: viewer.cookie } })).status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it("saves the alerts, with an audit entry", async () => {
    const response = await post("/admin/notifications", admin, [["intent", "alerts"], ["alert", "round.closing-soon"], ["alert", "measure.overdue"]]);
    expect(response.status).toBe(200);
    const setting = await t.db.selectFrom("notification_setting").select("alerts").executeTakeFirstOrThrow();
    expect(JSON.parse(setting.alerts)).toEqual(["measure.overdue", "round.closing-soon"]);
    const audit = await t.db.selectFrom("audit_log").select(["action", "detail"]).where("action", "=", "notifications.alerts-change").execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ before: [], after: ["measure.overdue", "round.closing-soon"] });
  });
});

describe("the account page's e-mail section", () => {
  const form = (fields: Record<string, string | string[]>): [string, string][] => [
    ["intent", "email-settings"],
    ...Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v): [string, string] => [name, v]) : [[name, value] as [string, string]])),
  ];
  it.each([
    ["an address without a domain", { email: "somchai" }],
    ["an address without a dot in its domain", { email: "somchai@example" }],
    ["markup in the address", { email: '"><script>alert(1)</script>@example.go.th' }],
    ["a header injection", { email: "somchai@example.go.th\r\nBcc: everyone@example.go.th" }],
    ["an address of 10,000 characters", { email: `${"a".repeat(10_000)}@example.go.th` }],
    ["two addresses", { email: ["a@example.go.th", "b@example.go.th"] }],
    ["an unknown language", { email: "a@example.go.th", lang: "fr" }],
    ["a digest value that is not on", { email: "a@example.go.th", digest: "yes" }],
    ["an unknown alert", { email: "a@example.go.th", alert: "everything" }],
    ["an alert the agency has not turned on", { email: "a@example.go.th", alert: "complaint.received" }],
    ["a digest without an address", { email: "", digest: "on" }],
    ["NUL in the address", { email: "a\u0000b@example.go.th" }],
  ] as [string, Record<string, string | string[]>][])("refuses %s (400) and writes nothing", async (_what, fields) => {
    const before = await stored();
    const response = await post("/admin/account", viewer, form(fields));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/[\u0E00-\u0E7F]/);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(await stored()).toEqual(before);
  });

  it("refuses a body that is not a form (4xx, not 500)", async () => {
    const response = await post("/admin/account", viewer, '{"intent":"email-settings"}', "application/json");
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it("saves an address, language, digest and alert, with an audit entry that does not hold the address", async () => {
    const response = await post("/admin/account", viewer, form({ email: "  viewer@example.go.th ", lang: "en", digest: "on", alert: "measure.overdue" }));
    expect(response.status).toBe(200);
    const user = await t.db.selectFrom("user").select(["email", "email_lang", "weekly_digest", "email_alerts"]).where("username", "=", "viewer1").executeTakeFirstOrThrow();
    expect(user).toEqual({ email: "viewer@example.go.th", email_lang: "en", weekly_digest: 1, email_alerts: '["measure.overdue"]' });
    const audit = await t.db.selectFrom("audit_log").select("detail").where("action", "=", "email-settings.change").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain("viewer@example.go.th");
    // Emptied: no address, and with it no digest or alert.
    expect((await post("/admin/account", viewer, form({ email: "" }))).status).toBe(200);
    expect(await t.db.selectFrom("user").select(["email", "weekly_digest", "email_alerts"]).where("username", "=", "viewer1").executeTakeFirstOrThrow()).toEqual({
      email: null,
      weekly_digest: 0,
      email_alerts: "[]",
    });
  });
});
