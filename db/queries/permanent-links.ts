/**
 * Permanent links (issue 11): one token per counter and one staff token per agency, printed once and
 * resolved to the open round's link when scanned (app/services/permanent-links.server.ts).
 */
import type { Db } from "../client.server";
import type { PermanentLinkKind, SurveyInstrument } from "../schema";

/**
 * Gives the agency its staff link and each of its counters its counter link where one is missing, with
 * tokens from `makeToken`. The unique indexes of migration 0008 make a repeat (or a second process doing
 * the same at once) add nothing: a conflicting row is skipped. Returns how many links were added.
 */
export async function insertMissingPermanentLinks(db: Db, organizationId: number, makeToken: () => string, createdAt: string): Promise<number> {
  let added = 0;
  const staff = await db
    .selectFrom("permanent_link")
    .where("organization_id", "=", organizationId)
    .where("kind", "=", "staff")
    .select("id")
    .executeTakeFirst();
  if (!staff) {
    const result = await db
      .insertInto("permanent_link")
      .values({ organization_id: organizationId, kind: "staff", counter_id: null, token: makeToken(), created_at: createdAt })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  const counters = await db
    .selectFrom("counter")
    .leftJoin("permanent_link", "permanent_link.counter_id", "counter.id")
    .where("counter.organization_id", "=", organizationId)
    .where("permanent_link.id", "is", null)
    .select("counter.id as id")
    .orderBy("counter.id")
    .execute();
  for (const counter of counters) {
    const result = await db
      .insertInto("permanent_link")
      .values({ organization_id: organizationId, kind: "counter", counter_id: counter.id, token: makeToken(), created_at: createdAt })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export interface PublicPermanentLink {
  kind: PermanentLinkKind;
  organizationId: number;
  organizationSlug: string;
  organizationNameTh: string;
  organizationNameEn: string;
  counterId: number | null;
  counterNameTh: string | null;
  counterNameEn: string | null;
  counterStatus: "active" | "paused" | "retired" | null;
}

/** A permanent link by its token, with its agency and counter, or undefined. */
export async function getPublicPermanentLink(db: Db, token: string): Promise<PublicPermanentLink | undefined> {
  return db
    .selectFrom("permanent_link")
    .innerJoin("organization", "organization.id", "permanent_link.organization_id")
    .leftJoin("counter", "counter.id", "permanent_link.counter_id")
    .where("permanent_link.token", "=", token)
    .select([
      "permanent_link.kind as kind",
      "permanent_link.organization_id as organizationId",
      "organization.slug as organizationSlug",
      "organization.name_th as organizationNameTh",
      "organization.name_en as organizationNameEn",
      "permanent_link.counter_id as counterId",
      "counter.name_th as counterNameTh",
      "counter.name_en as counterNameEn",
      "counter.status as counterStatus",
    ])
    .executeTakeFirst();
}

/**
 * The per-round link a permanent link stands for in a round: the round's IIT link (counterId null) or the
 * counter's EIT link. An active link before a paused one, then the oldest, so a link paused in this round
 * only is found (and answers its paused page) when there is no other.
 */
export async function findRoundLinkFor(db: Db, roundId: number, instrument: SurveyInstrument, counterId: number | null) {
  let query = db.selectFrom("link").where("round_id", "=", roundId).where("instrument", "=", instrument);
  query = counterId === null ? query.where("counter_id", "is", null) : query.where("counter_id", "=", counterId);
  return query.select(["id", "token", "status"]).orderBy("status").orderBy("id").executeTakeFirst();
}

export interface PermanentLinkRow {
  kind: PermanentLinkKind;
  token: string;
  counterId: number | null;
}

/** The agency's permanent links: the staff link first, then the counters' in the order they were made. */
export async function listOrganizationPermanentLinks(db: Db, organizationId: number): Promise<PermanentLinkRow[]> {
  return db
    .selectFrom("permanent_link")
    .where("organization_id", "=", organizationId)
    .select(["kind", "token", "counter_id as counterId"])
    .orderBy("kind", "desc")
    .orderBy("counter_id")
    .execute();
}

/** Whether a permanent link has this token: its QR code is served like a per-round link's. */
export async function getPermanentLinkKind(db: Db, token: string): Promise<PermanentLinkKind | undefined> {
  const row = await db.selectFrom("permanent_link").where("token", "=", token).select("kind").executeTakeFirst();
  return row?.kind;
}

export interface ActivePermanentLinkRow {
  kind: PermanentLinkKind;
  token: string;
  organizationSlug: string;
  counterId: number | null;
  counterNameTh: string | null;
}

/** Permanent links of counters in use (not paused, not retired) and every staff link, across the installation (operator CLI). */
export async function listActivePermanentLinks(db: Db): Promise<ActivePermanentLinkRow[]> {
  return db
    .selectFrom("permanent_link")
    .innerJoin("organization", "organization.id", "permanent_link.organization_id")
    .leftJoin("counter", "counter.id", "permanent_link.counter_id")
    .where((eb) => eb.or([eb("permanent_link.kind", "=", "staff"), eb("counter.status", "=", "active")]))
    .select([
      "permanent_link.kind as kind",
      "permanent_link.token as token",
      "organization.slug as organizationSlug",
      "permanent_link.counter_id as counterId",
      "counter.name_th as counterNameTh",
    ])
    .orderBy("permanent_link.organization_id")
    .orderBy("permanent_link.kind", "desc")
    .orderBy("permanent_link.counter_id")
    .execute();
}
