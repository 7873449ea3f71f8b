/**
 * The admin subtree's sign-in middleware (app/auth/admin-context.server.ts) and the round guard
 * (app/auth/round-access.server.ts) inside React Router's own request pipeline — createStaticHandler
 * with middleware, as the server's request handler runs pages, data requests and resource routes. The
 * loaders below do what the admin routes do, so the test says what a route may rely on: no session is
 * the redirect to sign-in that comes back; a role below the page's is 403 from the page; another
 * agency's round is a 404; the layout and the page get the one user resolved for the request.
 *
 * The middleware opens the server's database (getDb, from DATABASE_URL read once), so this file shares
 * one database among its tests.
 */
import { createStaticHandler, RouterContextProvider, type RouteObject, type StaticHandlerContext } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireSignedInUser, resolveSignedInUser } from "../../app/auth/admin-context.server";
import { requireRound } from "../../app/auth/round-access.server";
import { createSessionCookie, type SessionUser } from "../../app/auth/session.server";
import { closeDb, getDb } from "../../app/lib/db.server";
import { createTestUser } from "../support/accounts";
import { createRoundFixture, type RoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let agencyA: RoundFixture;
let agencyB: RoundFixture;
let viewerA: string;
let adminA: string;
let adminB: string;

/** Users seen by the layout and by the page in the last request, to show they are one. */
let seen: { layout?: SessionUser; page?: SessionUser } = {};

const routes: RouteObject[] = [
  {
    id: "signed-in",
    middleware: [resolveSignedInUser],
    children: [
      {
        id: "layout",
        loader: ({ context }) => {
          seen.layout = requireSignedInUser(context);
          return null;
        },
        children: [
          {
            id: "users",
            path: "admin/users",
            loader: ({ context }) => requireSignedInUser(context, "admin").username,
          },
          {
            id: "round",
            path: "admin/rounds/:roundId",
            loader: async ({ context, params }) => {
              const user = requireSignedInUser(context);
              seen.page = user;
              return (await requireRound(getDb(), user, params.roundId)).id;
            },
            action: async ({ context, params }) => {
              const user = requireSignedInUser(context, "manager");
              return (await requireRound(getDb(), user, params.roundId)).id;
            },
          },
        ],
      },
      {
        id: "export",
        path: "admin/rounds/:roundId/responses.csv",
        loader: async ({ context, params }) => {
          const round = await requireRound(getDb(), requireSignedInUser(context), params.roundId);
          return new Response(`round ${round.id}`);
        },
      },
    ],
  },
];

const handler = createStaticHandler(routes);

function makeRequest(path: string, cookie?: string, method = "GET"): Request {
  const headers = new Headers(cookie ? { cookie } : {});
  if (method === "POST") headers.set("content-type", "application/x-www-form-urlencoded");
  return new Request(`http://localhost${path}`, { method, headers, ...(method === "POST" ? { body: "intent=x" } : {}) });
}

/** A page request: the status React Router would answer with, and what was loaded or went wrong. */
async function openPage(path: string, cookie?: string, method = "GET") {
  const request = makeRequest(path, cookie, method);
  let context: StaticHandlerContext | undefined;
  seen = {};
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

/** A resource route's request, such as an export. */
async function openResource(path: string, cookie?: string): Promise<Response> {
  const request = makeRequest(path, cookie);
  return handler.queryRoute(request, {
    requestContext: new RouterContextProvider(),
    generateMiddlewareResponse: async (queryRoute) => queryRoute(request),
  });
}

async function cookieOf(userId: number): Promise<string> {
  return (await createSessionCookie(t.db, userId, new Date())).split(";")[0]!;
}

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.path;
  agencyA = await createRoundFixture(t.db, "agency-a");
  agencyB = await createRoundFixture(t.db, "agency-b");
  viewerA = await cookieOf(await createTestUser(t.db, agencyA.organizationId, "viewer-a", "viewer"));
  adminA = await cookieOf(await createTestUser(t.db, agencyA.organizationId, "admin-a", "admin"));
  adminB = await cookieOf(await createTestUser(t.db, agencyB.organizationId, "admin-b", "admin"));
});

afterAll(async () => {
  await closeDb();
  await t?.close();
});

describe("the admin middleware", () => {
  it("redirects a request without a session to sign-in, coming back to the same address", async () => {
    const path = `/admin/rounds/${agencyA.roundId}?tab=x`;
    expect(await openPage(path)).toMatchObject({ status: 302, location: `/sign-in?next=${encodeURIComponent(path)}` });
    expect(seen).toEqual({});
    const post = await openPage(`/admin/rounds/${agencyA.roundId}`, undefined, "POST");
    expect(post).toMatchObject({ status: 302, location: `/sign-in?next=${encodeURIComponent(`/admin/rounds/${agencyA.roundId}`)}` });
    const csv = await openResource(`/admin/rounds/${agencyA.roundId}/responses.csv`);
    expect(csv.status).toBe(302);
    expect(csv.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(`/admin/rounds/${agencyA.roundId}/responses.csv`)}`);
  });

  it("treats an unknown or malformed session cookie as none", async () => {
    for (const cookie of ["prongsai_session=" + "x".repeat(43), "prongsai_session=short", "other=1"]) {
      expect((await openPage("/admin/users", cookie)).status).toBe(302);
    }
  });

  it("resolves the user once for the request: the layout and the page get the same one", async () => {
    const page = await openPage(`/admin/rounds/${agencyA.roundId}`, viewerA);
    expect(page.status).toBe(200);
    expect(page.context?.loaderData.round).toBe(agencyA.roundId);
    expect(seen.layout?.username).toBe("viewer-a");
    expect(seen.page).toBe(seen.layout);
  });

  it("answers 403 from the page for a role below the page's, with the Thai message", async () => {
    const page = await openPage("/admin/users", viewerA);
    expect(page.status).toBe(403);
    expect(JSON.stringify(page.context?.errors)).toContain("ไม่มีสิทธิ์");
    expect((await openPage("/admin/users", adminA)).context?.loaderData.users).toBe("admin-a");
    expect((await openPage(`/admin/rounds/${agencyA.roundId}`, viewerA, "POST")).status).toBe(403);
    expect((await openPage(`/admin/rounds/${agencyA.roundId}`, adminA, "POST")).context?.actionData).toEqual({ round: agencyA.roundId });
  });

  it("answers 404 for another agency's round and for no round, on pages, forms and exports", async () => {
    expect((await openPage(`/admin/rounds/${agencyA.roundId}`, adminB)).status).toBe(404);
    expect((await openPage(`/admin/rounds/${agencyA.roundId}`, adminB, "POST")).status).toBe(404);
    expect((await openResource(`/admin/rounds/${agencyA.roundId}/responses.csv`, adminB)).status).toBe(404);
    for (const bad of ["0", "-1", "abc", "1.5", "999999"]) {
      expect((await openPage(`/admin/rounds/${bad}`, adminA)).status).toBe(404);
    }
    const own = await openResource(`/admin/rounds/${agencyB.roundId}/responses.csv`, adminB);
    expect(await own.text()).toBe(`round ${agencyB.roundId}`);
  });
});
