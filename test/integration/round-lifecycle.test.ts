/**
 * Fiscal-year rounds that open and close (issue 11, items 4 and 5), on SQLite and PostgreSQL: a round
 * created with its defaults and links; bad input refused beside its field with nothing written;
 * overlapping periods refused; close and reopen, with at most one open round per agency — also under
 * two concurrent creates, where the database's index decides; a new round started from the previous one
 * (counters, OIT checklist, measures not done); and answers outside a round's period or to a closed
 * round refused with 410 and no row.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyRoundsForm, createRound, setRoundStatus, updateRoundPlan } from "../../app/services/rounds/commands.server";
import { readRoundForm } from "../../app/services/rounds/form";
import { getRoundsHome } from "../../app/services/rounds/page.server";
import { ClosedRoundError, requireAcceptingLink, submitResponse } from "../../app/services/submit-response.server";
import { getAcceptingLinkOrNull } from "../../app/services/respondent-page-state.server";
import { createSessionCookie, getSessionUser, type SessionUser } from "../../app/auth/session.server";
import { HttpError } from "../../app/lib/http";
import type { Db } from "../../db/client.server";
import { listAuditLog } from "../../db/queries/audit-log";
import { insertMeasure, replaceMeasureParts } from "../../db/queries/measures";
import { insertRoundOitItems, listRoundOitItems } from "../../db/queries/oit-checklist";
import { insertCounter, insertOrganization, insertUnit } from "../../db/queries/organizations";
import { insertRound } from "../../db/queries/rounds";
import { seedDemo } from "../../app/seed/demo-agency.server";
import { getTrends } from "../../app/services/trends.server";
import { findWayOn } from "../../app/services/rounds/way-on.server";
import { createPermanentLinks } from "../../app/services/permanent-links.server";
import { createTestUser } from "../support/accounts";
import { countRows, makeAnswers, newSubmissionId } from "../support/fixtures";
import { unhurried } from "../support/start-stamps";
import { createTestDb, type TestDb } from "../support/test-db";

/** 3 December 2026 in Bangkok: fiscal year 2570 (1 Oct 2026 – 30 Sep 2027). */
const NOW = new Date("2026-12-03T03:00:00Z");
const CREATED = "2026-01-01T00:00:00.000Z";

let t: TestDb;
let agency: { organizationId: number; unitId: number; counters: number[]; paused: number };
let other: { organizationId: number; counter: number };
let admin: { organizationId: number; userId: number };

async function makeAgency(db: Db, slug: string) {
  const organizationId = await insertOrganization(db, {
    slug,
    name_th: `เทศบาลตำบล ${slug}`,
    name_en: `${slug} Municipality`,
    size_group: "tambon-municipality-m",
    district_th: "เมือง",
    province_th: "ทดสอบ",
    created_at: CREATED,
  });
  const unitId = await insertUnit(db, { organization_id: organizationId, name_th: "กองคลัง", name_en: "Finance", created_at: CREATED });
  const counter = (name: string, status: "active" | "paused" = "active") =>
    insertCounter(db, { organization_id: organizationId, unit_id: unitId, name_th: name, name_en: name, status, created_at: CREATED });
  return { organizationId, unitId, counters: [await counter("จุดชำระภาษี"), await counter("งานทะเบียน"), await counter("งานช่าง")], paused: await counter("จุดพัก", "paused") };
}

/** Rows of every table a round change may touch: what must not move after a refusal. */
async function snapshot(db: Db) {
  const count = async (table: "round" | "link" | "audit_log" | "measure" | "oit_item") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  return { rounds: await count("round"), links: await count("link"), audit: await count("audit_log"), measures: await count("measure"), oit: await count("oit_item") };
}

async function sessionUser(db: Db, userId: number): Promise<SessionUser> {
  const cookie = (await createSessionCookie(db, userId, new Date())).split(";")[0]!;
  const user = await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } }));
  if (!user) throw new Error("no session user");
  return user;
}

function expectOk<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

