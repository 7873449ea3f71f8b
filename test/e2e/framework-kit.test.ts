/**
 * The framework kit as a host and an ITA officer use it (issue 13, items 1, 3 and 4; docs/frameworks.md):
 * the built CLI under plain node with its own FRAMEWORKS_DIR and SQLite file. `score` prints the
 * framework's rating and why; `framework new` copies this year's framework into next year's, provisional;
 * the OIT template goes out as XLSX and comes back (XLSX written here with exceljs, and CSV with Thai
 * headers) through `import-oit`, rows with problems refused by row with nothing written; `check` names
 * every problem of a broken folder by file and field; a round made on the new framework shows it on the
 * dashboard with the provisional note until the operator confirms it.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtInFrameworksDir, readFrameworkFolder } from "../../app/lib/framework-files.server";
import type { SubIndicator } from "../../app/scoring/framework";
import { bangkokDate } from "../../app/text/dates";
import { signInOverHttp } from "../support/accounts";
import { ROOT } from "../support/paths";
import { type RunningServer, runtimeArgs, startServer } from "../support/server";

/** This year's framework once it loads without problems (another change is writing it), else 2565's. */
const SOURCE = ((): string => {
  const folder = join(builtInFrameworksDir(), "ita-2569");
  return existsSync(join(folder, "framework.json")) && readFrameworkFolder(folder).problems.length === 0 ? "ita-2569" : "ita-2565";
})();
const NEW_ID = "ita-2570";

let dir: string;
let frameworksDir: string;
let databasePath: string;

function cli(args: string[], env: Record<string, string> = {}) {
  // From the temporary folder (a relative --out lands there), the build named by its full path.
  const [build, ...rest] = runtimeArgs("cli", ...args);
  const result = spawnSync(process.execPath, [join(ROOT, build!), ...rest], {
    env: { ...process.env, DATABASE_URL: databasePath, FRAMEWORKS_DIR: frameworksDir, PUBLIC_URL: "https://survey.example.go.th", ...env },
    encoding: "utf8",
    timeout: 60_000,
    cwd: dir,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const newFolder = () => join(frameworksDir, NEW_ID);
const readOit = (folder = newFolder()) => JSON.parse(readFileSync(join(folder, "oit.json"), "utf8")) as { framework?: string; subIndicators: SubIndicator[] };
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "prongsai-framework-kit-"));
  frameworksDir = join(dir, "frameworks");
  databasePath = join(dir, "kit.db");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("score prints the framework's rating and why", () => {
  it("ITA 2565's reference document: B, because the total 77.99 is under A's 85", () => {
    const file = join(dir, "reference.json");
    writeFileSync(file, JSON.stringify({ "1": 91.7, "2": 86.67, "3": 86.7, "4": 79.64, "5": 83.11, "6": 75.76, "7": 80.18, "8": 73.62, "9": 78.06, "10": 68.75 }));
    const { code, stdout } = cli(["score", "--framework", "ita-2565", "--indicators", file]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      framework: "ita-2565",
      instruments: { iit: 85.56, eit: 76.52, oit: 73.41 },
      total: 77.99,
      level: "B",
      pass: false,
      rating: { code: "B", label_th: "B", label_en: "B" },
      reasons: [{ subject: "total", score: 77.99, bound: 85, th: "คะแนนรวม 77.99 < 85", en: "total 77.99 < 85" }],
      rating_text_th: "B — ยังไม่ถึง A: คะแนนรวม 77.99 < 85",
      rating_text_en: "B — not A: total 77.99 < 85",
    });
  });

  it.skipIf(SOURCE !== "ita-2569")("ITA 2569, a State Audit Office-like case: a total over 95 but the EIT under 85 is ผ่าน, not ผ่านดี, because of the EIT", () => {
    const file = join(dir, "sao.json");
    writeFileSync(file, JSON.stringify({ "1": 98, "2": 98, "3": 98, "4": 98, "5": 98, "6": 85, "7": 86, "8": 81.78, "9": 97, "10": 97 }));
    const { code, stdout } = cli(["score", "--framework", "ita-2569", "--indicators", file]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ framework: "ita-2569", instruments: { iit: 98, eit: 84.26, oit: 97 }, total: 93.48, pass: true });
    expect(result.rating).toEqual({ code: "pass", label_th: "ผ่าน", label_en: "Pass" });
    expect(result.reasons).toEqual([{ subject: "eit", score: 84.26, bound: 85, th: "EIT 84.26 < 85", en: "EIT 84.26 < 85" }]);
    expect(result.rating_text_th).toBe("ผ่าน — ยังไม่ถึงผ่านดี: EIT 84.26 < 85");
    expect(result.rating_text_en).toBe("Pass — not Pass (good): EIT 84.26 < 85");

    // The top rating has no reason.
    writeFileSync(file, JSON.stringify({ "1": 98, "2": 98, "3": 98, "4": 98, "5": 98, "6": 97, "7": 96, "8": 95, "9": 97, "10": 97 }));
    const top = JSON.parse(cli(["score", "--framework", "ita-2569", "--indicators", file]).stdout) as Record<string, unknown>;
    expect(top).toMatchObject({ rating: { code: "excellent", label_th: "ผ่านดีเยี่ยม" }, reasons: [], rating_text_th: "ผ่านดีเยี่ยม" });
  });
});

