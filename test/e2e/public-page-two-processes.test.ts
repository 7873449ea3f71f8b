/**
 * The public page taken down "at once" when several app processes share one PostgreSQL database
 * (docs/decisions/public-page.md): two processes of the built server, as behind a load balancer. Both
 * serve the published page (each from its own cache after the first view); an admin takes everything down
 * through the first; the second, whose cache still holds the page, answers 404 on its very next request,
 * because every view compares the publication's version in the database. Published again through the
 * second, both show it again at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.server";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { createRoundFixture, type RoundFixture } from "../support/fixtures";
import { type RunningServer, startServer } from "../support/server";
import { createTestPostgresDatabase, type TestPostgresDatabase } from "../support/test-db";

const database = await createTestPostgresDatabase();
if (!database) console.log("PostgreSQL is not available here: the two-process public page test is skipped (CI never skips it)");

describe.skipIf(!database)("the public page on two app processes sharing PostgreSQL", () => {
  let pg: TestPostgresDatabase;
  let db: Db;
  let agency: RoundFixture;
  let a: RunningServer;
  let b: RunningServer;
  let adminOnA: SignedIn;
  let adminOnB: SignedIn;

  beforeAll(async () => {
    pg = database!;
    db = createDb(pg.url);
    agency = await createRoundFixture(db, "shared-town");
    await createTestUser(db, agency.organizationId, "shared-admin", "admin");
    [a, b] = await Promise.all([startServer({ databasePath: pg.url }), startServer({ databasePath: pg.url })]);
    adminOnA = await signInOverHttp(a.url, "shared-admin");
    adminOnB = await signInOverHttp(b.url, "shared-admin");
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.destroy();
    await pg?.drop();
  });

  const post = (server: RunningServer, admin: SignedIn, fields: Record<string, string>) =>
    fetch(`${server.url}/admin/publication`, { method: "POST", headers: { cookie: admin.cookie }, body: new URLSearchParams({ csrf: admin.csrf, ...fields }), redirect: "manual" });
  const status = async (server: RunningServer, path: string) => (await fetch(`${server.url}${path}`)).status;

  it("a page taken down through one process is a 404 on the other's next request, its cache notwithstanding", async () => {
    const page = `/agency/shared-town/rounds/${agency.roundId}`;
    expect(await status(a, page)).toBe(404);
    expect(await status(b, page)).toBe(404);

    expect((await post(a, adminOnA, { intent: "round", roundId: String(agency.roundId), report: "", measures: "on" })).status).toBe(302);
    // Each process renders it once and then serves it from its cache.
    for (let i = 0; i < 3; i++) {
      expect(await status(a, page)).toBe(200);
      expect(await status(b, page)).toBe(200);
    }

    expect((await post(a, adminOnA, { intent: "unpublish-all" })).status).toBe(302);
    expect(await status(b, page)).toBe(404);
    expect(await status(b, "/agency/shared-town")).toBe(404);
    expect(await status(a, page)).toBe(404);

    expect((await post(b, adminOnB, { intent: "round", roundId: String(agency.roundId), report: "", measures: "on" })).status).toBe(302);
    expect(await status(a, page)).toBe(200);
    expect(await status(b, page)).toBe(200);
  });
});