beforeEach(async () => {
  t = await createTestDb();
  const a = await makeAgency(t.db, "agency-a");
  agency = a;
  const b = await makeAgency(t.db, "agency-b");
  other = { organizationId: b.organizationId, counter: b.counters[0]! };
  admin = { organizationId: a.organizationId, userId: await createTestUser(t.db, a.organizationId, "admin-a", "admin") };
});

afterEach(async () => {
  await t.close();
});

describe("creating a round", () => {
  it("defaults to the current fiscal year, its 1 Oct – 30 Sep period, the newest framework and every active counter", async () => {
    const created = expectOk(await createRound(t.db, admin, { staffHeadCount: "120" }, NOW));
    expect(created.round).toMatchObject({
      fiscalYear: 2570,
      // The newest framework made for the year or before it: the rating era's (surveys/ita-2569).
      frameworkId: "ita-2569",
      startsOn: "2026-10-01",
      endsOn: "2027-09-30",
      staffHeadCount: 120,
      accessMode: "open",
      status: "open",
      titleTh: "การประเมิน ITA ปีงบประมาณ พ.ศ. 2570",
      titleEn: "ITA assessment, fiscal year 2027",
    });
    expect(created.links.map((l) => [l.instrument, l.counterId])).toEqual([["iit", null], ...agency.counters.map((id) => ["eit", id])]);
    expect(created.links.every((l) => /^[A-Za-z0-9_-]{12,}$/.test(l.token))).toBe(true);
    expect(created.fromPrevious).toBeNull();
    // The new links take answers today.
    for (const link of created.links) expect(await getAcceptingLinkOrNull(t.db, link.token)).not.toBeNull();
    const [entry] = (await listAuditLog(t.db, admin.organizationId, 10)).filter((e) => e.action === "round.create");
    expect(entry!.target).toBe(`round:${created.round.id}`);
    expect(JSON.parse(entry!.detail)).toMatchObject({ fiscalYear: 2570, counterIds: agency.counters, staffHeadCount: 120 });
    for (const link of created.links) expect(entry!.detail).not.toContain(link.token);
  });

  it("takes the fiscal year, period, framework, access mode and counters it is given, from a form too", async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ fiscalYear: "๒๕๗๑", frameworkId: "ita-2565", startsOn: "2027-11-01", endsOn: "2028-06-30", staffHeadCount: "25", accessMode: "codes", countersGiven: "1" })) form.set(k, v);
    form.append("counterId", String(agency.counters[1]));
    const created = expectOk(await createRound(t.db, admin, readRoundForm(form), NOW));
    expect(created.round).toMatchObject({ fiscalYear: 2571, startsOn: "2027-11-01", endsOn: "2028-06-30", staffHeadCount: 25, accessMode: "codes" });
    expect(created.links.map((l) => l.counterId)).toEqual([null, agency.counters[1]]);
  });

  it.each([
    ["an end before the start", { startsOn: "2026-10-01", endsOn: "2026-09-30" }, "endsOn"],
    ["a date that does not exist", { startsOn: "2026-02-30" }, "startsOn"],
    ["a head-count of 0", { staffHeadCount: "0" }, "staffHeadCount"],
    ["a head-count of 10 million", { staffHeadCount: "10000000" }, "staffHeadCount"],
    ["an unknown framework", { frameworkId: "ita-2599" }, "frameworkId"],
    ["a fiscal year in the Common Era", { fiscalYear: "2027" }, "fiscalYear"],
    ["a fiscal year far in the future", { fiscalYear: "3000" }, "fiscalYear"],
    ["an unknown access mode", { accessMode: "everyone" }, "accessMode"],
    ["another agency's counter", { counterIds: ["OTHER"] }, "counterIds"],
    ["a paused counter", { counterIds: ["PAUSED"] }, "counterIds"],
  ] as const)("refuses %s with 400 and a Thai message beside the field, writing nothing", async (_name, input, field) => {
    const raw: Record<string, unknown> = { staffHeadCount: "50", ...input };
    if ("counterIds" in input) raw.counterIds = [input.counterIds[0] === "OTHER" ? String(other.counter) : String(agency.paused)];
    const before = await snapshot(t.db);
    const result = await createRound(t.db, admin, raw, NOW);
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(result.errors[field]!.th).toMatch(/[\u0E00-\u0E7F]/);
    expect(result.errors[field]!.en).toMatch(/[a-z]/);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("needs a head-count for the agency's first round, and takes the previous round's afterwards", async () => {
    const first = await createRound(t.db, admin, {}, NOW);
    expect(first).toMatchObject({ ok: false, status: 400, errors: { staffHeadCount: { th: expect.stringContaining("จำนวนบุคลากร") } } });
    const previous = expectOk(await createRound(t.db, admin, { fiscalYear: "2569", staffHeadCount: "77" }, NOW));
    expectOk(await setRoundStatus(t.db, admin, previous.round.id, "closed", NOW));
    expect(expectOk(await createRound(t.db, admin, {}, NOW)).round.staffHeadCount).toBe(77);
  });

  it("refuses a period that overlaps another round of the agency (400 beside the start), but not another agency's", async () => {
    const fy2569 = expectOk(await createRound(t.db, admin, { fiscalYear: "2569", staffHeadCount: "50" }, NOW));
    expectOk(await setRoundStatus(t.db, admin, fy2569.round.id, "closed", NOW));
    const before = await snapshot(t.db);
    const result = await createRound(t.db, admin, { fiscalYear: "2570", startsOn: "2026-09-30", staffHeadCount: "50" }, NOW);
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (!result.ok) expect(result.errors.startsOn!.th).toContain("ซ้อนกับรอบ ปีงบประมาณ พ.ศ. 2569 (2025-10-01 – 2026-09-30)");
    expect(await snapshot(t.db)).toEqual(before);
    // The same period in another agency is that agency's business.
    expectOk(await createRound(t.db, { organizationId: other.organizationId, userId: null }, { fiscalYear: "2570", startsOn: "2026-09-30", staffHeadCount: "50" }, NOW));
  });
});

