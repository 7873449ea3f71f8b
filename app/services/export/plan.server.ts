/**
 * What an export of a round's responses (issue 4, item 4) holds: its columns and its rows, in order.
 * The CSV (./csv.server.ts) and XLSX (./xlsx.server.ts) writers lay them out; ./stream.server.ts hands
 * the file to the HTTP response. Responses are read in keyset pages of PAGE_SIZE (db/queries/exports.ts)
 * and written out page by page, pulled by the HTTP response, so memory stays flat whatever the number of
 * responses (`npm run bench -- export`).
 *
 * Layout (the same in both formats): one header row; the columns are
 *   instrument · flag · answered_on · counter · then for every answer field of the round's framework, in the
 *   framework's order (IIT i1_1 … i30_4, then EIT e1_1 … e15): "<code>" holding the stored value (the
 *   number the scoring reads, e.g. 4) and "<code> (ข้อความ)" holding the Thai text of that answer
 *   (e.g. มากที่สุด).
 * One header row keeps the file readable by any tool (Excel filters, pandas, R) without skipping rows;
 * the value column is the machine contract, the text column is what a person reads (the YN scales store
 * 1/0, which mean nothing without it). ?instrument=iit or eit limits the file to one instrument's
 * fields; answered_on and counter are then left out of an IIT-only file. `flag` is empty for answers
 * in the scores, and names why a flagged set is left out of them (too fast, a burst from one address),
 * so that the rows without a flag are exactly what the dashboard counts (issue 12). An export with the
 * EIT ends with one more column, named after the framework's suggestion question ("eit_suggestion"): the
 * visitor's suggestion as it was stored (scrubbed of phone numbers, ids, e-mail and LINE ids), empty for
 * a visitor who wrote none and for every IIT row (issue 15).
 *
 * Anonymity (ARCHITECTURE.md §4): an IIT row is only the answers. It has no response or submission id,
 * no link, no date and not even the month: an export has no minimum group size, and a month with one
 * IIT answer would give that person's answers to whoever knows who answered that month. Row order is
 * not kept either: response ids grow with time, so IIT rows are shuffled (crypto random) in blocks of
 * at least IIT_BLOCK consecutive responses (all of them when there are fewer) — the position of a row
 * tells at most which block of ≥ 1,000 responses it is in. Only the ids of a block are held, and the
 * rows are fetched in the shuffled order, so memory stays flat; an agency's IIT (its own staff) rarely
 * reaches 2,000 answers, so in practice the whole IIT is one block, fully shuffled. EIT rows (visitors
 * at a counter) carry the day and the counter's name, in id order, but no id either.
 */
import { webcrypto } from "node:crypto";
import type { Db } from "../../../db/client.server";
import { listEitAnswersPage, listIitAnswersByIds, listIitIdsPage } from "../../../db/queries/exports";
import { listRoundLinks } from "../../../db/queries/links";
import type { SurveyInstrument } from "../../../db/schema";
import { getFramework } from "../../lib/frameworks.server";
import type { Field, Framework } from "../../scoring/framework";
import type { Lang } from "../../text/i18n";
import { listInstrumentFields } from "../validate-answers";
import { say } from "./text";

/**
 * Responses read per query. Small pages keep each page's strings short-lived (they die young in V8's
 * nursery instead of piling up in the old generation until a full collection): at 1,000 rows a page
 * the heap of a million-row export reached ~140 MB before its first full GC, at 250 it stays ~70 MB.
 */
export const PAGE_SIZE = 250;
/** The smallest group of consecutive IIT responses whose rows are shuffled together. */
export const IIT_BLOCK = 1000;

export type ExportFormat = "csv" | "xlsx";

/** The round as requireRound (app/auth/round-access.server.ts) returns it. */
export interface ExportRound {
  id: number;
  frameworkId: string;
  titleTh: string;
  titleEn: string;
}

/** The columns before the answers, named the same in every language: programs (pandas, R) read them, as they read the answer codes. */
const COLUMN = {
  instrument: "instrument",
  flag: "flag",
  answeredOn: "answered_on",
  counter: "counter",
} as const;

// --- the columns

/** The columns of an export, for both writers. */
export interface ExportPlan {
  framework: Framework;
  instruments: SurveyInstrument[];
  /** Whether the EIT columns answered_on and counter are present. */
  eitMeta: boolean;
  fields: { instrument: SurveyInstrument; field: Field; labels: Map<number, string> }[];
  /** Whether the last column is the visitors' suggestion (the EIT is exported and its framework has one). */
  suggestion: boolean;
  header: string[];
}

/** The columns of an export of these instruments, headed in `lang`. */
export function makePlan(framework: Framework, instruments: SurveyInstrument[], lang: Lang): ExportPlan {
  const eitMeta = instruments.includes("eit");
  const fields = instruments.flatMap((instrument) =>
    listInstrumentFields(framework, instrument).map((field) => ({
      instrument,
      field,
      labels: new Map(framework.scales[field.scale]!.options.map((o) => [o.value, o.title[lang]])),
    })),
  );
  const header: string[] = [COLUMN.instrument, COLUMN.flag, ...(eitMeta ? [COLUMN.answeredOn, COLUMN.counter] : [])];
  for (const { field } of fields) header.push(field.name, `${field.name}${say(lang, "labelSuffix")}`);
  const question = framework.suggestion;
  const suggestion = question !== undefined && instruments.includes(question.instrument as SurveyInstrument);
  if (suggestion) header.push(question.name);
  return { framework, instruments, eitMeta, fields, suggestion, header };
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
  /** Why the set is left out of the scores, or null. */
  flag: string | null;
  /** The visitor's suggestion (EIT), or null. */
  suggestion: string | null;
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
    const found = new Map((await listIitAnswersByIds(db, roundId, part)).map((r) => [r.id, r]));
    const rows: ExportRow[] = [];
    for (const id of part) {
      const row = found.get(id);
      if (row !== undefined) rows.push({ instrument: "iit", answeredOn: null, counter: null, answers: row.answers, flag: row.flag, suggestion: null });
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
      yield page.map((r) => ({ instrument: "eit", answeredOn: r.answeredOn, counter: counters.get(r.linkId) ?? null, answers: r.answers, flag: r.flag, suggestion: r.suggestion }));
      if (page.length < PAGE_SIZE) break;
    }
  }
}

/** For tests and the benchmark: the column header of a round's export. */
export function exportHeader(frameworkId: string, instruments: SurveyInstrument[], lang: Lang): string[] {
  return makePlan(getFramework(frameworkId), instruments, lang).header;
}
