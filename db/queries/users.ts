import type { Db } from "../client.server";
import type { NewUser, Role, UserUpdate } from "../schema";

export async function insertUser(db: Db, user: NewUser): Promise<number> {
  const row = await db.insertInto("user").values(user).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** The id of the agency's user of that name, or undefined: a username is unique per agency (migration 0017). */
export async function getAgencyUserId(db: Db, organizationId: number, username: string): Promise<number | undefined> {
  const row = await db.selectFrom("user").where("organization_id", "=", organizationId).where("username", "=", username).select("id").executeTakeFirst();
  return row?.id;
}

/** What sign-in needs of an account (app/auth/sign-in.server.ts), with its agency's code. */
const SIGN_IN_COLUMNS = ["user.id", "user.organization_id", "user.status", "user.password_hash", "organization.slug as organization_slug"] as const;

/** The account of that name in the agency of that code (organization.slug), or undefined. */
export async function getUserForSignIn(db: Db, agencySlug: string, username: string) {
  return db
    .selectFrom("user")
    .innerJoin("organization", "organization.id", "user.organization_id")
    .where("organization.slug", "=", agencySlug)
    .where("user.username", "=", username)
    .select(SIGN_IN_COLUMNS)
    .executeTakeFirst();
}

/**
 * The account of that name when the whole installation has only one (in any agency), else undefined —
 * none, or several agencies have it: sign-in without an agency code (app/auth/sign-in.server.ts).
 */
export async function getOnlyUserForSignIn(db: Db, username: string) {
  const rows = await db
    .selectFrom("user")
    .innerJoin("organization", "organization.id", "user.organization_id")
    .where("user.username", "=", username)
    .select(SIGN_IN_COLUMNS)
    .limit(2)
    .execute();
  return rows.length === 1 ? rows[0] : undefined;
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
    .select(["id", "username", "display_name", "role", "status", "created_at", "totp_enabled_at", "unit_id"])
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