describe("one open round per agency", () => {
  it("refuses a second open round with 409; closes, and reopens only while no other round is open", async () => {
    const first = expectOk(await createRound(t.db, admin, { fiscalYear: "2569", staffHeadCount: "50" }, NOW));
    const before = await snapshot(t.db);
    const second = await createRound(t.db, admin, { fiscalYear: "2570", staffHeadCount: "50" }, NOW);
    expect(second).toMatchObject({ ok: false, status: 409, message: { th: expect.stringContaining("กรุณาปิดรอบนั้นก่อน") } });
    expect(await snapshot(t.db)).toEqual(before);

    expectOk(await setRoundStatus(t.db, admin, first.round.id, "closed", NOW));
    const next = expectOk(await createRound(t.db, admin, { fiscalYear: "2570", staffHeadCount: "50" }, NOW));
    expect(await setRoundStatus(t.db, admin, first.round.id, "open", NOW)).toMatchObject({ ok: false, status: 409 });
    expect(await setRoundStatus(t.db, admin, first.round.id, "closed", NOW)).toMatchObject({ ok: false, status: 409 });
    expectOk(await setRoundStatus(t.db, admin, next.round.id, "closed", NOW));
    expect(expectOk(await setRoundStatus(t.db, admin, first.round.id, "open", NOW)).round.status).toBe("open");
    // Another agency's round is not found.
    expect(await setRoundStatus(t.db, { organizationId: other.organizationId, userId: null }, first.round.id, "closed", NOW)).toMatchObject({ ok: false, status: 404 });

    const actions = (await listAuditLog(t.db, admin.organizationId, 50)).map((e) => e.action).sort();
    expect(actions).toEqual(["round.close", "round.close", "round.create", "round.create", "round.reopen"]);
  });

  it("holds under two concurrent creates: exactly one wins, the other gets 409", async () => {
    const results = await Promise.all([
      createRound(t.db, admin, { fiscalYear: "2570", staffHeadCount: "50" }, NOW),
      createRound(t.db, admin, { fiscalYear: "2571", staffHeadCount: "50" }, NOW),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, status: 409 });
    const rounds = await t.db.selectFrom("round").where("organization_id", "=", admin.organizationId).select(["status"]).execute();
    expect(rounds).toEqual([{ status: "open" }]);
    // The loser wrote no link and no audit entry either.
    expect((await snapshot(t.db)).links).toBe(1 + agency.counters.length);
    expect((await snapshot(t.db)).audit).toBe(1);
  });

  it("is held by the database itself: a second open round of an agency cannot be inserted", async () => {
    expectOk(await createRound(t.db, admin, { fiscalYear: "2570", staffHeadCount: "50" }, NOW));
    const row = { organization_id: admin.organizationId, framework_id: "ita-2565", fiscal_year: 2571, title_th: "x", title_en: "x", starts_on: "2027-10-01", ends_on: "2028-09-30", staff_head_count: 5, created_at: CREATED };
    await expect(insertRound(t.db, row)).rejects.toThrow();
    // Closed rounds are as many as the agency likes.
    await insertRound(t.db, { ...row, status: "closed" });
  });
});

