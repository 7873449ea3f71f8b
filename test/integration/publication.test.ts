/**
 * The agency's public page (issue 17, item 1) on a real, freshly migrated database, SQLite or PostgreSQL
 * (vitest.config.ts runs this file on both), through the services the routes call, without mocks:
 *
 * - nothing is public until an admin publishes it: the page is a 404 (unknown agency, nothing published
 *   and a suspended agency alike), and again once everything is taken down;
 * - publishing and unpublishing are audited, grow the publication's version (what every app process's cache
 *   compares) and are heard by this process's listeners; a refused or repeated form writes nothing;
 * - what is included: the report's analysis only for a closed round or the official result, the measures with
 *   their status and dated notes (no author, numbered by place), the complaint statistics when chosen;
 *   another agency's round is never reached;
 * - the counter satisfaction: only complete months with k or more answers at the counter count, so one more
 *   answer moves nothing; a counter under k is hidden; with the round's measured total public, the answers
 *   left out count as a hidden cell and draw a complementary one.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSessionCookie, getSessionUser, type SessionUser } from "../../app/auth/session.server";
import { getFramework } from "../../app/lib/frameworks.server";
import { onPublicationChanged, type PublicationChange } from "../../app/services/publication/events";
import { getPublicAgencyPage, getPublicRoundPage, requirePublicAgency, type PublicAgency } from "../../app/services/publication/public-page.server";
import { applyPublicationForm, getPublicationSettings } from "../../app/services/publication/settings.server";
import { registerEventFanOut } from "../../app/services/notify/events.server";
import { changeWebhooks } from "../../app/services/webhooks/admin.server";
import { webhookFanOut } from "../../app/services/webhooks/delivery.server";
import { storeResponse } from "../../app/services/submit-response.server";
import { listInstrumentFields } from "../../app/services/validate-answers";
import { fileComplaint, requireComplaintAgency } from "../../app/services/complaints/intake.server";
import { parseComplaintForm } from "../../app/services/complaints/intake-form.server";
import { insertLink } from "../../db/queries/links";
import { insertMeasure, insertMeasureNote, replaceMeasureParts } from "../../db/queries/measures";
import { upsertOfficialResult } from "../../db/queries/official-results";
import { insertCounter, insertUnit } from "../../db/queries/organizations";
import { getPublicPageStamp } from "../../db/queries/publication";
import type { Db } from "../../db/client.server";
import { createTestUser } from "../support/accounts";
import { complaintForm } from "../support/complaints";
import { createRoundFixture, newSubmissionId } from "../support/fixtures";
import { countRowsOfEveryTable } from "../support/server-database";
import { createTestDb, type TestDb } from "../support/test-db";

/** 10:00 in Bangkok on 15 March 2026: fiscal year 2569, the fixture round open; February is the last complete month. */
const NOW = new Date("2026-03-15T03:00:00.000Z");
const CREATED = "2026-01-01T00:00:00.000Z";
const framework = getFramework("ita-2565");

let t: TestDb;
let db: Db;
let town: { organizationId: number; roundId: number };
let other: { organizationId: number; roundId: number };
let admin: SessionUser;
let manager: SessionUser;
let heard: PublicationChange[];
let stopListening: () => void;

async function sessionUser(organizationId: number, username: string, role: SessionUser["role"]): Promise<SessionUser> {
  const id = await createTestUser(db, organizationId, username, role);
  await db.updateTable("user").set({ display_name: `ชื่อจริงของ ${username}` }).where("id", "=", id).execute();
  const cookie = (await createSessionCookie(db, id, new Date())).split(";")[0]!;
  return (await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } })))!;
}

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

const publishRound = (roundId: number, choice: { report?: string; measures?: boolean; counters?: boolean }, user = admin) =>
  applyPublicationForm(
    db,
    user,
    form({ intent: "round", roundId: String(roundId), report: choice.report ?? "", ...(choice.measures ? { measures: "on" } : {}), ...(choice.counters ? { counters: "on" } : {}) }),
    NOW,
  );

async function audit(action: string) {
  return db.selectFrom("audit_log").where("action", "=", action).selectAll().execute();
}

async function agencyOf(slug: string): Promise<PublicAgency> {
  return requirePublicAgency(db, slug);
}

