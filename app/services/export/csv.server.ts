/**
 * The CSV export: UTF-8 with a byte-order mark, CRLF line ends, the columns and rows of
 * ./plan.server.ts. Each row is assembled from precomputed UTF-8 cells, its answers read from the stored
 * JSON by ./scan-answers.ts, so a million rows make little garbage.
 */
import type { Db } from "../../../db/client.server";
import type { SurveyInstrument } from "../../../db/schema";
import { iterateExportRows, type ExportPlan } from "./plan.server";
import { indexAnswerFields, scanAnswers, type AnswerFieldIndex } from "./scan-answers";

/**
 * A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. A text starting with
 * = + - @ or a tab is prefixed with ' so that Excel does not run it as a formula (OWASP "CSV
 * injection"); only free text (counter names, visitors' suggestions) can start so, never a code or an
 * answer label.
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

interface CsvLayout {
  /** The instrument's fields by name, for scanAnswers. */
  fields: AnswerFieldIndex;
  /** Per field: the UTF-8 bytes of "value,label" by stored value. */
  pairs: Map<number, Uint8Array>[];
  /** Per field, while a row is written: its pair, or EMPTY_PAIR. */
  cells: Uint8Array[];
  /** Puts a stored value's pair into `cells` (scanAnswers' callback, made once per layout). */
  setCell: (position: number, value: number) => void;
  /** The cells of a row of another instrument: all empty. */
  blank: Uint8Array;
}

const EMPTY_PAIR = bytesOf(",");

function csvLayout(plan: ExportPlan, instrument: SurveyInstrument): CsvLayout {
  const fields = plan.fields.filter((f) => f.instrument === instrument);
  const pairs = fields.map((f) => new Map([...f.labels].map(([value, label]) => [value, bytesOf(`${value},${csvCell(label)}`)])));
  const cells = fields.map(() => EMPTY_PAIR);
  return {
    fields: indexAnswerFields(fields.map((f) => f.field.name)),
    pairs,
    cells,
    setCell: (position, value) => {
      cells[position] = pairs[position]!.get(value) ?? bytesOf(`${value},`);
    },
    blank: bytesOf(Array(fields.length * 2).fill("").join(",")),
  };
}

/**
 * The CSV bytes, a chunk per page: a UTF-8 byte-order mark first (Excel needs it to read Thai as
 * UTF-8), CRLF line ends. Each row is assembled from precomputed UTF-8 cells.
 */
export async function* csvChunks(db: Db, roundId: number, plan: ExportPlan): AsyncGenerator<Uint8Array> {
  yield bytesOf(BOM + plan.header.map(csvCell).join(",") + CRLF);
  const layouts = new Map(plan.instruments.map((instrument) => [instrument, csvLayout(plan, instrument)]));
  const name = { iit: bytesOf("IIT"), eit: bytesOf("EIT") };
  const counterCells = new Map<string, Uint8Array>();
  const newline = bytesOf(CRLF);
  const out = new ByteWriter();
  for await (const rows of iterateExportRows(db, roundId, plan.instruments)) {
    for (const row of rows) {
      const own = layouts.get(row.instrument)!;
      own.cells.fill(EMPTY_PAIR);
      scanAnswers(row.answers, own.fields, own.setCell);
      out.bytes(name[row.instrument]);
      out.byte(COMMA);
      // A flag is one of a few ASCII words (too-fast, burst): no quoting needed.
      if (row.flag) for (let i = 0; i < row.flag.length; i++) out.byte(row.flag.charCodeAt(i));
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
      if (plan.suggestion) {
        out.byte(COMMA);
        // Free text: quoted as it needs, and a leading = + - @ made harmless (csvCell).
        if (row.suggestion) out.bytes(bytesOf(csvCell(row.suggestion)));
      }
      out.bytes(newline);
    }
    yield out.take();
  }
}