describe("editing the period and head-count", () => {
  it("changes them, audited; refuses an overlap, an end before the start and a head-count of 0, writing nothing", async () => {
    const fy2569 = expectOk(await createRound(t.db, admin, { fiscalYear: "2569", staffHeadCount: "50" }, NOW));
    expectOk(await setRoundStatus(t.db, admin, fy2569.round.id, "closed", NOW));
    const round = expectOk(await createRound(t.db, admin, { fiscalYear: "2570", staffHeadCount: "50" }, NOW)).round;
    const edited = expectOk(await updateRoundPlan(t.db, admin, round.id, { startsOn: "2026-11-01", endsOn: "2027-08-31", staffHeadCount: "64" }, NOW));
    expect(edited.round).toMatchObject({ startsOn: "2026-11-01", endsOn: "2027-08-31", staffHeadCount: 64 });
    const [entry] = (await listAuditLog(t.db, admin.organizationId, 50)).filter((e) => e.action === "round.update");
    expect(JSON.parse(entry!.detail)).toEqual({ before: { startsOn: "2026-10-01", endsOn: "2027-09-30", staffHeadCount: 50 }, after: { startsOn: "2026-11-01", endsOn: "2027-08-31", staffHeadCount: 64 } });

    const before = await snapshot(t.db);
    const overlap = await updateRoundPlan(t.db, admin, round.id, { startsOn: "2026-09-01", endsOn: "2027-08-31", staffHeadCount: "64" }, NOW);
    expect(overlap).toMatchObject({ ok: false, status: 400, errors: { startsOn: { th: expect.stringContaining("ซ้อนกับรอบ") } } });
    expect(await updateRoundPlan(t.db, admin, round.id, { startsOn: "2027-01-01", endsOn: "2026-12-31", staffHeadCount: "64" }, NOW)).toMatchObject({ ok: false, status: 400, errors: { endsOn: {} } });
    expect(await updateRoundPlan(t.db, admin, round.id, { startsOn: "2026-11-01", endsOn: "2027-08-31", staffHeadCount: "0" }, NOW)).toMatchObject({ ok: false, status: 400, errors: { staffHeadCount: {} } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("through the admin home's form: an admin may, a manager may not (403)", async () => {
    const round = expectOk(await createRound(t.db, admin, { fiscalYear: "2570", staffHeadCount: "50" }, NOW)).round;
    const form = new FormData();
    form.set("intent", "close");
    form.set("roundId", String(round.id));
    const managerId = await createTestUser(t.db, admin.organizationId, "manager-a", "manager");
    expect(await applyRoundsForm(t.db, await sessionUser(t.db, managerId), form, readRoundForm, NOW)).toMatchObject({ ok: false, status: 403 });
    expect(await applyRoundsForm(t.db, await sessionUser(t.db, admin.userId), form, readRoundForm, NOW)).toEqual({ ok: true, redirectTo: `/admin?closed=${round.id}` });
  });
});

describe("starting from the previous round", () => {
  it("copies the counters taking part and the OIT checklist, and carries the measures not done, linked to where they came from", async () => {
    const previous = expectOk(
      await createRound(t.db, admin, { fiscalYear: "2569", staffHeadCount: "88", counterIds: [String(agency.counters[0]), String(agency.counters[2])] }, NOW),
    ).round;
    await insertRoundOitItems(t.db, [
      // FY 2569 and 2570 both take ita-2569, whose OIT items are O1 … O26.
      { roundId: previous.id, itemCode: "O1", status: "pass", evidenceUrls: '["https://example.go.th/a"]', note: "", updatedBy: admin.userId, updatedAt: CREATED },
      { roundId: previous.id, itemCode: "O2", status: "fail", evidenceUrls: "[]", note: "ขาดรูปถ่าย\nฝ่ายประจำ", updatedBy: admin.userId, updatedAt: CREATED },
    ]);
    const measure = async (position: number, title: string, status: "planned" | "in-progress" | "done") => {
      const id = await insertMeasure(t.db, {
        organization_id: admin.organizationId,
        round_id: previous.id,
        position,
        title,
        period: "ตลอดปี ๖๙",
        due_on: "2026-09-30",
        follow_up: "รายงานทุกไตรมาส",
        status,
        created_by: admin.userId,
        created_at: CREATED,
        updated_by: admin.userId,
        updated_at: CREATED,
      });
      await replaceMeasureParts(t.db, id, { steps: [`ขั้นที่ 1 ของ ${title}`, "ขั้นที่ 2"], unitIds: [agency.unitId], targets: ["4", "i20"] });
      return id;
    };
    const planned = await measure(1, "ปรับขั้นตอนการยืมทรัพย์สิน", "planned");
    await measure(2, "มาตรการที่เสร็จแล้ว", "done");
    const inProgress = await measure(3, "เผยแพร่ข้อมูลจัดซื้อจัดจ้าง", "in-progress");
    expectOk(await setRoundStatus(t.db, admin, previous.id, "closed", NOW));

    const created = expectOk(await createRound(t.db, admin, { fromPrevious: true }, NOW));
    expect(created.round).toMatchObject({ fiscalYear: 2570, staffHeadCount: 88, status: "open" });
    expect(created.links.map((l) => l.counterId)).toEqual([null, agency.counters[0], agency.counters[2]]);
    expect(created.fromPrevious).toEqual({ roundId: previous.id, counters: 2, oitItems: 2, measures: 2 });

    const oit = await listRoundOitItems(t.db, created.round.id);
    expect(oit.map((i) => [i.itemCode, i.status, i.note, i.evidenceUrls]).sort()).toEqual([
      ["O1", "pass", "", '["https://example.go.th/a"]'],
      ["O2", "fail", "ขาดรูปถ่าย\nฝ่ายประจำ", "[]"],
    ]);
    const carried = await t.db.selectFrom("measure").where("round_id", "=", created.round.id).selectAll().orderBy("position").execute();
    expect(carried.map((m) => [m.position, m.title, m.status, m.carried_from_id])).toEqual([
      [1, "ปรับขั้นตอนการยืมทรัพย์สิน", "planned", planned],
      [2, "เผยแพร่ข้อมูลจัดซื้อจัดจ้าง", "in-progress", inProgress],
    ]);
    const steps = await t.db.selectFrom("measure_step").where("measure_id", "=", carried[0]!.id).select(["position", "text"]).orderBy("position").execute();
    expect(steps).toEqual([{ position: 1, text: "ขั้นที่ 1 ของ ปรับขั้นตอนการยืมทรัพย์สิน" }, { position: 2, text: "ขั้นที่ 2" }]);
    const targets = await t.db.selectFrom("measure_target").where("measure_id", "=", carried[1]!.id).select("code").orderBy("code").execute();
    expect(targets.map((r) => r.code)).toEqual(["4", "i20"]);
    expect(await t.db.selectFrom("measure_unit").where("measure_id", "=", carried[1]!.id).select("unit_id").execute()).toEqual([{ unit_id: agency.unitId }]);
    // The previous round keeps its own.
    expect(await t.db.selectFrom("measure").where("round_id", "=", previous.id).select("id").execute()).toHaveLength(3);
  });
});

describe("closed means closed", () => {
  const body = (instrument: "iit" | "eit") => JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers: makeAnswers(instrument) }));
  const at = (iso: string) => ({ now: new Date(iso), recentFromAddress: 1 });

  async function expectGone(promise: Promise<unknown>) {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ClosedRoundError);
    expect((error as HttpError).status).toBe(410);
    expect((error as HttpError).messageTh).toContain("ปิดรับคำตอบแล้ว");
  }

  it("takes answers from the first to the last day of the period (Bangkok days), and refuses them before and after with 410 and no row", async () => {
    const round = expectOk(await createRound(t.db, admin, { fiscalYear: "2570", staffHeadCount: "50" }, NOW));
    const eit = round.links.find((l) => l.instrument === "eit")!.token;
    // 30 Sep 2026 23:59 in Bangkok is the day before the first; 1 Oct 00:00 is the first.
    await expectGone(submitResponse(t.db, eit, body("eit"), at("2026-09-30T16:59:00Z")));
    expect((await submitResponse(t.db, eit, body("eit"), at("2026-09-30T17:00:00Z"))).stored).toBe(true);
    expect((await submitResponse(t.db, eit, body("eit"), at("2027-09-30T16:59:00Z"))).stored).toBe(true);
    const stored = await countRows(t.db);
    await expectGone(submitResponse(t.db, eit, body("eit"), at("2027-09-30T17:00:00Z")));
    await expectGone(requireAcceptingLink(t.db, eit, new Date("2028-01-01T00:00:00Z")));
    expect(await countRows(t.db)).toEqual(stored);
  });

  it("refuses answers to a closed round with 410, also within its period, and takes them again once reopened", async () => {
    const round = expectOk(await createRound(t.db, admin, { fiscalYear: "2570", staffHeadCount: "50" }, NOW));
    const iit = round.links.find((l) => l.instrument === "iit")!.token;
    expectOk(await setRoundStatus(t.db, admin, round.round.id, "closed", NOW));
    const before = await countRows(t.db);
    await expectGone(submitResponse(t.db, iit, body("iit"), at(NOW.toISOString())));
    expect(await getAcceptingLinkOrNull(t.db, iit)).toBeNull();
    expect(await countRows(t.db)).toEqual(before);
    expectOk(await setRoundStatus(t.db, admin, round.round.id, "open", NOW));
    expect((await submitResponse(t.db, iit, body("iit"), at(NOW.toISOString()))).stored).toBe(true);
  });
});

