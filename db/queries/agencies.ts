/**
 * Agencies as the host operator sees them (app/services/agencies.server.ts): names, type, status and
 * counts — never an answer, a score or a user's name. And the removal of every row of one agency.
 */
import type { Db } from "../client.server";
import type { OrganizationStatus, OrganizationUpdate } from "../schema";

export interface AgencySummary {
  id: number;
  slug: string;
  nameTh: string;
  nameEn: string;
  type: string;
  status: OrganizationStatus;
  createdAt: string;
  units: number;
  counters: number;
  rounds: number;
  responses: number;
  users: number;
}

/** Every agency of the installation with its counts, by slug. */
export async function listAgencySummaries(db: Db): Promise<AgencySummary[]> {
  const rows = await db
    .selectFrom("organization as o")
    .select((eb) => [
      "o.id as id",
      "o.slug as slug",
      "o.name_th as nameTh",
      "o.name_en as nameEn",
      "o.size_group as type",
      "o.status as status",
      "o.created_at as createdAt",
      eb.selectFrom("unit").whereRef("unit.organization_id", "=", "o.id").select((e) => e.fn.countAll().as("n")).as("units"),
      eb.selectFrom("counter").whereRef("counter.organization_id", "=", "o.id").select((e) => e.fn.countAll().as("n")).as("counters"),
      eb.selectFrom("round").whereRef("round.organization_id", "=", "o.id").select((e) => e.fn.countAll().as("n")).as("rounds"),
      eb
        .selectFrom("response")
        .innerJoin("round", "round.id", "response.round_id")
        .whereRef("round.organization_id", "=", "o.id")
        .select((e) => e.fn.countAll().as("n"))
        .as("responses"),
      eb.selectFrom("user").whereRef("user.organization_id", "=", "o.id").select((e) => e.fn.countAll().as("n")).as("users"),
    ])
    .orderBy("o.slug")
    .execute();
  // PostgreSQL returns count(*) as a string.
  return rows.map((row) => ({
    ...row,
    units: Number(row.units),
    counters: Number(row.counters),
    rounds: Number(row.rounds),
    responses: Number(row.responses),
    users: Number(row.users),
  }));
}

export async function getAgency(db: Db, organizationId: number) {
  return db
    .selectFrom("organization")
    .where("id", "=", organizationId)
    .select(["id", "slug", "name_th as nameTh", "name_en as nameEn", "size_group as type", "status"])
    .executeTakeFirst();
}

export async function updateAgency(db: Db, organizationId: number, changes: OrganizationUpdate): Promise<void> {
  await db.updateTable("organization").set(changes).where("id", "=", organizationId).execute();
}

/** The status of the agency a user belongs to (sign-in refuses a suspended agency's users). */
export async function getUserAgencyStatus(db: Db, userId: number): Promise<OrganizationStatus | undefined> {
  const row = await db
    .selectFrom("user")
    .innerJoin("organization", "organization.id", "user.organization_id")
    .where("user.id", "=", userId)
    .select("organization.status as status")
    .executeTakeFirst();
  return row?.status;
}

/**
 * Deletes every row that belongs to one agency, children first, and returns how many rows left each
 * table. Run it in a transaction. Explicit deletes rather than ON DELETE CASCADE: not every reference
 * cascades (link → counter, response → link, measure_unit → unit), and the count per table is printed.
 * A table added later that holds an agency's rows belongs here too: test/integration/agencies.test.ts counts
 * every table before and after.
 */
export async function deleteAgencyRows(db: Db, organizationId: number): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  const count = (table: string, result: { numDeletedRows: bigint }) => {
    deleted[table] = (deleted[table] ?? 0) + Number(result.numDeletedRows);
  };
  const rounds = db.selectFrom("round").where("organization_id", "=", organizationId).select("id");
  const measures = db.selectFrom("measure").where("organization_id", "=", organizationId).select("id");
  const users = db.selectFrom("user").where("organization_id", "=", organizationId).select("id");

  // Suggestions first: they name a measure and a response.
  count("suggestion", await db.deleteFrom("suggestion").where("round_id", "in", rounds).executeTakeFirst());
  for (const table of ["measure_step", "measure_unit", "measure_target", "measure_note"] as const) {
    count(table, await db.deleteFrom(table).where("measure_id", "in", measures).executeTakeFirst());
  }
  count("measure", await db.deleteFrom("measure").where("organization_id", "=", organizationId).executeTakeFirst());
  // Complaints (issue 16): their entries and attachments, then the cases and the guideline.
  const complaints = db.selectFrom("complaint").where("organization_id", "=", organizationId).select("id");
  count("complaint_entry", await db.deleteFrom("complaint_entry").where("complaint_id", "in", complaints).executeTakeFirst());
  for (const table of ["complaint_attachment", "complaint", "complaint_guideline_unit", "complaint_guideline"] as const) {
    count(table, await db.deleteFrom(table).where("organization_id", "=", organizationId).executeTakeFirst());
  }
  // The public page's choices (issue 17): they name rounds and a user.
  for (const table of ["published_round", "publication"] as const) {
    count(table, await db.deleteFrom(table).where("organization_id", "=", organizationId).executeTakeFirst());
  }
  for (const table of ["dismissed_proposal", "oit_item", "access_code", "tally", "answer_pool", "response", "link"] as const) {
    count(table, await db.deleteFrom(table).where("round_id", "in", rounds).executeTakeFirst());
  }
  count("round", await db.deleteFrom("round").where("organization_id", "=", organizationId).executeTakeFirst());
  // Webhooks (issue 17): the delivery log, then the webhooks (they name their creator, a user).
  for (const table of ["webhook_delivery", "webhook"] as const) {
    count(table, await db.deleteFrom(table).where("organization_id", "=", organizationId).executeTakeFirst());
  }
  count("session", await db.deleteFrom("session").where("user_id", "in", users).executeTakeFirst());
  for (const table of ["audit_log", "official_result", "kiosk_device", "user", "permanent_link", "counter", "unit", "organization_logo"] as const) {
    count(table, await db.deleteFrom(table).where("organization_id", "=", organizationId).executeTakeFirst());
  }
  count("organization", await db.deleteFrom("organization").where("id", "=", organizationId).executeTakeFirst());
  return deleted;
}
