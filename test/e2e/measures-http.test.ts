/**
 * The measures plan over HTTP against the BUILT server, as a browser's forms send them: a manager
 * creates a measure, edits it with several lines of Thai (CRLF line ends, as browsers send textareas),
 * reloads the page and finds every field as typed; a form without the anti-forgery token is refused
 * (403) and writes nothing; a viewer reads but cannot change (403); bad input is a 400 in Thai; another
 * agency's measure is a 404; accepting a proposal redirects to the new measure.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignedIn } from "../support/accounts";
import type { RoundFixture } from "../support/fixtures";
import type { RunningServer } from "../support/server";
import type { TestDb } from "../support/test-db";
import { startTwoAgenciesServer } from "../support/two-agencies-server";

let t: TestDb;
let server: RunningServer;
let agencyA: RoundFixture;
let agencyB: RoundFixture;
let managerA: SignedIn;
let viewerA: SignedIn;
let managerB: SignedIn;
let unitA: number;

beforeAll(async () => {
  ({ t, server, agencyA, agencyB, managerA, viewerA, managerB } = await startTwoAgenciesServer());
  unitA = (await t.db.selectFrom("unit").where("organization_id", "=", agencyA.organizationId).select("id").executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

function post(path: string, signedIn: SignedIn, fields: [string, string][]) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { cookie: signedIn.cookie },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

async function page(path: string, signedIn: SignedIn) {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie: signedIn.cookie } });
  return { status: response.status, html: await response.text() };
}

async function snapshot() {
  return {
    measures: await t.db.selectFrom("measure").selectAll().orderBy("id").execute(),
    steps: await t.db.selectFrom("measure_step").selectAll().orderBy("measure_id").orderBy("position").execute(),
    notes: await t.db.selectFrom("measure_note").selectAll().orderBy("id").execute(),
    audit: await t.db.selectFrom("audit_log").selectAll().orderBy("id").execute(),
  };
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** What the edit form shows, read from the server's HTML the way a browser fills the form. */
function readForm(html: string) {
  const textarea = (name: string) => [...html.matchAll(new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`, "g"))].map((m) => unescapeHtml(m[1]!));
  const input = (name: string) => unescapeHtml(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? "");
  const checked = (name: string) =>
    [...html.matchAll(new RegExp(`<input[^>]*name="${name}"[^>]*>`, "g"))]
      .map((m) => m[0])
      .filter((tag) => /\schecked(="")?/.test(tag))
      .map((tag) => /value="([^"]*)"/.exec(tag)![1]!);
  return {
    title: textarea("title")[0],
    steps: textarea("step"),
    followUp: textarea("followUp")[0],
    period: input("period"),
    dueOn: input("dueOn"),
    units: checked("unit"),
    targets: checked("target"),
    status: checked("status"),
  };
}

const TITLE = "การปรับปรุงระบบการทำงาน\nและการอำนวยความสะดวกแก่ประชาชน";
const STEPS = ["ปรับปรุงข้อมูลการติดต่อกับเทศบาล\n- หมายเลขโทรศัพท์ ๐๕๕-๗๖๑-๒๓๔\n- ไลน์ทางการ", "เพิ่มช่องทางการให้บริการประชาชน ผ่าน e-service", "ดำเนินการสำรวจความพึงพอใจ <ไตรมาสละครั้ง> & รายงานผล"];
const FOLLOW_UP = "๑.รายงานผลการดำเนินงานให้ผู้บริหารได้รับทราบ\n๒.ประชาสัมพันธ์ผ่านเว็บไซต์หลักของเทศบาล \"ทุกเดือน\"";

function crlf(text: string): string {
  return text.replace(/\n/g, "\r\n");
}

describe("/admin/rounds/:roundId/measures over HTTP", () => {
  const base = () => `/admin/rounds/${agencyA.roundId}/measures`;
  let measureId = 0;

  it("creates a measure and redirects to it", async () => {
    const response = await post(`${base()}/edit`, managerA, [
      ["csrf", managerA.csrf],
      ["intent", "create"],
      ["title", "ร่างมาตรการ"],
      ["step", "ขั้นตอนเดียว"],
      ["unit", String(unitA)],
      ["period", "ตลอดปี ๖๙"],
      ["dueOn", ""],
      ["followUp", "รายงานผู้บริหาร"],
      ["status", "planned"],
    ]);
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${base()}\\?saved=\\d+#measure-\\d+$`));
    measureId = Number(/#measure-(\d+)/.exec(location)![1]);
  });

  it("edits it with multi-line Thai text, and a reload shows every field exactly as typed", async () => {
    const response = await post(`${base()}/edit?measure=${measureId}`, managerA, [
      ["csrf", managerA.csrf],
      ["intent", "update"],
      ["measureId", String(measureId)],
      ["title", crlf(TITLE)],
      ...STEPS.map((s): [string, string] => ["step", crlf(s)]),
      ["unit", String(unitA)],
      ["period", "ม.ค.-มี.ค.๖๙ และตลอดปี ๖๙"],
      ["dueOn", "2026-03-31"],
      ["followUp", crlf(FOLLOW_UP)],
      ["status", "in-progress"],
      ["target", "8"],
      ["target", "e15"],
      ["target", "o17"],
    ]);
    expect(response.status).toBe(302);

    const edit = await page(`${base()}/edit?measure=${measureId}`, managerA);
    expect(edit.status).toBe(200);
    expect(readForm(edit.html)).toEqual({
      title: TITLE,
      steps: STEPS,
      followUp: FOLLOW_UP,
      period: "ม.ค.-มี.ค.๖๙ และตลอดปี ๖๙",
      dueOn: "2026-03-31",
      units: [String(unitA)],
      targets: ["8", "e15", "o17"],
      status: ["in-progress"],
    });
    // The due date is shown in the Buddhist Era next to the date field.
    expect(edit.html).toContain("ตรงกับ 31 มี.ค. 2569");

    // The list shows the same text, line breaks kept by the page's pre-wrap style.
    const list = await page(base(), viewerA);
    expect(list.status).toBe(200);
    expect(unescapeHtml(list.html)).toContain(STEPS[0]);
    expect(unescapeHtml(list.html)).toContain(FOLLOW_UP);
    expect(list.html).toContain("ตัวชี้วัดที่ 8 การปรับปรุงการทำงาน");
    expect(list.html).toContain("OIT o17");
  });

  it("adds a dated progress note and shows it with its Buddhist Era date", async () => {
    const response = await post(`${base()}/edit?measure=${measureId}`, managerA, [
      ["csrf", managerA.csrf],
      ["intent", "add-note"],
      ["measureId", String(measureId)],
      ["notedOn", "2026-01-15"],
      ["text", crlf("เปิดไลน์ทางการแล้ว\nมีผู้ติดตาม ๓๕๐ คน")],
    ]);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/#notes$/);
    const edit = await page(`${base()}/edit?measure=${measureId}`, viewerA);
    expect(edit.html).toContain("15 ม.ค. 2569");
    expect(unescapeHtml(edit.html)).toContain("เปิดไลน์ทางการแล้ว\nมีผู้ติดตาม ๓๕๐ คน");
    // A viewer sees the measure and its notes, without any form to change them.
    expect(edit.html).not.toContain('name="intent"');
  });

  it("refuses a form without the anti-forgery token (403) and writes nothing", async () => {
    const before = await snapshot();
    for (const csrf of [undefined, managerB.csrf, "x".repeat(32)]) {
      const fields: [string, string][] = [
        ["intent", "update"],
        ["measureId", String(measureId)],
        ["title", "ปลอมแปลง"],
        ["step", "x"],
        ["unit", String(unitA)],
        ["period", "x"],
        ["followUp", "x"],
        ["status", "done"],
      ];
      if (csrf) fields.push(["csrf", csrf]);
      for (const path of [base(), `${base()}/edit?measure=${measureId}`]) {
        const response = await post(path, managerA, fields);
        expect(response.status).toBe(403);
        expect(await response.text()).toContain("แบบฟอร์มหมดอายุ");
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lets a viewer read but not change (403)", async () => {
    const before = await snapshot();
    const response = await post(base(), viewerA, [
      ["csrf", viewerA.csrf],
      ["intent", "delete"],
      ["measureId", String(measureId)],
    ]);
    expect(response.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect((await page(base(), viewerA)).status).toBe(200);
  });

  it("answers bad input with a 400 in Thai and keeps what was typed", async () => {
    const before = await snapshot();
    const response = await post(`${base()}/edit`, managerA, [
      ["csrf", managerA.csrf],
      ["intent", "create"],
      ["title", "มาตรการที่ยังไม่ครบ"],
      ["step", ""],
      ["period", ""],
      ["dueOn", "31/03/2569"],
      ["followUp", ""],
      ["status", "planned"],
      ["target", "o99"],
    ]);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("ข้อมูลมาตรการไม่ถูกต้อง กรุณาแก้ไขตามที่แจ้ง");
    expect(html).toContain("กรุณากรอกวิธีการดำเนินการอย่างน้อย 1 ขั้นตอน");
    expect(html).toContain("กรุณาเลือกผู้รับผิดชอบอย่างน้อย 1 ส่วนราชการ");
    expect(html).toContain("วันครบกำหนดไม่ถูกต้อง");
    expect(html).toContain("ตัวชี้วัดหรือข้อที่เลือกไม่มีในกรอบการประเมินของรอบนี้");
    expect(html).toContain("มาตรการที่ยังไม่ครบ");
    const unknownIntent = await post(base(), managerA, [
      ["csrf", managerA.csrf],
      ["intent", "__proto__"],
    ]);
    expect(unknownIntent.status).toBe(400);
    expect(await unknownIntent.text()).toContain("ไม่รู้จักคำสั่งของแบบฟอร์มนี้");
    expect(await snapshot()).toEqual(before);
  });

  it("saves the longest measure the limits allow (Thai fits the body limit); longer is a 400 in Thai, never a 413 or 500", async () => {
    const longest: [string, string][] = [
      ["csrf", managerA.csrf],
      ["intent", "create"],
      ["title", "ก".repeat(300)],
      ...Array.from({ length: 10 }, (): [string, string] => ["step", "ข".repeat(1000)]),
      ["unit", String(unitA)],
      ["period", "ค".repeat(120)],
      ["dueOn", "2026-09-30"],
      ["followUp", "ง".repeat(1000)],
      ["status", "planned"],
      ...["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"].map((c): [string, string] => ["target", c]),
    ];
    const saved = await post(`${base()}/edit`, managerA, longest);
    expect(saved.status).toBe(302);
    const before = await snapshot();
    const tooLong = await post(`${base()}/edit`, managerA, longest.map(([k, v], i) => (i === 4 ? [k, `${v}ข`] : [k, v])));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain("แต่ละขั้นตอนยาวได้ไม่เกิน 1000 ตัวอักษร");
    const tooMany = await post(`${base()}/edit`, managerA, [...longest.filter(([k]) => k !== "step"), ...Array.from({ length: 11 }, (): [string, string] => ["step", "ขั้นตอน"])]);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain("วิธีการดำเนินการมีได้ไม่เกิน 10 ขั้นตอน");
    expect(await snapshot()).toEqual(before);
  });

  it("switches to English with ?lang=en", async () => {
    const list = await page(`${base()}?lang=en`, managerA);
    expect(list.html).toContain("Integrity and transparency measures");
    expect(list.html).toContain("Proposed measures for weak areas");
    const form = await page(`${base()}/edit?lang=en`, managerA);
    expect(form.html).toContain("How it is carried out (steps)");
    expect(form.html).toContain("Indicator 4: ");
  });

  it("gives another agency's manager a 404 for the measure, the round and the form", async () => {
    const before = await snapshot();
    expect((await page(`/admin/rounds/${agencyB.roundId}/measures/edit?measure=${measureId}`, managerB)).status).toBe(404);
    expect((await page(`${base()}/edit?measure=${measureId}`, managerB)).status).toBe(404);
    expect((await page(base(), managerB)).status).toBe(404);
    const response = await post(`/admin/rounds/${agencyB.roundId}/measures`, managerB, [
      ["csrf", managerB.csrf],
      ["intent", "delete"],
      ["measureId", String(measureId)],
    ]);
    expect(response.status).toBe(404);
    expect((await page(`${base()}/edit?measure=999999`, managerA)).status).toBe(404);
    expect((await page(`${base()}/edit?measure=abc`, managerA)).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
