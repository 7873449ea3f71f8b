/**
 * `npm run cli -- framework import-oit --framework ita-2570 FILE.xlsx|FILE.csv` (issue 13, item 3): the
 * OIT list of an installation's framework replaced from the sheet an ITA officer filled (./oit-sheet.ts).
 *
 * One step: nothing is written while a row has a problem; the new list is first checked in a copy of the
 * folder (the loader's checks: advice for OIT items that no longer exist, an indicator left without
 * sub-indicators …); the checklist file is then replaced whole (temporary file + rename) and the folder
 * checked again, the previous file put back if anything fails. The folder is never left broken.
 *
 * Only the installation's own frameworks (FRAMEWORKS_DIR) are written: the shipped ones in surveys/ are
 * replaced by every upgrade of Prongsai, so a correction there would be lost (`framework new` first).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFrameworkFolder } from "../../lib/framework-files.server";
import type { Framework, SubIndicator } from "../../scoring/framework";
import { FrameworkKitRefusal, jsonText, locateFramework, readJsonFile, writeFileAtomic } from "./folders.server";
import { readOitSheet, type SheetProblem } from "./oit-sheet";
import { readSheetRows, sheetFormatOf } from "./spreadsheet.server";

export type ImportOitResult =
  | {
      ok: true;
      framework: string;
      /** The checklist file written. */
      file: string;
      subIndicators: number;
      items: number;
      /** Item codes that are new, and those no longer in the list. */
      added: string[];
      removed: string[];
      ignoredColumns: string[];
    }
  /** Rows with problems: nothing was written. */
  | { ok: false; kind: "rows"; problems: SheetProblem[]; ignoredColumns: string[] }
  /** The new list breaks the framework (the loader's problems): the previous file stands. */
  | { ok: false; kind: "check"; problems: string[] };

interface RawFramework {
  instruments: Framework["instruments"];
  indicators: Framework["indicators"];
}

/**
 * @throws FrameworkKitRefusal for an unknown framework, a shipped one, a file that is missing or neither
 *   XLSX nor CSV.
 */
export async function importOitSheet(frameworkId: string, sheetPath: string): Promise<ImportOitResult> {
  const found = locateFramework(frameworkId);
  if (found.length === 0) throw new FrameworkKitRefusal({ th: `ไม่พบกรอบการประเมิน ${frameworkId}`, en: `no framework ${frameworkId}` });
  const own = found.find((f) => !f.shipped);
  if (!own) {
    throw new FrameworkKitRefusal({
      th: `${frameworkId} เป็นกรอบการประเมินที่มากับโปร่งใส (${found[0]!.folder}) ซึ่งจะถูกแทนที่เมื่อปรับรุ่น สร้างกรอบของหน่วยงานก่อน: npm run cli -- framework new --from ${frameworkId} --id รหัสใหม่`,
      en: `${frameworkId} is shipped with Prongsai (${found[0]!.folder}) and replaced by every upgrade; make the installation's own first: npm run cli -- framework new --from ${frameworkId} --id NEW-ID`,
    });
  }
  const format = sheetFormatOf(sheetPath);
  if (!format) throw new FrameworkKitRefusal({ th: `${sheetPath}: รับเฉพาะไฟล์ .xlsx หรือ .csv`, en: `${sheetPath}: only .xlsx or .csv files are read` });
  if (!existsSync(sheetPath)) throw new FrameworkKitRefusal({ th: `ไม่พบไฟล์ ${sheetPath}`, en: `no file ${sheetPath}` });

  const folder = own.folder;
  const raw = readJsonFile(join(folder, "framework.json")) as RawFramework;
  const checklistFile = raw.instruments?.find((i) => i.kind === "checklist")?.file;
  if (!checklistFile) {
    throw new FrameworkKitRefusal({ th: `${frameworkId} ไม่มีแบบวัด OIT (instrument แบบ checklist)`, en: `${frameworkId} has no OIT (checklist) instrument in framework.json` });
  }
  const checklistPath = join(folder, checklistFile);
  const previousText = existsSync(checklistPath) ? readFileSync(checklistPath, "utf8") : null;
  const previous = parsePrevious(previousText);

  let rows: string[][];
  try {
    rows = await readSheetRows(sheetPath, format);
  } catch (error) {
    throw new FrameworkKitRefusal({ th: `อ่านไฟล์ ${sheetPath} ไม่ได้: ${(error as Error).message}`, en: `cannot read ${sheetPath}: ${(error as Error).message}` });
  }
  const reading = readOitSheet(rows, { instruments: raw.instruments ?? [], indicators: raw.indicators ?? [], subIndicators: previous.subIndicators });
  if (reading.problems.length > 0) return { ok: false, kind: "rows", problems: reading.problems, ignoredColumns: reading.ignoredColumns };

  const text = jsonText({ ...previous.content, subIndicators: reading.subIndicators });

  // 1. In a copy of the folder: the same checks as `framework check` and the server's start.
  const staging = mkdtempSync(join(tmpdir(), "prongsai-import-oit-"));
  try {
    const copy = join(staging, frameworkId);
    cpSync(folder, copy, { recursive: true });
    writeFileAtomic(join(copy, checklistFile), text);
    const { problems } = readFrameworkFolder(copy);
    if (problems.length > 0) return { ok: false, kind: "check", problems };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }

  // 2. In place, whole; checked again (the folder could have changed meanwhile), put back if broken.
  writeFileAtomic(checklistPath, text);
  const { problems } = readFrameworkFolder(folder);
  if (problems.length > 0) {
    if (previousText === null) rmSync(checklistPath, { force: true });
    else writeFileAtomic(checklistPath, previousText);
    return { ok: false, kind: "check", problems };
  }

  const before = new Set(previous.subIndicators.flatMap((s) => s.items.map((i) => i.code)));
  const after = reading.subIndicators.flatMap((s) => s.items.map((i) => i.code));
  return {
    ok: true,
    framework: frameworkId,
    file: checklistPath,
    subIndicators: reading.subIndicators.length,
    items: after.length,
    added: after.filter((c) => !before.has(c)),
    removed: [...before].filter((c) => !after.includes(c)),
    ignoredColumns: reading.ignoredColumns,
  };
}

/** The checklist file as it is (its other keys are kept), or an empty one when it is missing or unreadable. */
function parsePrevious(text: string | null): { content: Record<string, unknown>; subIndicators: SubIndicator[] } {
  if (text === null) return { content: {}, subIndicators: [] };
  try {
    const content = JSON.parse(text) as Record<string, unknown>;
    if (!content || typeof content !== "object" || Array.isArray(content)) return { content: {}, subIndicators: [] };
    const subs = Array.isArray(content.subIndicators) ? (content.subIndicators as SubIndicator[]).filter((s) => s && typeof s.code === "string" && s.title && Array.isArray(s.items)) : [];
    return { content, subIndicators: subs };
  } catch {
    return { content: {}, subIndicators: [] };
  }
}
