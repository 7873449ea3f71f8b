/**
 * The OIT list as a spreadsheet an ITA officer fills (issue 13, item 3; ITA-METHOD §6: the OIT list
 * changes from year to year and is corrected without code): one row per OIT item, the columns below, a
 * header row first. `readOitSheet` turns the rows into a framework's sub-indicators (its checklist file)
 * and names every problem by its row; `oitTemplateRows` makes the rows of a framework's current list, so
 * that the template an officer downloads is the same sheet the import reads.
 *
 * Pure: no files, no exceljs (./spreadsheet.server.ts reads and writes the files).
 */
import type { ChecklistEvidence, ChecklistItem, Framework, Localized, SubIndicator } from "../../scoring/framework";

/** The columns, in the template's order. */
export const OIT_COLUMNS = ["code", "subIndicator", "titleTh", "requirementTh", "titleEn", "requirementEn", "confirmed", "evidence"] as const;
export type OitColumn = (typeof OIT_COLUMNS)[number];

/** What the template's header row says, and what the import takes first. */
export const OIT_HEADERS: Record<OitColumn, string> = {
  code: "code",
  subIndicator: "sub-indicator",
  titleTh: "title_th",
  requirementTh: "requirement_th",
  titleEn: "title_en",
  requirementEn: "requirement_en",
  confirmed: "confirmed",
  evidence: "evidence",
};

/**
 * Every header the import recognises for a column (docs/frameworks.md lists them): the English names and
 * the Thai words an officer would write. Compared after `normalizeHeader` (case, spaces, "_", "-", ".",
 * brackets and ":" do not count), so "Title TH", "title-th" and "ชื่อรายการ (ไทย)" all match.
 */
export const OIT_HEADER_ALIASES: Record<OitColumn, readonly string[]> = {
  code: ["code", "item code", "รหัส", "รหัสรายการ", "ข้อ"],
  subIndicator: ["sub-indicator", "subindicator", "sub indicator", "ตัวชี้วัดย่อย"],
  titleTh: ["title_th", "title", "ชื่อรายการ", "ชื่อรายการ (ไทย)", "ชื่อรายการภาษาไทย", "หัวข้อ", "ชื่อข้อมูล"],
  requirementTh: [
    "requirement_th",
    "requirement",
    "รายละเอียด",
    "ข้อกำหนด",
    "รายละเอียด (ไทย)",
    "ข้อกำหนด (ไทย)",
    "รายละเอียดภาษาไทย",
    "ข้อกำหนดภาษาไทย",
    "รายละเอียดข้อมูล",
    "องค์ประกอบด้านข้อมูล",
  ],
  titleEn: ["title_en", "ชื่อรายการ (อังกฤษ)", "ชื่อรายการภาษาอังกฤษ"],
  requirementEn: ["requirement_en", "รายละเอียด (อังกฤษ)", "ข้อกำหนด (อังกฤษ)", "รายละเอียดภาษาอังกฤษ", "ข้อกำหนดภาษาอังกฤษ"],
  confirmed: ["confirmed", "ยืนยันแล้ว", "ยืนยัน", "ยืนยันตามคู่มือ"],
  evidence: ["evidence", "หลักฐาน", "หลักฐานจากโปร่งใส"],
};

const REQUIRED: readonly OitColumn[] = ["code", "subIndicator", "titleTh", "requirementTh"];

/** Values of the confirmed column (after trimming and lower-casing); an empty cell is "confirmed". */
export const CONFIRMED_VALUES: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  "1": true,
  ใช่: true,
  ยืนยัน: true,
  ยืนยันแล้ว: true,
  no: false,
  n: false,
  false: false,
  "0": false,
  ไม่ใช่: false,
  ไม่: false,
  ยังไม่ยืนยัน: false,
};

