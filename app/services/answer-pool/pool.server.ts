/**
 * The answer pool (issue 12, items 1 and 2): answers are not stored as a response when they arrive. They
 * wait, sealed (./seal.server.ts), until their group has k counted answers waiting (k: the framework's
 * minimum group size, 5); then the whole group enters the responses and tallies in one transaction, in a
 * random order, each under a random id, dated the day of the release. A group is:
 * - for the IIT, the round: a staff member's answers join those of their colleagues;
 * - for the EIT, the link a visitor answered through (a counter, or the round's general link), so that each
 *   counter's figures move by k visitors at least, and with them the round's EIT totals (a sum of counters).
 *
 * What this gives (docs/decisions/answer-pool.md):
 * - No figure moves by one person: counts, scores and breakdowns change only by a whole group, so
 *   subtracting the page before from the page after gives the sum of k people's answers.
 * - The code spent with an IIT answer set is paired, by its transaction, only with a sealed pool row; the
 *   response rows come later, all of a group in one transaction, in shuffled order with random ids, so
 *   neither PostgreSQL's xmin, nor SQLite's row order, nor an id tells which of the group's codes
 *   unlocked which answers.
 * - A group smaller than k never shows: answers of a round (or a counter) that closes with fewer than k
 *   waiting are never counted (the survey's privacy notice says so).
 */
import { randomBytes, randomInt, webcrypto } from "node:crypto";
import type { Db } from "../../../db/client.server";
import { countPooledCounted, deletePoolRows, insertPoolRow, listPoolRows, listTakenResponseIds, lockPoolScope, type PoolScope } from "../../../db/queries/answer-pool";
import type { SurveyInstrument } from "../../../db/schema";
import type { ResponseFlag } from "../../../db/schema";
import type { Answers } from "../validate-answers";
import { seal, unseal } from "./seal.server";

/**
 * Response ids of released IIT answers: random in [2^30, 2^31), above the ids the sequence will reach in
 * practice and within PostgreSQL's integer. A clash with an id taken is drawn again.
 */
const RANDOM_ID_LOW = 2 ** 30;
const RANDOM_ID_HIGH = 2 ** 31 - 1;

interface Sealed {
  answers: Answers;
  flag: ResponseFlag | null;
  /**
   * The visitor's suggestion (EIT), already scrubbed of what identifies a person (app/lib/personal-data.ts,
   * by checkAnswers): sealed with the answers, so that it too waits for the group and leaves with it in
   * shuffled order. Absent when none was written (and in rows sealed before issue 15).
   */
  suggestion?: string;
}

export interface PoolInput {
  submissionId: string;
  roundId: number;
  linkId: number;
  instrument: SurveyInstrument;
  answers: Answers;
  flag: ResponseFlag | null;
  /** Scrubbed already (checkAnswers); null for none. */
  suggestion?: string | null;
}

/** Puts the answers in the pool; false when the submission id waits already (a repeat: nothing written). */
export async function addToPool(db: Db, input: PoolInput): Promise<boolean> {
  return insertPoolRow(db, {
    id: randomBytes(16).toString("base64url"),
    round_id: input.roundId,
    link_id: input.linkId,
    instrument: input.instrument,
    submission_id: input.submissionId,
    flagged: input.flag ? 1 : 0,
    sealed: seal({ answers: input.answers, flag: input.flag, ...(input.suggestion ? { suggestion: input.suggestion } : {}) } satisfies Sealed),
  });
}

/** Fisher–Yates with a cryptographic source. */
function shuffle<T>(items: T[]): T[] {
  const random = new Uint32Array(items.length);
  webcrypto.getRandomValues(random);
  for (let i = items.length - 1; i > 0; i--) {
    const j = random[i]! % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

async function randomResponseIds(db: Db, count: number): Promise<number[]> {
  const ids = new Set<number>();
  for (;;) {
    while (ids.size < count) ids.add(randomInt(RANDOM_ID_LOW, RANDOM_ID_HIGH));
    const taken = await listTakenResponseIds(db, [...ids]);
    if (taken.length === 0) return [...ids];
    for (const id of taken) ids.delete(id);
  }
}

/** What storing one released answer set takes: storeResponse, given by the caller (no import cycle). */
/** Stores a released group's answer sets, all at once (their tallies in one upsert: storeResponses). */
export type StoreReleased = (
  db: Db,
  inputs: { id: number; submissionId: string; roundId: number; linkId: number; answers: Answers; flag: ResponseFlag | null; suggestion: string | null }[],
) => Promise<unknown>;

export function poolScopeOf(instrument: SurveyInstrument, link: { roundId: number; linkId: number }): PoolScope {
  return instrument === "iit" ? { roundId: link.roundId, instrument } : { linkId: link.linkId };
}

/**
 * Takes the group's pool for this transaction (PostgreSQL: a row lock; SQLite writes one at a time anyway):
 * call it first in a submission's transaction. With the lock, each submission sees every one before it, so
 * a group is released exactly when its fifth answer arrives — always five, never split, never left full
 * and waiting. Taken only after its own row was added, concurrent submissions released groups of 6 or 9
 * and could leave a full group waiting for the next answer (integration test, PostgreSQL).
 */
export const takePool = lockPoolScope;

/**
 * Releases the group if it holds at least k counted answers: every waiting row (the flagged ones go with
 * them, stored but not counted), shuffled, stored under random ids, the pool rows deleted. Run it in the
 * transaction that added the last row. Returns how many were released (0: the group is not full).
 */
export async function releaseIfFull(db: Db, scope: PoolScope, k: number, store: StoreReleased): Promise<number> {
  if ((await countPooledCounted(db, scope)) < k) return 0;
  const rows = shuffle(await listPoolRows(db, scope));
  const ids = await randomResponseIds(db, rows.length);
  await store(
    db,
    rows.map((row, i) => {
      const { answers, flag, suggestion } = unseal<Sealed>(row.sealed);
      return { id: ids[i]!, submissionId: row.submission_id, roundId: row.round_id, linkId: row.link_id, answers, flag, suggestion: suggestion ?? null };
    }),
  );
  await deletePoolRows(
    db,
    rows.map((r) => r.id),
  );
  return rows.length;
}
