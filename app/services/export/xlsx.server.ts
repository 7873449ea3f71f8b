/**
 * The XLSX export: a sheet of the round's scores (indicators, instruments, and the total or the clearly
 * marked partial score), a sheet "คำถาม" / "Questions" saying what each column holds (./codebook.server.ts:
 * a person reading the file in Excel must know what e11 is), then the responses as ./plan.server.ts lays
 * them out, streamed through
 * exceljs's workbook writer with back-pressure, a new sheet every XLSX_MAX_ROWS rows.
 */
import type { PassThrough } from "node:stream";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type ExcelJS from "exceljs";
import type { Db } from "../../../db/client.server";
import { ratingSentence } from "../rating-view";
import { bangkokDate } from "../../text/dates";
import { formatDate, roundHalfUp } from "../../text/format";
import type { Lang } from "../../text/i18n";
import type { RoundResults } from "../round-results.server";
import { codebookHeader, listCodebookRows, rowCells } from "./codebook.server";
import { iterateExportRows, type ExportPlan, type ExportRow } from "./plan.server";
import { say } from "./text";

/** Excel's limit of rows per sheet (2^20); past it the responses continue on a new sheet. */
export const XLSX_MAX_ROWS = 1_048_576;

type SheetWriter = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter["addWorksheet"]>;

/**
 * exceljs's streaming writer ignores back-pressure (exceljs issues #734 and #1894): a committed row
 * goes into the worksheet's zip entry stream whether or not the zip has caught up. That entry stream
 * is archiver's PassThrough behind the worksheet's StreamBuf (exceljs 4.4.0, pinned); when it holds
 * more than its high-water mark, this waits for it to drain, or for the output to close (the client
 * went away). Without the internals it still yields to the event loop between pages.
 */
async function waitForRoom(sheet: SheetWriter, out: PassThrough): Promise<void> {
  if (out.destroyed) throw new Error("export stream closed before the end");
  const entry = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as
    | (NodeJS.EventEmitter & { _writableState?: { needDrain?: boolean } })
    | undefined;
  if (!entry?._writableState?.needDrain) {
    await yieldToEventLoop();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      entry.off("drain", done);
      out.off("close", closed);
      resolve();
    };
    const closed = () => {
      entry.off("drain", done);
      reject(new Error("export stream closed before the end"));
    };
    entry.once("drain", done);
    out.once("close", closed);
  });
  if (out.destroyed) throw new Error("export stream closed before the end");
}

function scoreCell(score: number | null): number | null {
  return score === null ? null : Number(roundHalfUp(score, 2));
}

/** The scores sheet: indicators, instruments, the total (or the clearly marked partial score). */
function writeScoresSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, results: RoundResults, lang: Lang, now: Date): void {
  const { framework, scores, round } = results;
  const th = lang === "th";
  const sheet = workbook.addWorksheet(say(lang, "scoresSheet"));
  sheet.columns = [
    { key: "code", width: 10 },
    { key: "name", width: 60 },
    { key: "score", width: 12, style: { numFmt: "0.00" } },
    { key: "level", width: 18 },
    { key: "answers", width: 14 },
  ];
  const notAssessed = say(lang, "notAssessed");
  sheet.addRow([th ? round.titleTh : round.titleEn]).commit();
  sheet.addRow([th ? round.organizationNameTh : round.organizationNameEn]).commit();
  sheet.addRow([say(lang, "computedUpTo", { date: formatDate(bangkokDate(now), lang) })]).commit();
  sheet.addRow([]).commit();
  const header = sheet.addRow([say(lang, "colCode"), say(lang, "colItem"), say(lang, "colScore"), say(lang, "colLevel"), say(lang, "colResponses")]);
  header.font = { bold: true };
  header.commit();
  for (const indicator of scores.indicators) {
    const meta = framework.indicators.find((i) => i.code === indicator.code)!;
    sheet
      .addRow([
        indicator.code,
        `${say(lang, "indicator")} ${indicator.code} ${meta.title[lang]} (${indicator.instrument.toUpperCase()})`,
        scoreCell(indicator.score),
        indicator.level?.code ?? notAssessed,
        indicator.instrument === "oit" ? null : indicator.answers,
      ])
      .commit();
  }
  for (const instrument of scores.instruments) {
    const meta = framework.instruments.find((i) => i.code === instrument.code)!;
    sheet
      .addRow([
        instrument.code,
        `${meta.abbreviation} ${meta.title[lang]} (${Math.round(meta.weight * 100)}%)`,
        scoreCell(instrument.score),
        instrument.level?.code ?? notAssessed,
        meta.kind === "survey" ? instrument.answers : null,
      ])
      .commit();
  }
  const total = results.headline;
  const made = total.instruments.map((c) => c.toUpperCase()).join("+") || "-";
  const totalRow = total.full
    ? sheet.addRow(["total", say(lang, "total"), scoreCell(total.score), total.level.code, null])
    : sheet.addRow([
        "partial",
        say(lang, "partial", { made }),
        scoreCell(total.score),
        total.level?.code ?? notAssessed,
        null,
      ]);
  totalRow.font = { bold: true };
  totalRow.commit();
  // The rating by the framework's rule, with why it is not the one above (AA–F up to 2565, ผ่าน … from 2566).
  if (results.rating) sheet.addRow(["rating", say(lang, "rating"), null, ratingSentence(results.rating, lang), null]).commit();
  if (results.provisional) sheet.addRow(["provisional", say(lang, "provisional", { framework: framework.id }), null, null, null]).commit();
  sheet.commit();
}

