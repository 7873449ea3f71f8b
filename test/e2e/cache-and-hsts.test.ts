/**
 * What browsers and proxies may keep (issue 14, docs/decisions/signed-in-pages-not-stored.md), over HTTP
 * against the BUILT server: every signed-in page of the route table, its `.data` request and its resources
 * (exports, the PDF, the OIT template) answer `Cache-Control: no-store`, so do the sign-in pages, every
 * POST answer (the one-time password of a new user included) and the redirects to sign-in, whatever the
 * path's spelling; the respondent pages, QR images and static files keep their own caching. HSTS is on
 * every response when PUBLIC_URL is https, on none when it is http. The PDF's route refuses a user's second
 * PDF while the first prints (429 in Thai). In Chromium: after sign-out, the back button does not show the
 * report again; the browser asks the server and lands on the sign-in page.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import routes from "../../app/routes";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { LAPTOP, launchBrowser, openWatchedPage } from "../support/browser";
import { signInThroughForm } from "../support/demo-suite";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { expectNoPageErrors } from "../support/page-problems";
import { saveScreenshot } from "../support/screenshots";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";
import { fileComplaint, requireComplaintAgency } from "../../app/services/complaints/intake.server";
import { parseComplaintForm } from "../../app/services/complaints/intake-form.server";
import { complaintForm, pdfFile } from "../support/complaints";

interface RouteEntry {
  path?: string;
  children?: RouteEntry[];
}

function listPaths(entries: RouteEntry[]): string[] {
  return entries.flatMap((entry) => [...(entry.path !== undefined ? [entry.path] : []), ...listPaths(entry.children ?? [])]);
}

/** Every signed-in route of the route table (a route added later is checked too), but its sign-in page. */
const SIGNED_IN_PATHS = listPaths(routes as RouteEntry[]).filter((path) => /^admin(\/|$)/.test(path));
/**
 * A resource route (a file: .csv, .xlsx, .pdf, and a complaint's attachment, issue 16, which is always a
 * download whatever its type) has no `.data` request.
 */
const isResource = (path: string) => /\.[a-z]+$/.test(path) || path.endsWith("/attachments/:attachmentId");

let t: TestDb;
let server: RunningServer;
let https: RunningServer;
let browser: Browser | undefined;
let round: RoundFixture;
let admin: SignedIn;
/** A complaint with a file (issue 16), for the complaint case and attachment routes. */
let complaint = { caseId: 0, attachmentId: 0 };

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  await createTestUser(t.db, round.organizationId, "admin1", "admin");
  await createTestUser(t.db, round.organizationId, "admin2", "admin");
  const agency = await requireComplaintAgency(t.db, "test-agency", "th");
  const filed = await fileComplaint(t.db, agency, await parseComplaintForm(complaintForm({}, [pdfFile()])), new Date());
  if (!filed.stored) throw new Error("the complaint was not stored");
  const file = await t.db.selectFrom("complaint_attachment").where("complaint_id", "=", filed.complaintId).select("id").executeTakeFirstOrThrow();
  complaint = { caseId: filed.complaintId, attachmentId: file.id };
  // TRUST_PROXY=1: the POST answers below come from an address of their own (X-Forwarded-For).
  server = await startServer({ databasePath: t.path, env: { TRUST_PROXY: "1" } });
  // The same database behind an https PUBLIC_URL (TLS would end at a proxy): it still listens on http here.
  https = await startServer({ databasePath: t.path, env: { PUBLIC_URL: "https://survey.example.go.th" } });
  admin = await signInOverHttp(server.url, "admin1");
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await https?.stop();
  await t?.close();
});

function fill(path: string): string {
  return `/${path
    .replace(":roundId", String(round.roundId))
    .replace(":frameworkId", "ita-2565")
    .replace(":caseId", String(complaint.caseId))
    .replace(":attachmentId", String(complaint.attachmentId))}`;
}

const get = (base: string, path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: "manual" });

async function expectNoStore(response: Response, where: string) {
  expect(response.headers.get("cache-control"), `Cache-Control of ${where} (${response.status})`).toBe("no-store");
  await response.arrayBuffer();
}

