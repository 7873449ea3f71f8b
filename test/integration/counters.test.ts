/**
 * Units, counters and round links on a real, freshly migrated SQLite database (ARCHITECTURE.md §3.8):
 * create / rename / pause / resume / retire through the services, each change one transaction with its
 * audit entry; a new counter gets its EIT link in every open round; another agency's records are a 404
 * and stay as they were; bad input is a 400 in Thai and writes nothing; answers per link come from tallies.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getEnv } from "../../app/lib/env.server";
import { HttpError } from "../../app/lib/http";
import { getSessionUser, createSessionCookie, type SessionUser } from "../../app/auth/session.server";
import { changeCounters, getCountersPage } from "../../app/services/counters.server";
import { changeRoundLink, getRoundLinksPage } from "../../app/services/links.server";
import { getRoundPosters } from "../../app/services/posters.server";
import { renderQrSvg, qrCacheSize } from "../../app/services/qr.server";
import { storeResponse } from "../../app/services/submit-response.server";
import type { Db } from "../../db/client.server";
import { getPublicLink, isLinkAccepting } from "../../db/queries/links";
import { insertRound } from "../../db/queries/rounds";
import { createTestUser } from "../support/accounts";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-03-01T03:00:00.000Z");

let t: TestDb;
let db: Db;
let agencyA: RoundFixture;
let agencyB: RoundFixture;
let managerA: SessionUser;
let managerB: SessionUser;

async function signIn(organizationId: number, username: string, role: "admin" | "manager" | "viewer"): Promise<SessionUser> {
  const userId = await createTestUser(db, organizationId, username, role);
  const cookie = (await createSessionCookie(db, userId, new Date())).split(";")[0]!;
  const user = await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } }));
  if (!user) throw new Error("no session");
  return user;
}

/** Everything a rejected change must leave as it was. */
async function snapshot() {
  return {
    units: await db.selectFrom("unit").selectAll().orderBy("id").execute(),
    counters: await db.selectFrom("counter").selectAll().orderBy("id").execute(),
    links: await db.selectFrom("link").selectAll().orderBy("id").execute(),
    audit: await db.selectFrom("audit_log").selectAll().orderBy("id").execute(),
  };
}

async function auditOf(organizationId: number) {
  return db.selectFrom("audit_log").where("organization_id", "=", organizationId).selectAll().orderBy("id").execute();
}

