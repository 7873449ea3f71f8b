/**
 * The admin home's route module (app/routes/admin/rounds.tsx) as React Router calls it, on SQLite and
 * PostgreSQL, with the signed-in user the admin middleware would have put in the context: the loader
 * lists the rounds with the create form's defaults; the action creates a round and redirects, answers a
 * bad period with 400 and the message beside the field (nothing written), refuses a form without the
 * anti-forgery token (403) and a manager (403), and closes a round.
 *
 * getDb() reads DATABASE_URL once: one database for the file.
 */
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInUserContext } from "../../app/auth/admin-context.server";
import { createSessionCookie, getSessionUser, type SessionUser } from "../../app/auth/session.server";
import { closeDb } from "../../app/lib/db.server";
import { action, loader } from "../../app/routes/admin/rounds";
import { insertCounter, insertOrganization, insertUnit } from "../../db/queries/organizations";
import { createTestUser } from "../support/accounts";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let admin: SessionUser;
let manager: SessionUser;

async function sessionUser(userId: number): Promise<SessionUser> {
  const cookie = (await createSessionCookie(t.db, userId, new Date())).split(";")[0]!;
  const user = await getSessionUser(t.db, new Request("http://localhost/admin", { headers: { cookie } }));
  if (!user) throw new Error("no session user");
  return user;
}

function contextOf(user: SessionUser): RouterContextProvider {
  const context = new RouterContextProvider();
  context.set(signedInUserContext, user);
  return context;
}

async function post(user: SessionUser, fields: Record<string, string | string[]>, csrf = user.csrfToken) {
  const body = new URLSearchParams({ csrf });
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  const request = new Request("http://localhost/admin", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  try {
    const result = await action({ request, context: contextOf(user), params: {} } as never);
    return { status: (result as { init?: ResponseInit }).init?.status ?? 200, data: (result as { data?: unknown }).data, location: null as string | null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null, location: thrown.headers.get("location") };
    throw thrown;
  }
}

const roundCount = async () => (await t.db.selectFrom("round").select("id").execute()).length;

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.path;
  const created = new Date().toISOString();
  const organizationId = await insertOrganization(t.db, {
    slug: "home-page",
    name_th: "เทศบาลตำบลหน้าแรก",
    name_en: "Home Page Municipality",
    size_group: "tambon-municipality-m",
    district_th: "เมือง",
    province_th: "ทดสอบ",
    created_at: created,
  });
  const unitId = await insertUnit(t.db, { organization_id: organizationId, name_th: "สำนักปลัด", name_en: "Office", created_at: created });
  await insertCounter(t.db, { organization_id: organizationId, unit_id: unitId, name_th: "งานทะเบียน", name_en: "Registration", created_at: created });
  admin = await sessionUser(await createTestUser(t.db, organizationId, "home-admin", "admin"));
  manager = await sessionUser(await createTestUser(t.db, organizationId, "home-manager", "manager"));
});

afterAll(async () => {
  await closeDb();
  await t?.close();
});

describe("the admin home", () => {
  it("creates a round from the form (redirecting), refuses bad input, a missing token and a manager, and closes the round", async () => {
    const bad = await post(admin, { intent: "create", countersGiven: "1", staffHeadCount: "50", startsOn: "2027-01-01", endsOn: "2026-12-31" });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ ok: false, intent: "create", errors: { endsOn: { th: "วันสิ้นสุดต้องไม่อยู่ก่อนวันเริ่ม" } } });
    expect(await roundCount()).toBe(0);

    const forged = await post(admin, { intent: "create", staffHeadCount: "50" }, "not-the-token");
    expect(forged.status).toBe(403);
    expect((await post(manager, { intent: "create", staffHeadCount: "50" })).status).toBe(403);
    expect(await roundCount()).toBe(0);

    const counter = await t.db.selectFrom("counter").select("id").executeTakeFirstOrThrow();
    const created = await post(admin, { intent: "create", countersGiven: "1", counterId: String(counter.id), staffHeadCount: "50", accessMode: "open" });
    expect(created.status).toBe(302);
    expect(created.location).toMatch(/^\/admin\?created=\d+$/);
    const roundId = Number(created.location!.split("=")[1]);

    const page = await loader({ request: new Request("http://localhost/admin?created=1"), context: contextOf(admin), params: {} } as never);
    const home = (page as unknown as { data: { rounds: { id: number; status: string; links: unknown[] }[]; hasOpenRound: boolean; canManage: boolean; flash: { created: string } } }).data;
    expect(home.rounds.map((r) => [r.id, r.status, r.links.length])).toEqual([[roundId, "open", 2]]);
    expect(home).toMatchObject({ hasOpenRound: true, canManage: true, flash: { created: "1" } });

    const second = await post(admin, { intent: "create", countersGiven: "1", staffHeadCount: "50", fiscalYear: "2575" });
    expect(second).toMatchObject({ status: 409, data: { message: { th: expect.stringContaining("กรุณาปิดรอบนั้นก่อน") } } });

    const closed = await post(admin, { intent: "close", roundId: String(roundId) });
    expect(closed).toMatchObject({ status: 302, location: `/admin?closed=${roundId}` });
    expect((await t.db.selectFrom("round").select("status").executeTakeFirstOrThrow()).status).toBe("closed");
  });
});
