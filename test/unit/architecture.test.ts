/**
 * What must not happen in the source tree (ARCHITECTURE.md §2, "What must not happen"), checked on every
 * run: each rule reads app/ and db/ (the shipped code) and fails naming file and line. The rules, and
 * how each is checked, are in test/support/architecture-check.ts (RULES):
 *
 * - sql: Kysely's query and schema builders (.selectFrom( .insertInto( .updateTable( .deleteFrom( …,
 *   .schema.createTable( …), sql`…` and sql.raw(…), CompiledQuery.raw, .pragma(, SQL text in a string
 *   (upper-case keywords in SQL's order), and in app/ a value import of kysely, better-sqlite3 or pg:
 *   only in db/queries, db/migrations and the infrastructure of SQL_HOMES (db/client.server.ts opens the
 *   connection with its PRAGMAs; db/reusable-query.ts and db/sqlite-statement-cache.ts wrap Kysely for
 *   speed and hold no query of their own). Transactions (db.transaction()) are not SQL: services
 *   compose db/queries functions inside them.
 * - scoring: outside app/scoring, (1) no import of a scoring module other than its public face
 *   (app/scoring/index.ts) and the framework's types (app/scoring/framework.ts); (2) no comparison
 *   (< <= > >=) with a level's bound (`.min`) or the pass mark (`passMark`): that is rating, levelFor's and
 *   passes' job; (3) no arithmetic with a weight (`weight`, `weights`), except showing it as a percentage
 *   (weight * 100).
 * - env: no `process.env` (nor process["env"], `{ env } = process`, env from node:process) in app/ or db/
 *   except app/lib/env.server.ts. import.meta.env (Vite's build-time flags) is not the process's environment.
 * - framework-code: no item, field or OIT checklist code of any framework in surveys/ ("i20", "i11_2",
 *   "e15", "o23") as a string or an object key, except in app/seed/ (FRAMEWORK_CODE_HOMES: the demo
 *   agency re-enacts one published ITA 2565 case; the reason is written there).
 * - framework-number: no level bound or pass mark beside a level's name ("AA" … 95), no weight beside an
 *   instrument's name (iit: 0.3), no pass mark where a pass is spoken of (PASS_MARK = 85), no copy of a
 *   fractional scale score (33.33). The numbers and names are read from surveys/*\/framework.json.
 * - survey-react-ui-seam, chart-js-seam: survey-react-ui only in app/components/survey-runner.tsx (the
 *   kiosk renders surveys through SurveyRunner), chart.js only in app/components/charts/ (the folder: its
 *   .tsx charts and the .ts helpers they share).
 * - commercial-surveyjs: survey-analytics, survey-pdf, survey-creator nowhere (ARCHITECTURE.md §1).
 * - db-imports-app: nothing in db/ imports app/ (relative paths resolved, and #app/…), types included.
 *
 * test/ is not checked: tests read and write the database with SQL of their own to see what is stored,
 * set environment variables for the servers they start, and name ITA 2565's codes and numbers as the
 * expected values they are. None of it ships.
 *
 * No rule can pass for want of looking: every rule is shown below to flag a planted violation in an
 * in-memory file, with the line it is on, and to flag the real code in the places it exempts (db/queries
 * is full of .selectFrom, app/lib/env.server.ts reads process.env, …), so a lexer that blanked too much,
 * a pattern that stopped matching or a tree that was not read would fail here.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  checkArchitecture,
  type FrameworkConstants,
  formatViolation,
  lex,
  readFrameworkConstants,
  readSourceTree,
  type Rule,
  type RuleId,
  RULES,
} from "../support/architecture-check";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const files = readSourceTree(ROOT);
const constants = readFrameworkConstants(join(ROOT, "surveys"));

function ruleOf(id: RuleId): Rule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

describe("the source tree keeps the architecture (ARCHITECTURE.md §2)", () => {
  it("reads app/, db/ and the frameworks in surveys/", () => {
    const paths = files.map((f) => f.path);
    expect(paths.length).toBeGreaterThan(100);
    for (const path of ["app/lib/env.server.ts", "app/components/survey-runner.tsx", "app/scoring/index.ts", "db/schema.ts", "db/client.server.ts"]) {
      expect(paths).toContain(path);
    }
    expect(paths.some((p) => p.startsWith("db/queries/"))).toBe(true);
    expect(paths.every((p) => p.startsWith("app/") || p.startsWith("db/"))).toBe(true);
    // ITA 2565 (surveys/ita-2565): its codes, levels, pass mark, weights and a 4-point scale's 33.33.
    expect([...constants.codes]).toEqual(expect.arrayContaining(["i1", "i20", "i11_2", "e15", "o1", "o43"]));
    expect([...constants.levelCodes]).toEqual(expect.arrayContaining(["AA", "A", "B"]));
    expect([...constants.bounds]).toEqual(expect.arrayContaining([95, 85, 75]));
    expect([...constants.passMarks]).toEqual([85]);
    expect([...constants.weights]).toEqual(expect.arrayContaining([0.3, 0.4, 30, 40]));
    expect(constants.fractionalScores.some((s) => Math.abs(s - 100 / 3) < 1e-9)).toBe(true);
  });

  for (const rule of RULES) {
    it(`${rule.id}: ${rule.summary}`, () => {
      const violations = checkArchitecture(files, constants, [rule]);
      expect(violations.map(formatViolation), `${violations.length} violation(s) of "${rule.id}"; fix the code (ARCHITECTURE.md §2)`).toEqual([]);
    });
  }
});

/**
 * The places each rule exempts hold what it forbids elsewhere; the rule, run there as if it applied,
 * must find it. (A rule with no such place, framework-number and db-imports-app and commercial-surveyjs,
 * is shown to bite by the planted files below only.)
 */