/** Values of the evidence column: what Prongsai produces that answers the item (ChecklistItem.evidence). */
export const EVIDENCE_VALUES: Record<string, ChecklistEvidence | undefined> = {
  report: "report",
  รายงาน: "report",
  measures: "measures",
  มาตรการ: "measures",
  แผนมาตรการ: "measures",
  // The complaints pages (issue 16).
  "complaint-guideline": "complaint-guideline",
  แนวปฏิบัติเรื่องร้องเรียน: "complaint-guideline",
  "complaint-channel": "complaint-channel",
  ช่องทางร้องเรียน: "complaint-channel",
  "complaint-statistics": "complaint-statistics",
  สถิติเรื่องร้องเรียน: "complaint-statistics",
  "-": undefined,
  none: undefined,
};

export function normalizeHeader(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/[\s_\-.:()[\]]+/g, "");
}

const ALIAS_LOOKUP = new Map<string, OitColumn>(OIT_COLUMNS.flatMap((column) => OIT_HEADER_ALIASES[column].map((alias) => [normalizeHeader(alias), column] as const)));

/** The column a header cell names: an alias, or "English / ไทย" with one part an alias; null when none. */
export function columnOfHeader(text: string): OitColumn | null {
  for (const part of [text, ...text.split("/")]) {
    const column = ALIAS_LOOKUP.get(normalizeHeader(part));
    if (column) return column;
  }
  return null;
}

/** A problem of the sheet: its row (1 = the first row of the file) and column when known, in Thai and English. */
export interface SheetProblem {
  row: number | null;
  column: string | null;
  th: string;
  en: string;
}

export function formatSheetProblem(p: SheetProblem): string {
  const where = [p.row !== null ? `row ${p.row}` : null, p.column].filter(Boolean).join(" › ");
  return `${where ? `${where}: ` : ""}${p.th} / ${p.en}`;
}

export interface OitSheetReading {
  /** The new checklist, sub-indicators ordered by code (9.1 … 9.5, 10.1 …), items in the sheet's order. */
  subIndicators: SubIndicator[];
  problems: SheetProblem[];
  /** Header cells that name no column: left out (a notes column, a typo of an optional one). */
  ignoredColumns: string[];
}

/** "Not published: …": the low text of an item, as the framework's own lists word it for a failing item. */
export function generatedLow(title: Localized): Localized {
  return { th: `ยังไม่ได้เผยแพร่: ${title.th}`, en: `Not published: ${title.en}` };
}

const SUB_INDICATOR = /^(\d+)\.(\d+)(?:\s*[-–—:·.]?\s*(.*))?$/s;
const ITEM_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;

function compareCodes(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Reads the sheet's rows (cell texts; rows[0] is the file's first row) against the framework it replaces
 * the OIT list of: a sub-indicator's indicator must be one of the framework's checklist indicators, an
 * existing sub-indicator keeps its title unless the sheet gives one, an existing item keeps its English
 * (when the sheet gives none) and its hand-written `low` text while the Thai is unchanged; new or changed
 * texts without English use the Thai for both, and a new or renamed item's low text is generated
 * ("ยังไม่ได้เผยแพร่: …").
 */
