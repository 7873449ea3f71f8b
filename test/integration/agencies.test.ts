/**
 * Agencies and the host operator (issue 11, items 1 and 3) on a real, freshly migrated database, SQLite
 * or PostgreSQL (the same file runs in both integration projects): create-agency's validation writes
 * nothing on bad input; the operator and an agency's users never share a session; the operator's list
 * holds counts, never answers; a suspended agency's links refuse answers and store nothing, and its users
 * cannot sign in; remove-demo leaves no row of the demo in any table and the other agency untouched.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOperator, createOperatorSessionCookie, getSessionOperator, requireOperator, signInOperator } from "../../app/auth/operator-session.server";
import { createSessionCookie, getSessionUser } from "../../app/auth/session.server";
import { signIn } from "../../app/auth/sign-in.server";
import { HttpError } from "../../app/lib/http";
import { seedDemo } from "../../app/seed/demo-agency.server";
import {
  createAgency,
  createAgencyAdmin,
  defaultAgencyType,
  listAgencies,
  listAgencyTypes,
  removeDemoAgency,
  renameAgency,
  setAgencyStatus,
} from "../../app/services/agencies.server";
import { SuspendedAgencyError } from "../../app/services/agency-suspended";
import { requireAcceptingLink, submitResponse } from "../../app/services/submit-response.server";
import type { Db } from "../../db/client.server";
import { listAuditLog } from "../../db/queries/audit-log";
import { createTestUser, TEST_PASSWORD } from "../support/accounts";
import { countRows, createRoundFixture, makeAnswers, newSubmissionId } from "../support/fixtures";
import { unhurried } from "../support/start-stamps";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-03-01T03:00:00.000Z");
const CLI = { kind: "cli" } as const;

let t: TestDb;
let db: Db;

beforeEach(async () => {
  t = await createTestDb();
  db = t.db;
});
afterEach(async () => {
  await t.close();
});

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected an HttpError").toBeInstanceOf(HttpError);
  return error as HttpError;
}

/** Every row of every table of the application (not Kysely's own), as JSON, per table. */
async function everyRow(): Promise<Record<string, string[]>> {
  const tables = (await db.introspection.getTables()).map((table) => table.name).filter((name) => !name.startsWith("kysely_"));
  const rows: Record<string, string[]> = {};
  for (const table of tables.sort()) {
    const all = await db.selectFrom(table as "unit").selectAll().execute();
    rows[table] = all.map((row) => JSON.stringify(row)).sort();
  }
  return rows;
}

async function counts() {
  return {
    organizations: (await db.selectFrom("organization").selectAll().execute()).length,
    users: (await db.selectFrom("user").selectAll().execute()).length,
    audit: (await db.selectFrom("audit_log").selectAll().execute()).length,
  };
}

function cookieOf(setCookie: string): string {
  return setCookie.split(";")[0]!;
}

