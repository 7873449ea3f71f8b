/** The agency's own settings (issue 11, item 2): its profile row and its logo. */
import type { Db } from "../client.server";
import type { OrganizationLogoTable } from "../schema";

export async function getAgencySettingsRow(db: Db, organizationId: number) {
  return db
    .selectFrom("organization")
    .leftJoin("organization_logo", "organization_logo.organization_id", "organization.id")
    .where("organization.id", "=", organizationId)
    .select([
      "organization.slug as slug",
      "organization.name_th as nameTh",
      "organization.name_en as nameEn",
      "organization.size_group as type",
      "organization.province_th as provinceTh",
      "organization.district_th as districtTh",
      "organization.contact_th as contactTh",
      "organization.contact_en as contactEn",
      "organization.retention_months as retentionMonths",
      "organization.require_second_factor as requireSecondFactor",
      "organization_logo.media_type as logoMediaType",
      "organization_logo.version as logoVersion",
      "organization_logo.updated_at as logoUpdatedAt",
    ])
    .executeTakeFirst();
}

export async function updateAgencyProfile(
  db: Db,
  organizationId: number,
  profile: {
    name_th: string;
    name_en: string;
    size_group: string;
    province_th: string;
    district_th: string;
    contact_th: string;
    contact_en: string;
    retention_months: number;
    require_second_factor: number;
  },
): Promise<void> {
  await db.updateTable("organization").set(profile).where("id", "=", organizationId).execute();
}

/** Puts (or replaces) the agency's logo. */
export async function putAgencyLogo(db: Db, logo: OrganizationLogoTable): Promise<void> {
  await db
    .insertInto("organization_logo")
    .values(logo)
    .onConflict((oc) => oc.column("organization_id").doUpdateSet({ media_type: logo.media_type, bytes: logo.bytes, version: logo.version, updated_at: logo.updated_at }))
    .execute();
}

export async function deleteAgencyLogo(db: Db, organizationId: number): Promise<number> {
  const result = await db.deleteFrom("organization_logo").where("organization_id", "=", organizationId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The logo to serve at /logo/:slug: only an active agency's. */
export async function getAgencyLogoBySlug(db: Db, slug: string) {
  return db
    .selectFrom("organization_logo")
    .innerJoin("organization", "organization.id", "organization_logo.organization_id")
    .where("organization.slug", "=", slug)
    .select(["organization_logo.media_type as mediaType", "organization_logo.bytes as bytes", "organization_logo.version as version", "organization.status as status"])
    .executeTakeFirst();
}

/** The logo's URL parts for the print pages: the slug and the version, or undefined without a logo. */
export async function getAgencyLogoRef(db: Db, organizationId: number) {
  return db
    .selectFrom("organization_logo")
    .innerJoin("organization", "organization.id", "organization_logo.organization_id")
    .where("organization.id", "=", organizationId)
    .select(["organization.slug as slug", "organization_logo.version as version"])
    .executeTakeFirst();
}