describe("each rule finds the real code in the places it exempts", () => {
  const exempt: { rule: RuleId; where: (path: string) => boolean }[] = [
    { rule: "sql", where: (p) => p.startsWith("db/queries/") },
    { rule: "scoring", where: (p) => p.startsWith("app/scoring/") },
    { rule: "env", where: (p) => p === "app/lib/env.server.ts" },
    { rule: "framework-code", where: (p) => p.startsWith("app/seed/") },
    { rule: "survey-react-ui-seam", where: (p) => p === "app/components/survey-runner.tsx" },
    { rule: "chart-js-seam", where: (p) => p.startsWith("app/components/charts/") },
  ];
  for (const { rule: id, where } of exempt) {
    it(id, () => {
      const rule = ruleOf(id);
      const inside = files.filter((f) => where(f.path));
      expect(inside.length, `no file where ${id} is exempt`).toBeGreaterThan(0);
      expect(inside.every((f) => !rule.appliesTo(f.path)), `${id} is meant to exempt these files`).toBe(true);
      const found = checkArchitecture(inside, constants, [{ ...rule, appliesTo: () => true }]);
      expect(found.length).toBeGreaterThan(0);
    });
  }
});

/** Small frameworks' worth of constants, so that the planted files do not depend on surveys/ changing. */
const PLANTED: FrameworkConstants = {
  codes: new Set(["i11_2", "i20", "e15", "o23"]),
  levelCodes: new Set(["AA", "A", "B"]),
  bounds: new Set([95, 85, 75]),
  passMarks: new Set([85]),
  instrumentNames: new Set(["iit", "eit", "oit", "IIT", "EIT", "OIT"]),
  weights: new Set([0.3, 0.4, 30, 40]),
  fractionalScores: [100 / 3, 200 / 3],
};

interface Planted {
  rule: RuleId;
  path: string;
  lines: string[];
  /** The 1-based lines the rule must name; [] for code the rule must let be. */
  flagged: number[];
}

