/**
 * Permanent links (issue 11, item 6) on a real, freshly migrated SQLite and PostgreSQL database: the
 * migration gives every existing counter and agency one; a permanent token resolves to the link of the
 * round open today, to the friendly "nothing open" answer without one, to "paused" for a paused or
 * retired counter; and after the next fiscal year's round opens the SAME token finds the new round.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { changeCounters } from "../../app/services/counters.server";
import { createSessionCookie, getSessionUser } from "../../app/auth/session.server";
import { getRoundLinksPage } from "../../app/services/links.server";
import { createPermanentLinks, getPermanentLinks, resolvePermanentLink } from "../../app/services/permanent-links.server";
import { getLinkQrSvg, permanentUrl } from "../../app/services/qr.server";
import type { Db } from "../../db/client.server";
import { down as down0008, up as up0008 } from "../../db/migrations/0008_permanent_links";
import { updateOrganizationCounter } from "../../db/queries/counters";
import { insertLink } from "../../db/queries/links";
import { insertCounter, insertUnit } from "../../db/queries/organizations";
import { listActivePermanentLinks, listOrganizationPermanentLinks } from "../../db/queries/permanent-links";
import { findOpenRound, insertRound } from "../../db/queries/rounds";
import { createTestUser } from "../support/accounts";
import { createRoundFixture, type RoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-03-01T03:00:00.000Z");
/** Inside the fixture's FY 2569 round (2025-10-01 … 2026-09-30). */
const IN_FY2569 = "2026-03-01";
/** 3 December 2026: FY 2570, after the fixture's round ended. */
const IN_FY2570 = "2026-12-03";

let t: TestDb;
let db: Db;
let agency: RoundFixture;

async function counterIdOf(organizationId: number): Promise<number> {
  const row = await db.selectFrom("counter").where("organization_id", "=", organizationId).select("id").orderBy("id").executeTakeFirstOrThrow();
  return row.id;
}

async function tokenOf(organizationId: number, kind: "counter" | "staff", counterId?: number): Promise<string> {
  const links = await listOrganizationPermanentLinks(db, organizationId);
  const link = links.find((l) => l.kind === kind && (counterId === undefined || l.counterId === counterId));
  if (!link) throw new Error(`no ${kind} permanent link`);
  return link.token;
}

beforeEach(async () => {
  t = await createTestDb();
  db = t.db;
  agency = await createRoundFixture(db, "agency-a");
  // The fixture's period may run to today's fiscal year; these tests name their days, so pin it to FY 2569.
  await db.updateTable("round").set({ starts_on: "2025-10-01", ends_on: "2026-09-30" }).where("id", "=", agency.roundId).execute();
  await createPermanentLinks(db, agency.organizationId, NOW);
});

afterEach(async () => {
  await t.close();
});

describe("migration 0008", () => {
  it("gives every existing counter (retired ones too) and every agency a permanent token of at least 64 random bits", async () => {
    const other = await createRoundFixture(db, "agency-b");
    const unitId = await insertUnit(db, { organization_id: other.organizationId, name_th: "กองช่าง", name_en: "", created_at: NOW.toISOString() });
    const retired = await insertCounter(db, { organization_id: other.organizationId, unit_id: unitId, name_th: "จุดเก่า", name_en: "", status: "retired", created_at: NOW.toISOString() });
    // As an upgraded installation has it: agencies and counters made before the table existed.
    await down0008(db);
    await up0008(db);

    const links = await db.selectFrom("permanent_link").selectAll().orderBy("id").execute();
    const counters = await db.selectFrom("counter").select(["id", "organization_id"]).execute();
    const organizations = await db.selectFrom("organization").select("id").execute();
    expect(counters.length).toBe(3);
    for (const counter of counters) {
      const mine = links.filter((l) => l.kind === "counter" && l.counter_id === counter.id);
      expect(mine, `counter ${counter.id}`).toHaveLength(1);
      expect(mine[0]!.organization_id).toBe(counter.organization_id);
    }
    expect(links.some((l) => l.counter_id === retired)).toBe(true);
    for (const organization of organizations) {
      expect(links.filter((l) => l.kind === "staff" && l.organization_id === organization.id && l.counter_id === null)).toHaveLength(1);
    }
    expect(links).toHaveLength(counters.length + organizations.length);
    expect(new Set(links.map((l) => l.token)).size).toBe(links.length);
    // base64url: 6 bits a character; 12 characters are 72 bits.
    for (const link of links) expect(link.token).toMatch(/^[A-Za-z0-9_-]{11,}$/);
  });

  it("refuses a second permanent link for one counter or a second staff link for one agency", async () => {
    const counterId = await counterIdOf(agency.organizationId);
    const insert = (kind: "counter" | "staff", counter: number | null, token: string) =>
      db.insertInto("permanent_link").values({ organization_id: agency.organizationId, kind, counter_id: counter, token, created_at: NOW.toISOString() }).execute();
    await expect(insert("counter", counterId, "dupCounterTok1")).rejects.toThrow();
    await expect(insert("staff", null, "dupStaffToken1")).rejects.toThrow();
    expect(await createPermanentLinks(db, agency.organizationId, NOW)).toBe(0);
    expect(await db.selectFrom("permanent_link").select("id").execute()).toHaveLength(2);
  });
});

