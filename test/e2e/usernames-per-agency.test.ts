/**
 * Usernames unique per agency over HTTP, against the built server (issue 14, item 7; docs/decisions/
 * usernames-per-agency.md): the sign-in page asks for the agency's code only when the installation has
 * several agencies, filled from ?agency= or else from the cookie the last sign-in left; each agency's
 * "admin" signs in to its own agency with the code; the users page gives the sign-in address with the
 * agency's code. The rules themselves, on both databases: test/integration/usernames-per-agency.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import { REFUSED } from "../../app/auth/sign-in.server";
import { insertUser } from "../../db/queries/users";
import { createTestUser, signInOverHttp, TEST_PASSWORD } from "../support/accounts";
import { createRoundFixture } from "../support/fixtures";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";

const PASSWORD_B = "agency b's admin has this one";

let t: TestDb;
let server: RunningServer;

beforeAll(async () => {
  t = await createTestDb();
  // One agency to begin with: the field is added to the page once there is a second (the page counts them at each request).
  const a = await createRoundFixture(t.db, "agency-a");
  await createTestUser(t.db, a.organizationId, "admin", "admin");
  server = await startServer({ databasePath: t.path });
});

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

async function addAgencyB(): Promise<void> {
  const b = await createRoundFixture(t.db, "agency-b");
  await insertUser(t.db, { organization_id: b.organizationId, username: "admin", password_hash: await hashPassword(PASSWORD_B), role: "admin", created_at: new Date().toISOString() });
}

/** The sign-in page's agency field (its value), or null when the page has none. */
async function agencyField(path: string, cookie?: string): Promise<string | null> {
  const response = await fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  expect(response.status).toBe(200);
  const html = await response.text();
  const input = /<input[^>]*name="agency"[^>]*>/.exec(html)?.[0];
  if (!input) return null;
  expect(html).toContain("รหัสหน่วยงาน");
  return /value="([^"]*)"/.exec(input)?.[1] ?? "";
}

async function post(form: Record<string, string>, path = "/sign-in") {
  const response = await fetch(`${server.url}${path}`, { method: "POST", body: new URLSearchParams(form), redirect: "manual" });
  const html = await response.text();
  return {
    status: response.status,
    location: response.headers.get("location"),
    cookies: response.headers.getSetCookie(),
    message: /role="alert">([^<]*)</.exec(html)?.[1],
  };
}

describe("the sign-in page", () => {
  it("has no agency field while the installation has one agency, whatever the address says", async () => {
    expect(await agencyField("/sign-in")).toBeNull();
    expect(await agencyField("/sign-in?agency=agency-a")).toBeNull();
    expect(await agencyField("/sign-in", "prongsai_agency=agency-a")).toBeNull();
    // The one agency is implied: its users sign in with their name and password only.
    expect(await post({ username: "admin", password: TEST_PASSWORD })).toMatchObject({ status: 302, location: "/admin" });
  });

  it("asks for the agency once there are two, filled from ?agency=, else from the remembered cookie", async () => {
    await addAgencyB();
    expect(await agencyField("/sign-in")).toBe("");
    expect(await agencyField("/sign-in?agency=agency-b")).toBe("agency-b");
    expect(await agencyField("/sign-in?agency=%20Agency-B%20")).toBe("agency-b");
    expect(await agencyField("/sign-in", "prongsai_agency=agency-a")).toBe("agency-a");
    // The link the admin gave wins over the device's memory.
    expect(await agencyField("/sign-in?agency=agency-b", "prongsai_agency=agency-a")).toBe("agency-b");
    // Nothing that is no agency code is written into the page.
    expect(await agencyField('/sign-in?agency=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E')).toBe("");
    expect(await agencyField("/sign-in", "prongsai_agency=%22x")).toBe("");
    const english = await (await fetch(`${server.url}/sign-in?lang=en&agency=agency-b`)).text();
    expect(english).toContain("Agency code");
  });
});

describe("signing in with the agency's code", () => {
  it("lands each agency's 'admin' in its own agency, and remembers the agency on the device", async () => {
    const a = await post({ agency: "agency-a", username: "admin", password: TEST_PASSWORD, next: "/admin/users" });
    expect(a).toMatchObject({ status: 302, location: "/admin/users" });
    const agencyCookie = a.cookies.find((c) => c.startsWith("prongsai_agency="));
    expect(agencyCookie).toBe("prongsai_agency=agency-a; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000");
    const session = a.cookies.find((c) => c.startsWith("prongsai_session="))!.split(";")[0]!;
    // The users page names the agency signed in to, with the address its staff sign in at (Thai, and English).
    const usersA = await (await fetch(`${server.url}/admin/users`, { headers: { cookie: session } })).text();
    expect(usersA).toContain(`${server.url}/sign-in?agency=agency-a`);
    expect(usersA).toContain("ผู้ใช้ของหน่วยงานเข้าสู่ระบบที่ลิงก์นี้");
    expect(usersA).not.toContain("agency-b");
    const usersEnglish = await (await fetch(`${server.url}/admin/users?lang=en`, { headers: { cookie: session } })).text();
    expect(usersEnglish).toContain("users sign in at this address, which fills in the agency code (agency-a)");

    const b = await signInOverHttp(server.url, "admin", PASSWORD_B, "agency-b");
    const usersB = await (await fetch(`${server.url}/admin/users`, { headers: { cookie: b.cookie } })).text();
    expect(usersB).toContain(`${server.url}/sign-in?agency=agency-b`);
    expect(usersB).not.toContain("agency-a");

    // The same request through React Router's data request (a browser with scripts) sets both cookies too.
    const data = await fetch(`${server.url}/sign-in.data`, {
      method: "POST",
      body: new URLSearchParams({ agency: "agency-b", username: "admin", password: PASSWORD_B, next: "/admin" }),
      redirect: "manual",
    });
    expect(data.headers.getSetCookie().map((c) => c.split("=")[0])).toEqual(["prongsai_session", "prongsai_agency"]);
    expect(data.headers.getSetCookie()[1]).toMatch(/^prongsai_agency=agency-b;/);
  });

  it("refuses, with the one answer, a name two agencies have without a code, an unknown code, and another agency's code", async () => {
    for (const form of <Record<string, string>[]>[
      { username: "admin", password: TEST_PASSWORD },
      { agency: "", username: "admin", password: PASSWORD_B },
      { agency: "agency-c", username: "admin", password: TEST_PASSWORD },
      { agency: "agency-b", username: "admin", password: TEST_PASSWORD },
    ]) {
      const answer = await post({ ...form, next: "/admin" });
      expect({ form, status: answer.status, message: answer.message, cookies: answer.cookies }).toEqual({ form, status: 401, message: REFUSED.th, cookies: [] });
    }
  });

  it("comes back to the page that sent a signed-out visitor to sign in, the agency filled in from the last sign-in", async () => {
    const sent = await fetch(`${server.url}/admin/users`, { redirect: "manual" });
    expect(sent.status).toBe(302);
    const location = sent.headers.get("location")!;
    expect(location).toBe(`/sign-in?next=${encodeURIComponent("/admin/users")}`);
    expect(await agencyField(location, "prongsai_agency=agency-b")).toBe("agency-b");
    const page = await (await fetch(`${server.url}${location}`, { headers: { cookie: "prongsai_agency=agency-b" } })).text();
    const next = /name="next" value="([^"]*)"/.exec(page)![1]!;
    expect(await post({ agency: "agency-b", username: "admin", password: PASSWORD_B, next })).toMatchObject({ status: 302, location: "/admin/users" });
  });
});