beforeEach(async () => {
  t = await createTestDb();
  db = t.db;
  town = await createRoundFixture(db, "town");
  other = await createRoundFixture(db, "other-town");
  admin = await sessionUser(town.organizationId, "town-admin", "admin");
  manager = await sessionUser(town.organizationId, "town-manager", "manager");
  heard = [];
  stopListening = onPublicationChanged((change) => heard.push(change));
});

afterEach(async () => {
  stopListening();
  await t.close();
});

describe("publishing and unpublishing", () => {
  it("nothing is public until an admin publishes it; an unknown, a suspended agency and a malformed slug are 404 alike", async () => {
    for (const slug of ["town", "nobody", "../etc", "TOWN", ""]) await expect(agencyOf(slug)).rejects.toMatchObject({ init: { status: 404 } });
    expect((await getPublicPageStamp(db, "town"))?.version).toBeNull();
    expect((await getPublicationSettings(db, admin)).anythingPublic).toBe(false);

    expect(await publishRound(town.roundId, { measures: true })).toEqual({ ok: true, intent: "round", anythingPublic: true });
    expect((await agencyOf("town")).organizationId).toBe(town.organizationId);
    // The other agency publishes nothing: still a 404.
    await expect(agencyOf("other-town")).rejects.toMatchObject({ init: { status: 404 } });

    await db.updateTable("organization").set({ status: "suspended" }).where("id", "=", town.organizationId).execute();
    await expect(agencyOf("town")).rejects.toMatchObject({ init: { status: 404 } });
  });

  it("publishing, changing and unpublishing a round are audited, grow the version and are heard; unpublished, the page is a 404", async () => {
    await publishRound(town.roundId, { report: "measured", measures: true });
    expect((await getPublicPageStamp(db, "town"))?.version).toBe(1);
    const published = await audit("publication.publish-round");
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ organization_id: town.organizationId, user_id: admin.userId, target: `round:${town.roundId}` });
    expect(JSON.parse(published[0]!.detail)).toEqual({ version: 1, report: "measured", measures: true, counters: false });
    expect(heard).toEqual([{ organizationId: town.organizationId, slug: "town", version: 1, kind: "published", roundId: town.roundId, anythingPublic: true }]);

    // The same choice again writes nothing.
    await publishRound(town.roundId, { report: "measured", measures: true });
    expect((await getPublicPageStamp(db, "town"))?.version).toBe(1);
    expect(heard).toHaveLength(1);

    await publishRound(town.roundId, { measures: true, counters: true });
    expect((await getPublicPageStamp(db, "town"))?.version).toBe(2);
    expect(await audit("publication.change-round")).toHaveLength(1);

    const settings = await getPublicationSettings(db, admin);
    expect(settings.rounds.find((r) => r.id === town.roundId)).toMatchObject({ report: null, measures: true, counters: true });
    expect(settings.url).toMatch(/\/agency\/town$/);

    await publishRound(town.roundId, {});
    expect(await audit("publication.unpublish-round")).toHaveLength(1);
    expect(heard.at(-1)).toMatchObject({ kind: "unpublished", version: 3, anythingPublic: false });
    await expect(agencyOf("town")).rejects.toMatchObject({ init: { status: 404 } });
  });

  it("each change queues one publication.changed event for the webhooks subscribed to it, in the change's transaction", async () => {
    registerEventFanOut("webhooks", webhookFanOut);
    // A receiver on a public address (the resolver stands in for DNS: no network in the test).
    const created = await changeWebhooks(
      db,
      { organizationId: town.organizationId, userId: admin.userId },
      (() => {
        const f = new FormData();
        f.append("intent", "webhook-create");
        f.append("url", "https://hooks.example.org/prongsai");
        f.append("events", "publication.changed");
        return f;
      })(),
      NOW,
      async () => [{ address: "93.184.216.34", family: 4 }],
    );
    expect("secret" in created).toBe(true);
    const queued = () => db.selectFrom("outbox_message").where("event_type", "=", "publication.changed").select(["dedupe_key", "payload", "channel"]).orderBy("created_at").execute();
    await publishRound(town.roundId, { report: "measured", measures: true });
    await publishRound(town.roundId, { report: "measured", measures: true }); // the same choice: no change, no event
    await publishRound(town.roundId, {});
    const messages = await queued();
    expect(messages.map((m) => [m.channel, m.dedupe_key])).toEqual([
      ["webhook", `publication.changed:${town.organizationId}:1`],
      ["webhook", `publication.changed:${town.organizationId}:2`],
    ]);
    const payloads = messages.map((m) => JSON.parse(m.payload) as { data: Record<string, unknown> });
    expect(payloads.map((p) => p.data.change)).toEqual(["published", "unpublished"]);
    expect(String(payloads[0]!.data.link)).toMatch(new RegExp(`/agency/town/rounds/${town.roundId}$`));
    // Refused changes queue nothing.
    await publishRound(town.roundId, { report: "official" });
    expect(await queued()).toHaveLength(2);
  });

  it("taking everything down removes every round and the statistics in one change", async () => {
    await publishRound(town.roundId, { measures: true });
    expect(await applyPublicationForm(db, admin, form({ intent: "complaints", complaintStatistics: "on" }), NOW)).toMatchObject({ ok: true });
    expect(await audit("publication.publish-complaint-statistics")).toHaveLength(1);
    const agency = await agencyOf("town");
    expect((await getPublicAgencyPage(db, agency, NOW)).complaints).not.toBeNull();

    expect(await applyPublicationForm(db, admin, form({ intent: "unpublish-all" }), NOW)).toEqual({ ok: true, intent: "unpublish-all", anythingPublic: false });
    const all = await audit("publication.unpublish-all");
    expect(JSON.parse(all[0]!.detail)).toEqual({ version: 3, rounds: 1 });
    await expect(agencyOf("town")).rejects.toMatchObject({ init: { status: 404 } });
    await expect(getPublicRoundPage(db, agency, String(town.roundId), NOW)).rejects.toMatchObject({ init: { status: 404 } });
  });

  it("refuses what the form never sends, a manager, and the official result of a year without one, writing nothing", async () => {
    const before = await countRowsOfEveryTable(db);
    const refusals: [SessionUser, Record<string, string>, number][] = [
      [admin, { intent: "delete-everything" }, 400],
      [admin, {}, 400],
      [admin, { intent: "round", roundId: "abc" }, 400],
      [admin, { intent: "round", roundId: String(town.roundId), report: "everything" }, 400],
      [admin, { intent: "round", roundId: String(town.roundId), report: "", measures: "yes" }, 400],
      [admin, { intent: "round", roundId: String(town.roundId), report: "", counters: "<script>" }, 400],
      [admin, { intent: "complaints", complaintStatistics: "maybe" }, 400],
      [admin, { intent: "round", roundId: String(town.roundId), report: "official" }, 400],
      [manager, { intent: "round", roundId: String(town.roundId), measures: "on" }, 403],
    ];
    for (const [user, values, status] of refusals) {
      const result = await applyPublicationForm(db, user, form(values), NOW);
      expect(result, JSON.stringify(values)).toMatchObject({ ok: false, status });
      if (!result.ok) expect(result.message.th.length).toBeGreaterThan(0);
    }
    // Another agency's round: the same 404 as no round.
    await expect(applyPublicationForm(db, admin, form({ intent: "round", roundId: String(other.roundId), measures: "on" }), NOW)).rejects.toMatchObject({ init: { status: 404 } });
    await expect(applyPublicationForm(db, admin, form({ intent: "round", roundId: "999999", measures: "on" }), NOW)).rejects.toMatchObject({ init: { status: 404 } });
    expect(await countRowsOfEveryTable(db)).toEqual(before);
    expect(heard).toEqual([]);
  });
});

