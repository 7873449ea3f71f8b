/**
 * Past official ITA results (issue 4, item 3): the ten indicator scores the NACC published for a fiscal
 * year, entered by a manager, with the instrument scores, total and level recomputed by the scoring
 * engine (scorePublishedIndicators), so the page shows the same 77.99 → B as the reference document.
 * Everything is scoped by the user's agency.
 *
 * This file reads: the results for the page, the trends and the report. ./form.server.ts checks the
 * posted form; ./commands.server.ts saves and deletes, each change audited in the same transaction.
 */
import type { Db } from "../../../db/client.server";
import { listOfficialResults, type OfficialResultRow } from "../../../db/queries/official-results";
import { hasRole } from "../../auth/roles";
import type { SessionUser } from "../../auth/session.server";
import { defaultFrameworkId, getFramework, listFrameworkIds } from "../../lib/frameworks.server";
import { scorePublishedIndicators } from "../../scoring";
import type { InstrumentCode, Level, Localized } from "../../scoring/framework";
import { formatScore } from "../../text/format";
import { type RatingView, toRatingView } from "../rating-view";
import { isFrameworkProvisional } from "../framework-status.server";
import { FIRST_FISCAL_YEAR, lastFiscalYear, type OfficialFormValues, publishedRatingValue } from "./form.server";

export interface OfficialIndicatorView {
  code: string;
  instrument: InstrumentCode;
  title: Localized;
  score: number;
  level: Level;
}

export interface OfficialResultView {
  fiscalYear: number;
  frameworkId: string;
  frameworkTitle: Localized;
  indicators: OfficialIndicatorView[];
  instruments: { code: InstrumentCode; abbreviation: string; score: number | null }[];
  /** 0–100 at full precision (display with formatScore). */
  total: number;
  level: Level;
  pass: boolean;
  /**
   * The rating: as the NACC published it when entered (a row of the framework's rule), else as the rule
   * gives it from the scores; with the reason the rule gives.
   */
  rating: RatingView;
  /** The rating the framework's rule gives the published scores, when it differs from the published one. */
  ruleRating: RatingView | null;
  /** The published rating's row code as entered, or null when none was entered. */
  publishedRating: string | null;
  updatedAt: string;
}

/** Recomputes a stored result with the scoring engine (instrument scores, total, level). */
export function describeOfficialResult(row: Pick<OfficialResultRow, "fiscalYear" | "frameworkId" | "indicatorScores" | "publishedRating" | "updatedAt">): OfficialResultView {
  const framework = getFramework(row.frameworkId);
  const scored = scorePublishedIndicators(framework, JSON.parse(row.indicatorScores) as Record<string, unknown>);
  const byRule = toRatingView(scored.headline.rating)!;
  const publishedRow = framework.rating.rows.find((r) => r.code === row.publishedRating);
  const published: RatingView | null = publishedRow ? { code: publishedRow.code, label: publishedRow.label, color: publishedRow.color, pass: publishedRow.pass, reason: publishedRow.code === byRule.code ? byRule.reason : null } : null;
  const title = new Map(framework.indicators.map((i) => [i.code, i.title]));
  return {
    fiscalYear: row.fiscalYear,
    frameworkId: framework.id,
    frameworkTitle: framework.title,
    indicators: scored.indicators.map((indicator) => ({
      code: indicator.code,
      instrument: indicator.instrument,
      title: title.get(indicator.code)!,
      score: indicator.score,
      level: indicator.level,
    })),
    instruments: framework.instruments.map((instrument) => ({
      code: instrument.code,
      abbreviation: instrument.abbreviation,
      score: scored.instruments.find((i) => i.code === instrument.code)?.score ?? null,
    })),
    total: scored.headline.score,
    level: scored.headline.level,
    pass: scored.headline.pass,
    rating: published ?? byRule,
    ruleRating: published && published.code !== byRule.code ? byRule : null,
    publishedRating: publishedRow?.code ?? null,
    updatedAt: row.updatedAt,
  };
}

/** The agency's official results, oldest year first. */
export async function listOrganizationOfficialResults(db: Db, organizationId: number): Promise<OfficialResultView[]> {
  return (await listOfficialResults(db, organizationId)).map(describeOfficialResult);
}

export interface FrameworkChoice {
  id: string;
  title: Localized;
  instruments: { code: InstrumentCode; abbreviation: string; title: Localized }[];
  indicators: { code: string; instrument: InstrumentCode; instrumentAbbreviation: string; title: Localized }[];
  /** The rows of the framework's rating rule, for the published rating ("ผ่านดี", "B"). */
  ratings: { code: string; label: Localized }[];
}

function frameworkChoices(): FrameworkChoice[] {
  return listFrameworkIds().map((id) => {
    const framework = getFramework(id);
    const abbreviation = new Map(framework.instruments.map((i) => [i.code, i.abbreviation]));
    return {
      id,
      title: framework.title,
      instruments: framework.instruments.map((i) => ({ code: i.code, abbreviation: i.abbreviation, title: i.title })),
      indicators: framework.indicators.map((i) => ({
        code: i.code,
        instrument: i.instrument,
        instrumentAbbreviation: abbreviation.get(i.instrument) ?? i.instrument.toUpperCase(),
        title: i.title,
      })),
      ratings: framework.rating.rows.map((r) => ({ code: r.code, label: r.label })),
    };
  });
}

/**
 * Everything /admin/official-results shows: the agency's results, the form's framework choices and
 * starting values (`editYear` = a year to edit), and whether the user may change anything.
 */
export async function getOfficialResultsPage(db: Db, user: SessionUser, editYear: string | null, now: Date) {
  const results = await listOrganizationOfficialResults(db, user.organizationId);
  const editing = results.find((r) => String(r.fiscalYear) === editYear);
  const form: OfficialFormValues = editing
    ? {
        fiscalYear: String(editing.fiscalYear),
        frameworkId: editing.frameworkId,
        scores: Object.fromEntries(editing.indicators.map((i) => [i.code, formatScore(i.score)])),
        publishedRating: editing.publishedRating ? publishedRatingValue(editing.frameworkId, editing.publishedRating) : "",
      }
    : { fiscalYear: "", frameworkId: defaultFrameworkId, scores: {}, publishedRating: "" };
  const provisional: string[] = [];
  for (const id of new Set(results.map((r) => r.frameworkId))) if (await isFrameworkProvisional(db, id)) provisional.push(id);
  return {
    canEdit: hasRole(user.role, "manager"),
    /** Frameworks of the results shown that are provisional and not confirmed: the page says so. */
    provisionalFrameworks: provisional,
    results: [...results].reverse(), // newest first on the page
    frameworks: frameworkChoices(),
    form,
    editing: editing ? editing.fiscalYear : null,
    yearRange: { min: FIRST_FISCAL_YEAR, max: lastFiscalYear(now) },
  };
}
