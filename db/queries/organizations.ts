import type { Db } from "../client.server";
import type { NewCounter, NewOrganization, NewUnit } from "../schema";

export async function insertOrganization(db: Db, organization: NewOrganization): Promise<number> {
  const row = await db.insertInto("organization").values(organization).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function insertUnit(db: Db, unit: NewUnit): Promise<number> {
  const row = await db.insertInto("unit").values(unit).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCounter(db: Db, counter: NewCounter): Promise<number> {
  const row = await db.insertInto("counter").values(counter).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function getOrganizationBySlug(db: Db, slug: string) {
  return db.selectFrom("organization").where("slug", "=", slug).selectAll().executeTakeFirst();
}

export async function countOrganizations(db: Db): Promise<number> {
  const row = await db
    .selectFrom("organization")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The agency's names and where it is (district and province), as the published report heads it. */
export async function getOrganizationProfile(db: Db, organizationId: number) {
  return db
    .selectFrom("organization")
    .where("id", "=", organizationId)
    .select(["id", "name_th as nameTh", "name_en as nameEn", "district_th as districtTh", "province_th as provinceTh"])
    .executeTakeFirst();
}
