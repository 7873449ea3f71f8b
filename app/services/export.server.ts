/**
 * Exports of a round's responses (issue 4, item 4), as CSV and as XLSX, streamed: responses are read
 * in keyset pages of PAGE_SIZE (db/queries/exports.ts) and written out page by page, pulled by the
 * HTTP response, so memory stays flat whatever the number of responses (`npm run bench -- export`).
 *
 * Layout (the same in both formats): one header row; the columns are
 *   instrument · answered_on · counter · then for every answer field of the round's framework, in the
 *   framework's order (IIT i1_1 … i30_4, then EIT e1_1 … e15): "<code>" holding the stored value (the
 *   number the scoring reads, e.g. 4) and "<code> (ข้อความ)" holding the Thai text of that answer
 *   (e.g. มากที่สุด).
 * One header row keeps the file readable by any tool (Excel filters, pandas, R) without skipping rows;
 * the value column is the machine contract, the text column is what a person reads (the YN scales store
 * 1/0, which mean nothing without it). ?instrument=iit or eit limits the file to one instrument's
 * fields; answered_on and counter are then left out of an IIT-only file.
 *
 * Anonymity (ARCHITECTURE.md §4): an IIT row is only the answers. It has no response or submission id,
 * no link, no date and not even the month: an export has no minimum group size, and a month with one
 * IIT answer would give that person's answers to whoever knows who answered that month. Row order is
 * not kept either: response ids grow with time, so IIT rows are shuffled (crypto random) in blocks of
 * at least IIT_BLOCK consecutive responses (all of them when there are fewer) — the position of a row
 * tells at most which block of ≥ 1,000 responses it is in. Only the ids of a block are held, and the
 * rows are fetched in the shuffled order, so memory stays flat; an agency's IIT (its own staff) rarely
 * reaches 2,000 answers, so in practice the whole IIT is one block, fully shuffled. EIT rows (visitors at a counter) carry the day and the counter's
 * name, in id order, but no id either.
 */
import { PassThrough } from "node:stream";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { webcrypto } from "node:crypto";
import type ExcelJS from "exceljs";
import { z } from "zod";
import type { Db } from "../../db/client.server";
import { listEitAnswersPage, listIitAnswersByIds, listIitIdsPage } from "../../db/queries/exports";
import { listRoundLinks } from "../../db/queries/links";
import type { SurveyInstrument } from "../../db/schema";
import { bangkokDate } from "../text/dates";
import { formatDate, roundHalfUp } from "../text/format";
import { getFramework } from "../lib/frameworks.server";
import { HttpError } from "../lib/http";
import type { Lang } from "../text/i18n";
import { decideHeadlineTotal } from "../scoring";
import type { Field, Framework } from "../scoring/framework";
import { getRoundResults, type RoundResults } from "./round-results.server";
import { listInstrumentFields } from "./validate-answers";

/**
 * Responses read per query. Small pages keep each page's strings short-lived (they die young in V8's
 * nursery instead of piling up in the old generation until a full collection): at 1,000 rows a page
 * the heap of a million-row export reached ~140 MB before its first full GC, at 250 it stays ~70 MB.
 */
export const PAGE_SIZE = 250;
/** The smallest group of consecutive IIT responses whose rows are shuffled together. */
export const IIT_BLOCK = 1000;
/** Excel's limit of rows per sheet (2^20); past it the responses continue on a new sheet. */
export const XLSX_MAX_ROWS = 1_048_576;

export type ExportFormat = "csv" | "xlsx";

/** The round as requireRound (app/auth/round-access.server.ts) returns it. */
export interface ExportRound {
  id: number;
  frameworkId: string;
  titleTh: string;
  titleEn: string;
}

const TEXT = {
  instrument: "instrument",
  answeredOn: "answered_on",
  counter: "counter",
  labelSuffix: { th: " (ข้อความ)", en: " (text)" },
} as const;

// --- the columns

interface Plan {
  framework: Framework;
  instruments: SurveyInstrument[];
  /** Whether the EIT columns answered_on and counter are present. */
  eitMeta: boolean;
  fields: { instrument: SurveyInstrument; field: Field; labels: Map<number, string> }[];
  header: string[];
}

