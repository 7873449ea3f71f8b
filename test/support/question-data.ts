/**
 * An agency with two rounds of one framework, answered through the respondent's own path (submitResponse:
 * checks, the sealed pool, release in groups of five per link, tallies), from a seeded generator: the
 * data of the results by question (issue 15, item 5). Counters differ in how good their service is, so
 * some questions fall under the pass mark at one counter and not at another.
 */
import type { Db } from "../../db/client.server";
import { insertLink } from "../../db/queries/links";
import { insertCounter, insertOrganization, insertUnit } from "../../db/queries/organizations";
import { setAgencyRoundStatus } from "../../db/queries/round-lifecycle";
import { insertRound } from "../../db/queries/rounds";
import { getFramework } from "../../app/lib/frameworks.server";
import { submitResponse } from "../../app/services/submit-response.server";
import { listInstrumentFields } from "../../app/services/validate-answers";
import { newSubmissionId } from "./fixtures";
import { unhurried } from "./start-stamps";

const CREATED = "2026-01-01T00:00:00.000Z";

/** mulberry32: a small seeded generator, so every run answers the same. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Answers = Record<string, number>;

/**
 * A person's answers: for each field, an option near `goodness` (0 worst … 1 best) on the field's own
 * scores (reversed scales included), with noise, so that answers vary as people's do.
 */
export function randomAnswers(frameworkId: string, instrument: "iit" | "eit", random: () => number, goodness: number): Answers {
  const framework = getFramework(frameworkId);
  const answers: Answers = {};
  for (const field of listInstrumentFields(framework, instrument)) {
    const options = [...framework.scales[field.scale]!.options].sort((a, b) => a.score - b.score);
    const target = Math.min(0.999, Math.max(0, goodness + (random() - 0.5) * 0.6));
    answers[field.name] = options[Math.floor(target * options.length)]!.value;
  }
  return answers;
}

export interface QuestionCounter {
  counterId: number;
  nameTh: string;
  nameEn: string;
  /** How good its service is, 0 … 1. */
  goodness: number;
}

export interface QuestionRound {
  roundId: number;
  startsOn: string;
  endsOn: string;
  iitToken: string;
  /** Counter id → the round's EIT link token for it. */
  eitTokens: Map<number, string>;
}

export interface QuestionAgency {
  organizationId: number;
  framework: string;
  counters: QuestionCounter[];
  previous: QuestionRound;
  current: QuestionRound;
}

/** How many answer sets each month gets: [month YYYY-MM, IIT answers, EIT answers per counter in order]. */
export type AnswerPlan = [month: string, iit: number, eit: number[]][];

/** The current round's plan: uneven numbers, so that some answers wait in the pool and go with a later month's group. */
export const CURRENT_PLAN: AnswerPlan = [
  ["2025-10", 7, [6, 5, 8]],
  ["2025-11", 5, [9, 2, 5]],
  ["2025-12", 0, [5, 8, 0]],
  ["2026-01", 9, [12, 5, 7]],
  ["2026-02", 4, [3, 5, 6]],
  ["2026-03", 6, [10, 0, 5]],
];

export const PREVIOUS_PLAN: AnswerPlan = [
  ["2024-10", 10, [5, 5, 5]],
  ["2024-11", 5, [10, 5, 5]],
  ["2024-12", 5, [5, 10, 5]],
  ["2025-01", 0, [5, 5, 5]],
];

/**
 * Creates the agency (three counters, one of them poor), its previous round (FY 2568) and its current one
 * (FY 2569), both of `frameworkId`, answered by `plan`s through submitResponse on days inside each month.
 * Answers a counter's group has not yet gathered stay in the pool (not counted), as in life.
 */
