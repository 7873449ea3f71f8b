/**
 * Trends across Buddhist Era fiscal years (issue 4, item 3): the official results the agency entered
 * next to the scores its own rounds measured, per fiscal year, for the total and each indicator; and
 * "this year so far against last year's official result".
 *
 * Measured scores are the dashboard's (getRoundResults: the round's tallies and its OIT checklist), so
 * they cost the same however many responses a round has. Until the OIT checklist is fully checked a
 * measured total is the partial IIT+EIT score (weights re-normalised, see app/scoring/total.ts) and is
 * flagged `partial`: it must never be shown as an ITA total.
 */
import type { Db } from "../../db/client.server";
import { listOrganizationRounds } from "../../db/queries/rounds";
import { defaultFrameworkId, getFramework } from "../lib/frameworks.server";
import type { InstrumentCode, Level, Localized } from "../scoring/framework";
import { getRoundResults } from "./round-results.server";
import { listOrganizationOfficialResults, type OfficialResultView } from "./official-results/page.server";
import type { RatingView } from "./rating-view";

/** One round's measured scores (0–100 at full precision; null = not assessed). */
export interface MeasuredRound {
  id: number;
  fiscalYear: number;
  title: Localized;
  status: "open" | "closed";
  frameworkId: string;
  answers: { iit: number; eit: number };
  indicators: { code: string; score: number | null; level: Level | null }[];
  instruments: { code: InstrumentCode; abbreviation: string; score: number | null; level: Level | null }[];
  /** The ITA total when every instrument is assessed, else the partial score over those that are. */
  total: { score: number | null; level: Level | null; partial: boolean; instruments: InstrumentCode[]; rating: RatingView | null };
  /** The round's framework is provisional and not confirmed by the operator. */
  provisional: boolean;
}

export interface TrendPoint {
  fiscalYear: number;
  official: number | null;
  officialLevel: Level | null;
  measured: number | null;
  measuredLevel: Level | null;
  /** The measured value is a partial total (not every instrument assessed). */
  measuredPartial: boolean;
  /** The round the measured value comes from. */
  roundId: number | null;
  /** The total series only: each year's rating by its own framework's rule (official: as published). */
  officialRating: RatingView | null;
  measuredRating: RatingView | null;
  /** The frameworks of the year's official result and measured round. */
  officialFramework: string | null;
  measuredFramework: string | null;
}

export interface TrendSeries {
  /** "total" or an indicator code. */
  key: string;
  title: Localized;
  instrument: InstrumentCode | null;
  points: TrendPoint[];
}

export interface ComparisonRow {
  key: string;
  kind: "indicator" | "instrument" | "total";
  title: Localized;
  official: number | null;
  measured: number | null;
  /** measured − official, for display; null unless both exist. */
  difference: number | null;
  measuredPartial: boolean;
  officialLevel: Level | null;
  measuredLevel: Level | null;
}

export interface Comparison {
  round: MeasuredRound;
  /** The latest official result before the round's fiscal year; null when there is none. */
  officialYear: number | null;
  rows: ComparisonRow[];
}

async function measureRound(db: Db, roundId: number): Promise<MeasuredRound | undefined> {
  // The same scores as the dashboard: tallies and the OIT checklist (a full total once all is checked).
  const results = await getRoundResults(db, roundId);
  if (!results) return undefined;
  const { round, framework, scores, headline } = results;
  return {
    id: round.id,
    fiscalYear: round.fiscalYear,
    title: { th: round.titleTh, en: round.titleEn },
    status: round.status,
    frameworkId: round.frameworkId,
    answers: { iit: results.samples.iit.answers, eit: results.samples.eit.answers },
    indicators: scores.indicators.map((i) => ({ code: i.code, score: i.score, level: i.level })),
    instruments: scores.instruments.map((i) => ({
      code: i.code,
      abbreviation: framework.instruments.find((m) => m.code === i.code)?.abbreviation ?? i.code.toUpperCase(),
      score: i.score,
      level: i.level,
    })),
    // `partial` here means "not the ITA total", so a round with no score at all is flagged too (the
    // report's `partial` is false then); the trends page's note on partial totals relies on it.
    total: { score: headline.score, level: headline.level, partial: !headline.full, instruments: headline.instruments, rating: results.rating },
    provisional: results.provisional,
  };
}

/** Every round of the agency with its measured scores, newest first. */
export async function listMeasuredRounds(db: Db, organizationId: number): Promise<MeasuredRound[]> {
  const rounds = await listOrganizationRounds(db, organizationId);
  const measured: MeasuredRound[] = [];
  for (const round of rounds) {
    const m = await measureRound(db, round.id);
    if (m) measured.push(m);
  }
  return measured;
}

/** A difference of two scores for display (measured − official); the scores themselves are not changed. */
function difference(measured: number | null, official: number | null): number | null {
  return measured === null || official === null ? null : measured - official;
}

