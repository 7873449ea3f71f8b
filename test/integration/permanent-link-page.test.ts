/**
 * What /c/:token and /staff/:token answer (app/services/permanent-link-page.server.ts), on SQLite and
 * PostgreSQL: a 302 to the open round's /s/ link that keeps ?lang= and a slip's ?code= and is never
 * cached; the friendly 404 page with the agency's name; the plain 404 for an unknown token. The loader
 * opens the server's database (getDb, from DATABASE_URL read once), so this file shares one database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "../../app/lib/db.server";
import { createPermanentLinks } from "../../app/services/permanent-links.server";
import { loadPermanentLink } from "../../app/services/permanent-link-page.server";
import { bangkokDate, fiscalYearOf, fiscalYearRange } from "../../app/text/dates";
import { listOrganizationPermanentLinks } from "../../db/queries/permanent-links";
import { createRoundFixture, type RoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let agency: RoundFixture;
let counterToken = "";
let staffToken = "";

/** What the loader threw (a redirect or the 404 of an unknown token), or returned (the friendly page). */
async function answer(kind: "counter" | "staff", token: string, query = "") {
  try {
    return { returned: await loadPermanentLink(new Request(`http://localhost/${kind === "counter" ? "c" : "staff"}/${token}${query}`), kind, token) };
  } catch (thrown) {
    return { thrown };
  }
}

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.path;
  agency = await createRoundFixture(t.db, "agency-a");
  // The loader asks about the real today: the round runs over today's fiscal year.
  const { startsOn, endsOn } = fiscalYearRange(fiscalYearOf(bangkokDate(new Date())));
  await t.db.updateTable("round").set({ starts_on: startsOn, ends_on: endsOn }).where("id", "=", agency.roundId).execute();
  await createPermanentLinks(t.db, agency.organizationId, new Date());
  const links = await listOrganizationPermanentLinks(t.db, agency.organizationId);
  counterToken = links.find((l) => l.kind === "counter")!.token;
  staffToken = links.find((l) => l.kind === "staff")!.token;
});

afterAll(async () => {
  await closeDb();
  await t?.close();
});

describe("a permanent link's answer", () => {
  it("redirects (302, not stored) to the open round's link, keeping ?lang= and ?code= only", async () => {
    const { thrown } = await answer("counter", counterToken, "?lang=en&utm_source=poster");
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/s/${agency.eitToken}?lang=en`);
    expect(response.headers.get("cache-control")).toBe("no-store");

    const staff = (await answer("staff", staffToken, "?code=ABCD-EFGH")).thrown as Response;
    expect(staff.status).toBe(302);
    expect(staff.headers.get("location")).toBe(`/s/${agency.iitToken}?code=ABCD-EFGH`);
  });

  it("answers the friendly 404 page naming the agency when nothing is open", async () => {
    await t.db.updateTable("round").set({ status: "closed" }).where("id", "=", agency.roundId).execute();
    try {
      const { returned } = await answer("counter", counterToken, "?lang=en");
      expect(returned).toMatchObject({
        data: { lang: "en", kind: "counter", outcome: "nothing-open", organization: { th: "เทศบาลตำบลทดสอบ", en: "Test Municipality" } },
        init: { status: 404 },
      });
    } finally {
      await t.db.updateTable("round").set({ status: "open" }).where("id", "=", agency.roundId).execute();
    }
  });

  it("answers the plain 404 for an unknown token or one of the other kind", async () => {
    for (const [kind, token] of [
      ["counter", "NoSuchToken12"],
      ["staff", counterToken],
      ["counter", agency.eitToken],
    ] as const) {
      const { thrown } = await answer(kind, token);
      expect(thrown, `${kind} ${token}`).toMatchObject({ init: { status: 404 } });
    }
  });
});