export function readOitSheet(rows: readonly (readonly string[])[], framework: Pick<Framework, "instruments" | "indicators" | "subIndicators">): OitSheetReading {
  const problems: SheetProblem[] = [];
  const problem = (row: number | null, column: string | null, th: string, en: string) => problems.push({ row, column, th, en });

  const headerIndex = rows.findIndex((cells) => cells.some((c) => c.trim() !== ""));
  if (headerIndex < 0) {
    problem(null, null, "ไฟล์ว่าง ไม่มีแถวหัวตาราง", "the file is empty: no header row");
    return { subIndicators: [], problems, ignoredColumns: [] };
  }
  const header = rows[headerIndex]!;
  const headerRow = headerIndex + 1;
  const position = new Map<OitColumn, number>();
  const ignoredColumns: string[] = [];
  header.forEach((cell, index) => {
    const text = cell.trim();
    if (text === "") return;
    const column = columnOfHeader(text);
    if (!column) ignoredColumns.push(text);
    else if (position.has(column)) problem(headerRow, text, `มีคอลัมน์ ${OIT_HEADERS[column]} สองคอลัมน์`, `the column ${OIT_HEADERS[column]} appears twice`);
    else position.set(column, index);
  });
  for (const column of REQUIRED) {
    if (!position.has(column)) {
      problem(headerRow, OIT_HEADERS[column], `ไม่มีคอลัมน์ ${OIT_HEADERS[column]} ในแถวหัวตาราง`, `the header row has no ${OIT_HEADERS[column]} column`);
    }
  }
  if (problems.length > 0) return { subIndicators: [], problems, ignoredColumns };

  const checklistInstruments = new Set(framework.instruments.filter((i) => i.kind === "checklist").map((i) => i.code));
  const checklistIndicators = new Set(framework.indicators.filter((i) => checklistInstruments.has(i.instrument)).map((i) => i.code));
  const existingSubs = new Map(framework.subIndicators.map((s) => [s.code, s]));
  const existingItems = new Map(framework.subIndicators.flatMap((s) => s.items.map((i) => [i.code, i] as const)));

  interface Building {
    sub: SubIndicator;
    /** The title given in the sheet, and the row that gave it first. */
    given: { title: string; row: number } | null;
  }
  const subs = new Map<string, Building>();
  const seenCodes = new Map<string, number>();
  let itemRows = 0;

  for (let index = headerIndex + 1; index < rows.length; index++) {
    const cells = rows[index]!;
    if (cells.every((c) => c.trim() === "")) continue;
    const row = index + 1;
    itemRows++;
    const cell = (column: OitColumn) => {
      const at = position.get(column);
      return at === undefined ? "" : (cells[at] ?? "").trim();
    };
    const before = problems.length;

    const code = cell("code");
    if (code === "") problem(row, OIT_HEADERS.code, "ไม่มีรหัสรายการ", "the code is missing");
    else if (!ITEM_CODE.test(code)) problem(row, OIT_HEADERS.code, `รหัส "${code}" ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข . _ - (ไม่เกิน 20 ตัว)`, `the code "${code}" may hold only letters, digits, ".", "_" and "-" (20 at most)`);
    else {
      const first = seenCodes.get(code.toLowerCase());
      if (first !== undefined) problem(row, OIT_HEADERS.code, `รหัส ${code} ซ้ำกับแถว ${first}`, `the code ${code} is also on row ${first}`);
      else seenCodes.set(code.toLowerCase(), row);
    }

    const subCell = cell("subIndicator");
    const match = SUB_INDICATOR.exec(subCell);
    let subCode = "";
    let subTitle = "";
    if (subCell === "") problem(row, OIT_HEADERS.subIndicator, "ไม่มีตัวชี้วัดย่อย (เช่น 9.1 หรือ 9.1 ข้อมูลพื้นฐาน)", 'the sub-indicator is missing (e.g. "9.1" or "9.1 ข้อมูลพื้นฐาน")');
    else if (!match) problem(row, OIT_HEADERS.subIndicator, `"${subCell}" ไม่ใช่ตัวชี้วัดย่อย (เช่น 9.1 หรือ 9.1 ข้อมูลพื้นฐาน)`, `"${subCell}" is not a sub-indicator (e.g. "9.1" or "9.1 ข้อมูลพื้นฐาน")`);
    else {
      const indicator = String(Number(match[1]));
      subCode = `${indicator}.${match[2]}`;
      subTitle = (match[3] ?? "").trim();
      if (!checklistIndicators.has(indicator)) {
        problem(
          row,
          OIT_HEADERS.subIndicator,
          `ตัวชี้วัด ${indicator} ไม่ใช่ตัวชี้วัดของ OIT ในกรอบนี้ (มี ${[...checklistIndicators].join(", ")})`,
          `indicator ${indicator} is not an OIT indicator of this framework (it has ${[...checklistIndicators].join(", ")})`,
        );
        subCode = "";
      }
    }

    const titleTh = cell("titleTh");
    const requirementTh = cell("requirementTh");
    if (titleTh === "") problem(row, OIT_HEADERS.titleTh, "ไม่มีชื่อรายการ (ภาษาไทย)", "the Thai title is empty");
    if (requirementTh === "") problem(row, OIT_HEADERS.requirementTh, "ไม่มีรายละเอียดที่ต้องเผยแพร่ (ภาษาไทย)", "the Thai requirement is empty");

    const confirmedText = cell("confirmed").toLowerCase();
    const confirmed = confirmedText === "" ? true : CONFIRMED_VALUES[confirmedText];
    if (confirmed === undefined) problem(row, OIT_HEADERS.confirmed, `"${cell("confirmed")}" ต้องเป็น ใช่/ไม่ใช่ (yes/no, 1/0) หรือเว้นว่าง`, `"${cell("confirmed")}" must be yes/no (ใช่/ไม่ใช่, 1/0) or empty`);
    const evidenceText = cell("evidence").toLowerCase();
    const evidence = evidenceText === "" ? undefined : EVIDENCE_VALUES[evidenceText];
    if (evidenceText !== "" && !Object.hasOwn(EVIDENCE_VALUES, evidenceText)) {
      problem(
        row,
        OIT_HEADERS.evidence,
        `"${cell("evidence")}" ต้องเป็น report, measures, complaint-guideline, complaint-channel, complaint-statistics หรือเว้นว่าง`,
        `"${cell("evidence")}" must be report, measures, complaint-guideline, complaint-channel, complaint-statistics or empty`,
      );
    }

    if (problems.length > before || subCode === "") continue;

    let building = subs.get(subCode);
    if (!building) {
      const existing = existingSubs.get(subCode);
      building = { sub: { code: subCode, indicator: subCode.split(".")[0]!, title: existing ? { ...existing.title } : { th: "", en: "" }, items: [] }, given: null };
      subs.set(subCode, building);
    }
    if (subTitle !== "") {
      if (!building.given) building.given = { title: subTitle, row };
      else if (building.given.title !== subTitle) {
        problem(
          row,
          OIT_HEADERS.subIndicator,
          `ตัวชี้วัดย่อย ${subCode} มีชื่อ "${subTitle}" ไม่ตรงกับแถว ${building.given.row} ("${building.given.title}")`,
          `sub-indicator ${subCode} is titled "${subTitle}" here but "${building.given.title}" on row ${building.given.row}`,
        );
        continue;
      }
    }

    // No English given: the item's English where its Thai is unchanged (a Thai-only sheet loses nothing),
    // else the Thai for both until someone writes one.
    const existing = existingItems.get(code);
    const english = (given: string, th: string, before: { th: string; en: string } | undefined) => given || (before && before.th === th && before.en ? before.en : th);
    const title = { th: titleTh, en: english(cell("titleEn"), titleTh, existing?.title) };
    const item: ChecklistItem = {
      code,
      title,
      requirement: { th: requirementTh, en: english(cell("requirementEn"), requirementTh, existing?.requirement) },
      low: existing && existing.title.th === titleTh && existing.low?.th ? existing.low : generatedLow(title),
    };
    if (confirmed === false) item.confirmed = false;
    if (evidence) item.evidence = evidence;
    building.sub.items.push(item);
  }

  for (const [code, building] of subs) {
    const existing = existingSubs.get(code);
    if (building.given) {
      // A title changed in Thai has no English yet: the Thai stands for both until someone writes one.
      building.sub.title = existing && existing.title.th === building.given.title ? { ...existing.title } : { th: building.given.title, en: building.given.title };
    } else if (!existing) {
      const firstRow = building.sub.items.length > 0 ? (seenCodes.get(building.sub.items[0]!.code.toLowerCase()) ?? null) : null;
      problem(
        firstRow,
        OIT_HEADERS.subIndicator,
        `ตัวชี้วัดย่อย ${code} เป็นตัวชี้วัดย่อยใหม่ ต้องมีชื่อ (เช่น "${code} ชื่อตัวชี้วัดย่อย")`,
        `sub-indicator ${code} is new and needs its title (e.g. "${code} its title")`,
      );
    }
  }
  if (itemRows === 0) problem(null, null, "ไม่มีรายการ OIT ใต้แถวหัวตาราง", "no OIT item under the header row");

  // By row, the file's order (a problem found after the rows, such as a new sub-indicator's missing title, has its row).
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const subIndicators = [...subs.values()].map((b) => b.sub).sort((a, b) => compareCodes(a.code, b.code));
  return { subIndicators: problems.length > 0 ? [] : subIndicators, problems, ignoredColumns };
}

