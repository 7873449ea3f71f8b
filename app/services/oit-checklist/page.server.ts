/**
 * The OIT checklist of a round (issue 5, part 1): for each of the framework's checklist items
 * (surveys/<framework>/oit.json, 43 in ITA 2565) a status (pass / fail / unchecked), the evidence URLs on
 * the agency's website, a note, and who changed it when; indicators 9 and 10 and the OIT score are
 * computed by app/scoring (sub-indicator = mean of its items, indicator = mean of its sub-indicators,
 * ITA-METHOD §1). A round can start from the previous round's checklist. Everything is scoped by the
 * user's agency (another agency's round is a 404, like no round at all).
 *
 * This file reads: the checklist for the page, the report and the score chain. ./form.ts checks a
 * posted item; ./commands.server.ts writes, each change audited in the same transaction.
 */
import type { Db } from "../../../db/client.server";
import { countRoundOitItems, getPreviousOrganizationRound, listRoundOitItems, listRoundOitStatuses, type OitItemRow } from "../../../db/queries/oit-checklist";
import { requireRound } from "../../auth/round-access.server";
import { hasRole } from "../../auth/roles";
import type { SessionUser } from "../../auth/session.server";
import { getFramework } from "../../lib/frameworks.server";
import { computeRoundScores, sumChecklistProgress, type Checklist, type ChecklistScores, type ChecklistStatus } from "../../scoring";
import type { ChecklistEvidence, Framework, Level } from "../../scoring/framework";
import { getEnv } from "../../lib/env.server";
import { CHECKLIST_STATUSES, EVIDENCE_LIMITS } from "./form";
import { isFrameworkProvisional } from "../framework-status.server";
import { listPublishedRounds } from "../../../db/queries/publication";
import { publicPageUrl } from "../publication/settings.server";

/** One checklist item of a round as pages and the report show it. */
export interface OitItemState {
  code: string;
  subIndicator: string;
  indicator: string;
  titleTh: string;
  titleEn: string;
  requirementTh: string;
  requirementEn: string;
  status: "pass" | "fail" | "unchecked";
  evidenceUrls: string[];
  note: string;
  /** The display name (or username) of who changed it last; null if never changed or the account is gone. */
  updatedBy: string | null;
  /** ISO timestamp of the last change; null while nobody has touched the item. */
  updatedAt: string | null;
  /** False when the framework marks the item as not confirmed by this year's NACC manual. */
  confirmed: boolean;
  /**
   * What Prongsai produces that answers the item (O25: the report; O26: the measures plan; O16–O18: the
   * complaint guideline, form and statistics), or null.
   */
  producedHere: ChecklistEvidence | null;
}