describe("the closed page's way on", () => {
  it("points a closed round's link to the agency's permanent link while a round is open today, else nowhere", async () => {
    await createPermanentLinks(t.db, admin.organizationId, NOW);
    const old = expectOk(await createRound(t.db, admin, { fiscalYear: "2569", staffHeadCount: "50" }, NOW));
    expectOk(await setRoundStatus(t.db, admin, old.round.id, "closed", NOW));
    const oldEit = old.links.find((l) => l.counterId === agency.counters[1])!.token;
    const oldIit = old.links.find((l) => l.instrument === "iit")!.token;
    expect(await findWayOn(t.db, oldEit, NOW)).toBeNull(); // nothing open yet
    const current = expectOk(await createRound(t.db, admin, { fiscalYear: "2570", staffHeadCount: "50" }, NOW));
    const permanent = await t.db.selectFrom("permanent_link").where("organization_id", "=", admin.organizationId).select(["kind", "token", "counter_id"]).execute();
    expect(await findWayOn(t.db, oldEit, NOW)).toBe(`/c/${permanent.find((p) => p.counter_id === agency.counters[1])!.token}`);
    expect(await findWayOn(t.db, oldIit, NOW)).toBe(`/staff/${permanent.find((p) => p.kind === "staff")!.token}`);
    // The open round's own links need no way on; an unknown token has none.
    expect(await findWayOn(t.db, current.links[0]!.token, NOW)).toBeNull();
    expect(await findWayOn(t.db, "nosuchtoken123", NOW)).toBeNull();
  });
});

