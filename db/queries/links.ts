import type { Db } from "../client.server";
import { reusableQuery } from "../reusable-query";
import type { NewLink, SurveyInstrument } from "../schema";

/** What a respondent page needs about a link: its round, agency and counter, in one query. */
export interface PublicLink {
  linkId: number;
  token: string;
  instrument: SurveyInstrument;
  linkStatus: "active" | "paused";
  roundId: number;
  roundStatus: "open" | "closed";
  /** The round's collection period, YYYY-MM-DD (Asia/Bangkok days), both days included. */
  startsOn: string;
  endsOn: string;
  accessMode: "open" | "codes";
  frameworkId: string;
  /** The agency's code: its public complaint form is /complaints/:slug (issue 16). */
  organizationSlug: string;
  organizationNameTh: string;
  organizationNameEn: string;
  /** A suspended agency's links take no answers (issue 11; app/services/agency-suspended.ts). */
  organizationStatus: "active" | "suspended";
  /** The agency's contact line for respondent pages (its settings, migration 0009), "" when none. */
  organizationContactTh: string;
  organizationContactEn: string;
  /** Months a closed round's raw answers are kept (the privacy notice states it; migration 0011). */
  organizationRetentionMonths: number;
  counterNameTh: string | null;
  counterNameEn: string | null;
  counterStatus: "active" | "paused" | "retired" | null;
}

export async function getPublicLink(db: Db, token: string): Promise<PublicLink | undefined> {
  const result = await selectPublicLink(db, () => token);
  return result.rows[0];
}

// Every respondent page view and every submission reads its link: compiled once (db/reusable-query.ts).
const selectPublicLink = reusableQuery<"token", PublicLink>((db, param) =>
  db
    .selectFrom("link")
    .innerJoin("round", "round.id", "link.round_id")
    .innerJoin("organization", "organization.id", "round.organization_id")
    .leftJoin("counter", "counter.id", "link.counter_id")
    .where("link.token", "=", param<string>("token"))
    .select([
      "link.id as linkId",
      "link.token as token",
      "link.instrument as instrument",
      "link.status as linkStatus",
      "round.id as roundId",
      "round.status as roundStatus",
      "round.starts_on as startsOn",
      "round.ends_on as endsOn",
      "round.access_mode as accessMode",
      "round.framework_id as frameworkId",
      "organization.slug as organizationSlug",
      "organization.name_th as organizationNameTh",
      "organization.name_en as organizationNameEn",
      "organization.status as organizationStatus",
      "organization.contact_th as organizationContactTh",
      "organization.contact_en as organizationContactEn",
      "organization.retention_months as organizationRetentionMonths",
      "counter.name_th as counterNameTh",
      "counter.name_en as counterNameEn",
      "counter.status as counterStatus",
    ]),
);

/**
 * A link accepts answers only while it, its round and its counter (if any) are all active, and — given
 * `today` (YYYY-MM-DD, Asia/Bangkok) — only on a day within its round's period (issue 11: closed means
 * closed, and a round past its last day is closed whatever its status says).
 */
export function isLinkAccepting(link: PublicLink, today?: string): boolean {
  return (
    link.linkStatus === "active" &&
    isRoundTakingAnswers(link, today) &&
    (link.counterStatus === null || link.counterStatus === "active")
  );
}

/** The round of the link is open and, given `today`, today is within starts_on..ends_on. */
export function isRoundTakingAnswers(link: Pick<PublicLink, "roundStatus" | "startsOn" | "endsOn">, today?: string): boolean {
  if (link.roundStatus !== "open") return false;
  return today === undefined || (link.startsOn <= today && today <= link.endsOn);
}

