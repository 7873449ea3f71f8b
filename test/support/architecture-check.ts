/**
 * The checker behind test/unit/architecture.test.ts: what must not happen in the source tree
 * (ARCHITECTURE.md §2, "What must not happen"), as rules over source text that name file and line.
 *
 * It reads text, not types: each rule is a pattern a reviewer would grep for, made exact enough to hold
 * at zero on the tree. Comments are blanked first (a comment may name "selectFrom" or "i20" to explain),
 * and string contents are kept apart from code, so that "95" in a Thai sentence is not a level bound and
 * a question code is recognised only as a whole string. The lexer is the usual heuristic one (a `/` after
 * an operator starts a regular expression; a string ends at its line's end), good for this code base;
 * where it is wrong, a line at most is blanked, which can hide a violation on that line but never makes one.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";

export interface SourceFile {
  /** Relative to the repository root, with `/`: "app/services/x.server.ts". */
  path: string;
  text: string;
}

export interface Violation {
  rule: RuleId;
  path: string;
  /** 1-based. */
  line: number;
  /** The line as written, trimmed. */
  source: string;
  why: string;
}

export type RuleId = "sql" | "scoring" | "env" | "framework-code" | "framework-number" | "survey-react-ui-seam" | "chart-js-seam" | "commercial-surveyjs" | "db-imports-app";

/** What the frameworks in surveys/ define, which TypeScript must read instead of repeating. */
export interface FrameworkConstants {
  /** Every item, field and OIT checklist code ("i20", "i11_2", "e15", "o23"). */
  codes: Set<string>;
  /** Level codes ("AA", "A", … "F"). */
  levelCodes: Set<string>;
  /** Level lower bounds and pass marks, 0 left out (it is every scale's bottom, and everywhere). */
  bounds: Set<number>;
  passMarks: Set<number>;
  /** Instrument codes and abbreviations ("iit", "IIT", …). */
  instrumentNames: Set<string>;
  /** Instrument weights as fractions and as percentages (0.3 and 30). */
  weights: Set<number>;
  /** Scale scores that are not whole numbers (33.333…, 66.666…): a literal close to one is a copy. */
  fractionalScores: number[];
}

// ---------------------------------------------------------------------------------------------------
// Reading the tree and the frameworks

const SOURCE_EXTENSIONS = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** The shipped source: app/ and db/. (test/ is not checked: see the test's header.) */
export function readSourceTree(root: string, folders: readonly string[] = ["app", "db"]): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE_EXTENSIONS.test(entry.name)) files.push({ path: relative(root, full).split(sep).join("/"), text: readFileSync(full, "utf8") });
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

interface FrameworkJson {
  passMark: number;
  levels: { code: string; min: number }[];
  scales: Record<string, { options: { score: number }[] }>;
  instruments: { code: string; abbreviation?: string; weight?: number }[];
  items: { code: string; fields?: { name: string }[] }[];
  /** The free-text question (issue 15): its name is a code like a field's. */
  suggestion?: { name: string };
}

interface ChecklistJson {
  subIndicators?: { items?: { code: string }[] }[];
  items?: { code: string }[];
}

