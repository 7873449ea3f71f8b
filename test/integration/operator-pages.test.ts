/**
 * The host operator's pages (app/routes/operator/) inside React Router's own request pipeline
 * (createStaticHandler with middleware, as test/integration/admin-middleware.test.ts): the real route
 * modules' middleware, loader and action. An agency admin's session never reaches /operator and writes
 * nothing there; the operator's session never reaches /admin; the operator's page lists counts and
 * creates an agency, refusing bad input with a 400 beside the field and writing nothing; a one-time
 * password is answered no-store; a form without the anti-forgery token is 403.
 *
 * The middleware opens the server's database (getDb, from DATABASE_URL read once): one database for the file.
 */
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import {
  createStaticHandler,
  createStaticRouter,
  RouterContextProvider,
  StaticRouterProvider,
  type ActionFunction,
  type LoaderFunction,
  type RouteObject,
  type StaticHandlerContext,
  useActionData,
  useLoaderData,
} from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireSignedInUser, resolveSignedInUser } from "../../app/auth/admin-context.server";
import { createOperator, createOperatorSessionCookie } from "../../app/auth/operator-session.server";
import { createSessionCookie } from "../../app/auth/session.server";
import { closeDb } from "../../app/lib/db.server";
import * as accountPage from "../../app/routes/operator/account";
import * as agenciesPage from "../../app/routes/operator/agencies";
import * as operatorSubtree from "../../app/routes/operator/signed-in";
import { createTestUser } from "../support/accounts";
import { createRoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let adminCookie: string;
let operatorCookie: string;
let operatorCsrf: string;

const routes: RouteObject[] = [
  {
    id: "operator-subtree",
    middleware: operatorSubtree.middleware as unknown as RouteObject["middleware"],
    children: [
      {
        id: "agencies",
        path: "operator",
        loader: agenciesPage.loader as unknown as LoaderFunction,
        action: agenciesPage.action as unknown as ActionFunction,
        // The page as the framework renders it: its loader's and action's data as props.
        Component: function AgenciesPage() {
          const Page = agenciesPage.default as unknown as ComponentType<{ loaderData: unknown; actionData: unknown }>;
          return createElement(Page, { loaderData: useLoaderData(), actionData: useActionData() });
        },
      },
      {
        id: "account",
        path: "operator/account",
        loader: accountPage.loader as unknown as LoaderFunction,
        action: accountPage.action as unknown as ActionFunction,
      },
    ],
  },
  {
    id: "admin-subtree",
    middleware: [resolveSignedInUser],
    children: [{ id: "users", path: "admin/users", loader: ({ context }) => requireSignedInUser(context, "admin").username }],
  },
];
const handler = createStaticHandler(routes);

/** The HTML of a page request that React Router answered with data (not a redirect). */
function htmlOf(context: StaticHandlerContext): string {
  return renderToStaticMarkup(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }));
}

async function open(path: string, cookie?: string, form?: Record<string, string>) {
  const headers = new Headers(cookie ? { cookie } : {});
  if (form) headers.set("content-type", "application/x-www-form-urlencoded");
  const request = new Request(`http://localhost${path}`, { method: form ? "POST" : "GET", headers, ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
  let context: StaticHandlerContext | undefined;
  const response = await handler.query(request, {
    requestContext: new RouterContextProvider(),
    generateMiddlewareResponse: async (query) => {
      const result = await query(request);
      if (result instanceof Response) return result;
      context = result;
      return new Response(null, { status: result.statusCode });
    },
  });
  if (!(response instanceof Response)) throw new Error("with middleware, query() answers a Response");
  return { status: response.status, location: response.headers.get("location"), context };
}

async function organizations() {
  return t.db.selectFrom("organization").select(["slug", "status"]).orderBy("slug").execute();
}

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.path;
  const fixture = await createRoundFixture(t.db, "town");
  adminCookie = (await createSessionCookie(t.db, await createTestUser(t.db, fixture.organizationId, "town-admin", "admin"), new Date())).split(";")[0]!;
  createdPassword = (await createOperator(t.db, "host", new Date())).password;
  const operatorId = (await t.db.selectFrom("operator_account").select("id").executeTakeFirstOrThrow()).id;
  operatorCookie = (await createOperatorSessionCookie(t.db, operatorId, new Date())).split(";")[0]!;
  operatorCsrf = (await t.db.selectFrom("operator_session").select("csrf_token").executeTakeFirstOrThrow()).csrf_token;
  // The command line's password is replaced first (the forced change is tested below with another operator).
  const changed = await open("/operator/account", operatorCookie, { csrf: operatorCsrf, intent: "change-password", current: createdPassword, next: OPERATOR_CHOSEN, confirm: OPERATOR_CHOSEN });
  if (changed.status !== 200) throw new Error(`changing the operator's password answered ${changed.status}`);
});

