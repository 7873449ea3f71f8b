/**
 * The agency's public page (issue 17, item 1) in Chromium, against the BUILT server, on the demo agency.
 * Before anything is published, /agency/demo is a 404. An admin signs in, opens "เผยแพร่ต่อสาธารณะ" from the
 * admin menu, publishes the closed round's measured report with its measures and counter satisfaction, and
 * the complaint statistics. On a phone (390×844) the public page shows them in Thai with Thai digits, the
 * measures with their status and progress notes, nothing scrolls sideways, and axe-core finds nothing; the
 * English switch gives Arabic digits. The OIT checklist offers the round's public page as evidence for o42/o43. The page's HTML (React Router's serialized loader data included)
 * holds no user's id, username or name, no response id and no measure id. The admin takes everything down:
 * the page and the round's page are a 404 at once, on the very next request. Screenshots:
 * test-results/screenshots/public-*.png.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../support/accounts";
import { expectAccessible } from "../support/axe";
import { LAPTOP, openWatchedPage, PHONE, stopBrowserSuite } from "../support/browser";
import { signInThroughForm, startDemoBrowserSuite } from "../support/demo-suite";
import { expectNoHorizontalOverflow, expectNothingCutOff } from "../support/layout";
import { expectNoPageErrors, expectNoProblems } from "../support/page-problems";
import { saveScreenshot } from "../support/screenshots";
import type { RunningServer } from "../support/server";

const ADMIN = "publication-admin";
const THAI_DIGIT = /[๐-๙]/;

describe("the agency's public page (Chromium, built server)", { timeout: 240_000 }, () => {
  let databasePath = "";
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let closedRound = 0;
  /** What the page must never carry: every user's id, username and name, the measures' ids. */
  const users: { id: number; username: string; displayName: string }[] = [];
  const measureIds: number[] = [];
  let measureCount = 0;

  beforeAll(async () => {
    ({ databasePath, server, browser } = await startDemoBrowserSuite({
      prepare: async ({ db, roundId, organization }) => {
        closedRound = roundId;
        await createTestUser(db, organization.id, ADMIN, "admin");
        // A display name that would be found if any author's name leaked.
        await db.updateTable("user").set({ display_name: "นางสาวผู้ดูแล ทดสอบเผยแพร่" }).where("username", "=", ADMIN).execute();
        users.push(...(await db.selectFrom("user").where("organization_id", "=", organization.id).select(["id", "username", "display_name as displayName"]).execute()));
        const measures = await db.selectFrom("measure").where("round_id", "=", roundId).select("id").execute();
        measureIds.push(...measures.map((m) => m.id));
        measureCount = measures.length;
      },
    }));
  });

  afterAll(() => stopBrowserSuite({ browser, server, databasePath }));

  const get = (path: string) => fetch(`${server!.url}${path}`, { redirect: "manual" });

  it("nothing is public before an admin publishes it", async () => {
    expect((await get("/agency/demo")).status).toBe(404);
    expect((await get(`/agency/demo/rounds/${closedRound}`)).status).toBe(404);
  });

  it("an admin publishes the closed round's report, measures and counters, and the complaint statistics", async () => {
    const { context, page, problems } = await openWatchedPage(browser!, server!.url, LAPTOP);
    try {
      await page.goto(`${server!.url}/admin/publication`);
      await signInThroughForm(page, ADMIN);
      await page.waitForURL((url) => url.pathname === "/admin/publication");
      // The admin menu links the page.
      expect(await page.locator('.admin-nav a[href="/admin/publication"]').innerText()).toBe("เผยแพร่ต่อสาธารณะ");
      await expect.poll(() => page.locator('[data-public]').getAttribute("data-public")).toBe("no");
      expect(await page.getByTestId("public-page-url").innerText()).toMatch(/\/agency\/demo$/);

      const form = page.getByTestId(`publication-round-${closedRound}`);
      await form.getByTestId(`round-${closedRound}-report-measured`).check();
      await form.getByTestId(`round-${closedRound}-measures`).check();
      await form.getByTestId(`round-${closedRound}-counters`).check();
      await form.getByRole("button", { name: "บันทึก" }).click();
      await page.getByTestId("publication-done").waitFor();
      await expect.poll(() => page.locator('[data-public]').getAttribute("data-public")).toBe("yes");

      await page.getByTestId("publish-complaint-statistics").check();
      await page.getByTestId("publish-complaint-statistics").locator("xpath=ancestor::form").getByRole("button", { name: "บันทึก" }).click();
      await expect.poll(() => page.getByTestId("publish-complaint-statistics").isChecked()).toBe(true);
      await saveScreenshot(page, "public-admin-publication.png");
      // The same page at a phone's width: the choices one under another, nothing past the edge.
      await page.setViewportSize(PHONE.viewport!);
      await expectNoHorizontalOverflow(page, "/admin/publication on a phone");
      await expectNothingCutOff(page, "/admin/publication on a phone");
      await saveScreenshot(page, "public-admin-publication-phone.png");
      await page.setViewportSize(LAPTOP.viewport!);

      // The OIT checklist offers the round's public page as the evidence of o42 (the analysis and measures)
      // and o43 (the measures carried out), ITA 2565's O25 and O26.
      await page.goto(`${server!.url}/admin/rounds/${closedRound}/oit`);
      for (const code of ["o42", "o43"]) {
        const offer = page.getByTestId(`public-page-${code}`);
        expect(await offer.getAttribute("data-published"), code).toBe("yes");
        expect(await page.getByTestId(`produced-${code}`).innerText()).toContain(`${server!.url}/agency/demo/rounds/${closedRound}`);
      }
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("on a phone, the public page shows the report and the measures with Thai digits, and nothing scrolls sideways", async () => {
    const { context, page, problems } = await openWatchedPage(browser!, server!.url, PHONE);
    try {
      const response = await page.goto(`${server!.url}/agency/demo`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()["cache-control"]).toBe("public, no-cache");
      await page.getByRole("heading", { level: 1, name: "ข้อมูลคุณธรรมและความโปร่งใส" }).waitFor();
      const complaints = page.getByTestId("public-complaints");
      expect(await complaints.innerText()).toMatch(THAI_DIGIT);
      await expectNoHorizontalOverflow(page, "the agency's public page on a phone");
      await expectAccessible(page, "the agency's public page on a phone");
      await saveScreenshot(page, "public-agency-phone.png");

      await page.getByTestId("public-round").getByRole("link", { name: "ดูรายละเอียด" }).click();
      await page.waitForURL((url) => url.pathname === `/agency/demo/rounds/${closedRound}`);
      const result = page.getByTestId("report-result");
      await result.waitFor();
      // The score in Thai digits, as the report prints it.
      expect(await result.innerText()).toMatch(/คะแนน [๐-๙]+\.[๐-๙]{2}/);
      const rows = page.locator("[data-testid=report-measures] tbody tr[data-measure]");
      expect(await rows.count()).toBe(measureCount);
      // Numbered by their place, not by their ids.
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-measure")))).toEqual(Array.from({ length: measureCount }, (_, i) => String(i + 1)));
      const statuses = await page.locator("[data-testid=report-measures] .report-status").allInnerTexts();
      expect(statuses.some((s) => s.includes("ดำเนินการแล้วเสร็จ"))).toBe(true);
      expect(statuses.some((s) => s.includes("กำลังดำเนินการ"))).toBe(true);
      const progress = page.getByTestId("report-progress").first();
      expect(await progress.innerText()).toMatch(/ความคืบหน้า[\s\S]*[๐-๙]/);
      await page.getByTestId("public-counters").waitFor();
      await expectNoHorizontalOverflow(page, "a round's public page on a phone");
      await expectAccessible(page, "a round's public page on a phone");
      await saveScreenshot(page, "public-round-phone.png");
      await saveScreenshot(page, "public-round-top-phone.png", { fullPage: false });
      await page.getByTestId("public-counters").scrollIntoViewIfNeeded();
      await saveScreenshot(page, "public-round-counters-phone.png", { fullPage: false });
      await page.getByTestId("report-measures").scrollIntoViewIfNeeded();
      await saveScreenshot(page, "public-round-measures-phone.png", { fullPage: false });

      // The English switch: English words, Arabic digits.
      await page.getByTestId("public-lang-switch").click();
      await page.waitForURL((url) => url.searchParams.get("lang") === "en");
      const english = await page.getByTestId("report-result").innerText();
      expect(english).toMatch(/scores \d+\.\d{2}/);
      expect(english).not.toMatch(THAI_DIGIT);
      await expectNoHorizontalOverflow(page, "a round's public page in English on a phone");
      await saveScreenshot(page, "public-round-phone-en.png");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  });

  it("the page's HTML and its serialized data hold no user, no response and no measure id", async () => {
    for (const path of ["/agency/demo", `/agency/demo/rounds/${closedRound}`, `/agency/demo/rounds/${closedRound}?lang=en`]) {
      const response = await get(path);
      expect(response.status).toBe(200);
      const html = await response.text();
      // React Router's data is in the page (window.__reactRouterContext): the checks below read it too.
      expect(html).toContain("__reactRouterContext");
      for (const key of ["userId", "user_id", "responseId", "response_id", "createdBy", "updatedBy", "authorName", "organizationId", "csrf", "username"]) {
        expect(html, `${path} holds ${key}`).not.toContain(`"${key}"`);
      }
      // The loader data as React Router streams it into the page, and the page's text without its scripts
      // (the route manifest in the scripts names routes such as "admin", a username of the demo).
      const streamed = [...html.matchAll(/streamController\.enqueue\(("(?:[^"\\]|\\.)*")\)/g)].map((m) => JSON.parse(m[1]!) as string).join("\n");
      expect(streamed).toContain('"loaderData"');
      const text = html.replace(/<script[\s\S]*?<\/script>/g, "");
      for (const user of users) {
        expect(streamed, `${path} names ${user.username}`).not.toContain(`"${user.username}"`);
        expect(text, `${path} names ${user.username}`).not.toMatch(new RegExp(`[>\\s"]${user.username}[<\\s"]`));
        if (user.displayName) expect(html, `${path} names ${user.displayName}`).not.toContain(user.displayName);
      }
      // No measure's id in the page: they are numbered by their place, 1…n.
      for (const id of measureIds.filter((id) => id > measureCount)) expect(html, `${path} holds measure ${id}`).not.toContain(`data-measure="${id}"`);
    }
  });

  it("taking everything down makes the page a 404 at once", async () => {
    // Warm the cache first: the 404 must not come from a cold cache.
    expect((await get("/agency/demo")).status).toBe(200);
    expect((await get(`/agency/demo/rounds/${closedRound}`)).status).toBe(200);
    const { context, page, problems } = await openWatchedPage(browser!, server!.url, LAPTOP);
    try {
      await page.goto(`${server!.url}/admin/publication`);
      await signInThroughForm(page, ADMIN);
      await page.waitForURL((url) => url.pathname === "/admin/publication");
      await page.getByTestId("unpublish-all").click();
      await expect.poll(() => page.locator('[data-public]').getAttribute("data-public")).toBe("no");
      expectNoPageErrors(problems);
    } finally {
      await context.close();
    }
    expect((await get("/agency/demo")).status).toBe(404);
    expect((await get(`/agency/demo/rounds/${closedRound}`)).status).toBe(404);
    const phone = await openWatchedPage(browser!, server!.url, PHONE);
    try {
      const response = await phone.page.goto(`${server!.url}/agency/demo`);
      expect(response?.status()).toBe(404);
      expect(await phone.page.locator("main").innerText()).toContain("หน่วยงานอาจยังไม่ได้เผยแพร่ข้อมูลนี้ หรือยกเลิกการเผยแพร่แล้ว");
      await saveScreenshot(phone.page, "public-agency-taken-down-phone.png");
    } finally {
      await phone.context.close();
    }
  });
});