describe("create-agency", () => {
  it("creates the agency, its first admin and their audit entries; the admin can sign in", async () => {
    const created = await createAgency(db, CLI, { slug: "nong-bua", nameTh: "เทศบาลตำบลหนองบัว", nameEn: "Nong Bua", type: "sao-l" }, NOW);
    expect(created.agency).toMatchObject({ slug: "nong-bua", nameTh: "เทศบาลตำบลหนองบัว", nameEn: "Nong Bua", type: "sao-l", status: "active" });
    expect(created.admin.username).toBe("nong-bua-admin");
    expect(created.admin.password.length).toBeGreaterThanOrEqual(16);
    const row = await db.selectFrom("organization").where("slug", "=", "nong-bua").selectAll().executeTakeFirstOrThrow();
    expect(row.size_group).toBe("sao-l");
    const user = await db.selectFrom("user").where("username", "=", "nong-bua-admin").selectAll().executeTakeFirstOrThrow();
    expect(user.role).toBe("admin");
    expect(user.password_hash).not.toContain(created.admin.password);
    expect(await signIn(db, "nong-bua-admin", created.admin.password, NOW)).toMatchObject({ ok: true });
    // Its permanent staff link exists from the start, so staff slips can be printed before the first round.
    const permanent = await db.selectFrom("permanent_link").where("organization_id", "=", row.id).select(["kind", "counter_id"]).execute();
    expect(permanent).toEqual([{ kind: "staff", counter_id: null }]);
    const audit = await db.selectFrom("audit_log").where("organization_id", "=", row.id).selectAll().orderBy("id").execute();
    // The sign-in above is in the log too (issue 14, item 9).
    expect(audit.map((a) => a.action)).toEqual(["agency.create", "user.create", "user.sign-in"]);
    expect(audit.map((a) => a.detail).join()).not.toContain(created.admin.password);
  });

  it("takes its types from the framework's sample-size table, and 'other' without one", async () => {
    expect(listAgencyTypes().map((g) => g.code)).toEqual(["tambon-municipality-m", "tambon-municipality-s", "sao-l", "sao-m", "sao-s", "other"]);
    expect(defaultAgencyType()).toBe("other");
    const created = await createAgency(db, CLI, { slug: "office", nameTh: "สำนักงานทดสอบ" }, NOW);
    expect(created.agency.type).toBe("other");
    expect(created.agency.nameEn).toBe("");
  });

  it.each([
    ["a slug with spaces", { slug: "nong bua", nameTh: "หนองบัว" }, "slug"],
    ["an uppercase slug", { slug: "NongBua", nameTh: "หนองบัว" }, "slug"],
    ["a slug ending in a hyphen", { slug: "nong-", nameTh: "หนองบัว" }, "slug"],
    ["no slug", { nameTh: "หนองบัว" }, "slug"],
    ["an empty Thai name", { slug: "nong-bua", nameTh: "   " }, "nameTh"],
    ["no Thai name", { slug: "nong-bua" }, "nameTh"],
    ["an unknown type", { slug: "nong-bua", nameTh: "หนองบัว", type: "city-xl" }, "type"],
  ])("refuses %s with a 400 naming the field, writing nothing", async (_, input, field) => {
    const before = await counts();
    const error = await rejection(createAgency(db, CLI, input, NOW));
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields ?? {})).toContain(field);
    expect(error.fields![field]!.th).toMatch(/[\u0E00-\u0E7F]/);
    expect(error.fields![field]!.en).toMatch(/[a-z]/);
    expect(await counts()).toEqual(before);
  });

  it("lets one of two simultaneous creates of one slug through; the other is the same 400", async () => {
    const results = await Promise.allSettled([
      createAgency(db, CLI, { slug: "nong-bua", nameTh: "หนองบัว ๑" }, NOW),
      createAgency(db, CLI, { slug: "nong-bua", nameTh: "หนองบัว ๒" }, NOW),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(HttpError);
    expect((refused.reason as HttpError).status).toBe(400);
    expect(await counts()).toMatchObject({ organizations: 1, users: 1, audit: 2 });
  });

  it("refuses a duplicate slug, writing nothing", async () => {
    await createAgency(db, CLI, { slug: "nong-bua", nameTh: "หนองบัว" }, NOW);
    const before = await counts();
    const error = await rejection(createAgency(db, CLI, { slug: "nong-bua", nameTh: "หนองบัวอีกแห่ง" }, NOW));
    expect(error.status).toBe(400);
    expect(error.fields?.slug?.th).toContain("รหัสนี้");
    expect(await counts()).toEqual(before);
  });
});

describe("the operator's changes", () => {
  it("renames, suspends, reactivates and adds an admin, each audited with the operator's id", async () => {
    const operator = await createOperator(db, "host", NOW);
    const operatorId = (await db.selectFrom("operator_account").select("id").executeTakeFirstOrThrow()).id;
    expect(operator.password.length).toBeGreaterThanOrEqual(16);
    const actor = { kind: "operator", operatorId } as const;
    const { agency } = await createAgency(db, actor, { slug: "nong-bua", nameTh: "หนองบัว" }, NOW);
    await renameAgency(db, actor, agency.id, { nameTh: "เทศบาลตำบลหนองบัว", nameEn: "Nong Bua", type: "sao-m" }, NOW);
    await setAgencyStatus(db, actor, agency.id, "suspended", NOW);
    await setAgencyStatus(db, actor, agency.id, "active", NOW);
    const admin = await createAgencyAdmin(db, actor, agency.id, { username: "somchai" }, NOW);
    expect(admin.username).toBe("somchai");
    expect((await rejection(renameAgency(db, actor, agency.id, { nameTh: "" }, NOW))).status).toBe(400);
    expect((await rejection(createAgencyAdmin(db, actor, agency.id, { username: "somchai" }, NOW))).status).toBe(400);
    expect((await rejection(setAgencyStatus(db, actor, 9999, "suspended", NOW))).status).toBe(404);
    const audit = await db.selectFrom("audit_log").where("organization_id", "=", agency.id).selectAll().orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["agency.create", "user.create", "agency.rename", "agency.suspend", "agency.reactivate", "user.create"]);
    expect(audit.every((a) => a.operator_id === operatorId && a.user_id === null)).toBe(true);
    // The agency's own audit page names the operator.
    const shown = await listAuditLog(db, agency.id, 10);
    expect(shown.every((entry) => entry.operatorUsername === "host" && entry.username === null)).toBe(true);
    const row = await db.selectFrom("organization").where("id", "=", agency.id).selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name_th: "เทศบาลตำบลหนองบัว", name_en: "Nong Bua", size_group: "sao-m", status: "active" });
  });

  it("refuses a bad or taken operator username", async () => {
    await createOperator(db, "host", NOW);
    expect((await rejection(createOperator(db, "host", NOW))).status).toBe(400);
    expect((await rejection(createOperator(db, "Host Name", NOW))).status).toBe(400);
    expect((await db.selectFrom("operator_account").selectAll().execute()).length).toBe(1);
  });
});