/** The constants of every framework folder in `surveysDir` (framework.json, and oit.json's item codes). */
export function readFrameworkConstants(surveysDir: string): FrameworkConstants {
  const constants: FrameworkConstants = {
    codes: new Set(),
    levelCodes: new Set(),
    bounds: new Set(),
    passMarks: new Set(),
    instrumentNames: new Set(),
    weights: new Set(),
    fractionalScores: [],
  };
  const folders = readdirSync(surveysDir, { withFileTypes: true }).filter((e) => e.isDirectory());
  if (folders.length === 0) throw new Error(`no framework folder in ${surveysDir}`);
  for (const folder of folders) {
    const dir = join(surveysDir, folder.name);
    const framework = JSON.parse(readFileSync(join(dir, "framework.json"), "utf8")) as FrameworkJson;
    constants.passMarks.add(framework.passMark);
    for (const level of framework.levels) {
      constants.levelCodes.add(level.code);
      if (level.min !== 0) constants.bounds.add(level.min);
    }
    for (const scale of Object.values(framework.scales)) {
      for (const option of scale.options) if (!Number.isInteger(option.score)) constants.fractionalScores.push(option.score);
    }
    for (const instrument of framework.instruments) {
      constants.instrumentNames.add(instrument.code);
      if (instrument.abbreviation) constants.instrumentNames.add(instrument.abbreviation);
      if (instrument.weight !== undefined) {
        constants.weights.add(instrument.weight);
        constants.weights.add(Math.round(instrument.weight * 10_000) / 100);
      }
    }
    for (const item of framework.items) {
      constants.codes.add(item.code);
      for (const field of item.fields ?? []) constants.codes.add(field.name);
    }
    if (framework.suggestion) constants.codes.add(framework.suggestion.name);
    // A framework may have no disclosure checklist; one it has must parse.
    const checklistPath = join(dir, "oit.json");
    const checklist = existsSync(checklistPath) ? (JSON.parse(readFileSync(checklistPath, "utf8")) as ChecklistJson) : undefined;
    for (const item of checklist?.items ?? []) constants.codes.add(item.code);
    for (const sub of checklist?.subIndicators ?? []) for (const item of sub.items ?? []) constants.codes.add(item.code);
  }
  for (const passMark of constants.passMarks) constants.bounds.add(passMark);
  return constants;
}

// ---------------------------------------------------------------------------------------------------
// Lexing: comments out, strings apart

export interface StringLiteral {
  value: string;
  /** Offset of the opening quote. */
  start: number;
}

export interface Lexed {
  /** The text with comments blanked (newlines kept, so offsets and lines stay). */
  code: string;
  /** `code` with the contents of strings, templates and regular expressions blanked too. */
  bare: string;
  strings: StringLiteral[];
}

const REGEX_AFTER = new Set(["(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "+", "-", "*", "%", "~", "^", ">"]);
const REGEX_AFTER_WORDS = new Set(["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await"]);

export function lex(text: string): Lexed {
  const code = text.split("");
  const bare = text.split("");
  const strings: StringLiteral[] = [];
  const blank = (target: string[], from: number, to: number) => {
    for (let k = from; k < to; k++) if (target[k] !== "\n") target[k] = " ";
  };
  /** Template literals being read, innermost last: the brace depth of the `${…}` we are in. */
  const templates: number[] = [];
  let i = 0;

  /** Reads template text from i (just after ` or }) to the closing ` or the next ${; returns the new i. */
  const readTemplateChunk = (from: number): number => {
    let j = from;
    let value = "";
    while (j < text.length) {
      const c = text[j]!;
      if (c === "\\") {
        value += text[j + 1] ?? "";
        j += 2;
        continue;
      }
      if (c === "`") {
        strings.push({ value, start: from - 1 });
        blank(bare, from, j);
        templates.pop();
        return j + 1;
      }
      if (c === "$" && text[j + 1] === "{") {
        strings.push({ value, start: from - 1 });
        blank(bare, from, j);
        templates[templates.length - 1] = 0;
        return j + 2;
      }
      value += c;
      j++;
    }
    blank(bare, from, j);
    return j;
  };

  const previousSignificant = (at: number): { char: string; word: string } => {
    let k = at - 1;
    while (k >= 0 && /\s/.test(code[k]!)) k--;
    if (k < 0) return { char: "", word: "" };
    let w = k;
    while (w >= 0 && /[A-Za-z_$]/.test(code[w]!)) w--;
    return { char: code[k]!, word: code.slice(w + 1, k + 1).join("") };
  };

  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      const end = text.indexOf("\n", i);
      const to = end === -1 ? text.length : end;
      blank(code, i, to);
      blank(bare, i, to);
      i = to;
    } else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const to = end === -1 ? text.length : end + 2;
      blank(code, i, to);
      blank(bare, i, to);
      i = to;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let value = "";
      while (j < text.length && text[j] !== c && text[j] !== "\n") {
        if (text[j] === "\\") {
          value += text[j + 1] ?? "";
          j += 2;
        } else value += text[j++];
      }
      strings.push({ value, start: i });
      blank(bare, i + 1, j);
      i = j + 1;
    } else if (c === "`") {
      templates.push(-1);
      i = readTemplateChunk(i + 1);
    } else if (c === "{" && templates.length > 0 && templates[templates.length - 1]! >= 0) {
      templates[templates.length - 1]!++;
      i++;
    } else if (c === "}" && templates.length > 0 && templates[templates.length - 1]! >= 0) {
      if (templates[templates.length - 1] === 0) {
        templates[templates.length - 1] = -1;
        i = readTemplateChunk(i + 1);
      } else {
        templates[templates.length - 1]!--;
        i++;
      }
    } else if (c === "/" && next !== ">") {
      const before = previousSignificant(i);
      const isRegex = before.char !== "<" && (before.char === "" || REGEX_AFTER.has(before.char) || REGEX_AFTER_WORDS.has(before.word));
      if (!isRegex) {
        i++;
        continue;
      }
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== "\n") {
        if (text[j] === "\\") j += 2;
        else if (text[j] === "[") (inClass = true), j++;
        else if (text[j] === "]") (inClass = false), j++;
        else if (text[j] === "/" && !inClass) break;
        else j++;
      }
      if (text[j] !== "/") {
        i++; // not a regular expression after all (a line's end came first)
        continue;
      }
      blank(bare, i + 1, j);
      i = j + 1;
    } else i++;
  }
  return { code: code.join(""), bare: bare.join(""), strings };
}