function buildComparison(round: MeasuredRound | undefined, official: OfficialResultView[]): Comparison | null {
  if (!round) return null;
  const before = official.filter((o) => o.fiscalYear < round.fiscalYear);
  const last = before.at(-1) ?? null;
  const framework = getFramework(round.frameworkId);
  const rows: ComparisonRow[] = [];
  for (const indicator of framework.indicators) {
    const m = round.indicators.find((i) => i.code === indicator.code);
    const o = last?.indicators.find((i) => i.code === indicator.code);
    rows.push({
      key: indicator.code,
      kind: "indicator",
      title: indicator.title,
      official: o?.score ?? null,
      measured: m?.score ?? null,
      difference: difference(m?.score ?? null, o?.score ?? null),
      measuredPartial: false,
      officialLevel: o?.level ?? null,
      measuredLevel: m?.level ?? null,
    });
  }
  for (const instrument of framework.instruments) {
    const m = round.instruments.find((i) => i.code === instrument.code);
    const o = last?.instruments.find((i) => i.code === instrument.code)?.score ?? null;
    rows.push({
      key: instrument.code,
      kind: "instrument",
      title: { th: `${instrument.abbreviation} ${instrument.title.th}`, en: `${instrument.abbreviation} ${instrument.title.en}` },
      official: o,
      measured: m?.score ?? null,
      difference: difference(m?.score ?? null, o),
      measuredPartial: false,
      officialLevel: null,
      measuredLevel: m?.level ?? null,
    });
  }
  rows.push({
    key: "total",
    kind: "total",
    title: { th: "คะแนนรวม ITA", en: "ITA total" },
    official: last?.total ?? null,
    measured: round.total.score,
    difference: difference(round.total.score, last?.total ?? null),
    measuredPartial: round.total.partial,
    officialLevel: last?.level ?? null,
    measuredLevel: round.total.level,
  });
  return { round, officialYear: last?.fiscalYear ?? null, rows };
}

/**
 * The trend page's data for one agency: the official and the measured series per fiscal year (the
 * total first, then each indicator), every round's measured scores, and the comparison of the current
 * round (the newest open one, else the newest) with the latest official result before its year.
 * When a fiscal year has several rounds, the series use the newest of them.
 */
export async function getTrends(db: Db, organizationId: number) {
  const official = await listOrganizationOfficialResults(db, organizationId);
  const rounds = await listMeasuredRounds(db, organizationId);

  const roundOfYear = new Map<number, MeasuredRound>();
  for (const round of rounds) if (!roundOfYear.has(round.fiscalYear)) roundOfYear.set(round.fiscalYear, round); // newest first
  const officialOfYear = new Map(official.map((o) => [o.fiscalYear, o]));
  // Every fiscal year from the first to the last with data, so that a year without any stays visible
  // on the axis (as a gap the official line spans) instead of bringing two years together.
  const known = [...officialOfYear.keys(), ...roundOfYear.keys()];
  const years = known.length === 0 ? [] : Array.from({ length: Math.max(...known) - Math.min(...known) + 1 }, (_, i) => Math.min(...known) + i);

  // Titles and order from the framework of the newest data (rounds, then official results).
  const framework = getFramework(rounds[0]?.frameworkId ?? official.at(-1)?.frameworkId ?? defaultFrameworkId);
  const point = (
    year: number,
    pick: {
      official: (o: OfficialResultView) => { score: number; level: Level; rating?: RatingView } | undefined;
      measured: (m: MeasuredRound) => { score: number | null; level: Level | null; partial: boolean; rating?: RatingView | null } | undefined;
    },
  ): TrendPoint => {
    const o = officialOfYear.get(year);
    const m = roundOfYear.get(year);
    const op = o ? pick.official(o) : undefined;
    const mp = m ? pick.measured(m) : undefined;
    return {
      fiscalYear: year,
      official: op?.score ?? null,
      officialLevel: op?.level ?? null,
      measured: mp?.score ?? null,
      measuredLevel: mp?.level ?? null,
      measuredPartial: mp?.partial ?? false,
      roundId: m?.id ?? null,
      officialRating: op?.rating ?? null,
      measuredRating: mp?.rating ?? null,
      officialFramework: o?.frameworkId ?? null,
      measuredFramework: m?.frameworkId ?? null,
    };
  };

  const series: TrendSeries[] = [
    {
      key: "total",
      title: { th: "คะแนนรวม ITA", en: "ITA total" },
      instrument: null,
      points: years.map((year) =>
        point(year, {
          official: (o) => ({ score: o.total, level: o.level, rating: o.rating }),
          measured: (m) => ({ score: m.total.score, level: m.total.level, partial: m.total.partial, rating: m.total.rating }),
        }),
      ),
    },
    ...framework.indicators.map((indicator) => ({
      key: indicator.code,
      title: indicator.title,
      instrument: indicator.instrument,
      points: years.map((year) =>
        point(year, {
          official: (o) => {
            const i = o.indicators.find((x) => x.code === indicator.code);
            return i ? { score: i.score, level: i.level } : undefined;
          },
          measured: (m) => {
            const i = m.indicators.find((x) => x.code === indicator.code);
            return i ? { score: i.score, level: i.level, partial: false } : undefined;
          },
        }),
      ),
    })),
  ];

  // The open round once it has answers; until then (a fiscal year just begun) the newest round that
  // measured something, so a new, empty round does not blank the comparison (issue 11).
  const measuredSomething = (r: MeasuredRound) => r.answers.iit + r.answers.eit > 0;
  const current = rounds.find((r) => r.status === "open" && measuredSomething(r)) ?? rounds.find(measuredSomething) ?? rounds.find((r) => r.status === "open") ?? rounds[0];
  return {
    years,
    official,
    rounds,
    series,
    comparison: buildComparison(current, official),
    passMark: framework.passMark,
    /** A round shown uses a provisional framework (not confirmed by the operator): the page says so. */
    provisionalFrameworks: [...new Set(rounds.filter((r) => r.provisional).map((r) => r.frameworkId))],
    levels: framework.levels.map((l) => ({ code: l.code, min: l.min, color: l.color })),
  };
}

export type Trends = Awaited<ReturnType<typeof getTrends>>;