describe("operator and agency isolation", () => {
  it("an agency admin's session is no operator's, and an operator's session is no agency user's", async () => {
    const fixture = await createRoundFixture(db, "town");
    const adminId = await createTestUser(db, fixture.organizationId, "town-admin", "admin");
    const adminCookie = cookieOf(await createSessionCookie(db, adminId, new Date()));
    const adminRequest = new Request("http://localhost/operator", { headers: { cookie: adminCookie } });
    expect(await getSessionOperator(db, adminRequest)).toBeUndefined();
    const thrown = await requireOperator(db, adminRequest).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("location")).toBe("/operator/sign-in");
    // An agency user's password is not an operator's.
    expect(await signInOperator(db, "town-admin", TEST_PASSWORD, NOW)).toMatchObject({ ok: false });

    const operator = await createOperator(db, "host", NOW);
    const signedIn = await signInOperator(db, "host", operator.password, NOW);
    expect(signedIn.ok).toBe(true);
    const setCookie = await createOperatorSessionCookie(db, (signedIn as { operatorId: number }).operatorId, new Date());
    // Path=/: a Path=/operator cookie would miss React Router's /operator.data fetches (RFC 6265 §5.1.4).
    expect(setCookie).toContain("Path=/;");
    const operatorRequest = new Request("http://localhost/admin", { headers: { cookie: cookieOf(setCookie) } });
    expect(await getSessionOperator(db, new Request("http://localhost/operator", { headers: { cookie: cookieOf(setCookie) } }))).toBeDefined();
    expect(await getSessionUser(db, operatorRequest)).toBeUndefined();
    // An operator's password is not an agency user's either.
    expect(await signIn(db, "host", operator.password, NOW)).toMatchObject({ ok: false });
  });

  it("the operator's list holds counts, never answers or names of people", async () => {
    const fixture = await createRoundFixture(db, "town");
    await createTestUser(db, fixture.organizationId, "town-admin", "admin");
    // A group of five visitors (the answer pool releases a counter's answers five at a time).
    const sent = [0, 1, 2, 3, 4].map((n) => makeAnswers("eit", (i, options) => (i + n) % options));
    for (const answers of sent) await submitResponse(db, fixture.eitToken, JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers })), { now: NOW, recentFromAddress: 1 });
    await createAgency(db, CLI, { slug: "empty", nameTh: "หน่วยงานว่าง" }, NOW);
    const list = await listAgencies(db);
    expect(list.map((a) => a.slug)).toEqual(["empty", "town"]);
    const town = list.find((a) => a.slug === "town")!;
    expect(town).toMatchObject({ units: 1, counters: 1, rounds: 1, responses: 5, users: 1, status: "active" });
    expect(list.find((a) => a.slug === "empty")).toMatchObject({ units: 0, counters: 0, rounds: 0, responses: 0, users: 1 });
    expect(Object.keys(town).sort()).toEqual(["counters", "createdAt", "id", "nameEn", "nameTh", "responses", "rounds", "slug", "status", "type", "units", "users"]);
    const text = JSON.stringify(list);
    expect(text).not.toContain("town-admin");
    for (const value of sent.flatMap((answers) => Object.values(answers))) expect(text).not.toContain(`"${value}"`);
  });
});