/** The template's rows: the header, then one row per item of the framework's current OIT list. */
export function oitTemplateRows(subIndicators: readonly SubIndicator[]): string[][] {
  const rows: string[][] = [OIT_COLUMNS.map((c) => OIT_HEADERS[c])];
  for (const sub of subIndicators) {
    for (const item of sub.items) {
      const values: Record<OitColumn, string> = {
        code: item.code,
        subIndicator: `${sub.code} ${sub.title.th}`,
        titleTh: item.title.th,
        requirementTh: item.requirement.th,
        titleEn: item.title.en,
        requirementEn: item.requirement.en,
        confirmed: item.confirmed === false ? "no" : "yes",
        evidence: item.evidence ?? "",
      };
      rows.push(OIT_COLUMNS.map((c) => values[c]));
    }
  }
  return rows;
}

/** How to fill the template, in Thai and English: the template's second sheet and docs/frameworks.md. */
export const OIT_TEMPLATE_HELP: readonly Localized[] = [
  { th: "หนึ่งแถวต่อหนึ่งรายการ OIT แถวแรกเป็นหัวตาราง ห้ามลบหรือเปลี่ยนชื่อคอลัมน์", en: "One row per OIT item; the first row is the header: keep its column names." },
  { th: "code: รหัสรายการ เช่น O1 (ไม่ซ้ำกัน)", en: "code: the item's code, e.g. O1 (unique)." },
  {
    th: "sub-indicator: รหัสตัวชี้วัดย่อย เช่น 9.1 หรือ 9.1 ข้อมูลพื้นฐาน ตัวชี้วัดย่อยใหม่ต้องมีชื่อต่อท้ายรหัส ตัวชี้วัดคือเลขหน้าจุด (9 หรือ 10)",
    en: "sub-indicator: its code, e.g. 9.1, or 9.1 followed by its title; a new sub-indicator needs its title. The indicator is the number before the dot (9 or 10).",
  },
  { th: "title_th, requirement_th: ชื่อรายการและรายละเอียดที่ต้องเผยแพร่ (ต้องมี)", en: "title_th, requirement_th: the item's title and what must be published (required)." },
  { th: "title_en, requirement_en: ภาษาอังกฤษ (ถ้าว่าง ใช้ข้อความภาษาไทย)", en: "title_en, requirement_en: English (empty: the Thai text is used)." },
  { th: "confirmed: yes/no (ใช่/ไม่ใช่, 1/0) ตรงกับคู่มือ ITA ของปีแล้วหรือไม่ ว่าง = ยืนยันแล้ว", en: "confirmed: yes/no (ใช่/ไม่ใช่, 1/0): checked against the year's ITA manual; empty = yes." },
  {
    th: "evidence: report (รายงานผลการประเมินจากโปร่งใส), measures (แผนมาตรการจากโปร่งใส), complaint-guideline / complaint-channel / complaint-statistics (หน้าแนวปฏิบัติ แบบฟอร์ม และสถิติเรื่องร้องเรียนจากโปร่งใส) หรือเว้นว่าง",
    en: "evidence: report (Prongsai's report answers the item), measures (its measures plan does), complaint-guideline / complaint-channel / complaint-statistics (its complaint guideline, form and statistics pages do) or empty.",
  },
  {
    th: "นำเข้า: npm run cli -- framework import-oit --framework ID ไฟล์.xlsx แล้วตรวจ: npm run cli -- framework check ID",
    en: "Import: npm run cli -- framework import-oit --framework ID FILE.xlsx, then check: npm run cli -- framework check ID",
  },
];
