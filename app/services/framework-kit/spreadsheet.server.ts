/**
 * The OIT sheet's files (./oit-sheet.ts has what the rows mean): reading an officer's XLSX or CSV into
 * cell texts, and writing the template as XLSX (exceljs, loaded on first use like the exports) or CSV.
 */
import { readFileSync } from "node:fs";
import type ExcelJS from "exceljs";
import type { SubIndicator } from "../../scoring/framework";
import { CONFIRMED_VALUES, EVIDENCE_VALUES, OIT_COLUMNS, OIT_HEADERS, OIT_TEMPLATE_HELP, oitTemplateRows } from "./oit-sheet";

export type SheetFormat = "xlsx" | "csv";

/** The format a file name says, or null for any other. */
export function sheetFormatOf(path: string): SheetFormat | null {
  const lower = path.toLowerCase();
  return lower.endsWith(".xlsx") ? "xlsx" : lower.endsWith(".csv") ? "csv" : null;
}

/** The name of the template's sheet; the import reads it (or the workbook's first sheet). */
export const OIT_SHEET_NAME = "OIT";

async function loadExcel(): Promise<typeof ExcelJS> {
  const { default: excel } = await import("exceljs");
  return excel;
}

/** A cell's text as the officer sees it: rich text joined, a formula's result, a hyperlink's text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ("text" in value) return typeof value.text === "string" ? value.text : cellText(value.text as ExcelJS.CellValue);
  return "";
}

/** The rows of an XLSX file: the sheet named OIT, else the first one; rows[0] is its first row. */
export async function readXlsxRows(path: string): Promise<string[][]> {
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet(OIT_SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

/**
 * The text of a CSV file: UTF-8 (with or without the BOM Excel's "CSV UTF-8" writes), else Windows-874,
 * which Thai Excel's plain "CSV" writes.
 */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-874").decode(bytes);
  }
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/**
 * RFC 4180 CSV: quoted fields with "" for a quote and line breaks inside; the separator is the first
 * line's most frequent of comma, semicolon and tab (Excel in some locales writes ";").
 */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const separator = [",", ";", "\t"].map((s) => [s, firstLine.split(s).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export async function readSheetRows(path: string, format: SheetFormat): Promise<string[][]> {
  return format === "xlsx" ? readXlsxRows(path) : parseCsv(decodeCsv(readFileSync(path)));
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The template as CSV, with the BOM that makes Excel read it as UTF-8. */
export function oitTemplateCsv(subIndicators: readonly SubIndicator[]): Buffer {
  const text = oitTemplateRows(subIndicators)
    .map((row) => row.map(csvField).join(","))
    .join("\r\n");
  return Buffer.from(`\uFEFF${text}\r\n`, "utf8");
}

const WIDTHS: Record<(typeof OIT_COLUMNS)[number], number> = {
  code: 10,
  subIndicator: 34,
  titleTh: 40,
  requirementTh: 70,
  titleEn: 34,
  requirementEn: 60,
  confirmed: 12,
  evidence: 12,
};

/** Rows below the list where the lists of the confirmed and evidence columns still apply (new items). */
const SPARE_ROWS = 200;

/**
 * The template an ITA officer fills (issue 13, item 4): the sheet "OIT" with the framework's current list
 * (every cell text, so that 9.10 stays 9.10), the confirmed and evidence columns as drop-down lists, and a
 * second sheet that says how to fill it, in Thai and English.
 */
export async function oitTemplateXlsx(subIndicators: readonly SubIndicator[], title: string): Promise<Buffer> {
  const excel = await loadExcel();
  const workbook = new excel.Workbook();
  workbook.creator = "Prongsai";
  workbook.title = title;
  const sheet = workbook.addWorksheet(OIT_SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = OIT_COLUMNS.map((c) => ({ key: c, width: WIDTHS[c], style: { numFmt: "@", alignment: { wrapText: true, vertical: "top" } } }));
  const rows = oitTemplateRows(subIndicators);
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  const last = rows.length + SPARE_ROWS;
  const lists: [(typeof OIT_COLUMNS)[number], string[]][] = [
    ["confirmed", Object.keys(CONFIRMED_VALUES).filter((v) => v === "yes" || v === "no")],
    ["evidence", Object.keys(EVIDENCE_VALUES).filter((v) => EVIDENCE_VALUES[v] !== undefined && /^[a-z][a-z-]*$/.test(v))],
  ];
  for (const [column, values] of lists) {
    const letter = String.fromCharCode(65 + OIT_COLUMNS.indexOf(column));
    for (let r = 2; r <= last; r++) {
      sheet.getCell(`${letter}${r}`).dataValidation = { type: "list", allowBlank: true, formulae: [`"${values.join(",")}"`] };
    }
  }
  const help = workbook.addWorksheet("วิธีกรอก · How to fill");
  help.columns = [{ width: 110, style: { alignment: { wrapText: true, vertical: "top" } } }];
  help.addRow([title]).font = { bold: true };
  help.addRow([`${OIT_COLUMNS.map((c) => OIT_HEADERS[c]).join(" · ")}`]);
  for (const line of OIT_TEMPLATE_HELP) {
    help.addRow([line.th]);
    help.addRow([line.en]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