const OPERATOR_CHOSEN = "เครื่องให้บริการของจังหวัด ปี 2570";
let createdPassword = "";

afterAll(async () => {
  await closeDb();
  await t?.close();
});

describe("operator and agency isolation over the pages", () => {
  it("an agency admin is sent to the operator's sign-in and changes nothing", async () => {
    expect(await open("/operator", adminCookie)).toMatchObject({ status: 302, location: "/operator/sign-in" });
    const before = await organizations();
    expect(await open("/operator", adminCookie, { intent: "create", slug: "sneaky", nameTh: "แอบสร้าง", csrf: "x" })).toMatchObject({
      status: 302,
      location: "/operator/sign-in",
    });
    expect(await organizations()).toEqual(before);
    expect(await open("/operator")).toMatchObject({ status: 302, location: "/operator/sign-in" });
  });

  it("the operator's session does not open an agency's admin pages", async () => {
    expect((await open("/admin/users", operatorCookie)).status).toBe(302);
    expect((await open("/admin/users", operatorCookie)).location).toMatch(/^\/sign-in\?next=/);
    expect(await open("/admin/users", adminCookie)).toMatchObject({ status: 200 });
  });
});

describe("the operator's one-time password (printed by the command line)", () => {
  it("sends every operator page to /operator/account until it is changed, then lets the operator in", async () => {
    const { password } = await createOperator(t.db, "fresh-host", new Date());
    const id = (await t.db.selectFrom("operator_account").where("username", "=", "fresh-host").select("id").executeTakeFirstOrThrow()).id;
    const cookie = (await createOperatorSessionCookie(t.db, id, new Date())).split(";")[0]!;
    const csrf = (await t.db.selectFrom("operator_session").where("operator_id", "=", id).select("csrf_token").executeTakeFirstOrThrow()).csrf_token;
    expect(await open("/operator", cookie)).toMatchObject({ status: 302, location: "/operator/account" });
    const before = await organizations();
    expect(await open("/operator", cookie, { intent: "create", slug: "early", nameTh: "ก่อนเปลี่ยนรหัส", csrf })).toMatchObject({ status: 302, location: "/operator/account" });
    expect(await organizations()).toEqual(before);
    expect((await open("/operator/account", cookie)).status).toBe(200);

    // A wrong current password, a common new one: 400, nothing changed.
    const refused = await open("/operator/account", cookie, { csrf, intent: "change-password", current: "wrong", next: "unbelievable", confirm: "unbelievable" });
    expect(refused.status).toBe(400);
    const errors = refused.context!.actionData!.account as { errors: Record<string, { th: string }> };
    expect(Object.keys(errors.errors).sort()).toEqual(["current", "next"]);
    expect((await open("/operator", cookie)).location).toBe("/operator/account");

    const chosen = "ผู้ดูแลคนใหม่ ของเครื่องนี้";
    expect((await open("/operator/account", cookie, { csrf, intent: "change-password", current: password, next: chosen, confirm: chosen })).status).toBe(200);
    expect((await open("/operator", cookie)).status).toBe(200);
    const row = await t.db.selectFrom("operator_account").where("id", "=", id).select("must_change_password").executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(0);
  });
});

