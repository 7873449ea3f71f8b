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
    .select(["id", "username", "display_name", "role", "status", "created_at"])
    .executeTakeFirst();
}

export async function listOrganizationUsers(db: Db, organizationId: number) {
  return db
    .selectFrom("user")
    .where("organization_id", "=", organizationId)
    .select(["id", "username", "display_name", "role", "status", "created_at"])
    .orderBy("username")
    .execute();
}

export async function updateUser(db: Db, userId: number, changes: UserUpdate): Promise<void> {
  await db.updateTable("user").set(changes).where("id", "=", userId).execute();
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