export async function insertLink(db: Db, link: NewLink): Promise<number> {
  const row = await db.insertInto("link").values(link).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export interface ActiveLinkRow {
  token: string;
  instrument: SurveyInstrument;
  organizationSlug: string;
  roundId: number;
  counterId: number | null;
  counterNameTh: string | null;
}

/** Active links of open rounds, across every agency of the installation (operator CLI). */
export async function listActiveLinks(db: Db): Promise<ActiveLinkRow[]> {
  return db
    .selectFrom("link")
    .innerJoin("round", "round.id", "link.round_id")
    .innerJoin("organization", "organization.id", "round.organization_id")
    .leftJoin("counter", "counter.id", "link.counter_id")
    .where("link.status", "=", "active")
    .where("round.status", "=", "open")
    .where((eb) => eb.or([eb("counter.id", "is", null), eb("counter.status", "=", "active")]))
    .select([
      "link.token as token",
      "link.instrument as instrument",
      "organization.slug as organizationSlug",
      "round.id as roundId",
      "counter.id as counterId",
      "counter.name_th as counterNameTh",
    ])
    .orderBy("round.id")
    .orderBy("link.id")
    .execute();
}

export async function listRoundLinks(db: Db, roundId: number) {
  return db
    .selectFrom("link")
    .leftJoin("counter", "counter.id", "link.counter_id")
    .where("link.round_id", "=", roundId)
    .select([
      "link.id as linkId",
      "link.token as token",
      "link.instrument as instrument",
      "link.status as status",
      "counter.id as counterId",
      "counter.name_th as counterNameTh",
      "counter.name_en as counterNameEn",
    ])
    .orderBy("link.id")
    .execute();
}

// --- Links of a round as the agency manages them (app/services/links.server.ts, counters.server.ts) ---

/** The agency's open rounds: a new service counter gets an EIT link in each. */
export async function listOpenRoundIds(db: Db, organizationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("round")
    .where("organization_id", "=", organizationId)
    .where("status", "=", "open")
    .select("id")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

export interface RoundLinkDetail {
  linkId: number;
  token: string;
  instrument: SurveyInstrument;
  status: "active" | "paused";
  counterId: number | null;
  counterNameTh: string | null;
  counterNameEn: string | null;
  counterStatus: "active" | "paused" | "retired" | null;
  unitNameTh: string | null;
  unitNameEn: string | null;
}

/** Every link of a round with its counter and unit: the IIT link first, then EIT links in the order made. */
export async function listRoundLinkDetails(db: Db, roundId: number): Promise<RoundLinkDetail[]> {
  return db
    .selectFrom("link")
    .leftJoin("counter", "counter.id", "link.counter_id")
    .leftJoin("unit", "unit.id", "counter.unit_id")
    .where("link.round_id", "=", roundId)
    .select([
      "link.id as linkId",
      "link.token as token",
      "link.instrument as instrument",
      "link.status as status",
      "counter.id as counterId",
      "counter.name_th as counterNameTh",
      "counter.name_en as counterNameEn",
      "counter.status as counterStatus",
      "unit.name_th as unitNameTh",
      "unit.name_en as unitNameEn",
    ])
    .orderBy("link.instrument", "desc")
    .orderBy("link.id")
    .execute();
}

/** A link of the given round, or undefined (also for a link of another round). */
export async function getRoundLink(db: Db, roundId: number, linkId: number) {
  return db
    .selectFrom("link")
    .where("round_id", "=", roundId)
    .where("id", "=", linkId)
    .select(["id", "instrument", "status", "counter_id as counterId"])
    .executeTakeFirst();
}

/** Pauses or resumes a link of the given round; returns false when the round has no such link. */
export async function updateRoundLinkStatus(db: Db, roundId: number, linkId: number, status: "active" | "paused"): Promise<boolean> {
  const result = await db.updateTable("link").set({ status }).where("round_id", "=", roundId).where("id", "=", linkId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Whether a link with this token exists (any status, any round): the QR code of a paused link still works. */
export async function linkTokenExists(db: Db, token: string): Promise<boolean> {
  const row = await db.selectFrom("link").where("token", "=", token).select("id").executeTakeFirst();
  return row !== undefined;
}

/**
 * The number of counted answers of each link of a round, from tallies only (flagged responses are not
 * tallied): per link, the largest Σ count over its fields. Every survey field is required, so this is
 * the number of responses; the max also holds if a framework one day has optional fields. Links
 * without answers are absent. Costs links × fields × values rows, whatever the number of responses.
 */
export async function countRoundLinkAnswers(db: Db, roundId: number): Promise<{ linkId: number; answers: number }[]> {
  const perField = db
    .selectFrom("tally")
    .where("round_id", "=", roundId)
    .select(["link_id", "field", (eb) => eb.fn.sum<number>("count").as("n")])
    .groupBy(["link_id", "field"]);
  const rows = await db
    .selectFrom(perField.as("f"))
    .select(["f.link_id as linkId", (eb) => eb.fn.max<number>("f.n").as("answers")])
    .groupBy("f.link_id")
    .execute();
  // PostgreSQL returns sum() as a string (ARCHITECTURE.md §1 pitfalls).
  return rows.map((r) => ({ linkId: Number(r.linkId), answers: Number(r.answers) }));
}
