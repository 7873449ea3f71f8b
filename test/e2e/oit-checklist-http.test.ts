/**
 * The OIT checklist page over HTTP against the BUILT server, as a browser's forms send it: a manager
 * signs in, posts one item's status with the anti-forgery token, is redirected back, and sees the
 * scores change; a post without the token (or with another session's) is refused with 403 and writes
 * nothing; a viewer reads but cannot post; bad input is a 400 page in Thai; another agency's round is
 * a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertRoundOitItem } from "../../db/queries/oit-checklist";
import type { SignedIn } from "../support/accounts";
import type { RoundFixture } from "../support/fixtures";
import type { RunningServer } from "../support/server";
import type { TestDb } from "../support/test-db";
import { startTwoAgenciesServer } from "../support/two-agencies-server";

const SITE = "https://www.example-tambon.go.th";

let t: TestDb;
let server: RunningServer;
let agencyA: RoundFixture;
let agencyB: RoundFixture;
let managerA: SignedIn;
let viewerA: SignedIn;
let managerB: SignedIn;

beforeAll(async () => {
  ({ t, server, agencyA, agencyB, managerA, viewerA, managerB } = await startTwoAgenciesServer());
});

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

const pagePath = () => `/admin/rounds/${agencyA.roundId}/oit`;

function post(path: string, signedIn: SignedIn, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, { method: "POST", headers: { cookie: signedIn.cookie }, body: new URLSearchParams(fields), redirect: "manual" });
}

async function getPage(signedIn: SignedIn, path = pagePath()): Promise<{ status: number; html: string }> {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie: signedIn.cookie }, redirect: "manual" });
  return { status: response.status, html: await response.text() };
}

/** The text of the element with this data-testid in server-rendered HTML. */
function testIdText(html: string, testId: string): string {
  const match = new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html);
  if (!match) throw new Error(`no data-testid=${testId} in the page`);
  return match[1]!.trim();
}

async function snapshot() {
  return {
    items: await t.db.selectFrom("oit_item").selectAll().orderBy("id").execute(),
    audit: await t.db.selectFrom("audit_log").selectAll().orderBy("id").execute(),
  };
}