async function expectHttpError(promise: Promise<unknown>, status: number): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected an HttpError ${status}`).toBeInstanceOf(HttpError);
  expect((error as HttpError).status).toBe(status);
  return error as HttpError;
}

function counterOf(organizationId: number, nameTh: string) {
  return db.selectFrom("counter").where("organization_id", "=", organizationId).where("name_th", "=", nameTh).selectAll().executeTakeFirstOrThrow();
}

beforeEach(async () => {
  t = await createTestDb();
  db = t.db;
  agencyA = await createRoundFixture(db, "agency-a");
  agencyB = await createRoundFixture(db, "agency-b");
  managerA = await signIn(agencyA.organizationId, "manager-a", "manager");
  managerB = await signIn(agencyB.organizationId, "manager-b", "manager");
});

afterEach(async () => {
  await t.close();
});

describe("units", () => {
  it("creates, renames and retires a unit, one audit entry each", async () => {
    await changeCounters(db, managerA, { intent: "unit-create", nameTh: "  กองช่าง ", nameEn: "Public Works" }, NOW);
    const unit = await db.selectFrom("unit").where("name_th", "=", "กองช่าง").selectAll().executeTakeFirstOrThrow();
    expect(unit).toMatchObject({ organization_id: agencyA.organizationId, name_en: "Public Works", status: "active" });

    await changeCounters(db, managerA, { intent: "unit-rename", unitId: String(unit.id), nameTh: "กองช่างและผังเมือง", nameEn: "" }, NOW);
    const renamed = await db.selectFrom("unit").where("id", "=", unit.id).selectAll().executeTakeFirstOrThrow();
    // A blank English name takes the Thai one.
    expect(renamed).toMatchObject({ name_th: "กองช่างและผังเมือง", name_en: "กองช่างและผังเมือง" });

    await changeCounters(db, managerA, { intent: "unit-retire", unitId: String(unit.id) }, NOW);
    expect((await db.selectFrom("unit").where("id", "=", unit.id).select("status").executeTakeFirstOrThrow()).status).toBe("retired");

    const audit = await auditOf(agencyA.organizationId);
    expect(audit.map((a) => [a.action, a.target, a.user_id])).toEqual([
      ["unit.create", `unit:${unit.id}`, managerA.userId],
      ["unit.rename", `unit:${unit.id}`, managerA.userId],
      ["unit.retire", `unit:${unit.id}`, managerA.userId],
    ]);
    expect(JSON.parse(audit[1]!.detail)).toEqual({
      from: { name_th: "กองช่าง", name_en: "Public Works" },
      to: { name_th: "กองช่างและผังเมือง", name_en: "กองช่างและผังเมือง" },
    });
    expect(audit[0]!.created_at).toBe(NOW.toISOString());

    // Retired is final: no rename, no new counter in it.
    const before = await snapshot();
    await expectHttpError(changeCounters(db, managerA, { intent: "unit-rename", unitId: String(unit.id), nameTh: "x" }, NOW), 409);
    await expectHttpError(changeCounters(db, managerA, { intent: "counter-create", unitId: String(unit.id), nameTh: "x" }, NOW), 409);
    expect(await snapshot()).toEqual(before);
  });

  it("does not retire a unit while one of its counters is in use", async () => {
    const unit = await db.selectFrom("unit").where("organization_id", "=", agencyA.organizationId).selectAll().executeTakeFirstOrThrow();
    const before = await snapshot();
    const error = await expectHttpError(changeCounters(db, managerA, { intent: "unit-retire", unitId: String(unit.id) }, NOW), 409);
    expect(error.messageTh).toContain("ยังมีจุดให้บริการที่ใช้งานอยู่");
    expect(await snapshot()).toEqual(before);

    const counter = await counterOf(agencyA.organizationId, "จุดชำระภาษี");
    await changeCounters(db, managerA, { intent: "counter-retire", counterId: String(counter.id) }, NOW);
    await changeCounters(db, managerA, { intent: "unit-retire", unitId: String(unit.id) }, NOW);
    expect((await db.selectFrom("unit").where("id", "=", unit.id).select("status").executeTakeFirstOrThrow()).status).toBe("retired");
  });

  it("refuses a second active unit of the same name", async () => {
    const before = await snapshot();
    const error = await expectHttpError(changeCounters(db, managerA, { intent: "unit-create", nameTh: "กองคลัง" }, NOW), 400);
    expect(error.messageTh).toContain("มีส่วนราชการชื่อ");
    expect(await snapshot()).toEqual(before);
    // Another agency may have its own กองคลัง: names are per agency (the fixture gave both one already).
  });
});

describe("counters", () => {
  it("creates a counter with its EIT link in the open round of the agency, and none in a closed one", async () => {
    // An agency has at most one open round (issue 11; the database holds it: migration 0006).
    const closed = await insertRound(db, {
      organization_id: agencyA.organizationId,
      framework_id: "ita-2565",
      fiscal_year: 2568,
      title_th: "รอบที่ปิดแล้ว",
      title_en: "Closed round",
      starts_on: "2024-10-01",
      ends_on: "2025-09-30",
      staff_head_count: 80,
      status: "closed",
      created_at: NOW.toISOString(),
    });
    const unit = await db.selectFrom("unit").where("organization_id", "=", agencyA.organizationId).selectAll().executeTakeFirstOrThrow();
    const linksBefore = await db.selectFrom("link").select("id").execute();

    await changeCounters(db, managerA, { intent: "counter-create", unitId: String(unit.id), nameTh: "จุดรับชำระค่าน้ำประปา", nameEn: "Water bills" }, NOW);

    const counter = await counterOf(agencyA.organizationId, "จุดรับชำระค่าน้ำประปา");
    expect(counter).toMatchObject({ unit_id: unit.id, name_en: "Water bills", status: "active" });
    const links = await db.selectFrom("link").where("counter_id", "=", counter.id).selectAll().orderBy("round_id").execute();
    expect(links.map((l) => [l.round_id, l.instrument, l.status])).toEqual([[agencyA.roundId, "eit", "active"]]);
    expect(links.every((l) => /^[A-Za-z0-9_-]{12}$/.test(l.token))).toBe(true);
    expect(links.map((l) => l.round_id)).not.toContain(closed);
    expect((await db.selectFrom("link").select("id").execute()).length).toBe(linksBefore.length + 1);
    // The new link takes answers right away.
    expect(isLinkAccepting((await getPublicLink(db, links[0]!.token))!)).toBe(true);

    const [entry] = (await auditOf(agencyA.organizationId)).filter((a) => a.action === "counter.create");
    expect(entry!.target).toBe(`counter:${counter.id}`);
    const detail = JSON.parse(entry!.detail);
    expect(detail).toMatchObject({ unitId: unit.id, name_th: "จุดรับชำระค่าน้ำประปา", roundIds: [agencyA.roundId] });
    expect(detail.linkIds).toEqual(links.map((l) => l.id));
    // Never a token in the audit log.
    for (const link of links) expect(entry!.detail).not.toContain(link.token);
  });

  it("renames, pauses, resumes and retires a counter; its links follow without being touched", async () => {
    const counter = await counterOf(agencyA.organizationId, "จุดชำระภาษี");
    const accepting = async () => isLinkAccepting((await getPublicLink(db, agencyA.eitToken))!);
    const linksBefore = await db.selectFrom("link").selectAll().orderBy("id").execute();

    await changeCounters(db, managerA, { intent: "counter-rename", counterId: String(counter.id), nameTh: "จุดชำระภาษีและค่าธรรมเนียม", nameEn: "Taxes and fees" }, NOW);
    expect((await getPublicLink(db, agencyA.eitToken))!.counterNameTh).toBe("จุดชำระภาษีและค่าธรรมเนียม");

    await changeCounters(db, managerA, { intent: "counter-pause", counterId: String(counter.id) }, NOW);
    expect(await accepting()).toBe(false);
    // A repeated click changes nothing and logs nothing.
    await changeCounters(db, managerA, { intent: "counter-pause", counterId: String(counter.id) }, NOW);
    await changeCounters(db, managerA, { intent: "counter-resume", counterId: String(counter.id) }, NOW);
    expect(await accepting()).toBe(true);
    await changeCounters(db, managerA, { intent: "counter-retire", counterId: String(counter.id) }, NOW);
    expect(await accepting()).toBe(false);
    expect(await db.selectFrom("link").selectAll().orderBy("id").execute()).toEqual(linksBefore);

    const actions = (await auditOf(agencyA.organizationId)).map((a) => a.action);
    expect(actions).toEqual(["counter.rename", "counter.pause", "counter.resume", "counter.retire"]);

    const before = await snapshot();
    for (const intent of ["counter-resume", "counter-pause", "counter-retire"]) {
      await expectHttpError(changeCounters(db, managerA, { intent, counterId: String(counter.id) }, NOW), 409);
    }
    await expectHttpError(changeCounters(db, managerA, { intent: "counter-rename", counterId: String(counter.id), nameTh: "ใหม่" }, NOW), 409);
    expect(await snapshot()).toEqual(before);
  });

  it("lists units with their counters for the page", async () => {
    const page = await getCountersPage(db, agencyA.organizationId);
    expect(page.openRoundCount).toBe(1);
    expect(page.units.map((u) => [u.nameTh, u.counters.map((c) => c.nameTh)])).toEqual([["กองคลัง", ["จุดชำระภาษี"]]]);
  });
});

describe("agencies are separate", () => {
  it("answers 404 for another agency's unit or counter, and changes nothing", async () => {
    const counterB = await counterOf(agencyB.organizationId, "จุดชำระภาษี");
    const unitB = await db.selectFrom("unit").where("organization_id", "=", agencyB.organizationId).selectAll().executeTakeFirstOrThrow();
    const before = await snapshot();
    const attempts: Record<string, unknown>[] = [
      { intent: "counter-rename", counterId: String(counterB.id), nameTh: "ยึดแล้ว" },
      { intent: "counter-pause", counterId: String(counterB.id) },
      { intent: "counter-retire", counterId: String(counterB.id) },
      { intent: "unit-rename", unitId: String(unitB.id), nameTh: "ยึดแล้ว" },
      { intent: "unit-retire", unitId: String(unitB.id) },
      { intent: "counter-create", unitId: String(unitB.id), nameTh: "จุดแปลกปลอม" },
      { intent: "counter-pause", counterId: "999999" },
    ];
    for (const input of attempts) {
      const error = await expectHttpError(changeCounters(db, managerA, input, NOW), 404);
      expect(error.messageTh).toBe("ไม่พบรายการนี้ในหน่วยงานของท่าน");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 for another agency's round links, and for a link of another round", async () => {
    const linkB = await db.selectFrom("link").innerJoin("round", "round.id", "link.round_id").where("round.organization_id", "=", agencyB.organizationId).select("link.id").executeTakeFirstOrThrow();
    const before = await snapshot();
    await expect(getRoundLinksPage(db, managerA, String(agencyB.roundId))).rejects.toMatchObject({ init: { status: 404 } });
    await expect(changeRoundLink(db, managerA, String(agencyB.roundId), { intent: "pause", linkId: String(linkB.id) }, NOW)).rejects.toMatchObject({ init: { status: 404 } });
    await expectHttpError(changeRoundLink(db, managerA, String(agencyA.roundId), { intent: "pause", linkId: String(linkB.id) }, NOW), 404);
    await expect(getRoundPosters(db, managerA, String(agencyB.roundId), null)).rejects.toMatchObject({ init: { status: 404 } });
    await expect(getRoundPosters(db, managerA, String(agencyA.roundId), String(linkB.id))).rejects.toMatchObject({ init: { status: 404 } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("bad input", () => {
  const long = "ก".repeat(121);
  const cases: [string, Record<string, unknown>, string][] = [
    ["no Thai name", { intent: "unit-create", nameTh: "   ", nameEn: "Finance" }, "กรุณากรอกชื่อภาษาไทย"],
    ["a missing Thai name", { intent: "unit-create" }, "กรุณากรอกชื่อภาษาไทย"],
    ["a Thai name too long", { intent: "unit-create", nameTh: long }, "ชื่อภาษาไทยยาวได้ไม่เกิน 120 ตัวอักษร"],
    ["an English name too long", { intent: "unit-create", nameTh: "กองสาธารณสุข", nameEn: "x".repeat(121) }, "ชื่อภาษาอังกฤษยาวได้ไม่เกิน 120 ตัวอักษร"],
    ["a control character", { intent: "unit-create", nameTh: "กอง\u0000ลับ" }, "อักขระควบคุม"],
    ["no intent", { nameTh: "กองใหม่" }, "ไม่รู้จักคำสั่งนี้"],
    ["an unknown intent", { intent: "unit-delete", unitId: "1" }, "ไม่รู้จักคำสั่งนี้"],
    ["a counter without a unit", { intent: "counter-create", nameTh: "จุดใหม่" }, "รหัสรายการไม่ถูกต้อง"],
    ["a malformed counter id", { intent: "counter-pause", counterId: "1 OR 1=1" }, "รหัสรายการไม่ถูกต้อง"],
    ["a negative unit id", { intent: "unit-retire", unitId: "-1" }, "รหัสรายการไม่ถูกต้อง"],
  ];

  it.each(cases)("answers 400 in Thai for %s, and writes nothing", async (_name, input, message) => {
    const before = await snapshot();
    const error = await expectHttpError(changeCounters(db, managerA, input, NOW), 400);
    expect(error.messageTh).toContain(message);
    expect(error.messageEn).toMatch(/[A-Za-z]/);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 400 for an unknown link action, and writes nothing", async () => {
    const before = await snapshot();
    await expectHttpError(changeRoundLink(db, managerA, String(agencyA.roundId), { intent: "delete", linkId: "1" }, NOW), 400);
    await expectHttpError(changeRoundLink(db, managerA, String(agencyA.roundId), { intent: "pause", linkId: "x" }, NOW), 400);
    expect(await snapshot()).toEqual(before);
  });
});

describe("round links", () => {
  it("pauses and resumes a link with its audit entry; the token stays", async () => {
    const link = (await getPublicLink(db, agencyA.eitToken))!;
    await changeRoundLink(db, managerA, String(agencyA.roundId), { intent: "pause", linkId: String(link.linkId) }, NOW);
    expect(isLinkAccepting((await getPublicLink(db, agencyA.eitToken))!)).toBe(false);
    await changeRoundLink(db, managerA, String(agencyA.roundId), { intent: "resume", linkId: String(link.linkId) }, NOW);
    expect(isLinkAccepting((await getPublicLink(db, agencyA.eitToken))!)).toBe(true);
    const audit = await auditOf(agencyA.organizationId);
    expect(audit.map((a) => [a.action, a.target])).toEqual([
      ["link.pause", `link:${link.linkId}`],
      ["link.resume", `link:${link.linkId}`],
    ]);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ roundId: agencyA.roundId, instrument: "eit", counterId: expect.any(Number) });
    expect(audit.map((a) => a.detail).join("")).not.toContain(agencyA.eitToken);
  });

  it("counts answers per link and per counter from tallies, against the round's minimums", async () => {
    const iit = (await getPublicLink(db, agencyA.iitToken))!;
    const eit = (await getPublicLink(db, agencyA.eitToken))!;
    const store = (link: typeof iit, answeredOn: string) =>
      storeResponse(db, {
        submissionId: newSubmissionId(),
        roundId: link.roundId,
        linkId: link.linkId,
        instrument: link.instrument,
        frameworkId: link.frameworkId,
        answeredOn,
        answers: makeAnswers(link.instrument, (i, n) => i % n),
      });
    for (let i = 0; i < 3; i++) await store(iit, "2026-01-15");
    for (let i = 0; i < 4; i++) await store(eit, i < 2 ? "2026-01-15" : "2026-02-03"); // two months

    const page = await getRoundLinksPage(db, managerA, String(agencyA.roundId));
    expect(page.links[0]!.instrument).toBe("iit");
    const byLink = new Map(page.links.map((l) => [l.linkId, l]));
    expect(byLink.get(iit.linkId)!.answers).toBe(3);
    expect(byLink.get(eit.linkId)!.answers).toBe(4);
    expect(byLink.get(eit.linkId)!.surveyUrl).toBe(`${getEnv().PUBLIC_URL}/s/${agencyA.eitToken}`);
    expect(byLink.get(eit.linkId)!.kioskUrl).toBe(`${getEnv().PUBLIC_URL}/k/${agencyA.eitToken}`);
    expect(byLink.get(eit.linkId)!.qrPath).toBe(`/qr/${agencyA.eitToken}.svg`);
    // The fixture's second EIT link of the same counter is paused.
    expect(page.links.filter((l) => l.block === "link-paused")).toHaveLength(1);
    expect(page.samples.iit).toEqual({ answers: 3, minimum: 30 }); // 50 staff: 10 %, at least 30
    expect(page.samples.eit).toEqual({ answers: 4, minimum: 70 }); // tambon-municipality-m
    expect(page.samples.counters).toHaveLength(1);
    expect(page.samples.counters[0]!.answers).toBe(4);
    // Agency B's counts are its own.
    const pageB = await getRoundLinksPage(db, managerB, String(agencyB.roundId));
    expect(pageB.samples.eit.answers).toBe(0);
  });

  it("makes a poster per active EIT link of a counter in use, or just the one asked for", async () => {
    const all = await getRoundPosters(db, managerA, String(agencyA.roundId), null);
    // A poster prints the counter's permanent link (issue 11), made for it on the way if it had none.
    const permanent = await db.selectFrom("permanent_link").where("organization_id", "=", agencyA.organizationId).where("kind", "=", "counter").select("token").execute();
    expect(permanent).toHaveLength(1);
    expect(all.posters.map((p) => p.shortUrl)).toEqual([`${getEnv().PUBLIC_URL.replace(/^https?:\/\//, "")}/c/${permanent[0]!.token}`]);
    expect(all.posters[0]!.svg).toMatch(/^<svg[^>]*viewBox/);
    expect(all.k).toBe(5);
    const paused = (await getPublicLink(db, agencyA.pausedToken))!;
    const one = await getRoundPosters(db, managerA, String(agencyA.roundId), String(paused.linkId));
    expect(one.posters.map((p) => [p.linkId, p.paused])).toEqual([[paused.linkId, true]]);
    const iit = (await getPublicLink(db, agencyA.iitToken))!;
    await expect(getRoundPosters(db, managerA, String(agencyA.roundId), String(iit.linkId))).rejects.toMatchObject({ init: { status: 404 } });
  });
});

describe("the QR cache", () => {
  it("stays bounded at 1,000 entries", async () => {
    for (let i = 0; i < 1_010; i++) await renderQrSvg(`https://example.test/s/cache${i}`);
    expect(qrCacheSize()).toBe(1_000);
    expect(await renderQrSvg("https://example.test/s/cache1009")).toBe(await renderQrSvg("https://example.test/s/cache1009"));
  });
});