describe("findOpenRound", () => {
  it("finds the open round whose period holds today, both ends included, and nothing outside it", async () => {
    expect((await findOpenRound(db, agency.organizationId, "2025-10-01"))?.id).toBe(agency.roundId);
    expect((await findOpenRound(db, agency.organizationId, "2026-09-30"))?.id).toBe(agency.roundId);
    expect(await findOpenRound(db, agency.organizationId, "2025-09-30")).toBeUndefined();
    expect(await findOpenRound(db, agency.organizationId, "2026-10-01")).toBeUndefined();
    await db.updateTable("round").set({ status: "closed" }).where("id", "=", agency.roundId).execute();
    expect(await findOpenRound(db, agency.organizationId, IN_FY2569)).toBeUndefined();
  });

  it("never finds another agency's round", async () => {
    const other = await createRoundFixture(db, "agency-b");
    await db.updateTable("round").set({ status: "closed" }).where("id", "=", agency.roundId).execute();
    expect((await findOpenRound(db, other.organizationId, IN_FY2569))?.id).toBe(other.roundId);
    expect(await findOpenRound(db, agency.organizationId, IN_FY2569)).toBeUndefined();
    await db.updateTable("round").set({ status: "closed" }).where("id", "=", other.roundId).execute();
    expect(await findOpenRound(db, other.organizationId, IN_FY2569)).toBeUndefined();
  });
});

