/**
 * A respondent's answers become a response and its tallies, in one transaction (ARCHITECTURE.md §4).
 */
import { z } from "zod";
import type { Db } from "../../db/client.server";
import { getPublicLink, isLinkAccepting, type PublicLink } from "../../db/queries/links";
import { insertResponseOnce } from "../../db/queries/responses";
import { incrementTallies } from "../../db/queries/tallies";
import type { SurveyInstrument } from "../../db/schema";
import { bangkokDate } from "../lib/dates";
import { getFramework } from "../lib/frameworks.server";
import { HttpError } from "../lib/http";
import { type Answers, checkAnswers } from "./validate-answers";

export const MAX_SUBMISSION_BYTES = 64 * 1024;

const submissionSchema = z.strictObject({
  submissionId: z.string().regex(/^[A-Za-z0-9-]{16,64}$/),
  answers: z.record(z.string().max(64), z.unknown()),
});

export function notFoundLink(): HttpError {
  return new HttpError(
    404,
    "ไม่พบแบบสอบถามนี้ หรือปิดรับคำตอบแล้ว",
    "This questionnaire does not exist or no longer accepts answers.",
  );
}

/** The link of a token if it currently accepts answers; a 404 otherwise, the same for unknown and paused. */
export async function requireAcceptingLink(db: Db, token: string): Promise<PublicLink> {
  const link = /^[A-Za-z0-9_-]{1,64}$/.test(token) ? await getPublicLink(db, token) : undefined;
  if (!link || !isLinkAccepting(link)) throw notFoundLink();
  return link;
}

export interface StoreResponseInput {
  submissionId: string;
  roundId: number;
  linkId: number;
  instrument: SurveyInstrument;
  frameworkId: string;
  answeredOn: string;
  answers: Answers;
}

/**
 * Inserts the response and increments its tallies; run it inside a transaction. Returns false when
 * the submission id was already stored (nothing is written then).
 */
export async function storeResponse(db: Db, input: StoreResponseInput): Promise<boolean> {
  const month = input.answeredOn.slice(0, 7);
  const id = await insertResponseOnce(db, {
    submission_id: input.submissionId,
    round_id: input.roundId,
    link_id: input.linkId,
    instrument: input.instrument,
    framework_id: input.frameworkId,
    answered_on: input.answeredOn,
    month,
    answers: JSON.stringify(input.answers),
  });
  if (id === null) return false;
  await incrementTallies(
    db,
    Object.entries(input.answers).map(([field, value]) => ({
      round_id: input.roundId,
      link_id: input.linkId,
      instrument: input.instrument,
      month,
      field,
      value,
      count: 1,
    })),
  );
  return true;
}

export interface SubmitResult {
  stored: boolean;
}

/**
 * Validates a submission body (already read, at most MAX_SUBMISSION_BYTES) and stores it. Throws an
 * HttpError: 404 for an unknown or paused link, 400 for malformed JSON or answers.
 */
export async function submitResponse(db: Db, token: string, bodyText: string, now: Date): Promise<SubmitResult> {
  const link = await requireAcceptingLink(db, token);
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    throw new HttpError(400, "ข้อมูลที่ส่งไม่ใช่ JSON ที่ถูกต้อง", "The request body is not valid JSON.");
  }
  const parsed = submissionSchema.safeParse(json);
  if (!parsed.success) {
    throw new HttpError(
      400,
      "รูปแบบข้อมูลที่ส่งไม่ถูกต้อง ต้องมี submissionId และ answers เท่านั้น",
      "Malformed submission: it must hold a submissionId and answers, and nothing else.",
    );
  }
  const checked = checkAnswers(getFramework(link.frameworkId), link.instrument, parsed.data.answers);
  if (!checked.ok) {
    throw new HttpError(400, "คำตอบไม่ครบหรือไม่ถูกต้อง กรุณาตรวจสอบอีกครั้ง", "Some answers are missing or not valid.", checked.errors);
  }
  const stored = await db.transaction().execute((trx) =>
    storeResponse(trx, {
      submissionId: parsed.data.submissionId,
      roundId: link.roundId,
      linkId: link.linkId,
      instrument: link.instrument,
      frameworkId: link.frameworkId,
      answeredOn: bangkokDate(now),
      answers: checked.answers,
    }),
  );
  return { stored };
}
