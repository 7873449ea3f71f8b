/**
 * The report an agency publishes (issue 5, part 3): มาตรการส่งเสริมคุณธรรมและความโปร่งใส of a fiscal year,
 * in the structure of the document municipalities write by hand today
 * (../shared/reference/khlong-phikrai-2565-measures.txt):
 *
 *   heading — the fiscal year, the agency, its district and province;
 *   section 1 — the result and its level with what the level means, the recommendations (the OIT items
 *     still failing, each with what its page must show), and the indicators grouped by instrument, each
 *     weak one (under the pass mark) with the issue to fix, written from its weak items;
 *   section 2 — the measures table.
 *
 * The scores are the round's measured ones (IIT and EIT from the tallies, OIT from the checklist, the
 * same chain as the dashboard), or, when asked and entered, the official result of the round's fiscal
 * year. Weak items always come from the measured data (an official result has indicator scores only);
 * where none is known the issue falls back to the framework's description of a low indicator.
 *
 * The result is plain data: texts localized {th, en}, scores at full precision, dates YYYY-MM-DD. The
 * page (app/components/report-document.tsx) chooses the language and the digits.
 */
import type { Db } from "../../db/client.server";
import { getOfficialResult } from "../../db/queries/official-results";
import { getOrganizationProfile } from "../../db/queries/organizations";
import { getAgencyLogoUrl } from "./agency-settings.server";
import { bangkokDate } from "../text/dates";
import { getFramework } from "../lib/frameworks.server";
import { type ReportSourceChoice, type ReportView, reportHref } from "../lib/report-view";
import { type AgencyScope, requireRound } from "../auth/round-access.server";
import type { SessionUser } from "../auth/session.server";
import { levelFor, passes, sumChecklistProgress } from "../scoring";
import type { Framework, InstrumentCode, Level, Localized } from "../scoring/framework";
import { listRoundMeasures, type MeasureForReport } from "./measures/page.server";
import { describeOfficialResult, type OfficialResultView } from "./official-results/page.server";
import type { RatingView } from "./rating-view";
import { isFrameworkProvisional } from "./framework-status.server";
import { loopbackOrigin, parseCookieHeader, PdfRenderError, pdfFailureResponse, renderPdf } from "./pdf.server";
import { getRoundChecklist, type OitItemState } from "./oit-checklist/page.server";
import { getRoundResults, type RoundResults } from "./round-results.server";

/** Where the scores come from: measured by Prongsai this round, or the NACC's official result. */
export type ReportSource = ReportSourceChoice;

export interface ReportLevel {
  code: string;
  title: Localized;
  /** What the level means (framework data); null if the framework has no text for it. */
  meaning: Localized | null;
  color: string;
}

/** A weak question of a weak indicator, or a failing OIT item: what the issue to fix is written from. */
export interface ReportWeakItem {
  kind: "item" | "checklist-item";
  /** "i20", "e15", "o23" */
  code: string;
  title: Localized;
  /** What the low score means (framework); the OIT item's requirement for a failing checklist item. */
  low: Localized;
  /** Measured score 0–100 (0 for a failing checklist item). */
  score: number;
  /** The wording of the item's sub-items under the pass mark, when the question has several. */
  subItems: Localized[];
}

export interface ReportIndicator {
  code: string;
  title: Localized;
  /** 0–100 at full precision; null when not assessed. */
  score: number | null;
  level: ReportLevel | null;
  /** Under the pass mark. */
  weak: boolean;
  /** Weakest first; empty when the measured data names none (then `fallback` is the issue). */
  weakItems: ReportWeakItem[];
  /** The framework's description of a low score on this indicator, for a weak indicator without weak items. */
  fallback: Localized | null;
  /** OIT indicators: checklist items not checked yet (the issue says so). */
  unchecked: number;
}

export interface ReportInstrument {
  code: InstrumentCode;
  kind: "survey" | "checklist";
  abbreviation: string;
  title: Localized;
  weight: number;
  score: number | null;
  indicators: ReportIndicator[];
}

