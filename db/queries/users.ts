import type { Db } from "../client.server";
import type { NewUser, Role, UserUpdate } from "../schema";

export async function insertUser(db: Db, user: NewUser): Promise<number> {
  const row = await db.insertInto("user").values(user).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function getUserByUsername(db: Db, username: string) {
  return db.selectFrom("user").where("username", "=", username).selectAll().executeTakeFirst();
}

/** A user of one agency, or undefined: every admin query is scoped by organization. */
export async function getOrganizationUser(db: Db, organizationId: number, userId: number) {
  return db
    .selectFrom("user")
    .where("organization_id", "=", organizationId)
    .where("id", "=", userId)
    .select(["id", "username", "display_name", "role", "status", "locked_until", "created_at"])
    .executeTakeFirst();
}

export async function listOrganizationUsers(db: Db, organizationId: number) {
  return db
    .selectFrom("user")
    .where("organization_id", "=", organizationId)
    .select(["id", "username", "display_name", "role", "status", "locked_until", "created_at"])
    .orderBy("username")
    .execute();
}

export async function updateUser(db: Db, userId: number, changes: UserUpdate): Promise<void> {
  await db.updateTable("user").set(changes).where("id", "=", userId).execute();
}

/** Adds one failed sign-in atomically and returns the new count. */
export async function incrementFailedSignIns(db: Db, userId: number): Promise<number> {
  const row = await db
    .updateTable("user")
    .set((eb) => ({ failed_sign_ins: eb("failed_sign_ins", "+", 1) }))
    .where("id", "=", userId)
    .returning("failed_sign_ins")
    .executeTakeFirstOrThrow();
  return row.failed_sign_ins;
}

export async function countAdmins(db: Db, organizationId: number): Promise<number> {
  const row = await db
    .selectFrom("user")
    .where("organization_id", "=", organizationId)
    .where("role", "=", "admin" satisfies Role)
    .where("status", "=", "active")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