describe("resolvePermanentLink", () => {
  it("sends a counter's permanent link to the open round's active EIT link of that counter, and the staff link to its IIT link", async () => {
    const counterToken = await tokenOf(agency.organizationId, "counter");
    const staffToken = await tokenOf(agency.organizationId, "staff");
    expect(await resolvePermanentLink(db, "counter", counterToken, IN_FY2569)).toEqual({ outcome: "open", token: agency.eitToken, roundId: agency.roundId });
    expect(await resolvePermanentLink(db, "staff", staffToken, IN_FY2569)).toEqual({ outcome: "open", token: agency.iitToken, roundId: agency.roundId });
  });

  it("answers the friendly page, naming the agency, when no round is open today or the round is closed", async () => {
    const counterToken = await tokenOf(agency.organizationId, "counter");
    const staffToken = await tokenOf(agency.organizationId, "staff");
    const outside = await resolvePermanentLink(db, "counter", counterToken, IN_FY2570);
    expect(outside).toEqual({
      outcome: "nothing-open",
      organization: { th: "เทศบาลตำบลทดสอบ", en: "Test Municipality" },
      // Its page links the agency's complaint form (issue 16).
      agencySlug: "agency-a",
      counter: { th: "จุดชำระภาษี", en: "Tax counter" },
    });
    expect((await resolvePermanentLink(db, "staff", staffToken, IN_FY2570)).outcome).toBe("nothing-open");
    await db.updateTable("round").set({ status: "closed" }).where("id", "=", agency.roundId).execute();
    expect((await resolvePermanentLink(db, "counter", counterToken, IN_FY2569)).outcome).toBe("nothing-open");
  });

  it("answers nothing-open for a counter that takes no part in the open round", async () => {
    const unitId = await insertUnit(db, { organization_id: agency.organizationId, name_th: "กองช่าง", name_en: "", created_at: NOW.toISOString() });
    const counterId = await insertCounter(db, { organization_id: agency.organizationId, unit_id: unitId, name_th: "จุดใหม่", name_en: "", created_at: NOW.toISOString() });
    await createPermanentLinks(db, agency.organizationId, NOW);
    const token = await tokenOf(agency.organizationId, "counter", counterId);
    const result = await resolvePermanentLink(db, "counter", token, IN_FY2569);
    expect(result).toEqual({ outcome: "nothing-open", organization: { th: "เทศบาลตำบลทดสอบ", en: "Test Municipality" }, agencySlug: "agency-a", counter: { th: "จุดใหม่", en: "จุดใหม่" } });
  });

  it("pauses with its counter (paused or retired), and with the round's own link when that is paused", async () => {
    const counterId = await counterIdOf(agency.organizationId);
    const token = await tokenOf(agency.organizationId, "counter", counterId);
    await updateOrganizationCounter(db, agency.organizationId, counterId, { status: "paused" });
    expect((await resolvePermanentLink(db, "counter", token, IN_FY2569)).outcome).toBe("paused");
    await updateOrganizationCounter(db, agency.organizationId, counterId, { status: "active" });
    expect((await resolvePermanentLink(db, "counter", token, IN_FY2569)).outcome).toBe("open");
    await db.updateTable("link").set({ status: "paused" }).where("round_id", "=", agency.roundId).where("counter_id", "=", counterId).execute();
    expect((await resolvePermanentLink(db, "counter", token, IN_FY2569)).outcome).toBe("paused");
    await updateOrganizationCounter(db, agency.organizationId, counterId, { status: "retired" });
    expect((await resolvePermanentLink(db, "counter", token, IN_FY2570)).outcome).toBe("paused");
  });

  it("knows nothing of an unknown, malformed or other-kind token", async () => {
    const counterToken = await tokenOf(agency.organizationId, "counter");
    const staffToken = await tokenOf(agency.organizationId, "staff");
    expect(await resolvePermanentLink(db, "counter", "NoSuchToken12", IN_FY2569)).toEqual({ outcome: "unknown" });
    expect(await resolvePermanentLink(db, "counter", "../etc/passwd", IN_FY2569)).toEqual({ outcome: "unknown" });
    expect(await resolvePermanentLink(db, "staff", counterToken, IN_FY2569)).toEqual({ outcome: "unknown" });
    expect(await resolvePermanentLink(db, "counter", staffToken, IN_FY2569)).toEqual({ outcome: "unknown" });
    // A per-round token is not a permanent one.
    expect(await resolvePermanentLink(db, "counter", agency.eitToken, IN_FY2569)).toEqual({ outcome: "unknown" });
  });

  it("resolves the SAME printed token to the next fiscal year's round once it opens", async () => {
    const counterId = await counterIdOf(agency.organizationId);
    const counterToken = await tokenOf(agency.organizationId, "counter", counterId);
    const staffToken = await tokenOf(agency.organizationId, "staff");
    expect(await resolvePermanentLink(db, "counter", counterToken, IN_FY2569)).toMatchObject({ outcome: "open", token: agency.eitToken });

    // FY 2570: the old round is closed and a new one opened with its own per-round links.
    await db.updateTable("round").set({ status: "closed" }).where("id", "=", agency.roundId).execute();
    const next = await insertRound(db, {
      organization_id: agency.organizationId,
      framework_id: "ita-2565",
      fiscal_year: 2570,
      title_th: "รอบปีงบประมาณ 2570",
      title_en: "FY 2027",
      starts_on: "2026-10-01",
      ends_on: "2027-09-30",
      staff_head_count: 50,
      created_at: NOW.toISOString(),
    });
    await insertLink(db, { round_id: next, instrument: "iit", counter_id: null, token: "nextIitToken1", created_at: NOW.toISOString() });
    await insertLink(db, { round_id: next, instrument: "eit", counter_id: counterId, token: "nextEitToken1", created_at: NOW.toISOString() });

    expect(await resolvePermanentLink(db, "counter", counterToken, IN_FY2570)).toEqual({ outcome: "open", token: "nextEitToken1", roundId: next });
    expect(await resolvePermanentLink(db, "staff", staffToken, IN_FY2570)).toEqual({ outcome: "open", token: "nextIitToken1", roundId: next });
    // The old round's per-round token still names the old round; the printed one has moved on.
    expect(await resolvePermanentLink(db, "counter", counterToken, IN_FY2569)).toEqual({
      outcome: "nothing-open",
      organization: { th: "เทศบาลตำบลทดสอบ", en: "Test Municipality" },
      // Its page links the agency's complaint form (issue 16).
      agencySlug: "agency-a",
      counter: { th: "จุดชำระภาษี", en: "Tax counter" },
    });
  });
});

