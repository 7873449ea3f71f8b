import type { Db } from "../client.server";
import type { NewLink, SurveyInstrument } from "../schema";

/** What a respondent page needs about a link: its round, agency and counter, in one query. */
export interface PublicLink {
  linkId: number;
  token: string;
  instrument: SurveyInstrument;
  linkStatus: "active" | "paused";
  roundId: number;
  roundStatus: "open" | "closed";
  frameworkId: string;
  organizationNameTh: string;
  organizationNameEn: string;
  counterNameTh: string | null;
  counterNameEn: string | null;
  counterStatus: "active" | "paused" | "retired" | null;
}

export async function getPublicLink(db: Db, token: string): Promise<PublicLink | undefined> {
  return db
    .selectFrom("link")
    .innerJoin("round", "round.id", "link.round_id")
    .innerJoin("organization", "organization.id", "round.organization_id")
    .leftJoin("counter", "counter.id", "link.counter_id")
    .where("link.token", "=", token)
    .select([
      "link.id as linkId",
      "link.token as token",
      "link.instrument as instrument",
      "link.status as linkStatus",
      "round.id as roundId",
      "round.status as roundStatus",
      "round.framework_id as frameworkId",
      "organization.name_th as organizationNameTh",
      "organization.name_en as organizationNameEn",
      "counter.name_th as counterNameTh",
      "counter.name_en as counterNameEn",
      "counter.status as counterStatus",
    ])
    .executeTakeFirst();
}

/** A link accepts answers only while it, its round and its counter (if any) are all active. */
export function isLinkAccepting(link: PublicLink): boolean {
  return (
    link.linkStatus === "active" &&
    link.roundStatus === "open" &&
    (link.counterStatus === null || link.counterStatus === "active")
  );
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
