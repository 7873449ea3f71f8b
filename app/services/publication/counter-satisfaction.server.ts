/**
 * The live satisfaction per service counter on the agency's public page (issue 17, item 1), under the
 * rules of the anonymity issue (docs/decisions/small-groups-hidden.md), made stricter for a page anyone
 * may watch: no published figure may move by one person.
 *
 * - A counter's figure is its EIT score over its *complete months with at least k answers*: the months
 *   before the current one (Asia/Bangkok) while the round is open, every month once it is closed. A month
 *   of a counter with fewer than k answers is left out for good. So the figure changes only when a whole
 *   month with k or more answers at the counter joins it, never with one visitor.
 * - The counters' figures then go through the dashboard's suppression (app/scoring/suppression.ts): a
 *   counter under k is hidden. When the round's total EIT is public too (the measured report of a closed
 *   round), the answers left out (the small months) count as one more hidden cell, so that the complementary
 *   suppression keeps the total minus the shown counters from singling anyone out.
 *
 * Counters are named, never numbered by their ids: the page carries no internal id.
 */
import type { Db } from "../../../db/client.server";
import { listRoundCounters, sumRoundTalliesByCounterAndMonth } from "../../../db/queries/dashboard";
import { getFramework } from "../../lib/frameworks.server";
import { computeRoundScores, levelFor, minimumGroupSize, suppressSmallCells, type Tally } from "../../scoring";
import type { Framework, Localized } from "../../scoring/framework";

export interface PublicCounterRow {
  name: Localized;
  /** "shown" with its score; "hidden" (fewer than k answers in its complete months, or hidden with another). */
  status: "shown" | "hidden";
  /** 0–100 at full precision; null when hidden. */
  score: number | null;
  level: { code: string; title: Localized; color: string } | null;
  /** Answers in the counted months; null when hidden. */
  answers: number | null;
}

export interface PublicCounterSatisfaction {
  k: number;
  /** The last month counted (YYYY-MM), or null when no month is complete yet. */
  throughMonth: string | null;
  counters: PublicCounterRow[];
}

function mergeTallies(tallies: readonly Tally[]): Tally[] {
  const byKey = new Map<string, Tally>();
  for (const t of tallies) {
    const key = `${t.instrument}\u0000${t.field}\u0000${t.value}`;
    const seen = byKey.get(key);
    if (seen) seen.count += t.count;
    else byKey.set(key, { ...t });
  }
  return [...byKey.values()];
}

function eitAnswers(framework: Framework, tallies: readonly Tally[]): number {
  return computeRoundScores(framework, tallies).instruments.find((i) => i.code === "eit")?.answers ?? 0;
}

/**
 * The public satisfaction per counter of a round. `currentMonth` (YYYY-MM, Bangkok) is the month not yet
 * complete while the round is open; `totalShown` says whether the round's measured EIT total is public.
 */
export async function getPublicCounterSatisfaction(
  db: Db,
  round: { id: number; frameworkId: string; status: "open" | "closed" },
  options: { currentMonth: string; totalShown: boolean },
): Promise<PublicCounterSatisfaction> {
  const framework = getFramework(round.frameworkId);
  const k = minimumGroupSize(framework);
  const [rows, counters] = await Promise.all([sumRoundTalliesByCounterAndMonth(db, round.id), listRoundCounters(db, round.id, "eit")]);
  const complete = (month: string) => round.status === "closed" || month < options.currentMonth;

  // counter → month → tallies, the EIT of counter links only.
  const cells = new Map<number, Map<string, Tally[]>>();
  for (const row of rows) {
    if (row.counterId === null || row.instrument !== "eit") continue;
    const months = cells.get(row.counterId) ?? new Map<string, Tally[]>();
    cells.set(row.counterId, months);
    const tallies = months.get(row.month) ?? [];
    months.set(row.month, tallies);
    tallies.push({ instrument: "eit", field: row.field, value: row.value, count: row.count });
  }

  let left = 0;
  let throughMonth: string | null = null;
  const counterIds = [...new Set([...counters.map((c) => c.counterId), ...cells.keys()])];
  const segments = counterIds.map((counterId) => {
    const counted: Tally[] = [];
    for (const [month, tallies] of cells.get(counterId) ?? []) {
      const answers = eitAnswers(framework, tallies);
      if (complete(month) && answers >= k) {
        counted.push(...tallies);
        if (throughMonth === null || month > throughMonth) throughMonth = month;
      } else left += answers;
    }
    const tallies = mergeTallies(counted);
    return { counterId, tallies, count: eitAnswers(framework, tallies) };
  });

  const LEFT_OUT = -1;
  const decided = suppressSmallCells(
    [...segments.map((s) => ({ key: s.counterId, count: s.count })), ...(options.totalShown ? [{ key: LEFT_OUT, count: left }] : [])],
    { k, totalShown: options.totalShown },
  );
  const statusOf = new Map(decided.map((c) => [c.key, c.status]));
  const byId = new Map(counters.map((c) => [c.counterId, c]));
  const shownCounters = segments
    .filter((s) => s.count > 0 || byId.get(s.counterId)?.status !== "retired")
    .map((segment): PublicCounterRow => {
      const counter = byId.get(segment.counterId);
      const name = counter ? { th: counter.nameTh, en: counter.nameEn || counter.nameTh } : { th: "จุดบริการที่ยกเลิกแล้ว", en: "A retired counter" };
      if (statusOf.get(segment.counterId) !== "shown") return { name, status: "hidden", score: null, level: null, answers: null };
      const eit = computeRoundScores(framework, segment.tallies).instruments.find((i) => i.code === "eit");
      const score = eit?.score ?? null;
      const level = score === null ? null : levelFor(framework, score);
      return { name, status: "shown", score, level: level ? { code: level.code, title: level.title, color: level.color } : null, answers: segment.count };
    });
  return { k, throughMonth, counters: shownCounters };
}
