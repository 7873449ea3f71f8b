/**
 * The results of a round, computed from its tallies only, so the cost does not grow with the number
 * of responses (ARCHITECTURE.md §4).
 */
import type { Db } from "../../db/client.server";
import { getRoundWithOrganization } from "../../db/queries/rounds";
import { sumRoundTallies } from "../../db/queries/tallies";
import { getFramework } from "../lib/frameworks.server";
import { computeRoundScores, findWeakAreas, minimumSample } from "../scoring";

export async function getRoundResults(db: Db, roundId: number) {
  const round = await getRoundWithOrganization(db, roundId);
  if (!round) return undefined;
  const framework = getFramework(round.frameworkId);
  const tallies = await sumRoundTallies(db, roundId);
  const scores = computeRoundScores(framework, tallies);
  const answers = (code: "iit" | "eit") => scores.instruments.find((i) => i.code === code)?.answers ?? 0;
  return {
    round,
    framework,
    scores,
    weakAreas: findWeakAreas(framework, scores),
    samples: {
      iit: { answers: answers("iit"), minimum: minimumSample(framework, { instrument: "iit", headCount: round.staffHeadCount }) },
      eit: { answers: answers("eit"), minimum: minimumSample(framework, { instrument: "eit", group: round.sizeGroup }) },
    },
  };
}

export type RoundResults = NonNullable<Awaited<ReturnType<typeof getRoundResults>>>;
