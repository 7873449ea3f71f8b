/** Accounts for tests: a user with a known password, and signing in over HTTP like a browser. */
import type { Db } from "../../db/client.server";
import { insertUser } from "../../db/queries/users";
import type { Role } from "../../db/schema";
import { hashPassword } from "../../app/auth/password.server";

export const TEST_PASSWORD = "correct horse battery staple";

/** A user with TEST_PASSWORD; `unitId` for a complaint handler (role "complaints", issue 16). */
export async function createTestUser(db: Db, organizationId: number, username: string, role: Role, unitId: number | null = null): Promise<number> {
  return insertUser(db, {
    organization_id: organizationId,
    username,
    password_hash: await hashPassword(TEST_PASSWORD),
    role,
    unit_id: unitId,
    created_at: new Date().toISOString(),
  });
}

export interface SignedIn {
  cookie: string;
  csrf: string;
}

/**
 * Signs in through the real form and returns the session cookie and the page's anti-forgery token. With
 * `agency` (its slug), the form's agency code: needed when several agencies have that username.
 */
export async function signInOverHttp(baseUrl: string, username: string, password = TEST_PASSWORD, agency?: string): Promise<SignedIn> {
  const response = await fetch(`${baseUrl}/sign-in`, {
    method: "POST",
    body: new URLSearchParams({ username, password, next: "/admin", ...(agency === undefined ? {} : { agency }) }),
    redirect: "manual",
  });
  const setCookie = response.headers.get("set-cookie") ?? "";
  const cookie = /prongsai_session=[^;]+/.exec(setCookie)?.[0];
  if (response.status !== 302 || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  const home = await fetch(`${baseUrl}/admin`, { headers: { cookie }, redirect: "manual" });
  if (home.status === 302 && home.headers.get("location") === "/admin/account") {
    // A one-time password (an agency's first admin, the demo's, the CLI's): the server sends every page to
    // the account page until its owner chooses one. Tests about other things choose one here, as a person
    // would; test/e2e/account.test.ts tests the change itself.
    await changeOneTimePassword(baseUrl, cookie, password);
  } else if (home.status !== 200) throw new Error(`/admin answered ${home.status}`);
  const html = await (await fetch(`${baseUrl}/admin`, { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error("no anti-forgery token on /admin");
  return { cookie, csrf };
}

/** The password a test account chooses in place of its one-time `password`: the same one, extended. */
export function chosenPassword(oneTimePassword: string): string {
  return `${oneTimePassword}-chosen-by-its-owner`;
}

async function changeOneTimePassword(baseUrl: string, cookie: string, password: string): Promise<void> {
  const page = await (await fetch(`${baseUrl}/admin/account`, { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error("no anti-forgery token on /admin/account");
  const next = chosenPassword(password);
  const changed = await fetch(`${baseUrl}/admin/account`, {
    method: "POST",
    headers: { cookie },
    body: new URLSearchParams({ csrf, intent: "change-password", current: password, next, confirm: next }),
    redirect: "manual",
  });
  if (changed.status !== 200) throw new Error(`changing the one-time password answered ${changed.status}`);
}
