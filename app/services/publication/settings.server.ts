/**
 * What an agency publishes on its public page (issue 17, item 1), chosen by its admins on
 * /admin/publication: per round, its report (the measured scores or the official result), its measures
 * with their status and progress notes, and the live satisfaction per service counter; for the agency,
 * the fiscal year's complaint statistics (issue 16). Nothing is public until an admin publishes it.
 *
 * Every change is one transaction: the choice, the publication's new version (which takes the page down
 * or changes it in every app process at its next view: docs/decisions/public-page.md) and its audit entry.
 * After the commit, this process's listeners hear of it (./events.ts).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client.server";
import { listOfficialResults } from "../../../db/queries/official-results";
import { bumpPublication, deletePublishedRounds, getPublicationRow, listPublishedRounds, savePublishedRound, type PublishedRoundChoice } from "../../../db/queries/publication";
import { listOrganizationRounds } from "../../../db/queries/rounds";
import type { PublishedReport } from "../../../db/schema";
import { requireRound } from "../../auth/round-access.server";
import { hasRole } from "../../auth/roles";
import type { SessionUser } from "../../auth/session.server";
import { getEnv } from "../../lib/env.server";

import { recordAudit } from "../audit.server";
import { publishEvent } from "../notify/events.server";
import { publicationChanged, type PublicationChange } from "./events";
import { publicPagePaths } from "./paths";

/** The public page's full address (the PUBLIC_URL the posters print), for the agency's website and the OIT checklist. */
export function publicPageUrl(slug: string, roundId?: number): string {
  const paths = publicPagePaths(slug);
  return `${getEnv().PUBLIC_URL}${roundId === undefined ? paths.agency : paths.round(roundId)}`;
}

export interface PublicationRoundSetting {
  id: number;
  fiscalYear: number;
  title: { th: string; en: string };
  status: "open" | "closed";
  /** An official result of the round's fiscal year is entered: "official" can be chosen. */
  officialAvailable: boolean;
  report: PublishedReport | null;
  measures: boolean;
  counters: boolean;
  publishedAt: string | null;
  url: string;
}

/** Everything /admin/publication shows. */
export async function getPublicationSettings(db: Db, user: Pick<SessionUser, "organizationId" | "organizationSlug">) {
  const [rounds, published, official, row] = await Promise.all([
    listOrganizationRounds(db, user.organizationId),
    listPublishedRounds(db, user.organizationId),
    listOfficialResults(db, user.organizationId),
    getPublicationRow(db, user.organizationId),
  ]);
  const byRound = new Map(published.map((p) => [p.roundId, p]));
  const officialYears = new Set(official.map((o) => o.fiscalYear));
  const settings = rounds.map((round): PublicationRoundSetting => {
    const p = byRound.get(round.id);
    return {
      id: round.id,
      fiscalYear: round.fiscalYear,
      title: { th: round.titleTh, en: round.titleEn || round.titleTh },
      status: round.status,
      officialAvailable: officialYears.has(round.fiscalYear),
      report: p?.report ?? null,
      measures: p?.measures ?? false,
      counters: p?.counters ?? false,
      publishedAt: p?.publishedAt ?? null,
      url: publicPageUrl(user.organizationSlug, round.id),
    };
  });
  const complaintStatistics = row?.complaintStatistics ?? false;
  return {
    url: publicPageUrl(user.organizationSlug),
    /** Anything is public: the page answers; otherwise it is a 404. */
    anythingPublic: complaintStatistics || published.length > 0,
    complaintStatistics,
    rounds: settings,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedByName ?? null,
  };
}

export type PublicationSettings = Awaited<ReturnType<typeof getPublicationSettings>>;

export type PublicationFormResult = { ok: true; intent: "round" | "complaints" | "unpublish-all"; anythingPublic: boolean } | { ok: false; status: number; message: { th: string; en: string } };