describe(`framework new --from ${SOURCE} --id ${NEW_ID}`, () => {
  it("copies the framework into FRAMEWORKS_DIR with the new id, year and title, provisional, and the copy passes check", () => {
    const made = cli(["framework", "new", "--from", SOURCE, "--id", NEW_ID]);
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ id: NEW_ID, folder: newFolder() });

    const source = readJson(join(builtInFrameworksDir(), SOURCE, "framework.json")) as { fiscalYear: number; title: { th: string; en: string } };
    const framework = readJson(join(newFolder(), "framework.json")) as { id: string; fiscalYear: number; provisional: boolean; title: { th: string; en: string } };
    expect(framework).toMatchObject({ id: NEW_ID, fiscalYear: 2570, provisional: true });
    expect(framework.title.th).toBe(source.title.th.replaceAll(String(source.fiscalYear), "2570"));
    expect(framework.title.th).toContain("2570");
    expect(framework.title.en).toContain("2570");
    expect(framework.title.en).not.toContain(String(source.fiscalYear));
    expect(readJson(join(newFolder(), "advice.json")).framework).toBe(NEW_ID);
    expect(readOit().subIndicators).toEqual(JSON.parse(readFileSync(join(builtInFrameworksDir(), SOURCE, "oit.json"), "utf8")).subIndicators);

    const check = cli(["framework", "check", NEW_ID]);
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout.trim()).toBe("ok");
  });

  it("refuses, with exit 2 and a Thai and English message, a taken id, a bad id, an unknown source, and an id without a year unless --fiscal-year gives it", () => {
    for (const [args, words] of [
      [["--from", SOURCE, "--id", NEW_ID], /อยู่แล้ว[\s\S]*exists already/],
      [["--from", SOURCE, "--id", "ita-2565"], /อยู่แล้ว[\s\S]*exists already/],
      [["--from", SOURCE, "--id", "ITA 2571"], /ใช้ไม่ได้[\s\S]*not a framework id/],
      [["--from", "ita-1999", "--id", "ita-2571"], /ไม่พบ[\s\S]*no framework ita-1999/],
      [["--from", SOURCE, "--id", "our-own"], /--fiscal-year[\s\S]*--fiscal-year/],
    ] as const) {
      const refused = cli(["framework", "new", ...args]);
      expect(refused.code, args.join(" ")).toBe(2);
      expect(refused.stderr).toMatch(words);
    }
    expect(existsSync(join(frameworksDir, "ita-2571"))).toBe(false);

    // With --fiscal-year (in a FRAMEWORKS_DIR of its own, to keep the main one as the other tests expect).
    const other = join(dir, "other-frameworks");
    const made = cli(["framework", "new", "--from", SOURCE, "--id", "our-own", "--fiscal-year", "2571"], { FRAMEWORKS_DIR: other });
    expect(made.code, made.stderr).toBe(0);
    expect(readJson(join(other, "our-own", "framework.json")).fiscalYear).toBe(2571);
    expect(cli(["framework", "check", "our-own"], { FRAMEWORKS_DIR: other }).code).toBe(0);
  });
});