export interface ReportRecommendation {
  code: string;
  subIndicator: string;
  title: Localized;
  /** What the agency's website must show for the item to pass (oit.json). */
  requirement: Localized;
}

export interface ReportMeasure {
  id: number;
  title: string;
  steps: string[];
  units: Localized[];
  period: string;
  dueOn: string | null;
  followUp: string;
  status: MeasureForReport["status"];
  overdue: boolean;
  /** What the measure answers: indicators, questions, OIT items, with their names. */
  targets: ReportTarget[];
  /** The dated progress notes (without their authors); the printed report leaves them out, the public page shows them. */
  notes: { notedOn: string; text: string }[];
}

export interface ReportTarget {
  /** "4", "i20", "o23" */
  code: string;
  kind: "indicator" | "item" | "checklist-item" | "unknown";
  /** The indicator's or item's short title; null for a code the framework does not know. */
  title: Localized | null;
}

/**
 * The round's report for the user's agency (another agency's round, or no round: a 404 response); the
 * public page (app/services/publication/public-page.server.ts) reads it for the agency by its id.
 * `source` "official" shows the official result of the round's fiscal year when one is entered, and
 * the measured scores otherwise (`source.shown` says which, `source.officialMissing` why).
 */
export async function getRoundReport(db: Db, user: AgencyScope, roundIdParam: string | undefined, options: { source: ReportSource; today: string }) {
  const round = await requireRound(db, user, roundIdParam);
  const organization = await getOrganizationProfile(db, round.organizationId);
  const results = await getRoundResults(db, round.id);
  if (!organization || !results) throw new Error(`round ${round.id} lost its agency while being read`);
  const checklist = await getRoundChecklist(db, round.organizationId, round.id);
  const officialRow = await getOfficialResult(db, round.organizationId, round.fiscalYear);
  const official = officialRow ? describeOfficialResult(officialRow) : null;
  const measures = await listRoundMeasures(db, round.organizationId, round.id, options.today);

  const shown: ReportSource = options.source === "official" && official ? "official" : "measured";
  // The official result may have been entered under another framework than the round's: its own
  // indicators then head the table, and the round's measured items cannot explain them.
  const framework = shown === "official" && official ? getFramework(official.frameworkId) : results.framework;
  const sameFramework = framework.id === results.framework.id;
  const measuredChecklist = sameFramework ? checklist.items : [];

  const instruments = framework.instruments.map(
    (meta): ReportInstrument => ({
      code: meta.code,
      kind: meta.kind,
      abbreviation: meta.abbreviation,
      title: meta.title,
      weight: meta.weight,
      score: shown === "official" && official ? (official.instruments.find((i) => i.code === meta.code)?.score ?? null) : instrumentScore(results, meta.code),
      indicators: framework.indicators
        .filter((i) => i.instrument === meta.code)
        .map((indicator) => {
          const score = shown === "official" && official ? officialIndicatorScore(official, indicator.code) : measuredIndicatorScore(results, indicator.code);
          const weak = score !== null && !passes(framework, score);
          const weakItems = !weak
            ? []
            : meta.kind === "checklist"
              ? failingChecks(measuredChecklist, indicator.code)
              : sameFramework
                ? weakSurveyItems(framework, results, indicator.code)
                : [];
          return {
            code: indicator.code,
            title: indicator.title,
            score,
            level: score === null ? null : reportLevel(levelFor(framework, score)),
            weak,
            weakItems,
            fallback: weak && weakItems.length === 0 ? indicator.low : null,
            unchecked: meta.kind === "checklist" ? measuredChecklist.filter((c) => c.indicator === indicator.code && c.status === "unchecked").length : 0,
          };
        }),
    }),
  );

  const total = shown === "official" && official ? officialTotal(official, framework) : measuredTotal(results);

  return {
    organization: {
      name: { th: organization.nameTh, en: organization.nameEn || organization.nameTh },
      districtTh: organization.districtTh,
      provinceTh: organization.provinceTh,
      logoUrl: await getAgencyLogoUrl(db, round.organizationId),
    },
    round: {
      id: round.id,
      title: { th: round.titleTh, en: round.titleEn || round.titleTh },
      /** Buddhist Era fiscal year. */
      fiscalYear: round.fiscalYear,
      startsOn: round.startsOn,
      endsOn: round.endsOn,
      frameworkTitle: framework.title,
      frameworkId: framework.id,
      /** The framework is provisional and not confirmed by the operator: the report says so. */
      provisional: await isFrameworkProvisional(db, framework.id),
    },
    source: {
      requested: options.source,
      shown,
      /** An official result of the round's fiscal year is entered (the switch can offer it). */
      officialAvailable: official !== null,
      /** Asked for the official result, but none is entered for this fiscal year. */
      officialMissing: options.source === "official" && !official,
      /** The day (Bangkok) the official result was last entered or changed, YYYY-MM-DD. */
      officialUpdatedOn: official ? bangkokDate(new Date(official.updatedAt)) : null,
    },
    passMark: framework.passMark,
    total,
    measured: {
      iitAnswers: results.samples.iit.answers,
      eitAnswers: results.samples.eit.answers,
      checklist: sumChecklistProgress(checklist.scores.indicators),
    },
    instruments,
    recommendations: checklist.items.filter((i) => i.status === "fail").map(recommendation),
    measures: measures.map((m) => reportMeasure(results.framework, checklist.items, m)),
    generatedOn: options.today,
  };
}