const CASES: Planted[] = [
  // sql
  { rule: "sql", path: "app/services/rounds.server.ts", lines: ["export async function f(db: Db) {", '  return db.selectFrom("round").selectAll().execute();', "}"], flagged: [2] },
  { rule: "sql", path: "app/routes/admin/audit.tsx", lines: ["await trx", '  .insertInto("audit_log")', "  .values(row)"], flagged: [2] },
  { rule: "sql", path: "app/services/a.server.ts", lines: ['await db.updateTable("round").set({ x: 1 }).execute();', 'await db.deleteFrom("round").execute();'], flagged: [1, 2] },
  { rule: "sql", path: "app/services/b.server.ts", lines: ["const n = await sql<number>`select count(*) from response`.execute(db);", "const r = sql.raw(text);"], flagged: [1, 2] },
  { rule: "sql", path: "app/services/c.server.ts", lines: ["const text =", '  "SELECT id FROM round WHERE id = ?";'], flagged: [2] },
  { rule: "sql", path: "app/lib/d.server.ts", lines: ['import { sql } from "kysely";', 'import type { Kysely } from "kysely";', 'import { type Transaction } from "kysely";', 'import Database from "better-sqlite3";'], flagged: [1, 4] },
  { rule: "sql", path: "app/cli.ts", lines: ['sqlite.pragma("journal_mode = WAL");', 'await db.schema.createTable("x").execute();'], flagged: [1, 2] },
  { rule: "sql", path: "db/seed.ts", lines: ['await db.deleteFrom("organization").execute();'], flagged: [1] },
  { rule: "sql", path: "db/queries/rounds.ts", lines: ['return db.selectFrom("round").selectAll().execute();', "return sql`select 1`.execute(db);"], flagged: [] },
  { rule: "sql", path: "db/migrations/0009_x.ts", lines: ['await db.schema.createTable("x").execute();', "await sql`PRAGMA foreign_keys = ON`.execute(db);"], flagged: [] },
  { rule: "sql", path: "app/services/e.server.ts", lines: ['// db.selectFrom("round") lives in db/queries', '/* sql`select` */ const label = "Select a round; Update the plan";', "await db.transaction().execute(async (trx) => insertRound(trx, row));"], flagged: [] },
  // scoring
  { rule: "scoring", path: "app/services/dashboard.server.ts", lines: ['import { rate } from "../scoring/levels";', 'import { levelFor } from "../scoring";', 'import type { Level } from "../scoring/framework";', 'import { computeTotal } from "#app/scoring/total.ts";'], flagged: [1, 4] },
  { rule: "scoring", path: "app/routes/admin/x.tsx", lines: ["const weak = score < framework.passMark;", "const level = levels.find((l) => score >= l.min);", "const ok = level.min <= score;"], flagged: [1, 2, 3] },
  { rule: "scoring", path: "app/services/trends.server.ts", lines: ["const total = iit * weights.iit + eit * weights.eit;", "sum += instrument.weight * score;"], flagged: [1, 2] },
  { rule: "scoring", path: "app/routes/admin/y.tsx", lines: ["<span>({Math.round(meta.weight * 100)}%)</span>", "const sorted = [...levels].sort((a, b) => a.min - b.min);", "const low = Math.min(passMark, ...shown);", "weight: meta.weight,", "if (value < min || value > max) return null;"], flagged: [] },
  { rule: "scoring", path: "app/scoring/levels.ts", lines: ['import { meanOf } from "./combine";', "return score >= framework.passMark;"], flagged: [] },
  // env
  { rule: "env", path: "app/services/mail.server.ts", lines: ["const host = process.env.SMTP_HOST;", 'const url = process["env"]["DATABASE_URL"];', "const { env } = process;", 'import { env } from "node:process";'], flagged: [1, 2, 3, 4] },
  { rule: "env", path: "db/client.server.ts", lines: ["const url = process.env.DATABASE_URL ?? 'data/x.db';"], flagged: [1] },
  { rule: "env", path: "app/lib/env.server.ts", lines: ["const parsed = envSchema.safeParse(process.env);"], flagged: [] },
  { rule: "env", path: "app/root.tsx", lines: ["const stack = import.meta.env.DEV ? error.stack : undefined;", "// process.env is read once, in app/lib/env.server.ts", 'const text = "process.env";'], flagged: [] },
  // framework-code
  { rule: "framework-code", path: "app/services/advice.ts", lines: ['if (item.code === "i20") return 0.6;', "const goodness = { e15: 0.62 };", 'const fields = ["i11_2"];', "const page = `o23`;"], flagged: [1, 2, 3, 4] },
  { rule: "framework-code", path: "db/queries/oit.ts", lines: ['const first = "o23";'], flagged: [1] },
  { rule: "framework-code", path: "app/seed/demo.server.ts", lines: ["const goodness = { i20: 0.6 };", 'if (code === "o23") urls.push(page);'], flagged: [] },
  { rule: "framework-code", path: "app/scoring/items.ts", lines: ['/** The item code, e.g. "i20". */', 'const name = "i200" + "in" + `i${n}`;', "const next = cond ? i : e;"], flagged: [] },
  // framework-number
  { rule: "framework-number", path: "app/scoring/levels.ts", lines: ['const LEVELS = [{ code: "AA", min: 95 },', '  { code: "A", min: 85 }];', "const RATING = { AA: 95, B: 75 };"], flagged: [1, 2, 3] },
  { rule: "framework-number", path: "app/services/x.server.ts", lines: ["const WEIGHTS = { iit: 0.3, eit: 0.3, oit: 0.4 };", 'const label = ["IIT", 30];'], flagged: [1, 2] },
  { rule: "framework-number", path: "app/routes/admin/z.tsx", lines: ["const PASS_MARK = 85;", "const passes = (s: number) => s >= 85;"], flagged: [1, 2] },
  { rule: "framework-number", path: "app/scoring/field-scores.ts", lines: ["const SCORES = [0, 33.33, 66.67, 100];"], flagged: [1] },
  { rule: "framework-number", path: "app/routes/admin/w.tsx", lines: ["const width = 85;", 'const level = { code: "A", min: minOf(framework) };', 'const note = "ผ่านเกณฑ์ 85 คะแนน (ระดับ A)";', "const password = { minLength: 85 };", "const third = 0.33;"], flagged: [] },
  // survey-react-ui-seam
  { rule: "survey-react-ui-seam", path: "app/routes/public/survey.tsx", lines: ['import { Survey } from "survey-react-ui";'], flagged: [1] },
  { rule: "survey-react-ui-seam", path: "app/components/kiosk-app.tsx", lines: ['const { Survey } = await import("survey-react-ui");'], flagged: [1] },
  { rule: "survey-react-ui-seam", path: "app/components/survey-runner.tsx", lines: ['import { Survey } from "survey-react-ui";'], flagged: [] },
  // chart-js-seam
  { rule: "chart-js-seam", path: "app/routes/admin/trends.tsx", lines: ['import { Chart } from "chart.js/auto";'], flagged: [1] },
  { rule: "chart-js-seam", path: "app/components/report-document.tsx", lines: ['import type {', "  ChartConfiguration,", '} from "chart.js";'], flagged: [3] },
  { rule: "chart-js-seam", path: "app/components/charts/use-chart.ts", lines: ['import { Chart, registerables } from "chart.js";'], flagged: [] },
  // commercial-surveyjs
  { rule: "commercial-surveyjs", path: "app/components/survey-runner.tsx", lines: ['import "survey-analytics";', 'import { SurveyPDF } from "survey-pdf";', 'import { SurveyCreator } from "survey-creator-react";'], flagged: [1, 2, 3] },
  { rule: "commercial-surveyjs", path: "app/components/survey-runner.tsx", lines: ['import { Model } from "survey-core";'], flagged: [] },
  // db-imports-app
  { rule: "db-imports-app", path: "db/queries/users.ts", lines: ['import { hashPassword } from "../../app/auth/password.server";'], flagged: [1] },
  { rule: "db-imports-app", path: "db/schema.ts", lines: ['import type { Role } from "../app/auth/roles";', 'export { x } from "#app/lib/y";'], flagged: [1, 2] },
  { rule: "db-imports-app", path: "db/migrations/0009_x.ts", lines: ['const { f } = await import("../../app/text/dates");'], flagged: [1] },
  { rule: "db-imports-app", path: "db/queries/rounds.ts", lines: ['import type { Db } from "../client.server";', 'import type { Round } from "#db/schema";', "// not app/: see ../../app/auth/roles.ts"], flagged: [] },
];

