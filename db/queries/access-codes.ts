import type { Db } from "../client.server";
import type { AccessMode, NewAccessCode } from "../schema";

export async function insertAccessCodes(db: Db, codes: NewAccessCode[]): Promise<void> {
  for (let i = 0; i < codes.length; i += 500) await db.insertInto("access_code").values(codes.slice(i, i + 500)).execute();
}

/**
 * Marks an unused code used, atomically: of two concurrent uses, exactly one updates the row.
 * Returns whether this call used it.
 */
export async function useAccessCode(db: Db, roundId: number, codeHash: string, usedOn: string): Promise<boolean> {
  const result = await db
    .updateTable("access_code")
    .set({ used_on: usedOn })
    .where("round_id", "=", roundId)
    .where("code_hash", "=", codeHash)
    .where("used_on", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function getAccessCodeState(db: Db, roundId: number, codeHash: string): Promise<"unused" | "used" | "unknown"> {
  const row = await db
    .selectFrom("access_code")
    .where("round_id", "=", roundId)
    .where("code_hash", "=", codeHash)
    .select("used_on")
    .executeTakeFirst();
  return !row ? "unknown" : row.used_on === null ? "unused" : "used";
}

export async function countAccessCodes(db: Db, roundId: number): Promise<{ total: number; used: number }> {
  const row = await db
    .selectFrom("access_code")
    .where("round_id", "=", roundId)
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.count<number>("used_on").as("used"),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), used: Number(row.used) };
}

export async function setRoundAccessMode(db: Db, roundId: number, mode: AccessMode): Promise<void> {
  await db.updateTable("round").set({ access_mode: mode }).where("id", "=", roundId).execute();
}

export async function getRoundAccessMode(db: Db, roundId: number): Promise<AccessMode> {
  const row = await db.selectFrom("round").where("id", "=", roundId).select("access_mode").executeTakeFirstOrThrow();
  return row.access_mode;
}
