/** What the server under test stored, read from its database file with a short-lived handle. */
import { createDb, type Db } from "../../db/client.server";
import { listResponsesAfter } from "../../db/queries/responses";
import { unseal } from "../../app/services/answer-pool/seal.server";

/** Opens the database at `databasePath` for `use`, and closes it again. */
export async function withDatabase<T>(databasePath: string, use: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(databasePath);
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}

/** The id of the newest response (0 when there is none), so a test can ask what it added. */
export async function getLastResponseId(databasePath: string): Promise<number> {
  return withDatabase(databasePath, async (db) => {
    let last = 0;
    for (;;) {
      const rows = await listResponsesAfter(db, last, 1000);
      if (rows.length === 0) return last;
      last = rows[rows.length - 1]?.id ?? last;
    }
  });
}

/** The responses stored after the response `id` (at most 100). */
export async function listResponsesAfterId(databasePath: string, id: number) {
  return withDatabase(databasePath, (db) => listResponsesAfter(db, id, 100));
}

/**
 * The responses stored for these submissions. By submission, not by id: answers released from the pool
 * get random ids (issue 12), so "the responses after the last id" would miss some.
 */
export async function listResponsesOfSubmissions(databasePath: string, submissionIds: string[]) {
  return withDatabase(databasePath, (db) =>
    db
      .selectFrom("response")
      .where("submission_id", "in", submissionIds)
      .select(["submission_id as submissionId", "round_id as roundId", "link_id as linkId", "instrument", "answers", "flag"])
      .execute(),
  );
}

export interface PooledAnswers {
  submissionId: string;
  roundId: number;
  linkId: number;
  answers: Record<string, number>;
  flag: string | null;
}

/**
 * The answers waiting in the pool for their group of five (issue 12), opened with the pool key the
 * server under test was given (vitest.config.ts sets ANSWER_POOL_KEY for the tests and the servers they start).
 */
export async function listPooledAnswers(databasePath: string): Promise<PooledAnswers[]> {
  return withDatabase(databasePath, async (db) => {
    const rows = await db.selectFrom("answer_pool").selectAll().execute();
    return rows.map((row) => {
      const { answers, flag } = unseal<{ answers: Record<string, number>; flag: string | null }>(row.sealed);
      return { submissionId: row.submission_id, roundId: row.round_id, linkId: row.link_id, answers, flag };
    });
  });
}