describe("the operator's page", () => {
  it("lists the agencies with counts only, answered no-store", async () => {
    const page = await open("/operator", operatorCookie);
    expect(page.status).toBe(200);
    const data = page.context!.loaderData.agencies as { agencies: Record<string, unknown>[] };
    expect(data.agencies.map((a) => a.slug)).toEqual(["town"]);
    expect(Object.keys(data.agencies[0]!).sort()).toEqual(["counters", "createdAt", "id", "nameEn", "nameTh", "responses", "rounds", "slug", "status", "type", "units", "users"]);
    expect(page.context!.loaderHeaders.agencies?.get("cache-control")).toBe("no-store");
    const html = htmlOf(page.context!);
    expect(html).toContain("หน่วยงานในเครื่องให้บริการนี้");
    expect(html).toContain("เทศบาลตำบลทดสอบ");
    expect(html).toContain(`name="csrf" value="${operatorCsrf}"`);
  });

  it("refuses a bad slug with a 400 beside the field, writing nothing", async () => {
    const before = await organizations();
    const page = await open("/operator", operatorCookie, { intent: "create", slug: "nong bua", nameTh: "", csrf: operatorCsrf });
    expect(page.status).toBe(400);
    const result = page.context!.actionData!.agencies as { fields: Record<string, { th: string; en: string }> };
    expect(Object.keys(result.fields).sort()).toEqual(["nameTh", "slug"]);
    expect(result.fields.slug!.th).toMatch(/[\u0E00-\u0E7F]/);
    // The messages stand beside their fields on the page.
    const html = htmlOf(page.context!);
    expect(html).toContain(`<span class="field-error" role="alert">${result.fields.slug!.th}</span>`);
    expect(html).toContain(`<span class="field-error" role="alert">${result.fields.nameTh!.th}</span>`);
    expect(await organizations()).toEqual(before);
  });

  it("refuses a form without the anti-forgery token with 403", async () => {
    const before = await organizations();
    const page = await open("/operator", operatorCookie, { intent: "create", slug: "nong-bua", nameTh: "หนองบัว" });
    expect(page.status).toBe(403);
    expect(await organizations()).toEqual(before);
  });

  it("creates an agency with its first admin, shows the password once, no-store; suspends it", async () => {
    const page = await open("/operator", operatorCookie, { intent: "create", slug: "nong-bua", nameTh: "หนองบัว", type: "sao-s", csrf: operatorCsrf });
    expect(page.status).toBe(200);
    const created = (page.context!.actionData!.agencies as { created: { agency: string; username: string; password: string } }).created;
    expect(created).toMatchObject({ agency: "nong-bua", username: "nong-bua-admin" });
    expect(created.password.length).toBeGreaterThanOrEqual(16);
    expect(page.context!.actionHeaders.agencies?.get("cache-control")).toBe("no-store");
    expect(htmlOf(page.context!)).toContain(`<code class="secret">${created.password}</code>`);
    const id = (await t.db.selectFrom("organization").where("slug", "=", "nong-bua").select("id").executeTakeFirstOrThrow()).id;
    expect((await open("/operator", operatorCookie, { intent: "suspend", organizationId: String(id), csrf: operatorCsrf })).status).toBe(200);
    expect(await organizations()).toEqual([
      { slug: "nong-bua", status: "suspended" },
      { slug: "town", status: "active" },
    ]);
    const audit = await t.db.selectFrom("audit_log").where("organization_id", "=", id).select(["action", "operator_id"]).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["agency.create", "user.create", "agency.suspend"]);
    expect(audit.every((a) => a.operator_id !== null)).toBe(true);
  });
});
