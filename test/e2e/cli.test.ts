/** The operator CLI as an operator runs it (`npm run cli`: the compiled CLI under plain node), a separate process, output read from stdout. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFramework } from "../../app/lib/frameworks.server";
import { computeRoundScores } from "../../app/scoring";
import { createDb } from "../../db/client.server";
import { getOrganizationBySlug } from "../../db/queries/organizations";
import { listOrganizationRounds } from "../../db/queries/rounds";
import { sumRoundTallies } from "../../db/queries/tallies";
import { runtimeArgs } from "../support/server";

let dir: string;
let databasePath: string;

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, runtimeArgs("cli", ...args), {
    env: { ...process.env, DATABASE_URL: databasePath, PUBLIC_URL: "https://survey.example.go.th", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "prongsai-cli-"));
  databasePath = join(dir, "cli.db");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run cli", () => {
  it("refuses an incomplete indicator list with a clear message and exit code", () => {
    const file = join(dir, "partial.json");
    writeFileSync(file, JSON.stringify({ "1": 91.7 }));
    const { code, stderr } = cli(["score", "--indicators", file]);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/missing/i);
  });

  it("migrates, seeds the demo agency once with a printed password, and lists its links", async () => {
    expect(cli(["migrate"]).code).toBe(0);
    const seeded = cli(["seed-demo"]);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/password: [A-Za-z0-9]{20}/);
    const again = cli(["seed-demo"]);
    expect(again.stdout).toContain("nothing was seeded");
    expect(again.stdout).not.toContain("password:");

    const links = JSON.parse(cli(["links"]).stdout) as { kind: string; token: string; instrument: string; url: string }[];
    // The permanent links posters and slips print (issue 11): one per counter and one for the staff.
    const permanent = links.filter((l) => l.kind !== "round");
    expect(permanent.map((l) => l.kind).sort()).toEqual(["counter", "counter", "counter", "staff"]);
    for (const link of permanent) expect(link.url).toBe(`https://survey.example.go.th/${link.kind === "counter" ? "c" : "staff"}/${link.token}`);
    const perRound = links.filter((l) => l.kind === "round");
    expect(perRound.map((l) => l.instrument).sort()).toEqual(["eit", "eit", "eit", "iit"]);
    for (const link of perRound) expect(link.url).toBe(`https://survey.example.go.th/s/${link.token}`);
  });

  it("creates a user with a one-time password and refuses a taken username", () => {
    const created = cli(["create-user", "--organization", "demo", "--username", "mayor", "--role", "viewer"]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/username: mayor\n\s+password: [A-Za-z0-9]{20}/);
    expect(created.stdout).toContain("Sign in at https://survey.example.go.th/sign-in?agency=demo");
    const again = cli(["create-user", "--organization", "demo", "--username", "mayor", "--role", "viewer"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('the agency "demo" already has the username "mayor"');
    expect(cli(["create-user", "--organization", "nowhere", "--username", "x1x", "--role", "viewer"]).stderr).toContain("no agency");
    // The form the users page asks for: no capitals, spaces or Thai letters.
    for (const bad of ["Mayor", "นายก", "ab", "two words"]) {
      const refused = cli(["create-user", "--organization", "demo", "--username", bad, "--role", "viewer"]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`"${bad}" cannot be a username`);
    }
    // A username is unique per agency (migration 0017): another agency may have its own "mayor".
    expect(cli(["create-agency", "--slug", "nong-bua", "--name-th", "เทศบาลตำบลหนองบัว"]).code).toBe(0);
    const other = cli(["create-user", "--organization", "nong-bua", "--username", "mayor", "--role", "viewer"]);
    expect(other.code).toBe(0);
    expect(other.stdout).toContain("Sign in at https://survey.example.go.th/sign-in?agency=nong-bua");
  });

  it("gives the demo round weak spots at i20 and indicator 8, under the pass mark", async () => {
    const db = createDb(databasePath);
    try {
      // The demo's round with a year of answers is last fiscal year's, closed; the open one is empty.
      const demo = (await getOrganizationBySlug(db, "demo"))!;
      const round = (await listOrganizationRounds(db, demo.id)).find((r) => r.status === "closed")!;
      const framework = getFramework("ita-2565");
      const scores = computeRoundScores(framework, await sumRoundTallies(db, round.id));
      const indicator = (code: string) => scores.indicators.find((i) => i.code === code)!.score!;
      const item = (code: string) => scores.items.find((i) => i.item === code)!.score!;
      expect(item("i20")).toBeLessThan(framework.passMark);
      expect(indicator("8")).toBeLessThan(framework.passMark);
      expect(indicator("4")).toBeLessThan(framework.passMark);
      expect(indicator("1")).toBeGreaterThan(framework.passMark);
    } finally {
      await db.destroy();
    }
  });

  it("recounts: 0 differences and exit 0 on a sound database, exit 1 after tampering", async () => {
    const ok = cli(["recount", "--check"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^272 responses, \d+ tally rows, 0 differences$/m);

    const db = createDb(databasePath);
    await db.updateTable("tally").set({ count: 999 }).where("field", "=", "e15").where("value", "=", 4).execute();
    await db.destroy();
    const tampered = cli(["recount"]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain("stored 999");
    expect(tampered.stdout).toContain("(tallies rebuilt)");
    expect(cli(["recount", "--check"]).code).toBe(0);
  });

  it("prints its usage for an unknown command and exits 2", () => {
    const { code, stderr } = cli(["frobnicate"]);
    expect(code).toBe(2);
    expect(stderr).toContain("usage: npm run cli");
  });
});
