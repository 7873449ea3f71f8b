/**
 * The OIT template an ITA officer fills (issue 13, item 4): a framework's current OIT list in the sheet's
 * columns (./oit-sheet.ts), as the admin pages' download (/admin/frameworks/:frameworkId/oit-template.xlsx,
 * from the frameworks the server loaded) and as `npm run cli -- framework oit-template --framework ID
 * --out FILE.xlsx` (from the folder as it is now, so that a framework just made or imported needs no restart).
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Framework, Localized, SubIndicator } from "../../scoring/framework";
import { FrameworkKitRefusal, locateFramework, readJsonFile } from "./folders.server";
import { oitTemplateCsv, oitTemplateXlsx, sheetFormatOf } from "./spreadsheet.server";

/** The file name of a framework's template: "oit-ita-2570.xlsx". */
export function oitTemplateFileName(frameworkId: string, format: "xlsx" | "csv" = "xlsx"): string {
  return `oit-${frameworkId}.${format}`;
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The template of a loaded framework, as XLSX. */
export function oitTemplateOf(framework: Pick<Framework, "id" | "title" | "subIndicators">): Promise<Buffer> {
  return oitTemplateXlsx(framework.subIndicators, `${framework.title.th} · OIT (${framework.id})`);
}

/**
 * Writes the template of framework `frameworkId` (either place) to `out` (.xlsx, or .csv).
 *
 * @throws FrameworkKitRefusal for an unknown framework, an unreadable OIT list, another extension, or an
 *   existing file without `force` (an officer's filled sheet is not overwritten by accident).
 */
export async function writeOitTemplate(frameworkId: string, out: string, options: { force?: boolean } = {}): Promise<{ framework: string; file: string; items: number }> {
  const found = locateFramework(frameworkId)[0];
  if (!found) throw new FrameworkKitRefusal({ th: `ไม่พบกรอบการประเมิน ${frameworkId}`, en: `no framework ${frameworkId}` });
  const format = sheetFormatOf(out);
  if (!format) throw new FrameworkKitRefusal({ th: `${out}: เขียนได้เฉพาะไฟล์ .xlsx หรือ .csv`, en: `${out}: only .xlsx or .csv files are written` });
  if (existsSync(out) && !options.force) {
    throw new FrameworkKitRefusal({ th: `มีไฟล์ ${out} อยู่แล้ว ใช้ชื่ออื่น หรือเพิ่ม --force เพื่อเขียนทับ`, en: `${out} exists already: choose another name, or add --force to overwrite it` });
  }
  let title: Localized;
  let subIndicators: SubIndicator[];
  try {
    const framework = readJsonFile(join(found.folder, "framework.json")) as Pick<Framework, "title" | "instruments">;
    const file = framework.instruments.find((i) => i.kind === "checklist")?.file ?? "oit.json";
    title = framework.title;
    subIndicators = (readJsonFile(join(found.folder, file)) as { subIndicators: SubIndicator[] }).subIndicators;
    if (!Array.isArray(subIndicators)) throw new Error("no subIndicators list");
  } catch (error) {
    throw new FrameworkKitRefusal({
      th: `อ่านรายการ OIT ของ ${frameworkId} ไม่ได้ (${(error as Error).message}) ตรวจด้วย framework check ${frameworkId}`,
      en: `cannot read the OIT list of ${frameworkId} (${(error as Error).message}); see framework check ${frameworkId}`,
    });
  }
  const bytes = format === "xlsx" ? await oitTemplateXlsx(subIndicators, `${title.th} · OIT (${frameworkId})`) : oitTemplateCsv(subIndicators);
  writeFileSync(out, bytes);
  return { framework: frameworkId, file: out, items: subIndicators.reduce((n, s) => n + s.items.length, 0) };
}
