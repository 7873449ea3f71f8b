/**
 * The growing waits of sign-in (migration 0014; app/auth/sign-in.server.ts has the rules). Every change of a
 * counted failure is a compare-and-set on the row as it was read, so that parallel attempts on several app
 * processes cannot all be checked while the first one's wait is still being written.
 */
import type { Db } from "../client.server";
import type { SignInThrottleTable } from "../schema";
import type { Selectable } from "kysely";

export type SignInThrottle = Selectable<SignInThrottleTable>;

export async function getSignInThrottles(db: Db, keys: string[]): Promise<SignInThrottle[]> {
  return db.selectFrom("sign_in_throttle").where("key", "in", keys).selectAll().execute();
}

/** Forgets every row whose last failure is older than `beforeIso`. */
export async function forgetSignInThrottles(db: Db, beforeIso: string): Promise<void> {
  await db.deleteFrom("sign_in_throttle").where("last_failure_at", "<", beforeIso).execute();
}

/**
 * Writes `next` over the row if it is still as `seen` (or inserts it if there was none and still is none).
 * False: another attempt changed the row first.
 */
export async function replaceSignInThrottle(
  db: Db,
  key: string,
  seen: Pick<SignInThrottle, "failures" | "last_failure_at"> | undefined,
  next: { failures: number; wait_until: string | null; last_failure_at: string },
): Promise<boolean> {
  const row = await db
    .insertInto("sign_in_throttle")
    .values({ key, ...next, refused: 0 })
    .onConflict((oc) =>
      oc
        .column("key")
        .doUpdateSet({ ...next, refused: 0 })
        // No row was seen: a row there now was made by another attempt, and this one loses.
        .where("sign_in_throttle.failures", "=", seen ? seen.failures : -1)
        .where("sign_in_throttle.last_failure_at", "=", seen ? seen.last_failure_at : ""),
    )
    .returning("key")
    .executeTakeFirst();
  return row !== undefined;
}

/** Puts back the row as it was before this attempt's claim, if nothing changed it since; deletes it if there was none. */
export async function restoreSignInThrottle(
  db: Db,
  key: string,
  claimed: { failures: number; last_failure_at: string },
  previous: Pick<SignInThrottle, "failures" | "wait_until" | "refused" | "last_failure_at"> | undefined,
): Promise<void> {
  if (previous) {
    await db
      .updateTable("sign_in_throttle")
      .set(previous)
      .where("key", "=", key)
      .where("failures", "=", claimed.failures)
      .where("last_failure_at", "=", claimed.last_failure_at)
      .execute();
  } else {
    await db
      .deleteFrom("sign_in_throttle")
      .where("key", "=", key)
      .where("failures", "=", claimed.failures)
      .where("last_failure_at", "=", claimed.last_failure_at)
      .execute();
  }
}

/**
 * One more failure for the key, whatever the row holds now (an attempt refused while the key waits):
 * `wait_until` is the wait the caller computed from the count it read.
 */
export async function addSignInFailure(db: Db, key: string, next: { failures: number; wait_until: string | null; last_failure_at: string }): Promise<void> {
  await db
    .insertInto("sign_in_throttle")
    .values({ key, ...next, refused: 0 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => ({
        failures: eb("sign_in_throttle.failures", "+", 1),
        wait_until: next.wait_until,
        last_failure_at: next.last_failure_at,
      })),
    )
    .execute();
}

/** Counts an attempt refused unchecked for the key (an account); returns how many since its last counted one. */
export async function addSignInRefusal(db: Db, key: string, nowIso: string): Promise<number> {
  const row = await db
    .insertInto("sign_in_throttle")
    .values({ key, failures: 0, wait_until: null, refused: 1, last_failure_at: nowIso })
    .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({ refused: eb("sign_in_throttle.refused", "+", 1) })))
    .returning("refused")
    .executeTakeFirstOrThrow();
  return Number(row.refused);
}

export async function deleteSignInThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom("sign_in_throttle").where("key", "=", key).execute();
}
