/**
 * The list of an export's columns with what each one means (issue 15, item 6): for every answer column
 * its code (e11, i1_1), instrument, indicator, the question as respondents read it, the sub-item, the
 * answer options with their stored values and the score each earns; and the columns before the answers.
 * The XLSX export carries it as its sheet "คำถาม" / "Questions"; the CSV export stays one header row (the
 * machine contract) and the same list is its own file, questions.csv, linked beside it
 * (docs/decisions/export-question-wording.md). Framework data only: no answer, no count.
 */
import type { SurveyInstrument } from "../../../db/schema";
import type { Framework } from "../../scoring/framework";
import { roundHalfUp } from "../../text/format";
import type { Lang } from "../../text/i18n";
import { getFieldWording } from "../question-wording.server";
import { listInstrumentFields } from "../validate-answers";
import { csvCell } from "./csv.server";
import { say } from "./text";

export interface CodebookRow {
  /** The column's header in the responses file: "e11", "i1_1", "answered_on". */
  column: string;
  /** The column beside it holding the answer's wording, "e11 (ข้อความ)"; empty for the columns before the answers. */
  textColumn: string;
  instrument: string;
  indicator: string;
  /** The item (question) code, "i1" for i1_1. */
  question: string;
  wording: string;
  subItem: string;
  /** "1 = น้อยที่สุดหรือไม่มีเลย; 2 = น้อย; …" */
  options: string;
  /** "1 = 0; 2 = 33.33; …": the score each stored value earns (a reversed scale reads backwards). */
  scores: string;
}

/** A score for reading, not for sums: two decimals, without ".00" (0, 33.33, 66.67, 100). */
function scoreText(score: number): string {
  return roundHalfUp(score, 2).replace(/\.00$/, "");
}

/** The headings of the list's columns, in `lang`. */
export function codebookHeader(lang: Lang): string[] {
  return [
    say(lang, "cbColumn"),
    say(lang, "cbTextColumn"),
    say(lang, "cbInstrument"),
    say(lang, "cbIndicator"),
    say(lang, "cbQuestion"),
    say(lang, "cbWording"),
    say(lang, "cbSubItem"),
    say(lang, "cbOptions"),
    say(lang, "cbScores"),
  ];
}

/**
 * The rows of the list for an export of these instruments, in the order of the export's columns: the
 * columns before the answers, then each answer field with the name of its text column ("e11 (ข้อความ)",
 * which holds the chosen option's wording).
 */
export function listCodebookRows(framework: Framework, instruments: readonly SurveyInstrument[], lang: Lang): CodebookRow[] {
  const blank = { textColumn: "", instrument: "", indicator: "", question: "", subItem: "", options: "", scores: "" };
  const rows: CodebookRow[] = [
    { ...blank, column: "instrument", wording: say(lang, "cbMetaInstrument") },
    { ...blank, column: "flag", wording: say(lang, "cbMetaFlag") },
  ];
  if (instruments.includes("eit")) {
    rows.push({ ...blank, column: "answered_on", wording: say(lang, "cbMetaAnsweredOn") });
    rows.push({ ...blank, column: "counter", wording: say(lang, "cbMetaCounter") });
  }
  const wording = getFieldWording(framework.id);
  const textColumn = say(lang, "labelSuffix");
  for (const instrument of instruments) {
    const meta = framework.instruments.find((i) => i.code === instrument)!;
    for (const field of listInstrumentFields(framework, instrument)) {
      const item = framework.items.find((i) => i.fields.some((f) => f.name === field.name))!;
      const indicator = framework.indicators.find((i) => i.code === item.indicator)!;
      const read = wording.get(field.name);
      const scale = framework.scales[field.scale]!;
      rows.push({
        column: field.name,
        textColumn: `${field.name}${textColumn}`,
        instrument: meta.abbreviation,
        indicator: `${indicator.code} ${indicator.title[lang]}`,
        question: item.code,
        wording: read?.question[lang] ?? item.title[lang],
        subItem: item.fields.length > 1 ? (read?.subItem?.[lang] ?? field.title?.[lang] ?? "") : "",
        options: scale.options.map((o) => `${o.value} = ${o.title[lang]}`).join("; "),
        scores: scale.options.map((o) => `${o.value} = ${scoreText(o.score)}`).join("; "),
      });
    }
  }
  return rows;
}

const BOM = "\uFEFF";

/** The list as a CSV file (UTF-8 with a byte-order mark for Excel, CRLF), for questions.csv. */
export function codebookCsv(framework: Framework, instruments: readonly SurveyInstrument[], lang: Lang): string {
  const lines = [codebookHeader(lang), ...listCodebookRows(framework, instruments, lang).map(rowCells)];
  return BOM + lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function rowCells(row: CodebookRow): string[] {
  return [row.column, row.textColumn, row.instrument, row.indicator, row.question, row.wording, row.subItem, row.options, row.scores];
}
