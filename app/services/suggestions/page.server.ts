/**
 * What /admin/rounds/:roundId/suggestions shows (issue 15, item 4): the visitors' suggestions of a round
 * by counter and month, found by a search and filters, with what staff did with each, and the words that
 * come up most (app/text/thai-words.ts) in all of them, per counter and per month.
 *
 * Only what the answer pool released is here: a suggestion is stored when its response's group of five
 * (per link) leaves the pool, never while it waits (docs/decisions/suggestions.md), so this page needs no
 * threshold of its own. It shows a month, never a day or a time, and no order of arrival.
 */
import type { Db } from "../../../db/client.server";
import { listRoundSuggestions, listSuggestionFacets, type SuggestionRow } from "../../../db/queries/suggestions";
import { hasRole } from "../../auth/roles";
import type { SessionUser } from "../../auth/session.server";
import { PERSONAL_DATA_MARKER } from "../../lib/personal-data";
import type { Localized } from "../../scoring/framework";
import { countWordSets, type WordCount, wordSet } from "../../text/thai-words";
import { parseSuggestionQuery, type SuggestionQuery } from "./form";

/** Suggestions listed on the page at most; the filters narrow the rest (the words count them all). */
export const SHOWN_SUGGESTIONS = 200;
/** Words shown for the whole selection, and for each counter and month. */
const TOP_WORDS = 10;
const TOP_WORDS_PER_GROUP = 6;

/** The round's general EIT link has no counter. */
export const GENERAL_LINK: Localized = { th: "ลิงก์ EIT ทั่วไปของรอบ", en: "The round's general EIT link" };

function counterName(row: { counterNameTh: string | null; counterNameEn: string | null }): Localized {
  return row.counterNameTh === null ? GENERAL_LINK : { th: row.counterNameTh, en: row.counterNameEn || row.counterNameTh };
}

export interface SuggestionView {
  id: string;
  text: string;
  counter: Localized;
  month: string;
  status: SuggestionRow["status"];
  note: string;
  measure: { id: number; position: number } | null;
  /** The day staff last changed it (YYYY-MM-DD of their action, Bangkok), and who. */
  updatedOn: string | null;
  updatedBy: string | null;
  /** Its answer set was flagged as noise (a burst, too fast): the text is shown, marked so. */
  flagged: boolean;
}

function view(row: SuggestionRow): SuggestionView {
  return {
    id: row.id,
    text: row.text,
    counter: counterName(row),
    month: row.month,
    status: row.status,
    note: row.note,
    measure: row.measureId !== null && row.measurePosition !== null ? { id: row.measureId, position: row.measurePosition } : null,
    updatedOn: row.updatedAt ? new Date(row.updatedAt).toLocaleDateString("sv-SE", { timeZone: "Asia/Bangkok" }) : null,
    updatedBy: row.updatedByName || row.updatedByUsername || null,
    flagged: row.flag !== null,
  };
}

/** The words of a suggestion, without the marker that stands where personal data was removed. */
function wordsOfText(text: string): Set<string> {
  return wordSet(text.replaceAll(PERSONAL_DATA_MARKER, " "));
}

/**
 * The words that come up most in the selection, overall, per counter and per month; each text is
 * segmented once (test/bench/suggestion-words.bench.ts: 10,000 suggestions).
 */
export function countSuggestionWords(rows: readonly { text: string; counterId: number | null; month: string }[]) {
  const sets = rows.map((row) => wordsOfText(row.text));
  const grouped = <K>(key: (row: (typeof rows)[number]) => K) => {
    const groups = new Map<K, Set<string>[]>();
    rows.forEach((row, i) => {
      const k = key(row);
      const group = groups.get(k);
      if (group) group.push(sets[i]!);
      else groups.set(k, [sets[i]!]);
    });
    return new Map([...groups].map(([k, group]) => [k, countWordSets(group, TOP_WORDS_PER_GROUP)]));
  };
  return { all: countWordSets(sets, TOP_WORDS), byCounter: grouped((r) => r.counterId ?? 0), byMonth: grouped((r) => r.month) };
}

function groupBy<K>(rows: readonly SuggestionRow[], key: (row: SuggestionRow) => K): Map<K, SuggestionRow[]> {
  const groups = new Map<K, SuggestionRow[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export interface SuggestionsPage {
  canEdit: boolean;
  query: SuggestionQuery;
  filtered: boolean;
  facets: Awaited<ReturnType<typeof listSuggestionFacets>>;
  /** Every suggestion of the round. */
  total: number;
  /** Those the filters and search select. */
  matching: number;
  suggestions: SuggestionView[];
  words: {
    all: WordCount[];
    byCounter: { counterId: number; counter: Localized; suggestions: number; words: WordCount[] }[];
    byMonth: { month: string; suggestions: number; words: WordCount[] }[];
  };
}

/** The page for `user` (viewer and up read it; managers and admins mark). `params`: the page's query string. */
export async function getSuggestionsPage(db: Db, user: SessionUser, roundId: number, params: URLSearchParams): Promise<SuggestionsPage> {
  const { values, filter } = parseSuggestionQuery(params);
  const [rows, facets] = await Promise.all([listRoundSuggestions(db, user.organizationId, roundId, filter), listSuggestionFacets(db, user.organizationId, roundId)]);
  const words = countSuggestionWords(rows);
  const byCounter = [...groupBy(rows, (r) => r.counterId ?? 0)].map(([counterId, group]) => ({
    counterId,
    counter: counterName(group[0]!),
    suggestions: group.length,
    words: words.byCounter.get(counterId) ?? [],
  }));
  const byMonth = [...groupBy(rows, (r) => r.month)]
    .map(([month, group]) => ({ month, suggestions: group.length, words: words.byMonth.get(month) ?? [] }))
    .sort((a, b) => b.month.localeCompare(a.month));
  return {
    canEdit: hasRole(user.role, "manager"),
    query: values,
    filtered: Object.keys(filter).length > 0,
    facets,
    total: facets.statuses.reduce((sum, s) => sum + s.count, 0),
    matching: rows.length,
    suggestions: rows.slice(0, SHOWN_SUGGESTIONS).map(view),
    words: { all: words.all, byCounter: byCounter.sort((a, b) => b.suggestions - a.suggestions || a.counter.th.localeCompare(b.counter.th, "th")), byMonth },
  };
}
