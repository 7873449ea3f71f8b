/**
 * The results of a round, computed from its tallies only (so the cost does not grow with the number
 * of responses, ARCHITECTURE.md §4) and its OIT checklist (at most one row per checklist item).
 */
import type { Db } from "../../db/client.server";
import { getRoundWithOrganization } from "../../db/queries/rounds";
import { sumRoundTallies } from "../../db/queries/tallies";
import { getFramework } from "../lib/frameworks.server";
import { computeRoundScores, decideHeadlineTotal, findWeakAreas, minimumSample } from "../scoring";
import { getRoundChecklistStatuses } from "./oit-checklist/page.server";
import { isFrameworkProvisional } from "./framework-status.server";
import { toRatingView } from "./rating-view";

export async function getRoundResults(db: Db, roundId: number) {
  const round = await getRoundWithOrganization(db, roundId);
  if (!round) return undefined;
  const framework = getFramework(round.frameworkId);
  const tallies = await sumRoundTallies(db, roundId);
  // The OIT checklist too: with all of its items checked, the total is the full ITA score.
  const checklist = await getRoundChecklistStatuses(db, roundId, framework);
  const scores = computeRoundScores(framework, tallies, checklist);
  const answers = (code: "iit" | "eit") => scores.instruments.find((i) => i.code === code)?.answers ?? 0;
  const headline = decideHeadlineTotal(framework, scores.total);
  return {
    round,
    framework,
    /** True while the framework is provisional and not confirmed by the operator: pages say so. */
    provisional: await isFrameworkProvisional(db, framework.id),
    scores,
    /** The ITA total once every instrument is assessed, else the score measured so far (as the dashboard and report head with). */
    headline,
    /** The framework's rating of the headline, and why it is not the one above. */
    rating: toRatingView(headline.rating),
    weakAreas: findWeakAreas(framework, scores),
    samples: {
      iit: { answers: answers("iit"), minimum: minimumSample(framework, { instrument: "iit", headCount: round.staffHeadCount }) },
      eit: { answers: answers("eit"), minimum: minimumSample(framework, { instrument: "eit", group: round.sizeGroup }) },
    },
  };
}

export type RoundResults = NonNullable<Awaited<ReturnType<typeof getRoundResults>>>;