describe("the OIT template and import-oit", () => {
  let removedCode: string;
  const newCode = "O99";
  const newTitle = "รายงานผลการส่งเสริมวัฒนธรรมองค์กรที่ดี";

  it("oit-template writes the framework's OIT list as XLSX, one row per item, and refuses to overwrite a file", async () => {
    const out = join(dir, "template.xlsx");
    const written = cli(["framework", "oit-template", "--framework", NEW_ID, "--out", out]);
    expect(written.code, written.stderr).toBe(0);
    const items = readOit().subIndicators.flatMap((s) => s.items.map((i) => ({ ...i, sub: s })));
    expect(JSON.parse(written.stdout)).toMatchObject({ framework: NEW_ID, items: items.length });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet("OIT")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["code", "sub-indicator", "title_th", "requirement_th", "title_en", "requirement_en", "confirmed", "evidence"]);
    expect(sheet.actualRowCount).toBe(items.length + 1);
    const first = items[0]!;
    expect((sheet.getRow(2).values as unknown[]).slice(1, 5)).toEqual([first.code, `${first.sub.code} ${first.sub.title.th}`, first.title.th, first.requirement.th]);

    const again = cli(["framework", "oit-template", "--framework", NEW_ID, "--out", out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("--force");
  });

  it("import-oit reads an officer's XLSX: an item removed, a new one in a new sub-indicator, the English filled from the Thai, low texts generated; check is ok after", async () => {
    const before = readOit().subIndicators;
    const firstSub = before[0]!;
    removedCode = firstSub.items.at(-1)!.code;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("OIT");
    sheet.addRow(["code", "sub-indicator", "title_th", "requirement_th", "title_en", "requirement_en", "confirmed", "evidence"]);
    for (const sub of before) {
      for (const item of sub.items) {
        if (item.code === removedCode) continue;
        sheet.addRow([item.code, sub.code, item.title.th, item.requirement.th, item.title.en, item.requirement.en, item.confirmed === false ? "no" : "yes", item.evidence ?? ""]);
      }
    }
    const indicator = before.at(-1)!.indicator;
    sheet.addRow([newCode, `${indicator}.9 การส่งเสริมวัฒนธรรมองค์กร`, newTitle, "รายงานผลการดำเนินการส่งเสริมวัฒนธรรมองค์กรที่ดีของหน่วยงาน", "", "", "ไม่ใช่", ""]);
    const file = join(dir, "filled.xlsx");
    await workbook.xlsx.writeFile(file);

    const imported = cli(["framework", "import-oit", "--framework", NEW_ID, file]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, framework: NEW_ID, added: [newCode], removed: [removedCode] });

    const after = readOit();
    expect(after.framework).toBe(NEW_ID);
    const codes = after.subIndicators.flatMap((s) => s.items.map((i) => i.code));
    expect(codes).toContain(newCode);
    expect(codes).not.toContain(removedCode);
    const newSub = after.subIndicators.at(-1)!;
    expect(newSub).toEqual({
      code: `${indicator}.9`,
      indicator,
      title: { th: "การส่งเสริมวัฒนธรรมองค์กร", en: "การส่งเสริมวัฒนธรรมองค์กร" },
      items: [
        {
          code: newCode,
          title: { th: newTitle, en: newTitle },
          requirement: { th: "รายงานผลการดำเนินการส่งเสริมวัฒนธรรมองค์กรที่ดีของหน่วยงาน", en: "รายงานผลการดำเนินการส่งเสริมวัฒนธรรมองค์กรที่ดีของหน่วยงาน" },
          low: { th: `ยังไม่ได้เผยแพร่: ${newTitle}`, en: `Not published: ${newTitle}` },
          confirmed: false,
        },
      ],
    });
    // Sub-indicators and items that did not change are as they were (titles, hand-written low texts).
    expect(after.subIndicators[0]).toEqual({ ...firstSub, items: firstSub.items.filter((i) => i.code !== removedCode) });
    expect(after.subIndicators.slice(1, -1)).toEqual(before.slice(1));

    const check = cli(["framework", "check", NEW_ID]);
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout.trim()).toBe("ok");
  });

  it("import-oit reads a CSV with Thai headers, quotes and commas, and gives back exactly the list it describes", () => {
    const before = readOit().subIndicators;
    const changed = before[0]!.items[0]!;
    const requirement = `${changed.requirement.th}, "ฉบับปัจจุบัน"`;
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = [["รหัส", "ตัวชี้วัดย่อย", "ชื่อรายการ", "รายละเอียด", "ชื่อรายการ (อังกฤษ)", "รายละเอียด (อังกฤษ)", "ยืนยันแล้ว", "หลักฐาน", "หมายเหตุ"].join(",")];
    for (const sub of before) {
      for (const item of sub.items) {
        const th = item.code === changed.code ? requirement : item.requirement.th;
        lines.push([item.code, `${sub.code} ${sub.title.th}`, item.title.th, th, item.title.en, item.requirement.en, item.confirmed === false ? "ไม่ใช่" : "ใช่", item.evidence ?? "", "ตรวจแล้ว"].map(quote).join(","));
      }
    }
    const file = join(dir, "filled.csv");
    writeFileSync(file, `\uFEFF${lines.join("\r\n")}\r\n`);

    const imported = cli(["framework", "import-oit", "--framework", NEW_ID, file]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: [], removed: [], ignoredColumns: ["หมายเหตุ"] });
    const expected = structuredClone(before);
    expected[0]!.items[0]!.requirement.th = requirement;
    expect(readOit().subIndicators).toEqual(expected);
    expect(cli(["framework", "check", NEW_ID]).code).toBe(0);
  });

  it("refuses rows with problems, each by its row, with exit 2 and the file unchanged", () => {
    const before = readFileSync(join(newFolder(), "oit.json"));
    const first = readOit().subIndicators[0]!;
    const file = join(dir, "bad.csv");
    writeFileSync(
      file,
      [
        "code,sub-indicator,title_th,requirement_th,confirmed",
        `,${first.code},ชื่อ,รายละเอียด,`, // row 2: no code
        `A1,${first.code},ชื่อ,รายละเอียด,`,
        `A1,${first.code},ชื่อซ้ำ,รายละเอียด,`, // row 4: the same code again
        "A2,42.1 ไม่มี,ชื่อ,รายละเอียด,", // row 5: no indicator 42
        `A3,${first.code},,รายละเอียด,`, // row 6: no title
        `A4,${first.code},ชื่อ,รายละเอียด,บางที`, // row 7: not yes or no
        `A5,${first.indicator}.8,ชื่อ,รายละเอียด,`, // row 8: a new sub-indicator without its title
      ].join("\n"),
    );
    const refused = cli(["framework", "import-oit", "--framework", NEW_ID, file]);
    expect(refused.code).toBe(2);
    for (const expected of [
      "row 2 › code: ไม่มีรหัสรายการ / the code is missing",
      "row 4 › code: รหัส A1 ซ้ำกับแถว 3 / the code A1 is also on row 3",
      "row 5 › sub-indicator:",
      "indicator 42 is not an OIT indicator",
      "row 6 › title_th:",
      "row 7 › confirmed:",
      `row 8 › sub-indicator: ตัวชี้วัดย่อย ${first.indicator}.8 เป็นตัวชี้วัดย่อยใหม่`,
    ]) {
      expect(refused.stderr).toContain(expected);
    }
    expect(readFileSync(join(newFolder(), "oit.json")).equals(before)).toBe(true);
  });

  it("refuses a list that would break the framework (an OIT indicator left without sub-indicators): the previous file stands", () => {
    const before = readFileSync(join(newFolder(), "oit.json"));
    const first = readOit().subIndicators[0]!;
    const file = join(dir, "one-indicator.csv");
    writeFileSync(file, ["code,sub-indicator,title_th,requirement_th", ...first.items.map((i) => `${i.code},${first.code},${i.title.th},${i.requirement.th.replace(/[",\n]/g, " ")}`)].join("\n"));
    const refused = cli(["framework", "import-oit", "--framework", NEW_ID, file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/oit\.json › subIndicators: indicator \d+ has no sub-indicators/);
    expect(readFileSync(join(newFolder(), "oit.json")).equals(before)).toBe(true);
    expect(cli(["framework", "check", NEW_ID]).code).toBe(0);
  });

  it("writes only the installation's own frameworks: a shipped one is refused with the advice to run framework new", () => {
    const refused = cli(["framework", "import-oit", "--framework", SOURCE, join(dir, "filled.csv")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("framework new");
  });
});

describe("framework check names every problem of a broken folder by file and field", () => {
  /** A copy of the new framework (its folder named by its id, as the loader wants) with one thing broken. */
  function brokenCopy(name: string, breakIt: (folder: string) => void): string {
    const folder = join(dir, "broken", name, NEW_ID);
    mkdirSync(join(dir, "broken", name), { recursive: true });
    cpSync(newFolder(), folder, { recursive: true });
    breakIt(folder);
    return folder;
  }
  const edit = (path: string, change: (json: any) => void) => {
    const json = JSON.parse(readFileSync(path, "utf8"));
    change(json);
    writeFileSync(path, JSON.stringify(json, null, 2));
  };

  it.each([
    ["an OIT sub-indicator under an unknown indicator", "oit.json › subIndicators.{sub}.indicator", (f: string) => edit(join(f, "oit.json"), (j) => (j.subIndicators[0].indicator = "42"))],
    ["weights that do not add up to 1", "framework.json › instruments.*.weight", (f: string) => edit(join(f, "framework.json"), (j) => (j.instruments[0].weight = 0.5))],
    ["a gap in the rating rule (the catch-all row removed)", "framework.json › rating.rows: a gap in the rating rule", (f: string) => edit(join(f, "framework.json"), (j) => j.rating.rows.pop())],
    [
      "advice for an OIT item that does not exist",
      "advice.json › checklistItems.ZZ9: advice names unknown OIT item ZZ9",
      (f: string) => edit(join(f, "advice.json"), (j) => (j.checklistItems = { ...j.checklistItems, ZZ9: j.checklistItem })),
    ],
  ])("%s", (name, expected, breakIt) => {
    const folder = brokenCopy(name.replace(/\W+/g, "-"), breakIt);
    const { code, stdout } = cli(["framework", "check", folder]);
    expect(code).toBe(1);
    expect(stdout).toContain(expected.replace("{sub}", readOit().subIndicators[0]!.code));
    expect(stdout).not.toContain("\nok");
  });

  it("an unknown id exits 2", () => {
    expect(cli(["framework", "check", "ita-1999"]).code).toBe(2);
  });
});

describe(`a round on ${NEW_ID}`, () => {
  let server: RunningServer;
  let roundId: number;
  let admin: { cookie: string };

  beforeAll(async () => {
    const agency = cli(["create-agency", "--slug", "kit-agency", "--name-th", "เทศบาลตำบลทดสอบ"]);
    expect(agency.code, agency.stderr).toBe(0);
    const { admin: account } = JSON.parse(agency.stdout) as { admin: { username: string; password: string } };
    const round = cli(["create-round", "--organization", "kit-agency", "--fiscal-year", "2570", "--framework", NEW_ID, "--head-count", "20"]);
    expect(round.code, round.stderr).toBe(0);
    roundId = (JSON.parse(round.stdout) as { round: { id: number; frameworkId: string } }).round.id;
    expect(JSON.parse(round.stdout).round.frameworkId).toBe(NEW_ID);
    server = await startServer({ databasePath, env: { FRAMEWORKS_DIR: frameworksDir } });
    admin = await signInOverHttp(server.url, account.username, account.password);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("framework list shows it provisional and not confirmed", () => {
    const listed = JSON.parse(cli(["framework", "list"]).stdout) as { id: string; provisional: boolean; confirmed: boolean; shipped: boolean; fiscalYear: number; folder: string }[];
    expect(listed.find((f) => f.id === NEW_ID)).toMatchObject({ fiscalYear: 2570, folder: newFolder(), shipped: false, provisional: true, confirmed: false });
    expect(listed.find((f) => f.id === "ita-2565")).toMatchObject({ shipped: true, confirmed: false });
  });

  it("the dashboard shows the framework with the provisional note, and the OIT checklist the imported items", async () => {
    const dashboard = await fetch(`${server.url}/admin/rounds/${roundId}`, { headers: { cookie: admin.cookie } });
    expect(dashboard.status).toBe(200);
    const html = await dashboard.text();
    expect(html).toContain(NEW_ID);
    expect(html).toContain('data-testid="provisional-note"');

    const checklist = await (await fetch(`${server.url}/admin/rounds/${roundId}/oit`, { headers: { cookie: admin.cookie } })).text();
    expect(checklist).toContain("รายงานผลการส่งเสริมวัฒนธรรมองค์กรที่ดี");
  });

  it("the admin home links each framework's OIT template, which downloads as XLSX for admins only", async () => {
    const home = await (await fetch(`${server.url}/admin`, { headers: { cookie: admin.cookie } })).text();
    expect(home).toContain(`/admin/frameworks/${NEW_ID}/oit-template.xlsx`);

    const response = await fetch(`${server.url}/admin/frameworks/${NEW_ID}/oit-template.xlsx`, { headers: { cookie: admin.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toContain(`oit-${NEW_ID}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const codes = workbook.getWorksheet("OIT")!.getColumn(1).values.slice(2);
    expect(codes).toEqual(readOit().subIndicators.flatMap((s) => s.items.map((i) => i.code)));

    const unknown = await fetch(`${server.url}/admin/frameworks/ita-1999/oit-template.xlsx`, { headers: { cookie: admin.cookie } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("ไม่พบกรอบการประเมิน");

    const viewer = cli(["create-user", "--organization", "kit-agency", "--username", "kit-viewer", "--role", "viewer"]);
    const password = /password: (\S+)/.exec(viewer.stdout)![1]!;
    const signedIn = await signInOverHttp(server.url, "kit-viewer", password);
    expect((await fetch(`${server.url}/admin/frameworks/${NEW_ID}/oit-template.xlsx`, { headers: { cookie: signedIn.cookie } })).status).toBe(403);
    const anonymous = await fetch(`${server.url}/admin/frameworks/${NEW_ID}/oit-template.xlsx`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
  });

  it("framework confirm records today's confirmation: the note goes from the dashboard, list says confirmed", async () => {
    const confirmed = cli(["framework", "confirm", NEW_ID, "--note", "ตรวจกับคู่มือ ITA 2570 แล้ว"]);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(JSON.parse(confirmed.stdout)).toEqual({ id: NEW_ID, confirmedOn: bangkokDate(new Date()), note: "ตรวจกับคู่มือ ITA 2570 แล้ว", provisional: true });
    const html = await (await fetch(`${server.url}/admin/rounds/${roundId}`, { headers: { cookie: admin.cookie } })).text();
    expect(html).toContain(NEW_ID);
    expect(html).not.toContain('data-testid="provisional-note"');
    const listed = JSON.parse(cli(["framework", "list"]).stdout) as { id: string; confirmed: boolean; confirmedOn: string }[];
    expect(listed.find((f) => f.id === NEW_ID)).toMatchObject({ confirmed: true, confirmedOn: bangkokDate(new Date()) });

    expect(cli(["framework", "confirm", "ita-1999"]).code).toBe(2);
  });
});