// ---------------------------------------------------------------------------------------------------
// Imports

export interface ImportRef {
  specifier: string;
  /** Offset of the specifier's string. */
  at: number;
  typeOnly: boolean;
}

/** Static imports, re-exports, dynamic import() and require() of a lexed file. */
export function findImports(lexed: Lexed): ImportRef[] {
  const found: ImportRef[] = [];
  const patterns = [
    // import … from "x" / export … from "x" (the clause may span lines; no string inside it)
    /\b(import|export)(\s+type)?\s+[^;"'`]*?\bfrom\s*(["'])([^"']+)\3/g,
    // import "x" (side effect)
    /\bimport\s*(["'])([^"']+)\1/g,
    // import("x"), require("x")
    /\b(?:import|require)\s*\(\s*(["'])([^"']+)\1\s*\)/g,
  ];
  for (const [index, pattern] of patterns.entries()) {
    for (const match of lexed.code.matchAll(pattern)) {
      const specifier = index === 0 ? match[4]! : match[2]!;
      const at = match.index + match[0].lastIndexOf(specifier) - 1;
      let typeOnly = false;
      if (index === 0) {
        // `import type …`, or `import { type A, type B } from …` with every name marked as a type.
        const what = match[0].replace(/^(import|export)(\s+type)?\s+/, "").replace(/\s*\bfrom\s*["'][^"']+["']$/, "").trim();
        const names = /^\{([^}]*)\}$/.exec(what)?.[1]?.split(",").filter((name) => name.trim() !== "");
        typeOnly = Boolean(match[2]) || (names !== undefined && names.length > 0 && names.every((name) => /^\s*type\s/.test(name)));
      }
      found.push({ specifier, at, typeOnly });
    }
  }
  return found;
}

/** Where a specifier points inside the repository ("app/scoring/levels"), or null for a package. */
export function resolveSpecifier(fromPath: string, specifier: string): string | null {
  let target: string;
  if (specifier.startsWith("#app/") || specifier.startsWith("#db/") || specifier.startsWith("#surveys/")) target = specifier.slice(1);
  else if (specifier.startsWith(".")) target = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  else return null;
  return target.replace(/\.(ts|tsx|mts|cts|js|mjs|cjs)$/, "").replace(/\/index$/, "");
}

// ---------------------------------------------------------------------------------------------------
// The rules

interface Finding {
  at: number;
  why: string;
}

export interface Rule {
  id: RuleId;
  /** The rule in a sentence, for the test's names. */
  summary: string;
  /** Whether the rule looks at this file at all (where it applies, minus what is allowed). */
  appliesTo(path: string): boolean;
  check(file: SourceFile, lexed: Lexed, constants: FrameworkConstants): Finding[];
}

const under = (path: string, folder: string) => path.startsWith(`${folder}/`);
const isShipped = (path: string) => under(path, "app") || under(path, "db");

function importsOf(lexed: Lexed, pattern: RegExp, what: string): Finding[] {
  return findImports(lexed)
    .filter((ref) => pattern.test(ref.specifier))
    .map((ref) => ({ at: ref.at, why: `imports ${what}` }));
}

function matchAll(text: string, pattern: RegExp, why: (match: RegExpMatchArray) => string): Finding[] {
  return [...text.matchAll(pattern)].map((match) => ({ at: match.index, why: why(match) }));
}

/** Offsets where each line starts, for turning an offset into a line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= at) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** An object key or property name followed by its colon (`{ i20: 0.6 }`, `AA: 95`), as group 1. */
const KEY = /(?<![\w$.?])([A-Za-z_$][\w$]*)\s*:(?!:)/g;

/** Numeric literals of a bare line (strings already blanked), with their values. */
function numbersIn(bareLine: string): { value: number; text: string; at: number }[] {
  return [...bareLine.matchAll(/(?<![\w.$])(\d[\d_]*(?:\.\d+)?|\.\d+)(?![\w.])/g)].map((m) => ({ value: Number(m[1]!.replace(/_/g, "")), text: m[1]!, at: m.index }));
}

/**
 * Database infrastructure that may hold SQL besides db/queries (one file per aggregate) and
 * db/migrations (the schema's history): the connection (PRAGMAs at open), the reusable compiled query
 * and the prepared-statement cache (both wrap Kysely for speed and own no query of their own).
 */
export const SQL_HOMES = ["db/client.server.ts", "db/reusable-query.ts", "db/sqlite-statement-cache.ts"];

/** Raw SQL in a string: upper-case keywords in SQL's own order, so English prose does not match. */
const RAW_SQL = /\b(SELECT\s+(\*|DISTINCT\b|COUNT\(|[a-z_"])|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+["\w]+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(TABLE|(UNIQUE\s+)?INDEX|VIEW|TRIGGER)\b|DROP\s+(TABLE|INDEX|VIEW)\b|ALTER\s+TABLE\b|PRAGMA\s+\w|VACUUM\b)/;

/** The scoring modules other layers may import: the public face, and the framework's types. */
export const SCORING_PUBLIC = ["app/scoring", "app/scoring/framework"];

/**
 * Where a framework's question codes may stand in TypeScript: the demo agency (app/seed/) re-enacts one
 * published ITA 2565 case (its FRAMEWORK_ID), so its weak spots, failing OIT items and measure targets
 * are named by that framework's codes, as data about the case; nothing is scored from them (the answers
 * go through storeResponse, scoring reads the framework), and the seed throws on an OIT item it has no
 * page for. Test fixtures do the same and are not checked (test/ is outside the rules).
 */
export const FRAMEWORK_CODE_HOMES = ["app/seed"];

export const RULES: Rule[] = [
  {
    id: "sql",
    summary: "SQL only in db/queries, db/migrations and the database infrastructure (SQL_HOMES)",
    appliesTo: (path) => isShipped(path) && !under(path, "db/queries") && !under(path, "db/migrations") && !SQL_HOMES.includes(path),
    check(file, lexed) {
      const findings = [
        ...matchAll(lexed.bare, /\.\s*(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\s*\(/g, (m) => `Kysely query builder .${m[1]}(): queries belong in db/queries`),
        ...matchAll(lexed.bare, /\bsql\s*(<[^>]*>\s*)?`/g, () => "Kysely's sql`…` template: SQL belongs in db/queries"),
        ...matchAll(lexed.bare, /\bsql\s*\.\s*(raw|ref|id|lit|table|join|val|value)\s*\(/g, (m) => `Kysely's sql.${m[1]}(): SQL belongs in db/queries`),
        ...matchAll(lexed.bare, /\.\s*schema\s*\.\s*(createTable|alterTable|dropTable|createIndex|dropIndex|createView|dropView|createType|dropType)\s*\(/g, (m) => `Kysely schema builder .schema.${m[1]}(): the schema changes only in db/migrations`),
        ...matchAll(lexed.bare, /\bCompiledQuery\s*\.\s*raw\s*\(/g, () => "CompiledQuery.raw(): SQL belongs in db/queries"),
        ...matchAll(lexed.bare, /\.\s*pragma\s*\(/g, () => "a PRAGMA: the connection's settings belong in db/client.server.ts"),
        ...lexed.strings.filter((s) => RAW_SQL.test(s.value)).map((s) => ({ at: s.start, why: "SQL text in a string: queries belong in db/queries" })),
      ];
      if (under(file.path, "app")) {
        for (const ref of findImports(lexed)) {
          const driver = /^(kysely|better-sqlite3|pg)(\/|$)/.exec(ref.specifier)?.[1];
          if (driver && !ref.typeOnly) findings.push({ at: ref.at, why: `imports ${driver}: app/ reaches the database through db/ (types only may be imported)` });
        }
      }
      return findings;
    },
  },
  {
    id: "scoring",
    summary: "score and rating arithmetic only in app/scoring",
    appliesTo: (path) => under(path, "app") && !under(path, "app/scoring"),
    check(file, lexed) {
      const findings: Finding[] = [];
      // 1. The arithmetic is reached through app/scoring's public face (index.ts) and its framework
      //    types; importing a scoring module's internals is the first step to doing its sums elsewhere.
      for (const ref of findImports(lexed)) {
        const target = resolveSpecifier(file.path, ref.specifier);
        if (target && under(target, "app/scoring") && !SCORING_PUBLIC.includes(target)) {
          findings.push({ at: ref.at, why: `imports ${target}, a scoring internal: use what app/scoring/index.ts exports` });
        }
      }
      // 2. Rating is comparing a score with a level's lower bound or the pass mark (levelFor, passes):
      //    such a comparison outside app/scoring decides a rating a second time.
      //    A level's bound is a `.min` property (framework.levels[].min); a plain variable `min` is not one.
      const bound = String.raw`(?:[\w$.?!\]\[]*\.min|[\w$.?!\]\[]*\b(?:passMark|PASS_MARK|pass_mark))\b(?!\s*\()`;
      findings.push(
        ...matchAll(lexed.bare, new RegExp(String.raw`(?<![=\-<>])(?:<=?|>=?)(?!=)\s*${bound}`, "g"), () => "compares with a level bound or the pass mark: rating is app/scoring's (levelFor, passes)"),
        ...matchAll(lexed.bare, new RegExp(String.raw`${bound}\s*(?:<=?|>=?)(?![=>])`, "g"), () => "compares with a level bound or the pass mark: rating is app/scoring's (levelFor, passes)"),
      );
      // 3. Weighting is multiplying or adding with an instrument's weight (what computeTotal does). Showing
      //    a weight as a percentage (weight * 100) is not arithmetic on a score and is allowed.
      const weight = String.raw`[\w$.?!\]\[]*\bweights?\b(?!\s*\()`;
      findings.push(
        ...matchAll(lexed.bare, new RegExp(String.raw`${weight}\s*[*/+\-](?![=+\-])(?!\s*100\b)`, "gi"), () => "arithmetic with a weight: weighting is app/scoring's"),
        ...matchAll(lexed.bare, new RegExp(String.raw`(?<![=+\-*/])[*/+](?![=+])\s*${weight}`, "gi"), () => "arithmetic with a weight: weighting is app/scoring's"),
      );
      return findings;
    },
  },
  {
    id: "env",
    summary: "process.env read only in app/lib/env.server.ts",
    appliesTo: (path) => isShipped(path) && path !== "app/lib/env.server.ts",
    check(_file, lexed) {
      // import.meta.env (Vite's build-time flags, such as DEV in app/root.tsx) is not the process's
      // environment and is not read at run time; it is not this rule's business.
      return [
        ...matchAll(lexed.bare, /\bprocess\s*(\?\.|\.)\s*env\b/g, () => "reads process.env: settings come from getEnv() (app/lib/env.server.ts)"),
        ...matchAll(lexed.code, /\bprocess\s*\[\s*["'`]env["'`]\s*\]/g, () => "reads process.env: settings come from getEnv() (app/lib/env.server.ts)"),
        ...matchAll(lexed.bare, /\{[^}]*\benv\b[^}]*\}\s*=\s*process\b/g, () => "takes env out of process: settings come from getEnv() (app/lib/env.server.ts)"),
        ...findImports(lexed)
          .filter((ref) => /^(node:)?process$/.test(ref.specifier) && /\benv\b/.test(lexed.code.slice(Math.max(0, lexed.code.lastIndexOf("import", ref.at)), ref.at)))
          .map((ref) => ({ at: ref.at, why: "imports env from node:process: settings come from getEnv() (app/lib/env.server.ts)" })),
      ];
    },
  },
  {
    id: "framework-code",
    summary: "question, field and checklist codes read from surveys/, not written in TypeScript (FRAMEWORK_CODE_HOMES aside)",
    appliesTo: (path) => isShipped(path) && !FRAMEWORK_CODE_HOMES.some((home) => under(path, home)),
    check(_file, lexed, constants) {
      const findings: Finding[] = [];
      // A code as a whole string ("i20"), or as an object key ({ i20: … }); in a comment it is an example.
      for (const s of lexed.strings) if (constants.codes.has(s.value)) findings.push({ at: s.start, why: `the framework's code "${s.value}" in TypeScript: read it from surveys/` });
      for (const m of lexed.bare.matchAll(KEY)) {
        if (constants.codes.has(m[1]!)) findings.push({ at: m.index, why: `the framework's code ${m[1]} as a key in TypeScript: read it from surveys/` });
      }
      return findings;
    },
  },
  {
    id: "framework-number",
    summary: "level bounds, pass marks, weights and scale scores read from surveys/, not written in TypeScript",
    appliesTo: isShipped,
    check(_file, lexed, constants) {
      const findings: Finding[] = [];
      // Line by line: a number means a framework constant by what stands beside it (a level's name, an
      // instrument's name, the word pass); a number alone (a width of 85 pixels) is nobody's business.
      const starts = lineStarts(lexed.bare);
      for (const [index, start] of starts.entries()) {
        const end = starts[index + 1] ?? lexed.bare.length;
        const bareLine = lexed.bare.slice(start, end);
        const numbers = numbersIn(bareLine);
        if (numbers.length === 0) continue;
        const names = new Set([
          ...lexed.strings.filter((s) => s.start >= start && s.start < end).map((s) => s.value),
          ...[...bareLine.matchAll(KEY)].map((m) => m[1]!),
        ]);
        const at = (n: { at: number }) => start + n.at;
        // 1. A level's name beside a level bound or pass mark: a rating table.
        if ([...names].some((name) => constants.levelCodes.has(name))) {
          for (const n of numbers) if (constants.bounds.has(n.value)) findings.push({ at: at(n), why: `level bound ${n.text} beside a level's name: the levels are in surveys/*/framework.json` });
        }
        // 2. An instrument's name beside a weight (0.3 or 30 %): a weight table.
        if ([...names].some((name) => constants.instrumentNames.has(name))) {
          for (const n of numbers) if (constants.weights.has(n.value)) findings.push({ at: at(n), why: `weight ${n.text} beside an instrument's name: the weights are in surveys/*/framework.json` });
        }
        // 3. The pass mark where a pass is spoken of (passMark, PASS_MARK, passes; not password).
        if (/pass(?!word)/i.test(bareLine)) {
          for (const n of numbers) if (constants.passMarks.has(n.value)) findings.push({ at: at(n), why: `pass mark ${n.text} in TypeScript: it is framework.json's passMark` });
        }
        // 4. A copy of a scale score that is not a whole number (33.33 for 2 of 4 points).
        for (const n of numbers) {
          if (n.text.includes(".") && constants.fractionalScores.some((score) => Math.abs(score - n.value) < 0.01)) findings.push({ at: at(n), why: `scale score ${n.text} in TypeScript: the scales are in surveys/*/framework.json` });
        }
      }
      return findings;
    },
  },
  {
    id: "survey-react-ui-seam",
    summary: "survey-react-ui imported only by app/components/survey-runner.tsx (the kiosk renders surveys through it)",
    appliesTo: (path) => isShipped(path) && path !== "app/components/survey-runner.tsx",
    check: (_file, lexed) => importsOf(lexed, /^survey-react-ui(\/|$)/, "survey-react-ui: only app/components/survey-runner.tsx renders SurveyJS"),
  },
  {
    id: "chart-js-seam",
    summary: "chart.js imported only in app/components/charts/",
    // The seam is the folder: its .tsx charts and the .ts helpers they share (use-chart.ts sets the Thai
    // font once for every chart, ARCHITECTURE.md §1), where §2 says charts/*.tsx.
    appliesTo: (path) => isShipped(path) && !under(path, "app/components/charts"),
    check: (_file, lexed) => importsOf(lexed, /^chart\.js(\/|$)/, "chart.js: only app/components/charts/ draws charts"),
  },
  {
    id: "commercial-surveyjs",
    summary: "no survey-analytics, survey-pdf or survey-creator anywhere (commercial licences, ARCHITECTURE.md §1)",
    appliesTo: isShipped,
    check: (_file, lexed) => importsOf(lexed, /^survey-(analytics|pdf|creator)/, "a commercially licensed SurveyJS package, never shipped"),
  },
  {
    id: "db-imports-app",
    summary: "nothing in db/ imports app/",
    appliesTo: (path) => under(path, "db"),
    check(file, lexed) {
      return findImports(lexed)
        .filter((ref) => {
          const target = resolveSpecifier(file.path, ref.specifier);
          return target !== null && (target === "app" || under(target, "app"));
        })
        .map((ref) => ({ at: ref.at, why: `imports ${ref.specifier}: db/ is below app/ and must not reach up into it` }));
    },
  },
];

/** Runs `rules` on `files`; the violations are sorted by file and line. */
export function checkArchitecture(files: readonly SourceFile[], constants: FrameworkConstants, rules: readonly Rule[] = RULES): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const applicable = rules.filter((rule) => rule.appliesTo(file.path));
    if (applicable.length === 0) continue;
    const lexed = lex(file.text);
    const starts = lineStarts(file.text);
    const lines = file.text.split("\n");
    for (const rule of applicable) {
      // One violation per rule and line is enough to find it; the first reason found is given.
      const seen = new Set<number>();
      for (const finding of [...rule.check(file, lexed, constants)].sort((a, b) => a.at - b.at)) {
        const line = lineOf(starts, finding.at);
        if (seen.has(line)) continue;
        seen.add(line);
        violations.push({ rule: rule.id, path: file.path, line, source: lines[line - 1]!.trim(), why: finding.why });
      }
    }
  }
  return violations.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}

export function formatViolation(v: Violation): string {
  return `${v.path}:${v.line}: ${v.why}\n    ${v.source}`;
}
