/**
 * What `npm start` does to a database before serving (app/seed/first-start.server.ts), on SQLite and
 * PostgreSQL: DEMO_AGENCY=off leaves an empty database empty and prints, while it has no agency, the two
 * commands that create the first agency or operator; on (the default) creates the demo once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getEnv } from "../../app/lib/env.server";
import { createAgency } from "../../app/services/agencies.server";
import { prepareFirstStart } from "../../app/seed/first-start.server";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-03-01T03:00:00.000Z");
let t: TestDb;
let printed: string[];
let logSpy: { mockRestore: () => void } | undefined;

beforeEach(async () => {
  t = await createTestDb();
  printed = [];
  logSpy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void printed.push(args.join(" ")));
});
afterEach(async () => {
  logSpy?.mockRestore();
  await t.close();
});

async function organizations() {
  return t.db.selectFrom("organization").select("slug").execute();
}

describe("the first start", () => {
  it("DEMO_AGENCY defaults to on", () => {
    expect(getEnv().DEMO_AGENCY).toBe("on");
  });

  it("with DEMO_AGENCY=off leaves the database empty and prints how to create the first agency or operator", async () => {
    expect(await prepareFirstStart(t.db, { demoAgency: "off", now: NOW })).toBe("empty");
    expect(await organizations()).toEqual([]);
    expect((await t.db.selectFrom("response").selectAll().execute()).length).toBe(0);
    const text = printed.join("\n");
    expect(text).toContain("npm run cli -- create-agency");
    expect(text).toContain("npm run cli -- create-operator");
    expect(text).not.toContain("password:");

    // Once there is an agency, nothing more is printed.
    await createAgency(t.db, { kind: "cli" }, { slug: "nong-bua", nameTh: "หนองบัว" }, NOW);
    printed = [];
    expect(await prepareFirstStart(t.db, { demoAgency: "off", now: NOW })).toBe("has-agencies");
    expect(printed).toEqual([]);
    expect((await organizations()).map((o) => o.slug)).toEqual(["nong-bua"]);
  });

  it("with DEMO_AGENCY=on creates the demo once, printing its admin's password", async () => {
    expect(await prepareFirstStart(t.db, { demoAgency: "on", now: NOW })).toBe("demo-created");
    expect((await organizations()).map((o) => o.slug)).toEqual(["demo"]);
    expect(printed.join("\n")).toMatch(/password: [A-Za-z0-9]{20}/);
    printed = [];
    expect(await prepareFirstStart(t.db, { demoAgency: "on", now: NOW })).toBe("has-agencies");
    expect(printed.join("\n")).not.toContain("password:");
  });
});