export async function createQuestionAgency(
  db: Db,
  options: { slug: string; frameworkId?: string; seed?: number; currentPlan?: AnswerPlan; previousPlan?: AnswerPlan },
): Promise<QuestionAgency> {
  const frameworkId = options.frameworkId ?? "ita-2565";
  const random = seededRandom(options.seed ?? 15);
  const organizationId = await insertOrganization(db, {
    slug: options.slug,
    name_th: "เทศบาลตำบลรายข้อ",
    name_en: "Question Test Municipality",
    size_group: "tambon-municipality-m",
    district_th: "เมือง",
    province_th: "ทดสอบ",
    created_at: CREATED,
  });
  const names: [string, string, number][] = [
    ["งานทะเบียนราษฎร", "Civil registration", 0.9],
    ["จุดชำระภาษี", "Tax counter", 0.8],
    ["กองช่าง (ขออนุญาตก่อสร้าง)", "Building permits", 0.6],
  ];
  const counters: QuestionCounter[] = [];
  for (const [nameTh, nameEn, goodness] of names) {
    const unitId = await insertUnit(db, { organization_id: organizationId, name_th: `กอง ${nameTh}`, name_en: `Unit ${nameEn}`, created_at: CREATED });
    const counterId = await insertCounter(db, { organization_id: organizationId, unit_id: unitId, name_th: nameTh, name_en: nameEn, created_at: CREATED });
    counters.push({ counterId, nameTh, nameEn, goodness });
  }

  const makeRound = async (fiscalYear: number, startsOn: string, endsOn: string, tag: string): Promise<QuestionRound> => {
    const roundId = await insertRound(db, {
      organization_id: organizationId,
      framework_id: frameworkId,
      fiscal_year: fiscalYear,
      title_th: `การประเมิน ITA ปีงบประมาณ พ.ศ. ${fiscalYear}`,
      title_en: `ITA assessment, fiscal year ${fiscalYear - 543}`,
      starts_on: startsOn,
      ends_on: endsOn,
      staff_head_count: 40,
      created_at: CREATED,
    });
    const base = `${options.slug}${tag}`.replace(/[^A-Za-z0-9]/g, "").slice(0, 16);
    const iitToken = `${base}iitQ1xxxx`;
    await insertLink(db, { round_id: roundId, instrument: "iit", counter_id: null, token: iitToken, created_at: CREATED });
    const eitTokens = new Map<number, string>();
    for (const [n, counter] of counters.entries()) {
      const token = `${base}eit${n}Qxxxx`;
      await insertLink(db, { round_id: roundId, instrument: "eit", counter_id: counter.counterId, token, created_at: CREATED });
      eitTokens.set(counter.counterId, token);
    }
    return { roundId, startsOn, endsOn, iitToken, eitTokens };
  };

  const answer = async (round: QuestionRound, plan: AnswerPlan) => {
    for (const [month, iit, eit] of plan) {
      // Days inside the month, at noon Bangkok time: the round's period is checked on them.
      const now = (day: number) => new Date(`${month}-${String(day).padStart(2, "0")}T05:00:00Z`);
      for (let n = 0; n < iit; n++) await send(db, round.iitToken, randomAnswers(frameworkId, "iit", random, 0.82), now(1 + (n % 27)));
      for (const [c, count] of eit.entries()) {
        const counter = counters[c]!;
        for (let n = 0; n < count; n++) {
          await send(db, round.eitTokens.get(counter.counterId)!, randomAnswers(frameworkId, "eit", random, counter.goodness), now(1 + ((n * 3) % 27)));
        }
      }
    }
  };

  // One open round at a time per agency: the previous one is answered, then closed.
  const previous = await makeRound(2568, "2024-10-01", "2025-09-30", "p");
  await answer(previous, options.previousPlan ?? PREVIOUS_PLAN);
  await setAgencyRoundStatus(db, organizationId, previous.roundId, "closed");
  const current = await makeRound(2569, "2025-10-01", "2026-09-30", "c");
  await answer(current, options.currentPlan ?? CURRENT_PLAN);
  return { organizationId, framework: frameworkId, counters, previous, current };
}

async function send(db: Db, token: string, answers: Answers, now: Date): Promise<void> {
  const body = JSON.stringify(unhurried({ submissionId: newSubmissionId(), answers }));
  const result = await submitResponse(db, token, body, { now, recentFromAddress: 1 });
  if (!result.stored || result.flag) throw new Error(`a test answer was not kept as counted: ${JSON.stringify(result)}`);
}