function makePlan(framework: Framework, instruments: SurveyInstrument[], lang: Lang): Plan {
  const eitMeta = instruments.includes("eit");
  const fields = instruments.flatMap((instrument) =>
    listInstrumentFields(framework, instrument).map((field) => ({
      instrument,
      field,
      labels: new Map(framework.scales[field.scale]!.options.map((o) => [o.value, o.title[lang]])),
    })),
  );
  const header: string[] = [TEXT.instrument, ...(eitMeta ? [TEXT.answeredOn, TEXT.counter] : [])];
  for (const { field } of fields) header.push(field.name, `${field.name}${TEXT.labelSuffix[lang]}`);
  return { framework, instruments, eitMeta, fields, header };
}

// --- the rows

export interface ExportRow {
  instrument: SurveyInstrument;
  /** YYYY-MM-DD for EIT; always null for IIT. */
  answeredOn: string | null;
  /** The counter's name for EIT; always null for IIT. */
  counter: string | null;
  /** The stored answers, JSON text {"i1_1": 4, …}: parsed by each writer as it needs. */
  answers: string;
}

/** Fisher–Yates with a cryptographic source, so the order cannot be replayed from a seed. */
function shuffle<T>(rows: T[]): T[] {
  if (rows.length < 2) return rows;
  const random = new Uint32Array(rows.length);
  webcrypto.getRandomValues(random);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = random[i]! % (i + 1); // modulo bias < 2^-20 for blocks of a few thousand: irrelevant here
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

/** The IIT rows of these ids in this order, fetched PAGE_SIZE at a time (a row deleted meanwhile is skipped). */
async function* iitRowsInOrder(db: Db, roundId: number, ids: number[]): AsyncGenerator<ExportRow[]> {
  for (let start = 0; start < ids.length; start += PAGE_SIZE) {
    const part = ids.slice(start, start + PAGE_SIZE);
    const answers = new Map((await listIitAnswersByIds(db, roundId, part)).map((r) => [r.id, r.answers]));
    const rows: ExportRow[] = [];
    for (const id of part) {
      const text = answers.get(id);
      if (text !== undefined) rows.push({ instrument: "iit", answeredOn: null, counter: null, answers: text });
    }
    yield rows;
  }
}

/**
 * The round's rows, a batch at a time: IIT first, then EIT in id order. IIT ids are read IIT_BLOCK at
 * a time and shuffled (only the ids are held: at most two blocks of numbers), and the rows are then
 * fetched in that order, so memory stays flat however many there are.
 */
export async function* iterateExportRows(db: Db, roundId: number, instruments: SurveyInstrument[]): AsyncGenerator<ExportRow[]> {
  if (instruments.includes("iit")) {
    let after = 0;
    let held: number[] = [];
    for (;;) {
      const ids = await listIitIdsPage(db, roundId, after, IIT_BLOCK);
      if (ids.length > 0) after = ids[ids.length - 1]!;
      if (ids.length === IIT_BLOCK) {
        // Hold the newest full block back: if the next one is the last and short, they are shuffled
        // together, so that no block is smaller than IIT_BLOCK.
        if (held.length > 0) yield* iitRowsInOrder(db, roundId, shuffle(held));
        held = ids;
        continue;
      }
      const last = held.concat(ids);
      if (last.length > 0) yield* iitRowsInOrder(db, roundId, shuffle(last));
      break;
    }
  }
  if (instruments.includes("eit")) {
    const counters = new Map((await listRoundLinks(db, roundId)).map((l) => [l.linkId, l.counterNameTh]));
    let after = 0;
    for (;;) {
      const page = await listEitAnswersPage(db, roundId, after, PAGE_SIZE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      yield page.map((r) => ({ instrument: "eit", answeredOn: r.answeredOn, counter: counters.get(r.linkId) ?? null, answers: r.answers }));
      if (page.length < PAGE_SIZE) break;
    }
  }
}

// --- CSV

/**
 * A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. A text starting with
 * = + - @ or a tab is prefixed with ' so that Excel does not run it as a formula (OWASP "CSV
 * injection"); only free text (counter names) can start so, never a code or an answer label.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const BOM = "\uFEFF";
const CRLF = "\r\n";

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text);
const COMMA = 44;
const QUOTE = 34;
const COLON = 58;
const MINUS = 45;

/** A growable byte buffer, reused from page to page; `take` copies out one page's chunk. */
class ByteWriter {
  private buffer = new Uint8Array(1 << 18);
  private length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  bytes(chunk: Uint8Array): void {
    this.ensure(chunk.length);
    this.buffer.set(chunk, this.length);
    this.length += chunk.length;
  }

  byte(code: number): void {
    this.ensure(1);
    this.buffer[this.length++] = code;
  }

  take(): Uint8Array {
    const chunk = this.buffer.slice(0, this.length);
    this.length = 0;
    return chunk;
  }
}

/** A 32-bit hash of a field name, computed the same way while scanning JSON text (no substring made). */
function nameHash(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
  return h;
}

interface CsvLayout {
  /** Field position by the hash of its name; null when two names collide (then by name). */
  byHash: Map<number, number> | null;
  byName: Map<string, number>;
  /** Per field: the UTF-8 bytes of "value,label" by stored value. */
  pairs: Map<number, Uint8Array>[];
  /** Per field, while a row is written: its pair, or EMPTY_PAIR. */
  cells: Uint8Array[];
  /** The cells of a row of another instrument: all empty. */
  blank: Uint8Array;
}

const EMPTY_PAIR = bytesOf(",");

function csvLayout(plan: Plan, instrument: SurveyInstrument): CsvLayout {
  const fields = plan.fields.filter((f) => f.instrument === instrument);
  const byHash = new Map(fields.map((f, i) => [nameHash(f.field.name), i]));
  return {
    byHash: byHash.size === fields.length ? byHash : null,
    byName: new Map(fields.map((f, i) => [f.field.name, i])),
    pairs: fields.map((f) => new Map([...f.labels].map(([value, label]) => [value, bytesOf(`${value},${csvCell(label)}`)]))),
    cells: fields.map(() => EMPTY_PAIR),
    blank: bytesOf(Array(fields.length * 2).fill("").join(",")),
  };
}

/**
 * Reads the stored answers JSON ({"i1_1":4,…}: flat, integer values, as checkAnswers stores them) into
 * the layout's cells, scanning the text: no object, no substring, so a million rows make little
 * garbage and the export's memory stays flat (`npm run bench -- export`).
 */
function scanAnswers(text: string, layout: CsvLayout): void {
  layout.cells.fill(EMPTY_PAIR);
  const n = text.length;
  let i = 0;
  for (;;) {
    const open = text.indexOf('"', i);
    if (open < 0) return;
    let h = 0;
    let close = open + 1;
    for (; close < n && text.charCodeAt(close) !== QUOTE; close++) h = (Math.imul(h, 31) + text.charCodeAt(close)) | 0;
    let k = close + 1;
    while (k < n && (text.charCodeAt(k) === COLON || text.charCodeAt(k) === 32)) k++;
    const negative = text.charCodeAt(k) === MINUS;
    if (negative) k++;
    let value = 0;
    const digitsFrom = k;
    for (; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
    }
    if (k > digitsFrom) {
      const index = layout.byHash ? layout.byHash.get(h) : layout.byName.get(text.slice(open + 1, close));
      if (index !== undefined) {
        const stored = negative ? -value : value;
        layout.cells[index] = layout.pairs[index]!.get(stored) ?? bytesOf(`${stored},`);
      }
    }
    i = k > close ? k : close + 1;
  }
}

/**
 * The CSV bytes, a chunk per page: a UTF-8 byte-order mark first (Excel needs it to read Thai as
 * UTF-8), CRLF line ends. Each row is assembled from precomputed UTF-8 cells.
 */
export async function* csvChunks(db: Db, roundId: number, plan: Plan): AsyncGenerator<Uint8Array> {
  yield bytesOf(BOM + plan.header.map(csvCell).join(",") + CRLF);
  const layouts = new Map(plan.instruments.map((instrument) => [instrument, csvLayout(plan, instrument)]));
  const name = { iit: bytesOf("IIT"), eit: bytesOf("EIT") };
  const counterCells = new Map<string, Uint8Array>();
  const newline = bytesOf(CRLF);
  const out = new ByteWriter();
  for await (const rows of iterateExportRows(db, roundId, plan.instruments)) {
    for (const row of rows) {
      const own = layouts.get(row.instrument)!;
      scanAnswers(row.answers, own);
      out.bytes(name[row.instrument]);
      if (plan.eitMeta) {
        out.byte(COMMA);
        if (row.answeredOn) for (let i = 0; i < row.answeredOn.length; i++) out.byte(row.answeredOn.charCodeAt(i)); // ASCII YYYY-MM-DD
        out.byte(COMMA);
        if (row.counter) {
          let cell = counterCells.get(row.counter);
          if (!cell) counterCells.set(row.counter, (cell = bytesOf(csvCell(row.counter))));
          out.bytes(cell);
        }
      }
      for (const instrument of plan.instruments) {
        out.byte(COMMA);
        if (instrument !== row.instrument) {
          out.bytes(layouts.get(instrument)!.blank);
          continue;
        }
        own.cells.forEach((cell, index) => {
          if (index > 0) out.byte(COMMA);
          out.bytes(cell);
        });
      }
      out.bytes(newline);
    }
    yield out.take();
  }
}

// --- XLSX

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
  const sheet = workbook.addWorksheet(th ? "คะแนน" : "Scores");
  sheet.columns = [
    { key: "code", width: 10 },
    { key: "name", width: 60 },
    { key: "score", width: 12, style: { numFmt: "0.00" } },
    { key: "level", width: 18 },
    { key: "answers", width: 14 },
  ];
  const notAssessed = th ? "ยังไม่ได้ประเมิน" : "not yet assessed";
  sheet.addRow([th ? round.titleTh : round.titleEn]).commit();
  sheet.addRow([th ? round.organizationNameTh : round.organizationNameEn]).commit();
  sheet.addRow([th ? `คำนวณจากคำตอบที่ได้รับถึงวันที่ ${formatDate(bangkokDate(now), "th")}` : `Computed from the answers received up to ${formatDate(bangkokDate(now), "en")}`]).commit();
  sheet.addRow([]).commit();
  const header = sheet.addRow(th ? ["รหัส", "รายการ", "คะแนน", "ระดับ", "จำนวนผู้ตอบ"] : ["Code", "Item", "Score", "Level", "Responses"]);
  header.font = { bold: true };
  header.commit();
  for (const indicator of scores.indicators) {
    const meta = framework.indicators.find((i) => i.code === indicator.code)!;
    sheet
      .addRow([
        indicator.code,
        `${th ? "ตัวชี้วัดที่" : "Indicator"} ${indicator.code} ${meta.title[lang]} (${indicator.instrument.toUpperCase()})`,
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
  const total = decideHeadlineTotal(framework, scores.total);
  const made = total.instruments.map((c) => c.toUpperCase()).join("+") || "-";
  const totalRow = total.full
    ? sheet.addRow(["total", th ? "คะแนนรวม ITA" : "ITA total", scoreCell(total.score), total.level.code, null])
    : sheet.addRow([
        "partial",
        th
          ? `คะแนนเท่าที่วัดได้ (${made} ถ่วงน้ำหนักใหม่) ไม่ใช่คะแนน ITA ฉบับเต็ม`
          : `Score measured so far (${made}, weights re-normalised), not the full ITA total`,
        scoreCell(total.score),
        total.level?.code ?? notAssessed,
        null,
      ]);
  totalRow.font = { bold: true };
  totalRow.commit();
  sheet.commit();
}

const PLAIN: Partial<ExcelJS.Style> = Object.freeze({});

function responseValues(plan: Plan, row: ExportRow): (string | number | null)[] {
  const values: (string | number | null)[] = [row.instrument.toUpperCase()];
  if (plan.eitMeta) values.push(row.answeredOn, row.counter);
  const answers = JSON.parse(row.answers) as Record<string, number>;
  for (const { field, labels } of plan.fields) {
    const value = answers[field.name];
    values.push(value ?? null, value === undefined ? null : (labels.get(value) ?? null));
  }
  return values;
}

async function writeXlsx(db: Db, results: RoundResults, plan: Plan, lang: Lang, now: Date, out: PassThrough): Promise<void> {
  // Loaded on first use: a CSV export (and every other page) does not pay for exceljs's memory.
  const { default: excel } = await import("exceljs");
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Prongsai";
  workbook.created = now;
  // The scores sheet is complete before the responses start: the zip writes its entries in order.
  writeScoresSheet(workbook, results, lang, now);
  const sheetName = (n: number) => `${lang === "th" ? "คำตอบ" : "Responses"}${n > 1 ? ` (${n})` : ""}`;
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

// --- the service

const optionsSchema = z.object({ instrument: z.enum(["iit", "eit"]).optional() });

/** RFC 6266 / 5987: an ASCII fallback name and the UTF-8 name. */
export function contentDisposition(asciiName: string, utf8Name: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encoded}`;
}

function filenames(round: ExportRound, instrument: SurveyInstrument | undefined, format: ExportFormat, lang: Lang): { ascii: string; utf8: string } {
  const part = instrument ? `-${instrument}` : "";
  const title = (lang === "th" ? round.titleTh : round.titleEn).replace(/[\\/:*?"<>|\x00-\x1f]+/g, "-").trim();
  const prefix = lang === "th" ? "คำตอบ" : "responses";
  return {
    ascii: `prongsai-round-${round.id}${part}-responses.${format}`,
    utf8: `${prefix}${instrument ? ` ${instrument.toUpperCase()}` : ""} ${title}.${format}`,
  };
}

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function readableFrom(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 }, // read a page only when the client has taken the previous one
  );
}

/**
 * A web stream that reads the Node stream one chunk per pull, so the HTTP response's back-pressure
 * reaches the XLSX writer. (Readable.toWeb queues up to highWaterMark *chunks* — thousands — before it
 * pauses its source: nodejs/node#46347; a slow client then had the whole file buffered.)
 */
function pullFrom(node: PassThrough): ReadableStream<Uint8Array> {
  const chunks = node[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        node.destroy();
        await chunks.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

export interface ExportFile {
  body: ReadableStream<Uint8Array>;
  headers: Record<string, string>;
}

/**
 * The responses of a round (already checked to be the user's agency's) as a streamed CSV or XLSX.
 * `search` may hold instrument=iit|eit; anything else is a 400.
 */
export async function exportRoundResponses(
  db: Db,
  round: ExportRound,
  format: ExportFormat,
  search: URLSearchParams,
  lang: Lang,
  now: Date,
): Promise<ExportFile> {
  const options = optionsSchema.safeParse(Object.fromEntries(search));
  if (!options.success) {
    throw new HttpError(400, "รูปแบบคำขอไม่ถูกต้อง: instrument ต้องเป็น iit หรือ eit", "Bad request: instrument must be iit or eit.").toResponse();
  }
  const instrument = options.data.instrument;
  const plan = makePlan(getFramework(round.frameworkId), instrument ? [instrument] : ["iit", "eit"], lang);
  const names = filenames(round, instrument, format, lang);
  const headers = {
    "Content-Type": CONTENT_TYPE[format],
    "Content-Disposition": contentDisposition(names.ascii, names.utf8),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "csv") return { body: readableFrom(csvChunks(db, round.id, plan)), headers };

  const results = await getRoundResults(db, round.id);
  if (!results) throw new Response(null, { status: 404 });
  const out = new PassThrough();
  writeXlsx(db, results, plan, lang, now, out).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return { body: pullFrom(out), headers };
}

/** For tests and the benchmark: the column header of a round's export. */
export function exportHeader(frameworkId: string, instruments: SurveyInstrument[], lang: Lang): string[] {
  return makePlan(getFramework(frameworkId), instruments, lang).header;
}

