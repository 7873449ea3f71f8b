/** Small, explicit test data built through the project's own queries. */
import type { Db } from "../../db/client.server";
import { insertLink } from "../../db/queries/links";
import { insertCounter, insertOrganization, insertUnit } from "../../db/queries/organizations";
import { insertRound } from "../../db/queries/rounds";
import { countAllResponses } from "../../db/queries/responses";
import { listAllTallies } from "../../db/queries/tallies";
import { getFramework } from "../../app/lib/frameworks.server";
import { listInstrumentFields } from "../../app/services/validate-answers";
import { bangkokDate, fiscalYearOf, fiscalYearRange } from "../../app/text/dates";

const CREATED = "2026-01-01T00:00:00.000Z";

/**
 * The fixture round's last day. Rounds take answers only within their period (issue 11), and tests
 * post answers both at fixed instants of fiscal year 2569 and, over HTTP, at the real time of the run:
 * so the period starts with FY 2569 and ends with the fiscal year of today, whichever is later.
 */
export function fixtureRoundEndsOn(now: Date = new Date()): string {
  const current = fiscalYearRange(fiscalYearOf(bangkokDate(now))).endsOn;
  return current > "2026-09-30" ? current : "2026-09-30";
}

export interface RoundFixture {
  organizationId: number;
  roundId: number;
  iitToken: string;
  eitToken: string;
  pausedToken: string;
}

/** An agency with one open round (FY 2569 until today: fixtureRoundEndsOn), an IIT link, an EIT counter link and a paused EIT link. */
export async function createRoundFixture(db: Db, slug = "test-agency"): Promise<RoundFixture> {
  const organizationId = await insertOrganization(db, {
    slug,
    name_th: "เทศบาลตำบลทดสอบ",
    name_en: "Test Municipality",
    size_group: "tambon-municipality-m",
    district_th: "เมือง",
    province_th: "ทดสอบ",
    created_at: CREATED,
  });
  const unitId = await insertUnit(db, { organization_id: organizationId, name_th: "กองคลัง", name_en: "Finance", created_at: CREATED });
  const counterId = await insertCounter(db, {
    organization_id: organizationId,
    unit_id: unitId,
    name_th: "จุดชำระภาษี",
    name_en: "Tax counter",
    created_at: CREATED,
  });
  const roundId = await insertRound(db, {
    organization_id: organizationId,
    framework_id: "ita-2565",
    fiscal_year: 2569,
    title_th: "รอบทดสอบ",
    title_en: "Test round",
    starts_on: "2025-10-01",
    ends_on: fixtureRoundEndsOn(),
    staff_head_count: 50,
    created_at: CREATED,
  });
  const iitToken = `iit${slug}`.replace(/[^A-Za-z0-9]/g, "").slice(0, 20) + "A1";
  const eitToken = `eit${slug}`.replace(/[^A-Za-z0-9]/g, "").slice(0, 20) + "B2";
  const pausedToken = `psd${slug}`.replace(/[^A-Za-z0-9]/g, "").slice(0, 20) + "C3";
  await insertLink(db, { round_id: roundId, instrument: "iit", counter_id: null, token: iitToken, created_at: CREATED });
  await insertLink(db, { round_id: roundId, instrument: "eit", counter_id: counterId, token: eitToken, created_at: CREATED });
  await insertLink(db, { round_id: roundId, instrument: "eit", counter_id: counterId, token: pausedToken, status: "paused", created_at: CREATED });
  return { organizationId, roundId, iitToken, eitToken, pausedToken };
}

/**
 * A complete, valid set of answers: each field gets the option at `pick(index)` of its scale. The
 * default varies the options, as a person does (the same option everywhere is flagged as noise).
 */
export function makeAnswers(instrument: "iit" | "eit", pick: (fieldIndex: number, optionCount: number) => number = (i) => i) {
  const framework = getFramework("ita-2565");
  const answers: Record<string, number> = {};
  listInstrumentFields(framework, instrument).forEach((field, index) => {
    const options = framework.scales[field.scale]!.options;
    answers[field.name] = options[pick(index, options.length) % options.length]!.value;
  });
  return answers;
}

/** Responses and the sum of tally counts: what must not move after a rejected request. */
export async function countRows(db: Db): Promise<{ responses: number; tallyRows: number; tallySum: number }> {
  const tallies = await listAllTallies(db);
  return {
    responses: await countAllResponses(db),
    tallyRows: tallies.length,
    tallySum: tallies.reduce((sum, t) => sum + Number(t.count), 0),
  };
}

/**
 * Answer sets the server keeps: stored responses, and answers waiting sealed in the pool for a group
 * of five (issue 12; app/services/answer-pool/). An acknowledged submission is one or the other.
 */
export async function countKept(db: Db): Promise<number> {
  const pooled = await db.selectFrom("answer_pool").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return (await countAllResponses(db)) + Number(pooled.n);
}

let counter = 0;
export function newSubmissionId(): string {
  counter += 1;
  return `test-${process.pid}-${Date.now().toString(36)}-${counter}`.padEnd(20, "x");
}