describe("what the page includes", () => {
  async function addMeasures() {
    const unit = await db.selectFrom("unit").where("organization_id", "=", town.organizationId).select("id").executeTakeFirstOrThrow();
    // Another agency's measure first: the town's get ids other than 1 and 2, which the page must not show.
    await insertMeasure(db, { organization_id: other.organizationId, round_id: other.roundId, position: 1, title: "x", period: "", due_on: null, follow_up: "", created_by: null, created_at: CREATED, updated_by: null, updated_at: CREATED });
    const ids: number[] = [];
    for (const [position, title, status] of [
      [1, "เผยแพร่คู่มือการให้บริการ 12 เรื่อง", "done"],
      [2, "ปรับปรุงช่องทางรับฟังความคิดเห็น", "in-progress"],
    ] as const) {
      const id = await insertMeasure(db, {
        organization_id: town.organizationId,
        round_id: town.roundId,
        position,
        title,
        period: "ตลอดปี 69",
        due_on: "2026-09-30",
        follow_up: "รายงานผู้บริหาร",
        status,
        created_by: admin.userId,
        created_at: CREATED,
        updated_by: admin.userId,
        updated_at: CREATED,
      });
      await replaceMeasureParts(db, id, { steps: ["ขั้นที่ 1", "ขั้นที่ 2"], unitIds: [unit.id], targets: ["i20"] });
      ids.push(id);
    }
    await insertMeasureNote(db, { measureId: ids[1]!, notedOn: "2026-02-10", text: "เปิดรับความคิดเห็นทางไลน์แล้ว 2 ช่องทาง", createdBy: admin.userId, createdAt: CREATED });
    return ids;
  }

  it("an open round's measured analysis is withheld, its measures shown with status and dated notes, no author, numbered by place", async () => {
    const ids = await addMeasures();
    expect(ids[0]).toBeGreaterThan(1);
    await publishRound(town.roundId, { report: "measured", measures: true });
    const agency = await agencyOf("town");
    const page = await getPublicRoundPage(db, agency, String(town.roundId), NOW);
    expect(page.round.parts).toMatchObject({ analysis: false, analysisWithheld: true, measures: true, counters: false });
    expect(page.report!.measures.map((m) => [m.id, m.title, m.status])).toEqual([
      [1, "เผยแพร่คู่มือการให้บริการ 12 เรื่อง", "done"],
      [2, "ปรับปรุงช่องทางรับฟังความคิดเห็น", "in-progress"],
    ]);
    expect(page.report!.measures[1]!.notes).toEqual([{ notedOn: "2026-02-10", text: "เปิดรับความคิดเห็นทางไลน์แล้ว 2 ช่องทาง" }]);
    expect(page.counters).toBeNull();
    const payload = JSON.stringify(page);
    for (const leak of [admin.username, manager.username, "ชื่อจริงของ", '"userId"', '"createdBy"', '"updatedBy"', '"authorName"', '"organizationId"']) expect(payload).not.toContain(leak);
    expect(payload).not.toContain(`"id":${ids[1]}`);

    // Closed, the measured analysis is shown.
    await db.updateTable("round").set({ status: "closed" }).where("id", "=", town.roundId).execute();
    const closed = await getPublicRoundPage(db, agency, String(town.roundId), NOW);
    expect(closed.round.parts).toMatchObject({ analysis: true, analysisWithheld: false });
    expect(closed.report!.source.shown).toBe("measured");
  });

  it("the official result can be published once it is entered, and is shown as such even for an open round", async () => {
    await upsertOfficialResult(db, {
      organizationId: town.organizationId,
      fiscalYear: 2569,
      frameworkId: "ita-2565",
      indicatorScores: JSON.stringify(Object.fromEntries(framework.indicators.map((i) => [i.code, 90]))),
      now: CREATED,
    });
    expect(await publishRound(town.roundId, { report: "official" })).toMatchObject({ ok: true });
    const page = await getPublicRoundPage(db, await agencyOf("town"), String(town.roundId), NOW);
    expect(page.round.parts).toMatchObject({ analysis: true, report: "official", measures: false });
    expect(page.report!.source.shown).toBe("official");
    expect(page.report!.total.score).toBe(90);
  });

  it("another agency's round, a round not published and a malformed id are 404 alike", async () => {
    await publishRound(town.roundId, { measures: true });
    await publishRound(other.roundId, { measures: true }, await sessionUser(other.organizationId, "other-admin", "admin"));
    const agency = await agencyOf("town");
    for (const id of [String(other.roundId), "0", "-1", "1e3", "abc", undefined]) {
      await expect(getPublicRoundPage(db, agency, id, NOW)).rejects.toMatchObject({ init: { status: 404 } });
    }
    const page = await getPublicAgencyPage(db, agency, NOW);
    expect(page.rounds.map((r) => r.id)).toEqual([town.roundId]);
    expect(page.complaints).toBeNull();
  });

  it("the complaint statistics are the fiscal year's counts, shown only when chosen", async () => {
    const complaintAgency = await requireComplaintAgency(db, "town", "th");
    const filed = await fileComplaint(db, complaintAgency, await parseComplaintForm(complaintForm({})), NOW);
    expect(filed.stored).toBe(true);
    await applyPublicationForm(db, admin, form({ intent: "complaints", complaintStatistics: "on" }), NOW);
    const page = await getPublicAgencyPage(db, await agencyOf("town"), NOW);
    expect(page.complaints).toMatchObject({ fiscalYear: 2569, received: 1, finished: 0, inProgress: 1, none: false });
    expect(JSON.stringify(page)).not.toMatch(/tracking|contact|what/i);
  });
});

