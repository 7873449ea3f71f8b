/**
 * The round dashboard (issue 4): where the agency stands against the pass mark, which indicator and
 * which question pull it down, whether the EIT improves month by month and at which counter it is low,
 * and how many more answers the sample needs. Everything comes from tallies (round sums, sums per
 * counter, sums per month), never from responses, so the cost does not grow with the number of
 * responses (ARCHITECTURE.md §4; test/bench/dashboard.bench.ts). Breakdowns are hidden below k answers,
 * with their complementary cells (app/scoring/suppression.ts); a hidden cell's scores are never sent.
 *
 * The result is a small view model of plain data (no framework object), so the page's payload stays
 * small: texts come localized {th, en}, scores at full precision (the route sends them at the two decimals
 * the page shows: app/lib/shown-precision.ts).
 */
import type { Db } from "../../db/client.server";
import { listRoundCounters, sumRoundTalliesByCounter, sumRoundTalliesByMonth } from "../../db/queries/dashboard";
import { formatMonthShort, listMonths } from "../text/months";
import { computeBreakdown, levelFor, minimumGroupSize, sumChecklistProgress, type BreakdownCell, type RoundScores, type Tally } from "../scoring";
import type { Level, Localized } from "../scoring/framework";
import { getRoundResults } from "./round-results.server";
import { getQuestionWording } from "./question-wording.server";
import { listOverdueMeasures } from "./measures/page.server";
import { bangkokDate } from "../text/dates";

/** A score (0–100, full precision), its level and whether it reaches the pass mark; null when not assessed. */
export interface ScoreView {
  score: number | null;
  level: Level | null;
  pass: boolean | null;
}

export interface WeakAreaView {
  kind: "indicator" | "item" | "field" | "checklist-item";
  code: string;
  indicator: string;
  indicatorTitle: Localized;
  /** The item of a sub-item (field). */
  parent: string | null;
  score: number;
  level: Level;
  /** The framework's short title of the indicator or item, or the sub-item's wording. */
  title: Localized;
  /** What a low score means (framework). */
  low: Localized;
  /** The full question as respondents read it (SurveyJS definition); null for an indicator. */
  question: Localized | null;
}

export interface SampleView {
  answers: number;
  minimum: number;
  /** How many more answers reach the minimum; 0 once it is reached. */
  remaining: number;
}

/**
 * One cell of a breakdown. `status` "small": fewer than k answers, hidden (its count too); "complement":
 * hidden so that a small one cannot be worked out from the total; "empty": no answers.
 */
export interface BreakdownRowView {
  status: "shown" | "empty" | "small" | "complement";
  /** Answers in the cell; null when the cell is small (it would only say "fewer than k"). */
  answers: number | null;
  eit: ScoreView | null;
  /** EIT indicator code → score; empty unless shown. */
  indicators: Record<string, ScoreView>;
}

export interface CounterRowView extends BreakdownRowView {
  counterId: number;
  name: Localized;
  counterStatus: "active" | "paused" | "retired";
}

export interface MonthRowView extends BreakdownRowView {
  /** YYYY-MM */
  month: string;
  /** "ต.ค. 68" / "Oct 2025" */
  label: Localized;
}

/**
 * The round dashboard, or undefined for an unknown round (the caller checks the agency first).
 * `today` (YYYY-MM-DD, Bangkok) decides which measures of the plan are overdue.
 */
