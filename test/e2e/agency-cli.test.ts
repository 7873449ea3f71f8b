/**
 * The agency commands as an operator runs them (`npm run cli`: the compiled CLI under plain node, a
 * separate process): create-agency prints JSON with the admin's one-time password and exits 2 with the
 * message on bad input, create-agency --help lists the framework's types, create-operator prints its
 * password once, remove-demo deletes the demo and nothing else. The services behind them are tested on
 * both databases in test/integration/agencies.test.ts; this checks the command line itself.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client.server";
import { runtimeArgs } from "../support/server";

let dir: string;
let databasePath: string;

function cli(args: string[]) {
  const result = spawnSync(process.execPath, runtimeArgs("cli", ...args), {
    env: { ...process.env, DATABASE_URL: databasePath, PUBLIC_URL: "https://survey.example.go.th" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "prongsai-agency-cli-"));
  databasePath = join(dir, "cli.db");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run cli: agencies", () => {
  it("create-agency --help lists the types of the framework's sample-size table", () => {
    const { code, stdout } = cli(["create-agency", "--help"]);
    expect(code).toBe(0);
    for (const type of ["tambon-municipality-m", "sao-s", "other"]) expect(stdout).toContain(type);
  });

  it("create-agency prints the agency and its admin's one-time password as JSON; bad input exits 2 with the message", () => {
    const created = cli(["create-agency", "--slug", "nong-bua", "--name-th", "เทศบาลตำบลหนองบัว", "--type", "sao-m"]);
    expect(created.code).toBe(0);
    const json = JSON.parse(created.stdout) as { agency: { slug: string; type: string }; admin: { username: string; password: string } };
    expect(json.agency).toMatchObject({ slug: "nong-bua", type: "sao-m" });
    expect(json.admin.username).toBe("nong-bua-admin");
    expect(json.admin.password).toMatch(/^[A-Za-z0-9]{20}$/);

    const withoutType = JSON.parse(cli(["create-agency", "--slug", "office", "--name-th", "สำนักงาน"]).stdout) as { agency: { type: string } };
    expect(withoutType.agency.type).toBe("other");

    for (const args of [
      ["--slug", "nong bua", "--name-th", "หนองบัว"],
      ["--slug", "nong-bua", "--name-th", "ซ้ำ"],
      ["--slug", "empty-name", "--name-th", ""],
      ["--slug", "bad-type", "--name-th", "หนองบัว", "--type", "city-xl"],
    ]) {
      const refused = cli(["create-agency", ...args]);
      expect(refused.code, args.join(" ")).toBe(2);
      expect(refused.stderr).toMatch(/[\u0E00-\u0E7F]/);
      expect(refused.stdout).toBe("");
    }
  });

  it("create-round opens the fiscal year's round; close-round and reopen-round change it as the admin home's buttons do", () => {
    // The first round of an agency needs the head-count (no earlier round to take it from).
    const noHeadCount = cli(["create-round", "--organization", "nong-bua", "--fiscal-year", "2570"]);
    expect(noHeadCount.code).toBe(2);
    expect(noHeadCount.stderr).toContain("staffHeadCount");
    const created = cli(["create-round", "--organization", "nong-bua", "--fiscal-year", "2570", "--head-count", "45"]);
    expect(created.code, created.stderr).toBe(0);
    const round = (JSON.parse(created.stdout) as { round: { id: number; fiscalYear: number; status: string; startsOn: string; endsOn: string } }).round;
    expect(round).toMatchObject({ fiscalYear: 2570, status: "open", startsOn: "2026-10-01", endsOn: "2027-09-30" });
    // One open round per agency.
    expect(cli(["create-round", "--organization", "nong-bua", "--fiscal-year", "2571"]).code).toBe(2);

    const closed = cli(["close-round", "--organization", "nong-bua", "--fiscal-year", "2570"]);
    expect(closed.code, closed.stderr).toBe(0);
    expect(JSON.parse(closed.stdout)).toMatchObject({ round: { id: round.id, status: "closed" } });
    // Closing it again says so, in Thai first.
    const again = cli(["close-round", "--organization", "nong-bua", "--round", String(round.id)]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/[\u0E00-\u0E7F]/);

    const reopened = cli(["reopen-round", "--organization", "nong-bua", "--round", String(round.id)]);
    expect(reopened.code, reopened.stderr).toBe(0);
    expect(JSON.parse(reopened.stdout)).toMatchObject({ round: { id: round.id, status: "open" } });

    for (const args of [
      ["close-round", "--organization", "nong-bua"],
      ["close-round", "--organization", "nong-bua", "--fiscal-year", "2570", "--round", "1"],
      ["close-round", "--organization", "nowhere", "--fiscal-year", "2570"],
      ["close-round", "--organization", "nong-bua", "--fiscal-year", "2590"],
    ]) {
      const refused = cli(args);
      expect(refused.code, args.join(" ")).toBe(2);
      expect(refused.stdout).toBe("");
    }
  });

  it("purge-expired prints what retention deleted: nothing while no round or closed complaint is past it", () => {
    const run = cli(["purge-expired"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ purged: [], erasedContacts: [] });
  });

  it("create-operator prints the password once", () => {
    const created = cli(["create-operator", "--username", "host"]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/password: [A-Za-z0-9]{20}/);
    expect(cli(["create-operator", "--username", "host"]).code).toBe(2);
  });

  it("remove-demo deletes the demo agency and leaves the others", async () => {
    // seed-demo refuses a database that holds an agency: the demo goes into a database of its own.
    databasePath = join(dir, "demo.db");
    expect(cli(["seed-demo"]).code).toBe(0);
    expect(cli(["create-agency", "--slug", "nong-bua", "--name-th", "หนองบัว"]).code).toBe(0);
    const removed = cli(["remove-demo"]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain("the demo agency was removed");
    expect(removed.stdout).toMatch(/response: \d+/);
    const db = createDb(databasePath);
    try {
      const slugs = await db.selectFrom("organization").select("slug").execute();
      expect(slugs.map((o) => o.slug)).toEqual(["nong-bua"]);
    } finally {
      await db.destroy();
    }
    expect(cli(["remove-demo"]).stdout).toContain("nothing was deleted");
  });
});