const refuse = (status: number, th: string, en: string): PublicationFormResult => ({ ok: false, status, message: { th, en } });

/** A checkbox: "on" (or "1") checked, absent unchecked; anything else is not what our form sends. */
function readCheckbox(form: FormData, name: string): boolean | undefined {
  const value = form.get(name);
  if (value === null) return false;
  return value === "on" || value === "1" ? true : undefined;
}

/**
 * Applies one form of /admin/publication for an admin: `intent` "round" (roundId, report "" | "measured"
 * | "official", measures, counters), "complaints" (complaintStatistics) or "unpublish-all". Refusals are
 * results with a 4xx status and a message in both languages; another agency's round is a 404 response.
 */
export async function applyPublicationForm(db: Db, user: SessionUser, form: FormData, now: Date): Promise<PublicationFormResult> {
  // The route lets admins only; the service says so too, whoever calls it.
  if (!hasRole(user.role, "admin")) return refuse(403, "เฉพาะผู้ดูแลระบบของหน่วยงานเท่านั้นที่เลือกข้อมูลเผยแพร่ได้", "Only the agency's admins choose what is published.");
  const intent = form.get("intent");
  if (intent === "round") return applyRoundForm(db, user, form, now);
  if (intent === "complaints") {
    const on = readCheckbox(form, "complaintStatistics");
    if (on === undefined) return refuse(400, "ค่าที่ส่งมาไม่ถูกต้อง", "The value sent is not one this form sends.");
    const before = await getPublicationRow(db, user.organizationId);
    const wasPublic = await isAnythingPublic(db, user.organizationId);
    if ((before?.complaintStatistics ?? false) === on) return { ok: true, intent, anythingPublic: wasPublic };
    const version = await db.transaction().execute(async (trx) => {
      const v = await bumpPublication(trx, user.organizationId, { userId: user.userId, now, complaintStatistics: on });
      await recordAudit(trx, user, on ? "publication.publish-complaint-statistics" : "publication.unpublish-complaint-statistics", `organization:${user.organizationId}`, { version: v }, now);
      await queuePublicationEvent(trx, user, { version: v, roundId: null, kind: on ? "published" : "unpublished" }, now);
      return v;
    });
    return finish(db, user, intent, { version, roundId: null, wasPublic, kind: on ? "published" : "unpublished" });
  }
  if (intent === "unpublish-all") {
    const wasPublic = await isAnythingPublic(db, user.organizationId);
    const version = await db.transaction().execute(async (trx) => {
      const rounds = await deletePublishedRounds(trx, user.organizationId);
      const v = await bumpPublication(trx, user.organizationId, { userId: user.userId, now, complaintStatistics: false });
      await recordAudit(trx, user, "publication.unpublish-all", `organization:${user.organizationId}`, { version: v, rounds }, now);
      await queuePublicationEvent(trx, user, { version: v, roundId: null, kind: "unpublished" }, now);
      return v;
    });
    return finish(db, user, intent, { version, roundId: null, wasPublic, kind: "unpublished" });
  }
  return refuse(400, "ไม่รู้จักคำสั่งนี้", "Unknown action.");
}