describe("Cache-Control: no-store", () => {
  it("the route table has the signed-in pages and resources to check", () => {
    expect(SIGNED_IN_PATHS).toContain("admin");
    expect(SIGNED_IN_PATHS).toContain("admin/users");
    expect(SIGNED_IN_PATHS).toContain("admin/rounds/:roundId/report");
    expect(SIGNED_IN_PATHS).toContain("admin/rounds/:roundId/report.pdf");
    expect(SIGNED_IN_PATHS).toContain("admin/rounds/:roundId/responses.csv");
    expect(SIGNED_IN_PATHS).toContain("admin/frameworks/:frameworkId/oit-template.xlsx");
    expect(SIGNED_IN_PATHS).toContain("admin/complaints/:caseId");
    expect(SIGNED_IN_PATHS).toContain("admin/complaints/:caseId/attachments/:attachmentId");
    expect(SIGNED_IN_PATHS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(SIGNED_IN_PATHS)("/%s, signed in: the page (or file) and its .data request", async (path) => {
    const url = fill(path);
    const page = await get(server.url, url, { cookie: admin.cookie });
    // Each answers as it should (a 200, or a redirect of its own): the header is not on an error page only.
    expect(page.status, url).toBeLessThan(400);
    await expectNoStore(page, url);
    if (isResource(path)) return;
    const data = await get(server.url, `${url}.data`, { cookie: admin.cookie });
    expect(data.status, `${url}.data`).toBeLessThan(400);
    expect(data.headers.get("content-type"), `${url}.data`).toMatch(/text\/x-script/);
    await expectNoStore(data, `${url}.data`);
  });

  it("on the exports and the PDF as files (not an error page)", async () => {
    const csv = await get(server.url, fill("admin/rounds/:roundId/responses.csv"), { cookie: admin.cookie });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    await expectNoStore(csv, "the CSV export");
    const pdf = await get(server.url, fill("admin/rounds/:roundId/report.pdf"), { cookie: admin.cookie });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    await expectNoStore(pdf, "the PDF");
    const template = await get(server.url, fill("admin/frameworks/:frameworkId/oit-template.xlsx"), { cookie: admin.cookie });
    expect(template.headers.get("content-type")).toMatch(/spreadsheetml/);
    await expectNoStore(template, "the OIT template");
  });

  it("on the sign-in pages and on the redirects of a signed-out visitor", async () => {
    for (const path of ["/sign-in", "/sign-in.data", "/sign-in?next=%2Fadmin", "/operator/sign-in", "/operator/sign-in.data"]) {
      const response = await get(server.url, path);
      expect(response.status, path).toBe(200);
      await expectNoStore(response, path);
    }
    for (const path of ["/admin", "/admin.data", fill("admin/rounds/:roundId/report"), fill("admin/rounds/:roundId/responses.csv"), "/operator", "/sign-out", "/sign-in/code", "/sign-in/code.data"]) {
      const response = await get(server.url, path);
      expect([202, 204, 302], path).toContain(response.status);
      await expectNoStore(response, `${path}, signed out`);
    }
  });

  it("whatever the path's spelling: any case, encoded letters, doubled slashes", async () => {
    for (const path of ["/Admin", "/ADMIN/users", "/%61dmin", "/admin/", `/admin/rounds/${round.roundId}/`, "//admin", "/Sign-In"]) {
      const response = await get(server.url, path, { cookie: admin.cookie });
      await expectNoStore(response, path);
    }
  });

  it("on every POST answer: the new user's one-time password, a form's .data, sign-in, the code check, the answers", async () => {
    const created = await fetch(`${server.url}/admin/users`, {
      method: "POST",
      headers: { cookie: admin.cookie },
      body: new URLSearchParams({ csrf: admin.csrf, intent: "create", username: "new-officer", displayName: "เจ้าหน้าที่ใหม่", role: "viewer" }),
      redirect: "manual",
    });
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(await created.text()).toContain("new-officer");
    const viaData = await fetch(`${server.url}/admin/users.data`, {
      method: "POST",
      headers: { cookie: admin.cookie },
      body: new URLSearchParams({ csrf: admin.csrf, intent: "create", username: "second-officer", displayName: "", role: "viewer" }),
      redirect: "manual",
    });
    expect(viaData.status).toBe(200);
    await expectNoStore(viaData, "POST /admin/users.data");
    const wrongPassword = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ username: "admin2", password: "not the password" }),
      redirect: "manual",
    });
    await expectNoStore(wrongPassword, "POST /sign-in");
    const address = { "x-forwarded-for": "203.0.113.80" };
    const code = await fetch(`${server.url}/s/${round.eitToken}/code`, { method: "POST", headers: { "content-type": "application/json", ...address }, body: "{}" });
    expect(code.status).toBe(400);
    await expectNoStore(code, "POST /s/:token/code");
    const answers = await fetch(`${server.url}/s/${round.eitToken}/answers`, {
      method: "POST",
      headers: { "content-type": "application/json", ...address },
      body: JSON.stringify({ submissionId: newSubmissionId(), answers: makeAnswers("eit"), durationSeconds: 300 }),
    });
    expect(answers.status).toBe(200);
    await expectNoStore(answers, "POST /s/:token/answers");
    const home = await fetch(`${server.url}/`, { method: "POST", body: new URLSearchParams({ a: "b" }), redirect: "manual" });
    await expectNoStore(home, "POST /");
  });

  it("not on the respondent pages, QR images and static files, which keep their own caching", async () => {
    // The survey page as now: no Cache-Control, rendered by React Router once and then from the
    // respondent page cache (app/server/respondent-page-cache.server.ts); the same for its data request.
    for (const path of [`/s/${round.eitToken}`, `/s/${round.eitToken}`, `/s/${round.iitToken}?lang=en`, `/s/${round.eitToken}.data`, `/k/${round.eitToken}`, `/s/${round.eitToken}/thanks`, "/"]) {
      const response = await get(server.url, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBeNull();
      await response.arrayBuffer();
    }
    const qr = await get(server.url, `/qr/${round.eitToken}.svg`);
    expect(qr.headers.get("cache-control")).toBe("public, max-age=3600");
    const theme = await get(server.url, "/survey-theme.css");
    expect(theme.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const favicon = await get(server.url, "/favicon.svg");
    expect(favicon.headers.get("cache-control")).toBe("public, max-age=3600");
  });
});

describe("the PDF, one per user at a time (app/services/pdf-queue.ts)", () => {
  it("answers the same user's second request while the first prints with a 429 page in Thai, not a second render", async () => {
    const url = `${server.url}${fill("admin/rounds/:roundId/report.pdf")}`;
    const pdfDownloads = () => t.db.selectFrom("audit_log").where("action", "=", "export.report-pdf").select(["target", "detail"]).execute();
    const before = (await pdfDownloads()).length;
    const [a, b] = await Promise.all([fetch(url, { headers: { cookie: admin.cookie } }), fetch(url, { headers: { cookie: admin.cookie } })]);
    const [pdf, refused] = a.status === 200 ? [a, b] : [b, a];
    expect([a.status, b.status].sort()).toEqual([200, 429]);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    await pdf.arrayBuffer();
    expect(refused.headers.get("content-type")).toMatch(/^text\/html/);
    expect(refused.headers.get("retry-after")).toBe("10");
    expect(refused.headers.get("cache-control")).toBe("no-store");
    const html = await refused.text();
    expect(html).toContain("กำลังสร้างไฟล์ PDF ของท่าน");
    expect(html.indexOf("ระบบกำลังสร้างไฟล์ PDF ที่ท่านขอไว้ก่อนหน้านี้")).toBeLessThan(html.indexOf("The PDF you asked for"));
    // Once it is done, the same user gets the next one.
    const next = await fetch(url, { headers: { cookie: admin.cookie } });
    expect(next.status).toBe(200);
    await next.arrayBuffer();
    // Each PDF delivered is a download in the agency's audit log; the refused one is not.
    const downloads = (await pdfDownloads()).slice(before);
    expect(downloads).toHaveLength(2);
    expect(downloads[0]!.target).toBe(`round:${round.roundId}`);
    expect(JSON.parse(downloads[0]!.detail).view).toMatchObject({ digits: "thai" });
  }, 60_000);
});

describe("Strict-Transport-Security", () => {
  const paths = () => ["/", `/s/${round.eitToken}`, "/sign-in", "/admin", "/favicon.svg", "/no/such/page"];

  it("is on every response when PUBLIC_URL is https", async () => {
    for (const path of paths()) {
      const response = await get(https.url, path);
      expect(response.headers.get("strict-transport-security"), path).toBe("max-age=31536000; includeSubDomains");
      await response.arrayBuffer();
    }
    // A request refused before routing too.
    const refused = await fetch(`${https.url}/`, { method: "PROPFIND" });
    expect(refused.status).toBe(405);
    expect(refused.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("is on no response when PUBLIC_URL is http", async () => {
    for (const path of paths()) {
      const response = await get(server.url, path, path === "/admin" ? { cookie: admin.cookie } : {});
      expect(response.headers.get("strict-transport-security"), path).toBeNull();
      await response.arrayBuffer();
    }
  });
});

describe("in Chromium", () => {
  it("a form posted with JavaScript off (or not yet loaded) reaches its action: the browser sends its Origin", async () => {
    // Under `Referrer-Policy: no-referrer` Chromium sends `Origin: null` with a form's POST, and React
    // Router refuses an action whose Origin is not the page's own (400): a sign-in on a slow phone whose
    // scripts had not arrived failed. `same-origin` sends the Origin to us and nothing to other sites.
    browser ??= await launchBrowser();
    const context = await browser.newContext({ ...LAPTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    const origins: (string | null)[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") origins.push(request.headers()["origin"] ?? null);
    });
    await page.goto(`${server.url}/sign-in`);
    await signInThroughForm(page, "admin2");
    await page.waitForURL(`${server.url}/admin`);
    expect(origins).toEqual([server.url]);
    expect(await page.locator("h1").first().innerText()).not.toBe("");
    await context.close();
  }, 60_000);

  it("after sign-out, the back button does not show the report: the browser asks the server and lands on sign-in", async () => {
    browser = await launchBrowser();
    const { context, page, problems } = await openWatchedPage(browser, server.url, LAPTOP);
    // What the server answered for the report's URL (a response from the browser's cache is a 200 too).
    const reportAnswers: number[] = [];
    const reportPath = `/admin/rounds/${round.roundId}/report`;
    page.on("response", (response) => {
      if (new URL(response.url()).pathname === reportPath) reportAnswers.push(response.status());
    });
    await page.goto(`${server.url}/sign-in`);
    await signInThroughForm(page, "admin2");
    await page.waitForURL(`${server.url}/admin`);
    // The report opened as a document (a bookmark, a typed address), as the review found it kept.
    await page.goto(`${server.url}${reportPath}`);
    const back = page.getByRole("link", { name: "← กลับไปหน้าผลการประเมิน" });
    await back.waitFor();
    const reportTitle = await page.locator("h1").first().innerText();
    expect(reportTitle.length).toBeGreaterThan(0);
    expect(await page.locator("body").innerText()).toContain("เทศบาลตำบลทดสอบ");

    // From the report to its dashboard (a link of the page), then sign out there.
    await back.click();
    await page.waitForURL(`${server.url}/admin/rounds/${round.roundId}`);
    await page.getByRole("button", { name: "ออกจากระบบ" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in");

    // Back: the dashboard's entry asks the server (React Router's data request), which sends it to sign-in.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/sign-in" && (url.searchParams.get("next") ?? "").startsWith(`/admin/rounds/${round.roundId}`));
    await page.locator('input[name="password"]').waitFor();
    expect(await page.locator("body").innerText()).not.toContain("เทศบาลตำบลทดสอบ");
    // Back to the report's entry, two back (the back button's list): another document, left by a link
    // before sign-out. Asked of the server again, not shown from the browser's cache or its back/forward cache.
    reportAnswers.length = 0;
    const arrived = page.waitForEvent("load");
    await page.evaluate(() => history.go(-2));
    await arrived;
    // Before issue 14 the browser showed the report from its cache here, signed out.
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search, { timeout: 10_000 }).toBe(`/sign-in?next=${encodeURIComponent(reportPath)}`);
    await page.locator('input[name="password"]').waitFor();
    expect(reportAnswers, "the report was asked of the server again, which sent the browser to sign-in").toEqual([302]);
    const shown = await page.locator("body").innerText();
    expect(shown).not.toContain(reportTitle);
    expect(shown).not.toContain("เทศบาลตำบลทดสอบ");
    await saveScreenshot(page, "back-after-sign-out.png", { fullPage: false });
    expectNoPageErrors(problems);
    await context.close();
  }, 60_000);
});