describe("a suspended agency", () => {
  it("refuses its links with 403 and stores nothing, and its users cannot sign in; reactivated, both work again", async () => {
    const fixture = await createRoundFixture(db, "town");
    const other = await createRoundFixture(db, "other-town");
    await createTestUser(db, fixture.organizationId, "town-admin", "admin");
    const userId = (await db.selectFrom("user").where("username", "=", "town-admin").select("id").executeTakeFirstOrThrow()).id;
    const cookie = cookieOf(await createSessionCookie(db, userId, new Date()));
    const request = new Request("http://localhost/admin", { headers: { cookie } });
    expect(await getSessionUser(db, request)).toBeDefined();

    await setAgencyStatus(db, CLI, fixture.organizationId, "suspended", NOW);
    const before = await countRows(db);
    for (const token of [fixture.iitToken, fixture.eitToken]) {
      const error = await rejection(requireAcceptingLink(db, token));
      expect(error).toBeInstanceOf(SuspendedAgencyError);
      expect(error.status).toBe(403);
      expect(error.messageTh).toMatch(/[\u0E00-\u0E7F]/);
    }
    const body = JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers: makeAnswers("eit") }));
    expect((await rejection(submitResponse(db, fixture.eitToken, body, { now: NOW, recentFromAddress: 1 }))).status).toBe(403);
    expect(await countRows(db)).toEqual(before);
    // The other agency is not affected.
    const otherBody = JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers: makeAnswers("eit") }));
    expect(await submitResponse(db, other.eitToken, otherBody, { now: NOW, recentFromAddress: 1 })).toMatchObject({ stored: true });
    // Its users: the session stops at once, and sign-in says why (only to the right password).
    expect(await getSessionUser(db, request)).toBeUndefined();
    const refused = await signIn(db, "town-admin", TEST_PASSWORD, NOW);
    expect(refused).toMatchObject({ ok: false, reason: "suspended" });
    expect(await signIn(db, "town-admin", "wrong password", NOW)).toMatchObject({ ok: false, reason: "refused" });

    await setAgencyStatus(db, CLI, fixture.organizationId, "active", NOW);
    expect(await submitResponse(db, fixture.eitToken, body, { now: NOW, recentFromAddress: 1 })).toMatchObject({ stored: true });
    expect(await signIn(db, "town-admin", TEST_PASSWORD, NOW)).toMatchObject({ ok: true });
  });
});

describe("remove-demo", () => {
  it("deletes every row of the demo agency, in every table, and leaves the other agency as it was", async () => {
    const seeded = await seedDemo(db, { now: NOW });
    expect(seeded.created).toBe(true);
    const demoOnly = await everyRow();
    expect(demoOnly.response!.length).toBeGreaterThan(0);
    // The demo has a logo (its settings, migration 0009): it goes with the rest.
    expect(demoOnly.organization_logo).toHaveLength(1);

    // A second agency with a round, an answer, users, a session, an audit entry and an operator.
    const { agency } = await createAgency(db, CLI, { slug: "nong-bua", nameTh: "หนองบัว" }, NOW);
    const fixture = await createRoundFixture(db, "town");
    await submitResponse(db, fixture.eitToken, JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers: makeAnswers("eit") })), { now: NOW, recentFromAddress: 1 });
    const userId = await createTestUser(db, fixture.organizationId, "town-admin", "admin");
    await createSessionCookie(db, userId, NOW);
    const operator = await createOperator(db, "host", NOW);
    expect(operator.username).toBe("host");
    await setAgencyStatus(db, CLI, agency.id, "suspended", NOW);
    const withBoth = await everyRow();

    const deleted = await removeDemoAgency(db);
    expect(deleted).not.toBeNull();
    expect(deleted!.organization).toBe(1);
    expect(deleted!.response).toBe(demoOnly.response!.length);
    expect(deleted!.permanent_link).toBe(demoOnly.permanent_link!.length);
    expect(deleted!.permanent_link).toBeGreaterThan(0);
    const after = await everyRow();

    expect(Object.keys(after)).toEqual(Object.keys(withBoth));
    for (const table of Object.keys(withBoth)) {
      const demoRows = new Set(demoOnly[table] ?? []);
      // Exactly the rows that were not the demo's: none of the demo's is left, none of the others moved.
      const expected = withBoth[table]!.filter((row) => !demoRows.has(row));
      expect(after[table], table).toEqual(expected);
      expect(after[table]!.length, table).toBe(withBoth[table]!.length - (demoOnly[table]?.length ?? 0));
    }
    // Nothing left to remove the second time.
    expect(await removeDemoAgency(db)).toBeNull();
  });
});
