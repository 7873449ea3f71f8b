/**
 * Visitors' suggestions (migration 0020): written once, when a released group's responses are stored
 * (app/services/submit-response.server.ts), then read and marked by the agency's staff. Every read and
 * change is scoped by organization id through the round (ARCHITECTURE.md §3.2): another agency's
 * suggestion id finds nothing.
 */
import { sql } from "kysely";
import type { Db } from "../client.server";
import type { NewSuggestion, SuggestionStatus } from "../schema";

export async function insertSuggestion(db: Db, row: NewSuggestion): Promise<void> {
  await db.insertInto("suggestion").values(row).execute();
}

export interface SuggestionFilter {
  /** A counter's id; 0 for the round's general EIT link (no counter). */
  counterId?: number;
  /** YYYY-MM */
  month?: string;
  status?: SuggestionStatus;
  /** Lower-case text to find anywhere in the suggestion (Latin letters compared lower-cased). */
  search?: string;
}

export interface SuggestionRow {
  id: string;
  linkId: number;
  counterId: number | null;
  counterNameTh: string | null;
  counterNameEn: string | null;
  month: string;
  text: string;
  status: SuggestionStatus;
  note: string;
  measureId: number | null;
  measurePosition: number | null;
  updatedAt: string | null;
  updatedByName: string | null;
  updatedByUsername: string | null;
  /** The response's noise flag: a suggestion of a flagged answer set is shown as such. */
  flag: string | null;
}

/** LIKE's own characters in a search, escaped (ESCAPE '\' below). */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function roundSuggestions(db: Db, organizationId: number, roundId: number) {
  return db
    .selectFrom("suggestion")
    .innerJoin("round", "round.id", "suggestion.round_id")
    .innerJoin("link", "link.id", "suggestion.link_id")
    .where("round.organization_id", "=", organizationId)
    .where("suggestion.round_id", "=", roundId);
}

/**
 * The round's suggestions that match `filter`, newest month first, then by counter; within them by the
 * random id, which says nothing of when each came (a release stores its group in shuffled order anyway).
 */
export async function listRoundSuggestions(db: Db, organizationId: number, roundId: number, filter: SuggestionFilter = {}): Promise<SuggestionRow[]> {
  let query = roundSuggestions(db, organizationId, roundId)
    .innerJoin("response", "response.id", "suggestion.response_id")
    .leftJoin("counter", "counter.id", "link.counter_id")
    .leftJoin("measure", "measure.id", "suggestion.measure_id")
    .leftJoin("user", "user.id", "suggestion.updated_by");
  if (filter.counterId !== undefined) {
    query = filter.counterId === 0 ? query.where("link.counter_id", "is", null) : query.where("link.counter_id", "=", filter.counterId);
  }
  if (filter.month !== undefined) query = query.where("suggestion.month", "=", filter.month);
  if (filter.status !== undefined) query = query.where("suggestion.status", "=", filter.status);
  if (filter.search) query = query.where(sql<boolean>`lower(suggestion.text) like ${likePattern(filter.search)} escape '\\'`);
  return query
    .select([
      "suggestion.id as id",
      "suggestion.link_id as linkId",
      "link.counter_id as counterId",
      "counter.name_th as counterNameTh",
      "counter.name_en as counterNameEn",
      "suggestion.month as month",
      "suggestion.text as text",
      "suggestion.status as status",
      "suggestion.note as note",
      "suggestion.measure_id as measureId",
      "measure.position as measurePosition",
      "suggestion.updated_at as updatedAt",
      "user.display_name as updatedByName",
      "user.username as updatedByUsername",
      "response.flag as flag",
    ])
    .orderBy("suggestion.month", "desc")
    .orderBy("counter.name_th")
    .orderBy("suggestion.id")
    .execute();
}

/** What the filters offer: the counters and months that have suggestions, and how many of each status. */
export async function listSuggestionFacets(db: Db, organizationId: number, roundId: number) {
  const base = () => roundSuggestions(db, organizationId, roundId);
  const [counters, months, statuses] = await Promise.all([
    base()
      .leftJoin("counter", "counter.id", "link.counter_id")
      .select(["link.counter_id as counterId", "counter.name_th as nameTh", "counter.name_en as nameEn"])
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .groupBy(["link.counter_id", "counter.name_th", "counter.name_en"])
      .orderBy("counter.name_th")
      .execute(),
    base()
      .select("suggestion.month as month")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .groupBy("suggestion.month")
      .orderBy("suggestion.month", "desc")
      .execute(),
    base()
      .select("suggestion.status as status")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .groupBy("suggestion.status")
      .execute(),
  ]);
  return {
    counters: counters.map((c) => ({ counterId: c.counterId, nameTh: c.nameTh, nameEn: c.nameEn, count: Number(c.n) })),
    months: months.map((m) => ({ month: m.month, count: Number(m.n) })),
    statuses: statuses.map((s) => ({ status: s.status, count: Number(s.n) })),
  };
}

export interface SuggestionRef {
  id: string;
  roundId: number;
  month: string;
  text: string;
  status: SuggestionStatus;
  note: string;
  measureId: number | null;
}

/** One suggestion of the agency's round, or undefined (another agency's, another round's, or none). */
export async function getRoundSuggestion(db: Db, organizationId: number, roundId: number, id: string): Promise<SuggestionRef | undefined> {
  return roundSuggestions(db, organizationId, roundId)
    .where("suggestion.id", "=", id)
    .select(["suggestion.id as id", "suggestion.round_id as roundId", "suggestion.month as month", "suggestion.text as text", "suggestion.status as status", "suggestion.note as note", "suggestion.measure_id as measureId"])
    .executeTakeFirst();
}

/** Sets what staff did with a suggestion of the round (the caller has found it with getRoundSuggestion). */
export async function updateSuggestion(
  db: Db,
  roundId: number,
  id: string,
  change: { status: SuggestionStatus; note: string; measureId?: number; updatedBy: number | null; updatedAt: string },
): Promise<void> {
  await db
    .updateTable("suggestion")
    .set({
      status: change.status,
      note: change.note,
      ...(change.measureId !== undefined ? { measure_id: change.measureId } : {}),
      updated_by: change.updatedBy,
      updated_at: change.updatedAt,
    })
    .where("id", "=", id)
    .where("round_id", "=", roundId)
    .execute();
}

/** The suggestions the given measures were made from, for the measure's page. */
export async function listSuggestionsOfMeasures(db: Db, organizationId: number, measureIds: readonly number[]) {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom("suggestion")
    .innerJoin("round", "round.id", "suggestion.round_id")
    .where("round.organization_id", "=", organizationId)
    .where("suggestion.measure_id", "in", measureIds)
    .select(["suggestion.id as id", "suggestion.measure_id as measureId", "suggestion.month as month", "suggestion.text as text"])
    .orderBy("suggestion.month")
    .orderBy("suggestion.id")
    .execute();
}