export type RoundReport = Awaited<ReturnType<typeof getRoundReport>>;

// --- scores

function reportLevel(level: Level): ReportLevel {
  return { code: level.code, title: level.title, meaning: level.meaning ?? null, color: level.color };
}

function instrumentScore(results: RoundResults, code: InstrumentCode): number | null {
  return results.scores.instruments.find((i) => i.code === code)?.score ?? null;
}

function measuredIndicatorScore(results: RoundResults, code: string): number | null {
  return results.scores.indicators.find((i) => i.code === code)?.score ?? null;
}

function officialIndicatorScore(official: OfficialResultView, code: string): number | null {
  return official.indicators.find((i) => i.code === code)?.score ?? null;
}

export interface ReportTotal {
  /** The ITA total (or the partial score while an instrument is not assessed); null with no data. */
  score: number | null;
  level: ReportLevel | null;
  /** The framework's rating ("B", "ผ่านดี") and why not the one above; the official result's as published. */
  rating: RatingView | null;
  pass: boolean | null;
  /** True when the score leaves out an instrument that is not assessed yet (measured only). */
  partial: boolean;
  /** The instruments the score is made of. */
  instruments: InstrumentCode[];
}

function officialTotal(official: OfficialResultView, framework: Framework): ReportTotal {
  return {
    score: official.total,
    level: reportLevel(official.level),
    rating: official.rating,
    pass: official.pass,
    partial: false,
    instruments: framework.instruments.map((i) => i.code),
  };
}

function measuredTotal(results: RoundResults): ReportTotal {
  const { headline } = results;
  return {
    score: headline.score,
    level: headline.level ? reportLevel(headline.level) : null,
    rating: results.rating,
    pass: headline.pass,
    partial: headline.partial,
    instruments: headline.instruments,
  };
}

// --- what a weak indicator's issue is written from

