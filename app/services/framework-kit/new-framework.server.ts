/**
 * `npm run cli -- framework new --from ita-2569 --id ita-2570 [--fiscal-year 2570]` (issue 13, item 3):
 * next year's framework as a copy of this year's in the installation's FRAMEWORKS_DIR, marked provisional
 * until an operator checks it against the year's NACC manual (ITA-METHOD §6). The copy is made and checked
 * in a hidden folder beside its place and moved there only when it passes the loader's checks.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FRAMEWORK_ID, installationFrameworksDir, readFrameworkFolder } from "../../lib/framework-files.server";
import type { Localized } from "../../scoring/framework";
import { BUDDHIST_ERA_OFFSET } from "../../text/dates";
import { FrameworkKitRefusal, jsonText, listFrameworkLocations, locateFramework, readJsonFile } from "./folders.server";

export interface NewFrameworkInput {
  from: string;
  id: string;
  /** B.E.; default: the four-digit number in the new id. */
  fiscalYear?: string;
}

export interface NewFramework {
  id: string;
  folder: string;
  fiscalYear: number;
  from: string;
}

/** The last four-digit number of an id ("ita-2570" → 2570), or null. */
export function fiscalYearInId(id: string): number | null {
  const found = id.match(/(?<!\d)\d{4}(?!\d)/g);
  return found ? Number(found.at(-1)) : null;
}

/** Replaces the B.E. year, and the Gregorian year beside it ("2569 (2026)"), in a title. */
export function retitle(title: Localized, fromYear: number, toYear: number): Localized {
  const replace = (text: string) =>
    text
      .replace(new RegExp(`(?<!\\d)${fromYear}(?!\\d)`, "g"), String(toYear))
      .replace(new RegExp(`(?<!\\d)${fromYear - BUDDHIST_ERA_OFFSET}(?!\\d)`, "g"), String(toYear - BUDDHIST_ERA_OFFSET));
  return { th: replace(title.th), en: replace(title.en) };
}

/**
 * Copies framework `from` (either place) to FRAMEWORKS_DIR/<id> with its id, fiscal year and title's years
 * rewritten, `"provisional": true`, and the advice's (and checklist's) framework id.
 *
 * @throws FrameworkKitRefusal for a bad or taken id, an unknown source, a missing or bad fiscal year, or
 *   a copy that does not pass the checks (the message lists them).
 */