describe("the admin home", () => {
  it("lists the agency's rounds, the open one first, then newest first, with period, counts and sample progress", async () => {
    const older = expectOk(await createRound(t.db, admin, { fiscalYear: "2568", staffHeadCount: "50" }, NOW)).round;
    expectOk(await setRoundStatus(t.db, admin, older.id, "closed", NOW));
    const middle = expectOk(await createRound(t.db, admin, { fiscalYear: "2569", staffHeadCount: "50" }, NOW)).round;
    expectOk(await setRoundStatus(t.db, admin, middle.id, "closed", NOW));
    const open = expectOk(await createRound(t.db, admin, { fiscalYear: "2570", staffHeadCount: "120" }, NOW));
    const eit = open.links.find((l) => l.instrument === "eit")!.token;
    // Seven visitors at the counter: five counted as a group, two waiting for the next (the answer pool).
    for (let n = 0; n < 7; n++) await submitResponse(t.db, eit, JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers: makeAnswers("eit", (i, o) => (i + n) % o) })), { now: NOW, recentFromAddress: 1 });

    const home = await getRoundsHome(t.db, await sessionUser(t.db, admin.userId), NOW);
    expect(home.rounds.map((r) => [r.id, r.status])).toEqual([
      [open.round.id, "open"],
      [middle.id, "closed"],
      [older.id, "closed"],
    ]);
    expect(home.rounds[0]).toMatchObject({ startsOn: "2026-10-01", endsOn: "2027-09-30", responses: { iit: 0, eit: 5 }, samples: { iit: { answers: 0, minimum: 30 }, eit: { answers: 5 } } });
    expect(home.canManage).toBe(true);
    expect(home.defaults).toMatchObject({ fiscalYear: 2570, startsOn: "2026-10-01", endsOn: "2027-09-30", frameworkId: "ita-2569" });
  });
});