export async function getRoundDashboard(db: Db, roundId: number, today: string = bangkokDate(new Date())) {
  const results = await getRoundResults(db, roundId);
  if (!results) return undefined;
  const { round, framework, scores, weakAreas, samples } = results;
  const k = minimumGroupSize(framework);

  const counterTallies = await sumRoundTalliesByCounter(db, roundId, "eit");
  const monthTallies = await sumRoundTalliesByMonth(db, roundId, "eit");
  const counters = await listRoundCounters(db, roundId, "eit");
  // Measures past their due date and not done: the dashboard names them so nobody forgets them.
  const overdueMeasures = await listOverdueMeasures(db, round.organizationId, roundId, today);

  // Segments: every counter with an EIT link (and any counter found only in tallies), every month of the round.
  const counterIds = unique([...counters.map((c) => c.counterId), ...counterTallies.map((t) => t.counterId)]);
  const months = unique([...listMonths(round.startsOn, round.endsOn), ...monthTallies.map((t) => t.month)]).sort();
  const byCounter = computeBreakdown(framework, "eit", segmentsOf(counterIds, counterTallies, (t) => t.counterId), { k });
  const byMonth = computeBreakdown(framework, "eit", segmentsOf(months, monthTallies, (t) => t.month), { k });
  const eitIndicators = framework.indicators.filter((i) => i.instrument === "eit");
  const counterById = new Map(counters.map((c) => [c.counterId, c]));

  const indicatorTitle = new Map(framework.indicators.map((i) => [i.code, i.title]));
  const wording = getQuestionWording(framework.id);
  const { headline } = results;

  return {
    round: {
      id: round.id,
      titleTh: round.titleTh,
      titleEn: round.titleEn,
      fiscalYear: round.fiscalYear,
      startsOn: round.startsOn,
      endsOn: round.endsOn,
      status: round.status,
      staffHeadCount: round.staffHeadCount,
    },
    passMark: framework.passMark,
    k,
    total: {
      /** True when every instrument (OIT too) is assessed: then `score` is the ITA total. */
      full: headline.full,
      score: headline.score,
      level: headline.level,
      pass: headline.pass,
      instruments: headline.instruments,
      /** The framework's rating (AA–F, or ผ่านดีเยี่ยม … from 2566) and why it is not the one above. */
      rating: results.rating,
    },
    framework: { id: framework.id, provisional: results.provisional },
    overdueMeasures,
    /** How far the OIT checklist is checked: the total is the full ITA score once every item is. */
    oitProgress: sumChecklistProgress(scores.checklist.indicators),
    instruments: framework.instruments.map((meta) => {
      const s = scores.instruments.find((i) => i.code === meta.code);
      return {
        code: meta.code,
        kind: meta.kind,
        abbreviation: meta.abbreviation,
        title: meta.title,
        weight: meta.weight,
        score: s?.score ?? null,
        level: s?.level ?? null,
        pass: s?.pass ?? null,
        answers: s?.answers ?? 0,
      };
    }),
    indicators: framework.indicators.map((meta) => {
      const s = scores.indicators.find((i) => i.code === meta.code);
      return {
        code: meta.code,
        instrument: meta.instrument,
        title: meta.title,
        score: s?.score ?? null,
        level: s?.level ?? null,
        pass: s?.pass ?? null,
        answers: s?.answers ?? 0,
      };
    }),
    weakAreas: weakAreas.map(
      (area): WeakAreaView => ({
        kind: area.kind,
        code: area.code,
        indicator: area.indicator,
        indicatorTitle: indicatorTitle.get(area.indicator) ?? { th: area.indicator, en: area.indicator },
        parent: area.parent,
        score: area.score,
        level: levelFor(framework, area.score),
        title: area.title,
        low: area.low,
        question: area.kind === "item" ? (wording.get(area.code) ?? null) : area.kind === "field" ? (wording.get(area.parent ?? "") ?? null) : null,
      }),
    ),
    samples: {
      iit: sampleView(samples.iit),
      eit: sampleView(samples.eit),
      eitGroup: framework.sampleSize.eit.groups.find((g) => g.code === round.sizeGroup)?.title ?? null,
      iitRule: framework.sampleSize.iit,
    },
    eitIndicators: eitIndicators.map((i) => ({ code: i.code, title: i.title })),
    counters: byCounter.map((cell): CounterRowView => {
      const counter = counterById.get(cell.key);
      return {
        counterId: cell.key,
        name: counter ? { th: counter.nameTh, en: counter.nameEn } : { th: `จุดบริการ ${cell.key}`, en: `Counter ${cell.key}` },
        counterStatus: counter?.status ?? "retired",
        ...rowView(cell, eitIndicators.map((i) => i.code)),
      };
    }),
    months: byMonth.map(
      (cell): MonthRowView => ({
        month: cell.key,
        label: { th: formatMonthShort(cell.key, "th"), en: formatMonthShort(cell.key, "en") },
        ...rowView(cell, eitIndicators.map((i) => i.code)),
      }),
    ),
  };
}

export type RoundDashboard = NonNullable<Awaited<ReturnType<typeof getRoundDashboard>>>;

function sampleView(sample: { answers: number; minimum: number }): SampleView {
  return { ...sample, remaining: Math.max(0, sample.minimum - sample.answers) };
}

function rowView<K>(cell: BreakdownCell<K>, indicatorCodes: string[]): BreakdownRowView {
  return {
    status: cell.status,
    answers: cell.status === "small" ? null : cell.count,
    eit: cell.scores ? instrumentView(cell.scores, "eit") : null,
    indicators: cell.scores ? indicatorViews(cell.scores, indicatorCodes) : {},
  };
}

function instrumentView(scores: RoundScores, code: "iit" | "eit"): ScoreView {
  const s = scores.instruments.find((i) => i.code === code);
  return { score: s?.score ?? null, level: s?.level ?? null, pass: s?.pass ?? null };
}

function indicatorViews(scores: RoundScores, codes: string[]): Record<string, ScoreView> {
  const out: Record<string, ScoreView> = {};
  for (const code of codes) {
    const s = scores.indicators.find((i) => i.code === code);
    out[code] = { score: s?.score ?? null, level: s?.level ?? null, pass: s?.pass ?? null };
  }
  return out;
}

function segmentsOf<K, R extends Tally>(keys: K[], rows: R[], keyOf: (row: R) => K) {
  const byKey = new Map<K, Tally[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push({ instrument: row.instrument, field: row.field, value: row.value, count: row.count });
  return keys.map((key) => ({ key, tallies: byKey.get(key) ?? [] }));
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