export function createFrameworkFromSource(input: NewFrameworkInput): NewFramework {
  const { id, from } = input;
  if (!FRAMEWORK_ID.test(id)) {
    throw new FrameworkKitRefusal({
      th: `รหัสกรอบการประเมิน "${id}" ใช้ไม่ได้: ใช้ตัวอักษรอังกฤษตัวเล็ก ตัวเลข และขีด (-) 2–40 ตัว ขึ้นต้นด้วยตัวอักษร เช่น ita-2570`,
      en: `"${id}" is not a framework id: 2–40 lower-case letters, digits and dashes, starting with a letter, e.g. ita-2570`,
    });
  }
  const taken = locateFramework(id);
  const target = join(installationFrameworksDir(), id);
  if (taken.length > 0 || existsSync(target)) {
    throw new FrameworkKitRefusal({
      th: `มีกรอบการประเมิน ${id} อยู่แล้ว (${taken[0]?.folder ?? target}) เลือกรหัสอื่น`,
      en: `framework ${id} exists already (${taken[0]?.folder ?? target}); choose another id`,
    });
  }
  const source = locateFramework(from)[0];
  if (!source) {
    const known = [...new Set(listFrameworkLocations().map((l) => l.id))].join(", ");
    throw new FrameworkKitRefusal({ th: `ไม่พบกรอบการประเมิน ${from} (มี ${known})`, en: `no framework ${from} (known: ${known})` });
  }
  let fiscalYear: number | null;
  if (input.fiscalYear !== undefined) {
    fiscalYear = /^\d{4}$/.test(input.fiscalYear) ? Number(input.fiscalYear) : null;
    if (fiscalYear === null) {
      throw new FrameworkKitRefusal({ th: `ปีงบประมาณ "${input.fiscalYear}" ต้องเป็นปี พ.ศ. สี่หลัก เช่น 2570`, en: `fiscal year "${input.fiscalYear}" must be a four-digit B.E. year, e.g. 2570` });
    }
  } else {
    fiscalYear = fiscalYearInId(id);
    if (fiscalYear === null) {
      throw new FrameworkKitRefusal({ th: `รหัส ${id} ไม่มีปี ระบุ --fiscal-year ด้วย เช่น --fiscal-year 2570`, en: `the id ${id} holds no year: give --fiscal-year, e.g. --fiscal-year 2570` });
    }
  }

  mkdirSync(installationFrameworksDir(), { recursive: true });
  // A hidden folder beside the target (same file system, so the final rename is one step); the loader
  // lists only folders with a framework.json of their own, so it never sees the copy half made.
  const staging = mkdtempSync(join(installationFrameworksDir(), `.new-${id}-`));
  try {
    const copy = join(staging, id);
    cpSync(source.folder, copy, { recursive: true, filter: (path) => !/(^|[\\/])\.[^\\/]*\.tmp$/.test(path) });
    rewriteCopy(copy, id, fiscalYear);
    ownerOnly(copy);
    const { problems } = readFrameworkFolder(copy);
    if (problems.length > 0) {
      throw new FrameworkKitRefusal({
        th: `สำเนาของ ${from} ไม่ผ่านการตรวจ จึงไม่ได้สร้าง ${id}:\n${problems.join("\n")}`,
        en: `the copy of ${from} does not pass the checks, so ${id} was not made:\n${problems.join("\n")}`,
      });
    }
    renameSync(copy, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { id, folder: target, fiscalYear, from };
}

/**
 * The copy is the server account's alone, as every file a command makes (app/server/index.ts sets the
 * umask, which a copy's modes would otherwise escape): folders 0700, files 0600.
 */
function ownerOnly(path: string): void {
  if (statSync(path).isDirectory()) {
    chmodSync(path, 0o700);
    for (const name of readdirSync(path)) ownerOnly(join(path, name));
  } else chmodSync(path, 0o600);
}

/** framework.json: id, fiscalYear, title's years, provisional; advice.json and the checklist: framework. */
function rewriteCopy(folder: string, id: string, fiscalYear: number): void {
  const frameworkPath = join(folder, "framework.json");
  const framework = readJsonFile(frameworkPath) as Record<string, unknown> & { fiscalYear?: unknown; title?: Localized; instruments?: { kind?: string; file?: string }[] };
  const fromYear = typeof framework.fiscalYear === "number" ? framework.fiscalYear : null;
  const rewritten: Record<string, unknown> = {};
  // The keys in their order, provisional after fiscalYear where the shipped files put it.
  for (const [key, value] of Object.entries(framework)) {
    if (key === "provisional") continue;
    if (key === "id") rewritten.id = id;
    else if (key === "fiscalYear") {
      rewritten.fiscalYear = fiscalYear;
      rewritten.provisional = true;
    } else if (key === "title" && framework.title && fromYear !== null) rewritten.title = retitle(framework.title, fromYear, fiscalYear);
    else rewritten[key] = value;
  }
  rewritten.provisional = true;
  writeJson(frameworkPath, rewritten);
  const files = ["advice.json", ...(framework.instruments ?? []).filter((i) => i.kind === "checklist" && i.file).map((i) => i.file!)];
  for (const file of files) {
    const path = join(folder, file);
    if (!existsSync(path)) continue;
    const content = readJsonFile(path) as Record<string, unknown>;
    if (content && typeof content === "object" && "framework" in content) writeJson(path, { ...content, framework: id });
  }
}

function writeJson(path: string, value: unknown): void {
  // A file of the hidden copy, which no one reads yet: a plain write.
  writeFileSync(path, jsonText(value));
}
