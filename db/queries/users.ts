import type { Db } from "../client.server";
import type { NewUser } from "../schema";

export async function insertUser(db: Db, user: NewUser): Promise<number> {
  const row = await db.insertInto("user").values(user).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function getUserByUsername(db: Db, username: string) {
  return db.selectFrom("user").where("username", "=", username).selectAll().executeTakeFirst();
}
