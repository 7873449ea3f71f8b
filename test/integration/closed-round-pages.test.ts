/**
 * Closed means closed at the respondent's door (issue 11, item 5), on SQLite and PostgreSQL: the survey
 * page (/s/:token) and the kiosk (/k/:token) of a closed round answer a friendly 410 — the phone's with
 * the way to the round open now, the kiosk's without a link off the tablet — and the access-code
 * endpoint answers 410 too, storing nothing. The route modules are called as React Router calls them.
 *
 * The loaders open the server's database (getDb, from DATABASE_URL read once): one database for the file.
 */
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "../../app/lib/db.server";
import { createPermanentLinks } from "../../app/services/permanent-links.server";
import { createRound, setRoundStatus } from "../../app/services/rounds/commands.server";
import { loadRespondentPage } from "../../app/services/respondent-page.server";
import { action as codeAction } from "../../app/routes/public/survey-code";
import { insertCounter, insertOrganization, insertUnit } from "../../db/queries/organizations";
import { countRows } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let closedIit = "";
let closedEit = "";
let counterPermanent = "";

/** What a loader threw with data(body, { status }): React Router renders its error boundary from it. */
async function thrownData(promise: Promise<unknown>): Promise<{ status: number | undefined; data: unknown }> {
  const thrown = await promise.then(
    () => {
      throw new Error("expected the loader to throw");
    },
    (error: unknown) => error as { data: unknown; init: ResponseInit | null },
  );
  return { status: thrown.init?.status, data: thrown.data };
}

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.path;
  const now = new Date();
  const organizationId = await insertOrganization(t.db, {
    slug: "closed-pages",
    name_th: "เทศบาลตำบลปิดรอบ",
    name_en: "Closed Round Municipality",
    size_group: "tambon-municipality-m",
    district_th: "เมือง",
    province_th: "ทดสอบ",
    created_at: now.toISOString(),
  });
  const unitId = await insertUnit(t.db, { organization_id: organizationId, name_th: "กองคลัง", name_en: "Finance", created_at: now.toISOString() });
  await insertCounter(t.db, { organization_id: organizationId, unit_id: unitId, name_th: "จุดชำระภาษี", name_en: "Taxes", created_at: now.toISOString() });
  await createPermanentLinks(t.db, organizationId, now);
  const actor = { organizationId, userId: null };
  // A round of fiscal year 2560 (long over), its staff answering with codes, and the round open today.
  const today = new Date();
  const old = await createRound(t.db, actor, { fiscalYear: "2560", staffHeadCount: "40", accessMode: "codes" }, today);
  if (!old.ok) throw new Error(JSON.stringify(old));
  // Closed by status as well, so that the open round below may exist.
  const closed = await setRoundStatus(t.db, actor, old.round.id, "closed", today);
  if (!closed.ok) throw new Error(JSON.stringify(closed));
  closedIit = old.links.find((l) => l.instrument === "iit")!.token;
  closedEit = old.links.find((l) => l.instrument === "eit")!.token;
  const current = await createRound(t.db, actor, { staffHeadCount: "40" }, today);
  if (!current.ok) throw new Error(JSON.stringify(current));
  counterPermanent = (await t.db.selectFrom("permanent_link").where("kind", "=", "counter").select("token").executeTakeFirstOrThrow()).token;
});

afterAll(async () => {
  await closeDb();
  await t?.close();
});

describe("a closed round's respondent pages", () => {
  it("/s/:token answers 410 with the closed page's data and the way to the round open now", async () => {
    const error = await thrownData(loadRespondentPage(new Request(`http://localhost/s/${closedEit}`), closedEit));
    expect(error.status).toBe(410);
    expect(error.data).toEqual({ lang: "th", closed: { th: "เทศบาลตำบลปิดรอบ", en: "Closed Round Municipality" }, wayOn: `/c/${counterPermanent}` });
  });

  it("/k/:token answers 410 too, in English when asked, with no link off the kiosk", async () => {
    const error = await thrownData(loadRespondentPage(new Request(`http://localhost/k/${closedEit}?lang=en`), closedEit));
    expect(error.status).toBe(410);
    expect(error.data).toMatchObject({ lang: "en", closed: { th: "เทศบาลตำบลปิดรอบ" }, wayOn: null });
  });

  it("the access-code check answers 410 with a Thai and an English message and uses nothing", async () => {
    const before = await countRows(t.db);
    const codesBefore = await t.db.selectFrom("access_code").select("id").execute();
    const response = await codeAction({
      request: new Request(`http://localhost/s/${closedIit}/code`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: "ABCD-EFGH" }) }),
      params: { token: closedIit },
      context: new RouterContextProvider(),
    } as never);
    expect(response.status).toBe(410);
    const body = (await response.json()) as { message: string; messageEn: string };
    expect(body.message).toContain("ปิดรับคำตอบแล้ว");
    expect(body.messageEn).toContain("closed");
    expect(await countRows(t.db)).toEqual(before);
    expect(await t.db.selectFrom("access_code").select("id").execute()).toEqual(codesBefore);
  });
});