describe("the OIT checklist over HTTP", () => {
  it("shows the 43 items, their requirements and empty scores to a signed-in manager", async () => {
    const { status, html } = await getPage(managerA);
    expect(status).toBe(200);
    expect(html).toContain("รายการตรวจ OIT");
    expect(html).toContain('id="item-o1"');
    expect(html).toContain('id="item-o43"');
    expect(html).toContain("แผนผังโครงสร้างการแบ่งส่วนราชการ");
    expect(testIdText(html, "oit-score")).toBe("–");
    expect(testIdText(html, "oit-progress")).toBe("ตรวจแล้ว 0 จาก 43 ข้อ · ผ่าน 0 ข้อ");
    expect(html).toContain("บันทึกข้อ o1");
  });

  it("saves a status posted with the anti-forgery token, redirects back, and the scores change", async () => {
    // 42 items already checked, the reference document's failures among them (db queries, no HTTP).
    const fails = new Set(["o2", "o15", "o17", "o23", "o24", "o27", "o29", "o34", "o36", "o37", "o38", "o41"]);
    for (let n = 1; n <= 42; n++) {
      const code = `o${n}`;
      await upsertRoundOitItem(t.db, {
        roundId: agencyA.roundId,
        itemCode: code,
        status: fails.has(code) ? "fail" : "pass",
        evidenceUrls: JSON.stringify([`${SITE}/${code}`]),
        note: "",
        updatedBy: null,
        updatedAt: "2026-02-01T00:00:00.000Z",
      });
    }
    const before = await getPage(managerA);
    expect(testIdText(before.html, "oit-score")).toBe("–");
    expect(testIdText(before.html, "indicator-score-10")).toBe("–");
    expect(testIdText(before.html, "indicator-score-9")).toBe("78.06");

    const note = "ประกาศผลการดำเนินการตามมาตรการแล้ว\nรอบ ๖ เดือน และรอบ ๑๒ เดือน";
    const response = await post(pagePath(), managerA, {
      csrf: managerA.csrf,
      intent: "save-item",
      itemCode: "o43",
      status: "pass",
      evidenceUrls: `${SITE}/integrity/internal-measures-results\r\n${SITE}/integrity/report.pdf`,
      note: note.replace(/\n/g, "\r\n"),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${pagePath()}?saved=o43#item-o43`);

    const after = await getPage(managerA, `${pagePath()}?saved=o43`);
    expect(after.html).toContain("บันทึกข้อ o43 แล้ว");
    expect(testIdText(after.html, "indicator-score-10")).toBe("68.75");
    expect(testIdText(after.html, "oit-score")).toBe("73.41");
    expect(testIdText(after.html, "oit-progress")).toBe("ตรวจแล้ว 43 จาก 43 ข้อ · ผ่าน 31 ข้อ");
    expect(testIdText(after.html, "changed-o43")).toMatch(/^แก้ไขล่าสุดโดย manager-a เมื่อ \d{1,2} \S+ 25\d\d \d\d:\d\d น\.$/);
    // The note comes back exactly (React escapes nothing in Thai; the line break is kept).
    expect(after.html).toContain(note);
    const row = await t.db.selectFrom("oit_item").where("item_code", "=", "o43").selectAll().executeTakeFirstOrThrow();
    expect(row.note).toBe(note);
    expect(JSON.parse(row.evidence_urls)).toEqual([`${SITE}/integrity/internal-measures-results`, `${SITE}/integrity/report.pdf`]);

    // Changing one item again moves the scores again: o42 failing → 10.2 = 50, indicator 10 = 43.75.
    expect((await post(pagePath(), managerA, { csrf: managerA.csrf, intent: "save-item", itemCode: "o42", status: "fail", evidenceUrls: "", note: "" })).status).toBe(302);
    const again = await getPage(managerA);
    expect(testIdText(again.html, "indicator-score-10")).toBe("43.75");
    expect(testIdText(again.html, "sub-score-10.2")).toBe("50.00");

    // The dashboard shows the OIT as assessed, with its progress.
    const dashboard = await getPage(managerA, `/admin/rounds/${agencyA.roundId}`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.html).toContain("ตรวจ OIT แล้ว 43 จาก 43 ข้อ");
  });

  it("refuses a post without the anti-forgery token, or with another session's, and writes nothing", async () => {
    const before = await snapshot();
    for (const csrf of [undefined, managerB.csrf, viewerA.csrf, "x".repeat(43)]) {
      const fields: Record<string, string> = { intent: "save-item", itemCode: "o1", status: "fail", evidenceUrls: "", note: "ปลอม" };
      if (csrf) fields.csrf = csrf;
      const response = await post(pagePath(), managerA, fields);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("แบบฟอร์มหมดอายุ");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lets a viewer read the checklist but not post to it", async () => {
    const { status, html } = await getPage(viewerA);
    expect(status).toBe(200);
    expect(html).toContain("ดูรายการตรวจได้อย่างเดียว");
    expect(html).not.toContain("บันทึกข้อ o1");
    expect(html).toContain(`href="${SITE}/o1"`);
    // o42/o43 (the report, the measures) are on the public page once an admin publishes them: a viewer is
    // told so, not sent to the admin's publication page (a 403 for them).
    expect(html).not.toContain('href="/admin/publication"');
    expect(html).toContain("ผู้ดูแลระบบของหน่วยงานเป็นผู้เลือกเผยแพร่");
    const before = await snapshot();
    const response = await post(pagePath(), viewerA, { csrf: viewerA.csrf, intent: "save-item", itemCode: "o1", status: "fail", evidenceUrls: "", note: "" });
    expect(response.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("answers bad input with a 400 page in Thai and writes nothing", async () => {
    const before = await snapshot();
    const cases: [Record<string, string>, string][] = [
      [{ itemCode: "o1", status: "pass", evidenceUrls: "javascript:alert(1)", note: "" }, "ขึ้นต้นด้วย http:// หรือ https://"],
      [{ itemCode: "o1", status: "pass", evidenceUrls: "", note: "" }, "อย่างน้อย 1 ลิงก์"],
      [{ itemCode: "o99", status: "fail", evidenceUrls: "", note: "" }, "ไม่พบข้อรายการ OIT"],
      [{ itemCode: "o1", status: "yes", evidenceUrls: "", note: "" }, "กรุณาเลือกผลการตรวจ"],
    ];
    for (const [fields, message] of cases) {
      const response = await post(pagePath(), managerA, { csrf: managerA.csrf, intent: "save-item", ...fields });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain("ยังไม่ได้บันทึกข้อมูล");
      expect(html).toContain(message);
    }
    const unknown = await post(pagePath(), managerA, { csrf: managerA.csrf, intent: "explode" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("ไม่รู้จักคำสั่งของแบบฟอร์มนี้");
    // Copying over a checklist that has items is refused and says why.
    const copy = await post(pagePath(), managerA, { csrf: managerA.csrf, intent: "copy-previous" });
    expect(copy.status).toBe(409);
    expect(await copy.text()).toContain("จึงไม่คัดลอกทับ");
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 for another agency's round, to read and to post", async () => {
    expect((await getPage(managerB)).status).toBe(404);
    const before = await snapshot();
    const response = await post(pagePath(), managerB, { csrf: managerB.csrf, intent: "save-item", itemCode: "o1", status: "fail", evidenceUrls: "", note: "" });
    expect(response.status).toBe(404);
    expect((await getPage(managerA, "/admin/rounds/abc/oit")).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