describe("creating permanent links", () => {
  it("gives a counter made by an admin its permanent link in the same transaction, and lists it for the operator", async () => {
    const userId = await createTestUser(db, agency.organizationId, "manager-a", "manager");
    const unitId = (await db.selectFrom("unit").where("organization_id", "=", agency.organizationId).select("id").executeTakeFirstOrThrow()).id;
    await changeCounters(db, { organizationId: agency.organizationId, userId }, { intent: "counter-create", unitId: String(unitId), nameTh: "จุดรับเรื่องร้องเรียน", nameEn: "" }, NOW);
    const created = await db.selectFrom("counter").where("name_th", "=", "จุดรับเรื่องร้องเรียน").select("id").executeTakeFirstOrThrow();
    const token = await tokenOf(agency.organizationId, "counter", created.id);
    // The new counter got its EIT link in the open round too, so its permanent link resolves at once.
    expect((await resolvePermanentLink(db, "counter", token, IN_FY2569)).outcome).toBe("open");

    const listed = await listActivePermanentLinks(db);
    expect(listed.map((l) => l.kind).sort()).toEqual(["counter", "counter", "staff"]);
    await updateOrganizationCounter(db, agency.organizationId, created.id, { status: "paused" });
    expect((await listActivePermanentLinks(db)).some((l) => l.token === token)).toBe(false);
  });

  it("makes the agency's missing permanent links before a page prints them, and the links page shows them beside the round's", async () => {
    // A counter made by a path that did not call createPermanentLinks (a direct insert, as an older tool would).
    const unitId = (await db.selectFrom("unit").where("organization_id", "=", agency.organizationId).select("id").executeTakeFirstOrThrow()).id;
    const bare = await insertCounter(db, { organization_id: agency.organizationId, unit_id: unitId, name_th: "จุดไม่มีลิงก์", name_en: "", created_at: NOW.toISOString() });
    await db.deleteFrom("permanent_link").where("kind", "=", "staff").execute();
    const links = await getPermanentLinks(db, agency.organizationId, NOW);
    expect(links.counters.has(bare)).toBe(true);
    expect(links.staff).toMatch(/^[A-Za-z0-9_-]{12}$/);

    const userId = await createTestUser(db, agency.organizationId, "viewer-a", "viewer");
    const cookie = (await createSessionCookie(db, userId, new Date())).split(";")[0]!;
    const viewer = (await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } })))!;
    const page = await getRoundLinksPage(db, viewer, String(agency.roundId));
    const iit = page.links.find((l) => l.instrument === "iit")!;
    expect(iit.permanent.url).toBe(permanentUrl("staff", links.staff));
    expect(iit.surveyUrl).toMatch(new RegExp(`/s/${agency.iitToken}$`));
    for (const eit of page.links.filter((l) => l.instrument === "eit")) {
      expect(eit.permanent.url).toBe(permanentUrl("counter", links.counters.get(eit.counter!.id)!));
      expect(eit.permanent.qrPath).toBe(`/qr/${links.counters.get(eit.counter!.id)!}.svg`);
    }
  });

  it("serves a permanent link's QR code, and no code for an unknown token", async () => {
    const token = await tokenOf(agency.organizationId, "counter");
    expect(permanentUrl("counter", token)).toMatch(new RegExp(`/c/${token}$`));
    expect(await getLinkQrSvg(db, `${token}.svg`)).toContain("<svg");
    expect(await getLinkQrSvg(db, "NoSuchToken12.svg")).toBeUndefined();
  });
});