describe("the demo agency", () => {
  it("has its last fiscal year's round closed with its answers, and the current one open, started from it", async () => {
    const demo = await makeDemoDb();
    try {
      const seeded = await seedDemo(demo.db, { now: NOW });
      const rounds = await demo.db.selectFrom("round").select(["id", "fiscal_year", "status", "starts_on", "ends_on"]).orderBy("id").execute();
      expect(rounds).toEqual([
        { id: seeded.roundId, fiscal_year: 2569, status: "closed", starts_on: "2025-10-01", ends_on: "2026-09-30" },
        { id: seeded.openRoundId, fiscal_year: 2570, status: "open", starts_on: "2026-10-01", ends_on: "2027-09-30" },
      ]);
      const tokens = async (roundId: number) => (await demo.db.selectFrom("link").where("round_id", "=", roundId).select("token").execute()).map((l) => l.token);
      // The closed round's links refuse answers; the open round's take them (one IIT, one EIT per counter).
      for (const token of await tokens(seeded.roundId!)) await expect(requireAcceptingLink(demo.db, token, NOW)).rejects.toBeInstanceOf(ClosedRoundError);
      const open = await tokens(seeded.openRoundId!);
      expect(open).toHaveLength(4);
      for (const token of open) expect((await requireAcceptingLink(demo.db, token, NOW)).roundId).toBe(seeded.openRoundId);
      // Last year's round was measured with ITA 2565's instruments; this year's takes the rating era's
      // framework, whose OIT list (O1 … O26) shares no code with 2565's (o1 … o43): it starts unchecked.
      const frameworks = await demo.db.selectFrom("round").select(["id", "framework_id"]).orderBy("id").execute();
      expect(frameworks.map((r) => r.framework_id)).toEqual(["ita-2565", "ita-2569"]);
      expect(await listRoundOitItems(demo.db, seeded.openRoundId!)).toHaveLength(0);
      const carried = await demo.db.selectFrom("measure").where("round_id", "=", seeded.openRoundId!).select(["status", "carried_from_id"]).execute();
      expect(carried.length).toBeGreaterThan(0);
      expect(carried.every((m) => m.status !== "done" && m.carried_from_id !== null)).toBe(true);
      // Trends compare the round that measured something, not the new, empty one.
      const demoAgency = await demo.db.selectFrom("organization").where("slug", "=", "demo").select("id").executeTakeFirstOrThrow();
      expect((await getTrends(demo.db, demoAgency.id)).comparison!.round.id).toBe(seeded.roundId);
    } finally {
      await demo.close();
    }
  });
});

/** A database of its own: the demo is seeded only into an installation without any agency. */
async function makeDemoDb() {
  return createTestDb();
}
