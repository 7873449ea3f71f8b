/**
 * Counters and links over HTTP against the BUILT server, as a browser's forms send them: who may change
 * what (a viewer gets 403, a form without the anti-forgery token gets 403), success redirects, bad input
 * is a 400 in Thai, another agency's counter is a 404; pausing a link turns its survey page into the
 * polite Thai "paused" page (a 404) and resuming brings it back, with the very same QR code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t as i18n } from "../../app/text/i18n";
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

beforeAll(async () => {
  ({ t, server, agencyA, agencyB, managerA, viewerA } = await startTwoAgenciesServer());
});

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

function post(path: string, signedIn: SignedIn, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { cookie: signedIn.cookie },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

async function snapshot() {
  return {
    units: await t.db.selectFrom("unit").selectAll().orderBy("id").execute(),
    counters: await t.db.selectFrom("counter").selectAll().orderBy("id").execute(),
    links: await t.db.selectFrom("link").selectAll().orderBy("id").execute(),
    audit: await t.db.selectFrom("audit_log").selectAll().orderBy("id").execute(),
  };
}

async function unitOf(organizationId: number) {
  return t.db.selectFrom("unit").where("organization_id", "=", organizationId).selectAll().orderBy("id").executeTakeFirstOrThrow();
}

async function linkIdOf(token: string) {
  return (await t.db.selectFrom("link").where("token", "=", token).select("id").executeTakeFirstOrThrow()).id;
}

describe("/admin/counters", () => {
  it("shows a viewer the units and counters without any form", async () => {
    const response = await fetch(`${server.url}/admin/counters`, { headers: { cookie: viewerA.cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("ส่วนราชการและจุดให้บริการ");
    expect(html).toContain("กองคลัง");
    expect(html).toContain("จุดชำระภาษี");
    expect(html).not.toContain('name="intent"');
  });

  it("refuses a viewer's change with 403, and changes nothing", async () => {
    const unit = await unitOf(agencyA.organizationId);
    const before = await snapshot();
    const response = await post("/admin/counters", viewerA, { csrf: viewerA.csrf, intent: "counter-create", unitId: String(unit.id), nameTh: "จุดของผู้ดูผล" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("ไม่มีสิทธิ์");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a form without the anti-forgery token, or with a wrong one, with 403", async () => {
    const unit = await unitOf(agencyA.organizationId);
    const before = await snapshot();
    for (const csrf of [undefined, viewerA.csrf, "x".repeat(32)]) {
      const fields: Record<string, string> = { intent: "counter-create", unitId: String(unit.id), nameTh: "จุดปลอม" };
      if (csrf) fields.csrf = csrf;
      const response = await post("/admin/counters", managerA, fields);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("แบบฟอร์มหมดอายุ");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lets a manager add a counter (redirect after POST), which gets its link on the round's links page", async () => {
    const unit = await unitOf(agencyA.organizationId);
    const response = await post("/admin/counters", managerA, { csrf: managerA.csrf, intent: "counter-create", unitId: String(unit.id), nameTh: "จุดรับเรื่องร้องเรียน", nameEn: "Complaints desk" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin/counters");
    const page = await (await fetch(`${server.url}/admin/counters`, { headers: { cookie: managerA.cookie } })).text();
    expect(page).toContain("จุดรับเรื่องร้องเรียน");
    const counter = await t.db.selectFrom("counter").where("name_th", "=", "จุดรับเรื่องร้องเรียน").select("id").executeTakeFirstOrThrow();
    const link = await t.db.selectFrom("link").where("counter_id", "=", counter.id).select(["token", "round_id"]).executeTakeFirstOrThrow();
    expect(link.round_id).toBe(agencyA.roundId);
    const links = await (await fetch(`${server.url}/admin/rounds/${agencyA.roundId}/links`, { headers: { cookie: managerA.cookie } })).text();
    expect(links).toContain(`${server.url}/s/${link.token}`);
    expect(links).toContain(`src="/qr/${link.token}.svg"`);
    expect(links).toContain(`${server.url}/k/${link.token}`);
    expect((await fetch(`${server.url}/s/${link.token}`)).status).toBe(200);
  });

  it("answers 400 in Thai for bad input, and writes nothing", async () => {
    const before = await snapshot();
    const response = await post("/admin/counters", managerA, { csrf: managerA.csrf, intent: "unit-create", nameTh: "  " });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("กรุณากรอกชื่อภาษาไทย");
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 for another agency's counter, and changes nothing", async () => {
    const counterB = await t.db.selectFrom("counter").where("organization_id", "=", agencyB.organizationId).select("id").executeTakeFirstOrThrow();
    const before = await snapshot();
    const response = await post("/admin/counters", managerA, { csrf: managerA.csrf, intent: "counter-pause", counterId: String(counterB.id) });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("ไม่พบรายการนี้ในหน่วยงานของท่าน");
    expect(await snapshot()).toEqual(before);
  });
});

describe("in English", () => {
  it.each([
    ["/admin/counters", "Units and service counters"],
    ["/admin/rounds/ROUND/links", "Survey links and QR codes"],
    ["/admin/rounds/ROUND/posters", "Back to the links"],
  ])("serves %s", async (path, heading) => {
    const response = await fetch(`${server.url}${path.replace("ROUND", String(agencyA.roundId))}?lang=en`, { headers: { cookie: managerA.cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain(heading);
  });
});

describe("/admin/rounds/:roundId/links", () => {
  it("shows each link's public URL, QR code, kiosk URL, status and the sample minimums", async () => {
    const response = await fetch(`${server.url}/admin/rounds/${agencyA.roundId}/links`, { headers: { cookie: viewerA.cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const token of [agencyA.iitToken, agencyA.eitToken, agencyA.pausedToken]) {
      expect(html).toContain(`${server.url}/s/${token}`);
      expect(html).toContain(`src="/qr/${token}.svg"`);
    }
    // Beside them, the agency's permanent staff link that code slips print (issue 11), made by the page if missing.
    const staff = await t.db.selectFrom("permanent_link").where("organization_id", "=", agencyA.organizationId).where("kind", "=", "staff").select("token").executeTakeFirstOrThrow();
    expect(html).toContain(`${server.url}/staff/${staff.token}`);
    expect(html).toContain("หยุดรับคำตอบชั่วคราว");
    expect(html).toMatch(/ขั้นต่ำ(<!-- -->)? (<!-- -->)?30/); // IIT: 50 staff → 30
    expect(html).toMatch(/ขั้นต่ำ(<!-- -->)? (<!-- -->)?70/); // EIT: tambon-municipality-m
    expect(html).not.toContain('name="intent"'); // a viewer gets no buttons
    expect(html).not.toContain(agencyB.eitToken);
  });

  it("refuses a viewer's pause with 403", async () => {
    const before = await snapshot();
    const response = await post(`/admin/rounds/${agencyA.roundId}/links`, viewerA, { csrf: viewerA.csrf, intent: "pause", linkId: String(await linkIdOf(agencyA.eitToken)) });
    expect(response.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a pause without the anti-forgery token with 403", async () => {
    const before = await snapshot();
    const response = await post(`/admin/rounds/${agencyA.roundId}/links`, managerA, { intent: "pause", linkId: String(await linkIdOf(agencyA.eitToken)) });
    expect(response.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("pauses a link: its survey page answers 404 with the Thai page; resumed, it answers 200 with the same QR code", async () => {
    const linkId = String(await linkIdOf(agencyA.eitToken));
    const qrBefore = await (await fetch(`${server.url}/qr/${agencyA.eitToken}.svg`)).text();
    expect((await fetch(`${server.url}/s/${agencyA.eitToken}`)).status).toBe(200);

    const paused = await post(`/admin/rounds/${agencyA.roundId}/links`, managerA, { csrf: managerA.csrf, intent: "pause", linkId });
    expect(paused.status).toBe(302);
    expect(paused.headers.get("location")).toBe(`/admin/rounds/${agencyA.roundId}/links`);
    const closed = await fetch(`${server.url}/s/${agencyA.eitToken}`);
    expect(closed.status).toBe(404);
    const page = await closed.text();
    expect(page).toContain('<html lang="th"');
    expect(page).toContain(i18n("th", "pausedTitle"));
    expect(page).toContain(i18n("th", "pausedBody"));
    expect(page).toContain("เทศบาลตำบลทดสอบ");
    expect(page).not.toContain('"e15"'); // no survey definition on the page
    const qrPaused = await fetch(`${server.url}/qr/${agencyA.eitToken}.svg`);
    expect(qrPaused.status).toBe(200);
    expect(await qrPaused.text()).toBe(qrBefore);

    const resumed = await post(`/admin/rounds/${agencyA.roundId}/links`, managerA, { csrf: managerA.csrf, intent: "resume", linkId });
    expect(resumed.status).toBe(302);
    expect((await fetch(`${server.url}/s/${agencyA.eitToken}`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/qr/${agencyA.eitToken}.svg`)).text()).toBe(qrBefore);

    const audit = await t.db.selectFrom("audit_log").where("target", "=", `link:${linkId}`).select("action").orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["link.pause", "link.resume"]);
  });

  it("answers 404 for a link of another agency's round", async () => {
    const before = await snapshot();
    const response = await post(`/admin/rounds/${agencyA.roundId}/links`, managerA, { csrf: managerA.csrf, intent: "pause", linkId: String(await linkIdOf(agencyB.eitToken)) });
    expect(response.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