describe("the counter satisfaction under the small-group rules (k = 5)", () => {
  /** Varied, deterministic EIT answers. */
  function eitAnswers(n: number): Record<string, number> {
    const answers: Record<string, number> = {};
    listInstrumentFields(framework, "eit").forEach((field, i) => {
      const options = framework.scales[field.scale]!.options;
      answers[field.name] = options[(n * 7 + i * 3) % options.length]!.value;
    });
    return answers;
  }

  let counterA = 0;
  let counterB = 0;
  let n = 0;
  async function answer(linkId: number, answeredOn: string, count: number) {
    for (let i = 0; i < count; i++) {
      const stored = await storeResponse(db, { submissionId: newSubmissionId(), roundId: town.roundId, linkId, instrument: "eit", frameworkId: framework.id, answeredOn, answers: eitAnswers(n++) });
      expect(stored).toBe(true);
    }
  }

  beforeEach(async () => {
    const unit = await insertUnit(db, { organization_id: town.organizationId, name_th: "กองช่าง", name_en: "Engineering", created_at: CREATED });
    const a = await insertCounter(db, { organization_id: town.organizationId, unit_id: unit, name_th: "จุดขออนุญาตก่อสร้าง", name_en: "Building permits", created_at: CREATED });
    const b = await insertCounter(db, { organization_id: town.organizationId, unit_id: unit, name_th: "จุดรับเรื่องร้องทุกข์", name_en: "Grievances", created_at: CREATED });
    counterA = await insertLink(db, { round_id: town.roundId, instrument: "eit", counter_id: a, token: "publicCounterA01", created_at: CREATED });
    counterB = await insertLink(db, { round_id: town.roundId, instrument: "eit", counter_id: b, token: "publicCounterB01", created_at: CREATED });
  });

  const counterRows = async () => {
    const page = await getPublicRoundPage(db, await agencyOf("town"), String(town.roundId), NOW);
    return Object.fromEntries(page.counters!.counters.map((c) => [c.name.th, c]));
  };

  it("counts complete months with k or more answers only: one more answer moves nothing, a counter under k is hidden", async () => {
    await answer(counterA, "2026-01-20", 6);
    await answer(counterB, "2026-02-03", 4);
    await answer(counterA, "2026-03-02", 3);
    await publishRound(town.roundId, { counters: true });
    const first = await counterRows();
    expect(first["จุดขออนุญาตก่อสร้าง"]).toMatchObject({ status: "shown", answers: 6 });
    expect(first["จุดรับเรื่องร้องทุกข์"]).toEqual({ name: { th: "จุดรับเรื่องร้องทุกข์", en: "Grievances" }, status: "hidden", score: null, level: null, answers: null });
    const page = await getPublicRoundPage(db, await agencyOf("town"), String(town.roundId), NOW);
    expect(page.counters).toMatchObject({ k: 5, throughMonth: "2026-01" });

    // One more answer this month: nothing on the page moves.
    await answer(counterA, "2026-03-14", 1);
    expect(await counterRows()).toEqual(first);
  });

  it("with the round's measured total public, the answers left out draw a complementary hidden counter", async () => {
    await answer(counterA, "2026-01-20", 6);
    await answer(counterB, "2026-02-03", 2);
    await db.updateTable("round").set({ status: "closed" }).where("id", "=", town.roundId).execute();
    // Counters only: the total is not public, A is shown.
    await publishRound(town.roundId, { counters: true });
    expect((await counterRows())["จุดขออนุญาตก่อสร้าง"]).toMatchObject({ status: "shown", answers: 6 });
    // With the measured report of the closed round, total − A would be B's two answers: A is hidden too.
    await publishRound(town.roundId, { report: "measured", counters: true });
    const rows = await counterRows();
    expect(rows["จุดขออนุญาตก่อสร้าง"]).toMatchObject({ status: "hidden", score: null });
    expect(rows["จุดรับเรื่องร้องทุกข์"]).toMatchObject({ status: "hidden", score: null });
  });
});