/** The stored JSON list of URLs; anything else (which our own writes never produce) reads as none. */
export function parseEvidence(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** The framework's items in their order, merged with the round's stored rows. */
function mergeItems(framework: Framework, rows: readonly OitItemRow[]): OitItemState[] {
  const byCode = new Map(rows.map((r) => [r.itemCode, r]));
  return framework.subIndicators.flatMap((sub) =>
    sub.items.map((item): OitItemState => {
      const row = byCode.get(item.code);
      return {
        code: item.code,
        subIndicator: sub.code,
        indicator: sub.indicator,
        titleTh: item.title.th,
        titleEn: item.title.en,
        requirementTh: item.requirement.th,
        requirementEn: item.requirement.en,
        status: row?.status ?? "unchecked",
        evidenceUrls: row ? parseEvidence(row.evidenceUrls) : [],
        note: row?.note ?? "",
        updatedBy: row ? row.updatedByName : null,
        updatedAt: row?.updatedAt ?? null,
        confirmed: item.confirmed !== false,
        producedHere: item.evidence ?? null,
      };
    }),
  );
}

/** Item code → status for the scoring engine; rows of codes the framework no longer has are left out. */
function toChecklist(framework: Framework, rows: readonly { itemCode: string; status: ChecklistStatus }[]): Checklist {
  const known = new Set(framework.subIndicators.flatMap((s) => s.items.map((i) => i.code)));
  return Object.fromEntries(rows.filter((r) => known.has(r.itemCode) && CHECKLIST_STATUSES.includes(r.status)).map((r) => [r.itemCode, r.status]));
}

/**
 * The round's checklist, item by item in the framework's order, with its scores (sub-indicators and
 * indicators 9 and 10, with progress). Throws a 404 response for another agency's round or no round.
 */
export async function getRoundChecklist(db: Db, organizationId: number, roundId: number): Promise<{ items: OitItemState[]; scores: ChecklistScores }> {
  const round = await requireRound(db, { organizationId }, roundId);
  const framework = getFramework(round.frameworkId);
  const rows = await listRoundOitItems(db, round.id);
  return { items: mergeItems(framework, rows), scores: computeRoundScores(framework, [], toChecklist(framework, rows)).checklist };
}

/**
 * Item code → status of a round's checklist, for the round's whole score chain (dashboard, results,
 * exports, report). The caller has already checked the round's agency.
 */
export async function getRoundChecklistStatuses(db: Db, roundId: number, framework: Framework): Promise<Checklist> {
  return toChecklist(framework, await listRoundOitStatuses(db, roundId));
}

export interface OitScoreView {
  score: number | null;
  level: Level | null;
  pass: boolean | null;
  checked: number;
  passed: number;
  total: number;
}

/**
 * The public complaint pages (issue 16) an agency links from its website for the OIT items on complaints,
 * as full URLs (the PUBLIC_URL the posters print); the statistics of the round's fiscal year.
 */
function complaintLinksOf(slug: string, fiscalYear: number) {
  const base = `${getEnv().PUBLIC_URL}/complaints/${encodeURIComponent(slug)}`;
  return {
    fiscalYear,
    guideline: `${base}/guideline`,
    channel: base,
    statistics: `${base}/statistics?year=${fiscalYear}`,
    statisticsCsv: `${base}/statistics.csv?year=${fiscalYear}`,
  };
}

/**
 * The round on the agency's public page (issue 17): its address, and whether its analysis and its measures
 * are published there, for the items whose evidence Prongsai produces (O25/O26; 2565: o42/o43).
 */
async function publicPageOf(db: Db, user: SessionUser, roundId: number) {
  const published = (await listPublishedRounds(db, user.organizationId)).find((r) => r.roundId === roundId);
  return {
    url: publicPageUrl(user.organizationSlug, roundId),
    report: published ? published.report !== null : false,
    measures: published ? published.measures : false,
    // Only an admin chooses what is public (/admin/publication): others are not sent to a 403.
    canPublish: hasRole(user.role, "admin"),
  };
}

/** What an item's "produced here" note links: the public complaint pages, and the round on the public page. */
export type ComplaintLinks = ReturnType<typeof complaintLinksOf> & { publicPage: Awaited<ReturnType<typeof publicPageOf>> };

/** Everything /admin/rounds/:roundId/oit shows. */
export async function getOitChecklistPage(db: Db, user: SessionUser, roundId: number) {
  const round = await requireRound(db, user, roundId);
  const framework = getFramework(round.frameworkId);
  const rows = await listRoundOitItems(db, round.id);
  const scores = computeRoundScores(framework, [], toChecklist(framework, rows));
  const items = mergeItems(framework, rows);
  const oit = scores.instruments.find((i) => i.code === "oit");
  const progress = sumChecklistProgress(scores.checklist.indicators);
  const previous = await getPreviousOrganizationRound(db, user.organizationId, round);
  const indicatorScore = (code: string) => scores.indicators.find((i) => i.code === code);
  return {
    round: { id: round.id, titleTh: round.titleTh, titleEn: round.titleEn, fiscalYear: round.fiscalYear },
    framework: { id: framework.id, provisional: await isFrameworkProvisional(db, framework.id) },
    canEdit: hasRole(user.role, "manager"),
    complaintLinks: { ...complaintLinksOf(user.organizationSlug, round.fiscalYear), publicPage: await publicPageOf(db, user, round.id) },
    passMark: framework.passMark,
    limits: EVIDENCE_LIMITS,
    oit: {
      score: oit?.score ?? null,
      level: oit?.level ?? null,
      pass: oit?.pass ?? null,
      ...progress,
    } satisfies OitScoreView,
    indicators: scores.checklist.indicators.map((i) => {
      const meta = framework.indicators.find((m) => m.code === i.code);
      const full = indicatorScore(i.code);
      return {
        code: i.code,
        title: meta?.title ?? { th: i.code, en: i.code },
        score: i.score,
        level: full?.level ?? null,
        pass: full?.pass ?? null,
        checked: i.checked,
        passed: i.passed,
        total: i.total,
      };
    }),
    subIndicators: framework.subIndicators.map((sub) => {
      const s = scores.checklist.subIndicators.find((x) => x.code === sub.code)!;
      return {
        code: sub.code,
        indicator: sub.indicator,
        title: sub.title,
        score: s.score,
        checked: s.checked,
        passed: s.passed,
        total: s.total,
        items: items.filter((i) => i.subIndicator === sub.code),
      };
    }),
    /** Whether "start from the previous round" can run: a previous round exists and this checklist is empty. */
    copy: {
      previous: previous ? { id: previous.id, fiscalYear: previous.fiscalYear, titleTh: previous.titleTh, titleEn: previous.titleEn } : null,
      previousItems: previous ? await countRoundOitItems(db, previous.id) : 0,
      empty: rows.length === 0,
    },
  };
}

export type OitChecklistPage = Awaited<ReturnType<typeof getOitChecklistPage>>;