async function applyRoundForm(db: Db, user: SessionUser, form: FormData, now: Date): Promise<PublicationFormResult> {
  const roundIdValue = form.get("roundId");
  if (typeof roundIdValue !== "string" || !/^\d{1,9}$/.test(roundIdValue)) return refuse(400, "ไม่ได้ระบุรอบการประเมิน", "No round was given.");
  const round = await requireRound(db, user, roundIdValue);
  const reportValue = form.get("report");
  const report = reportValue === null || reportValue === "" ? null : reportValue === "measured" || reportValue === "official" ? reportValue : undefined;
  const measures = readCheckbox(form, "measures");
  const counters = readCheckbox(form, "counters");
  if (report === undefined || measures === undefined || counters === undefined) {
    return refuse(400, "ค่าที่ส่งมาไม่ถูกต้อง กรุณาเลือกจากตัวเลือกในหน้านี้", "A value sent is not one of this form's choices.");
  }
  if (report === "official") {
    const official = await listOfficialResults(db, user.organizationId);
    if (!official.some((o) => o.fiscalYear === round.fiscalYear)) {
      return refuse(
        400,
        `ยังไม่ได้บันทึกผลการประเมินอย่างเป็นทางการของปีงบประมาณ พ.ศ. ${round.fiscalYear} จึงเผยแพร่ผลอย่างเป็นทางการไม่ได้ (บันทึกได้ที่หน้าผลประเมิน ITA ทางการ)`,
        `No official result is entered for fiscal year ${round.fiscalYear} B.E., so it cannot be published (enter it on the official results page).`,
      );
    }
  }
  const choice: PublishedRoundChoice = { report, measures, counters };
  const before = (await listPublishedRounds(db, user.organizationId)).find((p) => p.roundId === round.id);
  const wasShown = before !== undefined;
  const nowShown = report !== null || measures || counters;
  if (before && before.report === report && before.measures === measures && before.counters === counters) {
    return { ok: true, intent: "round", anythingPublic: true };
  }
  if (!before && !nowShown) return { ok: true, intent: "round", anythingPublic: await isAnythingPublic(db, user.organizationId) };
  const wasPublic = await isAnythingPublic(db, user.organizationId);
  const action = !wasShown ? "publication.publish-round" : !nowShown ? "publication.unpublish-round" : "publication.change-round";
  const version = await db.transaction().execute(async (trx) => {
    await savePublishedRound(trx, user.organizationId, round.id, choice, now);
    const v = await bumpPublication(trx, user.organizationId, { userId: user.userId, now });
    await recordAudit(trx, user, action, `round:${round.id}`, { version: v, report, measures, counters }, now);
    await queuePublicationEvent(trx, user, { version: v, roundId: round.id, kind: !wasShown ? "published" : !nowShown ? "unpublished" : "changed" }, now);
    return v;
  });
  return finish(db, user, "round", { version, roundId: round.id, wasPublic, kind: !wasShown ? "published" : !nowShown ? "unpublished" : "changed" });
}

/**
 * The "publication.changed" event (issue 17) for e-mail and webhooks, queued in the change's transaction:
 * which round (or none: the complaint statistics, or everything), what happened, and the public page's
 * address. One per version of the publication.
 */
async function queuePublicationEvent(trx: Db, user: SessionUser, change: { version: number; roundId: number | null; kind: PublicationChange["kind"] }, now: Date): Promise<void> {
  await publishEvent(trx, {
    id: randomUUID(),
    type: "publication.changed",
    organizationId: user.organizationId,
    occurredAt: now.toISOString(),
    dedupeKey: `publication.changed:${user.organizationId}:${change.version}`,
    data: { change: change.kind, roundId: change.roundId, version: change.version, link: publicPageUrl(user.organizationSlug, change.roundId ?? undefined) },
  });
}

async function isAnythingPublic(db: Db, organizationId: number): Promise<boolean> {
  const [row, rounds] = await Promise.all([getPublicationRow(db, organizationId), listPublishedRounds(db, organizationId)]);
  return (row?.complaintStatistics ?? false) || rounds.length > 0;
}

async function finish(
  db: Db,
  user: SessionUser,
  intent: "round" | "complaints" | "unpublish-all",
  change: { version: number; roundId: number | null; wasPublic: boolean; kind: PublicationChange["kind"] },
): Promise<PublicationFormResult> {
  const anythingPublic = await isAnythingPublic(db, user.organizationId);
  publicationChanged({
    organizationId: user.organizationId,
    slug: user.organizationSlug,
    version: change.version,
    roundId: change.roundId,
    kind: change.kind,
    anythingPublic,
  });
  return { ok: true, intent, anythingPublic };
}