describe("each rule flags a planted violation, on its line, and lets allowed code be", () => {
  it.each(CASES.map((c) => [`${c.rule} in ${c.path}${c.flagged.length === 0 ? " (allowed)" : ""}: ${c.lines.join(" ⏎ ").slice(0, 70)}`, c] as const))("%s", (_name, c) => {
    const found = checkArchitecture([{ path: c.path, text: c.lines.join("\n") }], PLANTED, [ruleOf(c.rule)]);
    expect(found.map((v) => v.line), found.map(formatViolation).join("\n")).toEqual(c.flagged);
    for (const v of found) expect(v.path).toBe(c.path);
  });

  it("covers every rule with a planted violation", () => {
    const planted = new Set(CASES.filter((c) => c.flagged.length > 0).map((c) => c.rule));
    expect([...planted].sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});

describe("the lexer the rules read through", () => {
  it("blanks comments, keeps strings apart, and is not thrown by regular expressions, templates or JSX", () => {
    const text = [
      'const re = /["\'`/]/g; // a "comment" with db.selectFrom(',
      "const t = `a ${`b ${c}`} d`; /* block",
      "   still comment */ const x = a / b / c;",
      "const j = <div className=\"x\">{y}</div>;",
      'const s = "i20";',
    ].join("\n");
    const lexed = lex(text);
    expect(lexed.code).not.toContain("comment");
    expect(lexed.code).toContain("const x = a / b / c;");
    expect(lexed.bare).toContain('const j = <div className=" ">{y}</div>;');
    expect(lexed.strings.map((s) => s.value)).toEqual(["a ", "b ", "", " d", "x", "i20"]);
    expect(lexed.code.split("\n")).toHaveLength(5);
    // What follows a regular expression, a template and JSX is still seen as code.
    const after = checkArchitecture([{ path: "app/x.tsx", text: `${text}\ndb.selectFrom("round");` }], PLANTED, [ruleOf("sql")]);
    expect(after.map((v) => v.line)).toEqual([6]);
  });
});