/** The sheet "คำถาม" / "Questions": every column of the responses sheet, its question, options and their scores. */
function writeQuestionsSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, plan: ExportPlan, lang: Lang): void {
  const sheet = workbook.addWorksheet(say(lang, "questionsSheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  const wrap: Partial<ExcelJS.Style> = { alignment: { wrapText: true, vertical: "top" } };
  sheet.columns = [
    { key: "column", width: 14 },
    { key: "text", width: 18 },
    { key: "instrument", width: 11 },
    { key: "indicator", width: 26, style: wrap },
    { key: "question", width: 9 },
    { key: "wording", width: 60, style: wrap },
    { key: "subItem", width: 30, style: wrap },
    { key: "options", width: 42, style: wrap },
    { key: "scores", width: 30, style: wrap },
  ];
  const header = sheet.addRow(codebookHeader(lang));
  header.font = { bold: true };
  header.commit();
  // An empty text is an empty cell, not a cell holding "".
  for (const row of listCodebookRows(plan.framework, plan.instruments, lang)) sheet.addRow(rowCells(row).map((cell) => cell || null)).commit();
  sheet.commit();
}

const PLAIN: Partial<ExcelJS.Style> = Object.freeze({});

function responseValues(plan: ExportPlan, row: ExportRow): (string | number | null)[] {
  const values: (string | number | null)[] = [row.instrument.toUpperCase(), row.flag];
  if (plan.eitMeta) values.push(row.answeredOn, row.counter);
  const answers = JSON.parse(row.answers) as Record<string, number>;
  for (const { field, labels } of plan.fields) {
    const value = answers[field.name];
    values.push(value ?? null, value === undefined ? null : (labels.get(value) ?? null));
  }
  // A string cell, never a formula, whatever it starts with (exceljs writes a string as a string).
  if (plan.suggestion) values.push(row.suggestion);
  return values;
}

export async function writeXlsx(db: Db, results: RoundResults, plan: ExportPlan, lang: Lang, now: Date, out: PassThrough): Promise<void> {
  // Loaded on first use: a CSV export (and every other page) does not pay for exceljs's memory.
  const { default: excel } = await import("exceljs");
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Prongsai";
  workbook.created = now;
  // The scores sheet is complete before the responses start: the zip writes its entries in order.
  writeScoresSheet(workbook, results, lang, now);
  writeQuestionsSheet(workbook, plan, lang);
  const sheetName = (n: number) => `${say(lang, "responsesSheet")}${n > 1 ? ` (${n})` : ""}`;
  let sheetNumber = 1;
  const openSheet = () => {
    const sheet = workbook.addWorksheet(sheetName(sheetNumber), { views: [{ state: "frozen", ySplit: 1 }] });
    const header = sheet.addRow(plan.header);
    header.font = { bold: true };
    header.commit();
    return sheet;
  };
  let sheet = openSheet();
  let rowsInSheet = 1;
  for await (const rows of iterateExportRows(db, results.round.id, plan.instruments)) {
    for (const row of rows) {
      if (rowsInSheet >= XLSX_MAX_ROWS) {
        sheet.commit();
        sheetNumber += 1;
        sheet = openSheet();
        rowsInSheet = 1;
      }
      const added = sheet.addRow(responseValues(plan, row));
      // One shared style object for every cell: exceljs caches style ids by object, and builds a new
      // {} per cell otherwise — half of the time of a large export went to that.
      added.eachCell({ includeEmpty: true }, (cell) => {
        cell.style = PLAIN;
      });
      added.commit();
      rowsInSheet += 1;
    }
    await waitForRoom(sheet, out);
  }
  sheet.commit();
  await workbook.commit();
}

