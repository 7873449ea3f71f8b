/**
 * What the agency's public page shows (issue 17, item 1; routes /agency/:slug and
 * /agency/:slug/rounds/:roundId): only what an admin has published (./settings.server.ts), read for the
 * agency by its code, with no sign-in. Nothing else of the agency leaves here: no user, no response, no
 * internal id but the round's, which its address needs (measures are numbered by their place, counters
 * named). The route's cache (app/server/public-page-cache.server.ts) keeps the rendered page.
 *
 * A measured report of a round still open is not shown, only its measures and counters: its scores move
 * with each answer, and the public page publishes no figure that moves by one person (the official result,
 * or the measured one once the round is closed, does not). docs/decisions/public-page.md.
 */
import { data } from "react-router";
import type { Db } from "../../../db/client.server";
import { getComplaintAgency } from "../../../db/queries/complaints";
import { getPublicPageStamp, listPublishedRounds, type PublishedRoundRow } from "../../../db/queries/publication";
import type { PublishedReport } from "../../../db/schema";
import { toShownPrecision } from "../../lib/shown-precision";
import { bangkokDate } from "../../text/dates";
import { getComplaintStatistics } from "../complaints/statistics.server";
import { getRoundReport, type RoundReport } from "../report.server";
import { getPublicCounterSatisfaction, type PublicCounterSatisfaction } from "./counter-satisfaction.server";

const SLUG = /^[a-z0-9-]{2,63}$/;

/** One 404 for every page that is not public (unknown, suspended, never or no longer published), in words a visitor understands. */
function notPublished(): never {
  throw data(
    {
      message: "หน่วยงานอาจยังไม่ได้เผยแพร่ข้อมูลนี้ หรือยกเลิกการเผยแพร่แล้ว กรุณาตรวจสอบลิงก์จากเว็บไซต์ของหน่วยงาน",
      messageEn: "The agency may not have published this page, or has taken it down. Check the link on the agency's website.",
    },
    { status: 404 },
  );
}

export interface PublicAgency {
  slug: string;
  name: { th: string; en: string };
  contact: { th: string; en: string };
  organizationId: number;
  complaintStatistics: boolean;
}

/** The agency of a public page when something of it is published; a 404 otherwise (unknown, suspended, nothing public: one answer). */
export async function requirePublicAgency(db: Db, slug: string | undefined): Promise<PublicAgency> {
  const stamp = slug && SLUG.test(slug) ? await getPublicPageStamp(db, slug) : undefined;
  if (!stamp || stamp.status !== "active" || (!stamp.complaintStatistics && stamp.publishedRounds === 0)) notPublished();
  const agency = await getComplaintAgency(db, slug!);
  if (!agency) notPublished();
  return {
    slug: agency.slug,
    name: { th: agency.nameTh, en: agency.nameEn || agency.nameTh },
    contact: { th: agency.contactTh, en: agency.contactEn || agency.contactTh },
    organizationId: stamp.organizationId,
    complaintStatistics: stamp.complaintStatistics,
  };
}

/** Which parts of a published round the page shows, after the rule on open rounds. */
function partsOf(round: PublishedRoundRow) {
  return {
    report: round.report,
    /** The measured report of an open round is withheld (see above). */
    analysis: round.report === "official" || (round.report === "measured" && round.status === "closed"),
    analysisWithheld: round.report === "measured" && round.status === "open",
    measures: round.measures,
    counters: round.counters,
  };
}

export interface PublicRoundSummary {
  id: number;
  fiscalYear: number;
  title: { th: string; en: string };
  status: "open" | "closed";
  parts: ReturnType<typeof partsOf>;
}

function summary(round: PublishedRoundRow): PublicRoundSummary {
  return { id: round.roundId, fiscalYear: round.fiscalYear, title: { th: round.titleTh, en: round.titleEn || round.titleTh }, status: round.status, parts: partsOf(round) };
}

/** The agency's page: its published rounds, and its complaint statistics of the fiscal year when published. */
export async function getPublicAgencyPage(db: Db, agency: PublicAgency, now: Date) {
  const rounds = await listPublishedRounds(db, agency.organizationId);
  const complaints = agency.complaintStatistics ? await getComplaintStatistics(db, agency.organizationId, null, now) : null;
  return {
    rounds: rounds.map(summary),
    complaints: complaints
      ? {
          fiscalYear: complaints.statistics.fiscalYear,
          received: complaints.statistics.received,
          finished: complaints.statistics.finished,
          inProgress: complaints.statistics.inProgress,
          none: complaints.statistics.none,
          byKind: complaints.statistics.byKind,
          asOf: complaints.asOf,
        }
      : null,
    asOf: bangkokDate(now),
  };
}

/** The report as the public page sends it: measures numbered by place, not by their ids. */
function publicReport(report: RoundReport): RoundReport {
  return { ...report, measures: report.measures.map((m, i) => ({ ...m, id: i + 1 })) };
}

/** A published round's page; a 404 for a round that is not published (or another agency's). */
export async function getPublicRoundPage(db: Db, agency: PublicAgency, roundIdParam: string | undefined, now: Date) {
  const id = roundIdParam && /^\d{1,9}$/.test(roundIdParam) ? Number(roundIdParam) : NaN;
  const rounds = await listPublishedRounds(db, agency.organizationId);
  const round = rounds.find((r) => r.roundId === id);
  if (!round) notPublished();
  const parts = partsOf(round);
  const today = bangkokDate(now);
  const source: PublishedReport = round.report ?? "measured";
  const report = parts.analysis || parts.measures ? publicReport(await getRoundReport(db, agency, String(round.roundId), { source, today })) : null;
  const counters: PublicCounterSatisfaction | null = parts.counters
    ? await getPublicCounterSatisfaction(
        db,
        { id: round.roundId, frameworkId: round.frameworkId, status: round.status },
        { currentMonth: today.slice(0, 7), totalShown: parts.analysis && report?.source.shown === "measured" },
      )
    : null;
  return {
    round: summary(round),
    others: rounds.filter((r) => r.roundId !== round.roundId).map(summary),
    report: report ? toShownPrecision(report) : null,
    counters: counters ? toShownPrecision(counters) : null,
    asOf: today,
  };
}

export type PublicRoundPage = Awaited<ReturnType<typeof getPublicRoundPage>>;