/** The questions of the indicator measured under the pass mark, weakest first, with their weak sub-items. */
function weakSurveyItems(framework: Framework, results: RoundResults, indicatorCode: string): ReportWeakItem[] {
  const fieldScores = new Map(results.scores.fields.map((f) => [f.field, f.score]));
  return framework.items
    .filter((item) => item.indicator === indicatorCode)
    .map((item) => ({ item, score: results.scores.items.find((s) => s.item === item.code)?.score ?? null }))
    .filter((x): x is { item: Framework["items"][number]; score: number } => x.score !== null && !passes(framework, x.score))
    .sort((a, b) => a.score - b.score)
    .map(({ item, score }) => ({
      kind: "item" as const,
      code: item.code,
      title: item.title,
      low: item.low,
      score,
      subItems:
        item.fields.length > 1
          ? item.fields
              .filter((f) => {
                const s = fieldScores.get(f.name);
                return f.title !== null && s !== undefined && s !== null && !passes(framework, s);
              })
              .map((f) => f.title!)
          : [],
    }));
}

/** The indicator's OIT items marked as failing, in the framework's order. */
function failingChecks(items: readonly OitItemState[], indicatorCode: string): ReportWeakItem[] {
  return items
    .filter((i) => i.indicator === indicatorCode && i.status === "fail")
    .map((i) => ({
      kind: "checklist-item" as const,
      code: i.code,
      title: { th: i.titleTh, en: i.titleEn },
      low: { th: i.requirementTh, en: i.requirementEn },
      score: 0,
      subItems: [],
    }));
}

function recommendation(item: OitItemState): ReportRecommendation {
  return {
    code: item.code,
    subIndicator: item.subIndicator,
    title: { th: item.titleTh, en: item.titleEn },
    requirement: { th: item.requirementTh, en: item.requirementEn },
  };
}

// --- measures

function reportMeasure(framework: Framework, checklist: readonly OitItemState[], measure: MeasureForReport): ReportMeasure {
  return {
    id: measure.id,
    title: measure.title,
    steps: measure.steps,
    units: measure.units.map((u) => ({ th: u.nameTh, en: u.nameEn || u.nameTh })),
    period: measure.period,
    dueOn: measure.dueOn,
    followUp: measure.followUp,
    status: measure.status,
    overdue: measure.overdue,
    targets: measure.targets.map((code) => reportTarget(framework, checklist, code)),
    notes: measure.notes,
  };
}

/** A target code with the name the framework gives it. */
function reportTarget(framework: Framework, checklist: readonly OitItemState[], code: string): ReportTarget {
  const indicator = framework.indicators.find((i) => i.code === code);
  if (indicator) return { code, kind: "indicator", title: indicator.title };
  const item = framework.items.find((i) => i.code === code);
  if (item) return { code, kind: "item", title: item.title };
  const check = checklist.find((i) => i.code === code);
  if (check) return { code, kind: "checklist-item", title: { th: check.titleTh, en: check.titleEn } };
  return { code, kind: "unknown", title: null };
}

// --- the PDF

/**
 * The report as an A4 PDF, printed by the server's Chromium from the page itself (same choices, the
 * requesting user's cookies); or, when Chromium is missing, busy or too slow, a 503 page that says so,
 * and while the user's previous PDF is still being made, a 429 page (one PDF per user at a time, agencies
 * in turn: app/services/pdf-queue.ts). The caller has checked the user and the round.
 */
export async function printReportPdf(
  request: Request,
  user: Pick<SessionUser, "userId" | "organizationId">,
  round: { id: number; fiscalYear: number },
  view: ReportView,
): Promise<Response> {
  const url = `${loopbackOrigin(request)}${reportHref(round.id, view)}`;
  try {
    const pdf = await renderPdf({
      url,
      cookies: parseCookieHeader(request.headers.get("cookie")),
      owner: { userId: user.userId, organizationId: user.organizationId },
      signal: request.signal,
    });
    const name = view.lang === "th" ? `มาตรการส่งเสริมคุณธรรมและความโปร่งใส-${round.fiscalYear}.pdf` : `ita-measures-${round.fiscalYear}.pdf`;
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="ita-measures-${round.fiscalYear}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof PdfRenderError) return pdfFailureResponse(error, view.lang, reportHref(round.id, view));
    throw error;
  }
}
