/**
 * A respondent's answers become a response and its tallies, in one transaction (ARCHITECTURE.md §4).
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../db/client.server";
import { getPublicLink, isLinkAccepting, isRoundTakingAnswers, type PublicLink } from "../../db/queries/links";
import { isSubmissionKnown } from "../../db/queries/answer-pool";
import { insertResponseOnce, insertResponseWithId, truncateSqliteWal } from "../../db/queries/responses";
import { isUniqueViolation } from "../../db/queries/round-lifecycle";
import { insertSuggestion } from "../../db/queries/suggestions";
import { incrementTallies } from "../../db/queries/tallies";
import type { NewTally, ResponseFlag, SurveyInstrument } from "../../db/schema";
import { bangkokDate } from "../text/dates";
import { getFramework } from "../lib/frameworks.server";
import { HttpError } from "../lib/http";
import { minimumGroupSize } from "../scoring";
import { consumeAccessCode } from "./access-codes.server";
import { addToPool, poolScopeOf, releaseIfFull, takePool } from "./answer-pool/pool.server";
import { SuspendedAgencyError } from "./agency-suspended";
import { isEnrolledKioskFor } from "./kiosk/devices.server";
import { detectNoise } from "./response-quality";
import { secondsSinceStart } from "./start-stamp.server";
import { type Answers, checkAnswers } from "./validate-answers";

export const MAX_SUBMISSION_BYTES = 64 * 1024;

const submissionSchema = z.strictObject({
  submissionId: z.string().regex(/^[A-Za-z0-9-]{16,64}$/),
  answers: z.record(z.string().max(64), z.unknown()),
  /** The IIT access code, in a round that runs with codes. */
  accessCode: z.string().max(32).optional(),
  /**
   * The start stamp the page got from POST /s/:token/start when the survey began: the server's own
   * measure of how long it took (app/services/start-stamp.server.ts). Only compared, never stored.
   */
  startStamp: z.string().max(100).optional(),
  /**
   * Seconds the respondent took, as the browser measured them: believed only from an enrolled kiosk that
   * had no start stamp (it was offline when the visitor began), ignored from anyone else. Accepted from
   * all, so that older pages and answers queued on kiosks before this change are not refused.
   */
  durationSeconds: z.number().int().min(0).max(86_400 * 7).optional(),
  /** Ignored: a kiosk is known by its enrolment cookie, not by what a body says (accepted, as above). */
  channel: z.enum(["phone", "kiosk"]).optional(),
});

export function notFoundLink(): HttpError {
  return new HttpError(
    404,
    "ไม่พบแบบสอบถามนี้ หรือปิดรับคำตอบแล้ว",
    "This questionnaire does not exist or no longer accepts answers.",
  );
}

/** A 404 that knows the link exists but is paused, so the page can say so politely. */
export class PausedLinkError extends HttpError {
  constructor(readonly organization: { th: string; en: string }) {
    super(404, "แบบสอบถามนี้ปิดรับคำตอบชั่วคราว", "This questionnaire is paused for the moment.");
  }
}

/**
 * A 410: the link's round is closed, or today (Asia/Bangkok) is outside its period. Gone for good as far
 * as this link is concerned (ARCHITECTURE.md §3.4), so the page says the survey is closed rather than
 * paused, and a kiosk keeps what it could not deliver (docs/decisions/late-kiosk-answers.md).
 */
export class ClosedRoundError extends HttpError {
  constructor(readonly organization: { th: string; en: string }) {
    super(410, "แบบสอบถามนี้ปิดรับคำตอบแล้ว เนื่องจากสิ้นสุดรอบการประเมิน", "This questionnaire is closed: its assessment round has ended.");
  }
}

/**
 * The link of a token if it accepts answers on the Bangkok day of `now`: a 404 for an unknown link and
 * for a paused link or counter (the page of a paused one says it politely), a 410 when its round is
 * closed or `now` is outside the round's period.
 */
export async function requireAcceptingLink(db: Db, token: string, now: Date = new Date()): Promise<PublicLink> {
  const link = /^[A-Za-z0-9_-]{1,64}$/.test(token) ? await getPublicLink(db, token) : undefined;
  if (!link) throw notFoundLink();
  if (link.organizationStatus === "suspended") throw new SuspendedAgencyError({ th: link.organizationNameTh, en: link.organizationNameEn });
  const organization = { th: link.organizationNameTh, en: link.organizationNameEn };
  const today = bangkokDate(now);
  if (!isRoundTakingAnswers(link, today)) throw new ClosedRoundError(organization);
  if (!isLinkAccepting(link, today)) throw new PausedLinkError(organization);
  return link;
}

export interface StoreResponseInput {
  /** A released answer set's random id (app/services/answer-pool/); otherwise the next one (the demo's seed). */
  id?: number;
  submissionId: string;
  roundId: number;
  linkId: number;
  instrument: SurveyInstrument;
  frameworkId: string;
  answeredOn: string;
  answers: Answers;
  /** Why the response looks like noise, or null; a flagged response is stored but not tallied. */
  flag?: ResponseFlag | null;
  /**
   * The visitor's suggestion, scrubbed already (checkAnswers), or null: stored in its own table beside the
   * response, never in its answers, so that nothing but numbers reaches the tallies (docs/decisions/suggestions.md).
   */
  suggestion?: string | null;
}

/**
 * Inserts the response and increments its tallies; run it inside a transaction. Returns false when
 * the submission id was already stored (nothing is written then).
 */
export async function storeResponse(db: Db, input: StoreResponseInput): Promise<boolean> {
  return (await storeResponses(db, [input]))[0]!;
}

/**
 * storeResponse for several responses (a released IIT or EIT group): each response row as storeResponse
 * writes it, and the tallies of all of them in one upsert, where the same answer given twice is one row
 * counted twice (a profile of the ingest benchmark had the group's five 51-row upserts at a quarter of
 * SQLite's time). Run it inside a transaction. Returns, for each input, whether it was stored.
 */
export async function storeResponses(db: Db, inputs: StoreResponseInput[]): Promise<boolean[]> {
  const stored: boolean[] = [];
  const tallies: NewTally[] = [];
  for (const input of inputs) {
    const month = input.answeredOn.slice(0, 7);
    const row = {
      submission_id: input.submissionId,
      round_id: input.roundId,
      link_id: input.linkId,
      instrument: input.instrument,
      framework_id: input.frameworkId,
      answered_on: input.answeredOn,
      month,
      answers: JSON.stringify(input.answers),
      flag: input.flag ?? null,
    };
    const id = input.id === undefined ? await insertResponseOnce(db, row) : await insertResponseWithId(db, input.id, row);
    stored.push(id !== null);
    if (id === null) continue;
    if (input.suggestion) {
      await insertSuggestion(db, {
        id: randomBytes(16).toString("base64url"),
        response_id: id,
        round_id: input.roundId,
        link_id: input.linkId,
        month,
        text: input.suggestion,
      });
    }
    if (input.flag) continue;
    for (const [field, value] of Object.entries(input.answers)) {
      tallies.push({ round_id: input.roundId, link_id: input.linkId, instrument: input.instrument, month, field, value, count: 1 });
    }
  }
  if (tallies.length > 0) await incrementTallies(db, tallies);
  return stored;
}

export interface SubmitResult {
  stored: boolean;
  flag: ResponseFlag | null;
}

export interface SubmitContext {
  now: Date;
  /** Submissions from the same client address in the burst window (in memory), this one included. */
  recentFromAddress: number;
  /** The client's address, for the access-code guess budget (app/services/access-codes.server.ts); in memory only. */
  clientAddress?: string;
  /**
   * The request's Cookie header: an enrolled kiosk's cookie (app/services/kiosk/devices.server.ts) gets
   * its answers kiosk treatment. Read, never stored.
   */
  cookie?: string;
}

/**
 * Validates a submission body (already read, at most MAX_SUBMISSION_BYTES) and stores it. Throws an
 * HttpError: 404 for an unknown or paused link, 410 for a closed round or a day outside its period, 400
 * for malformed JSON or answers.
 */
export async function submitResponse(db: Db, token: string, bodyText: string, context: SubmitContext): Promise<SubmitResult> {
  const { now } = context;
  const link = await requireAcceptingLink(db, token, now);
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
  const framework = getFramework(link.frameworkId);
  // The answers as JSON.parse made them, not zod's copy: zod builds its record by assignment, so a key
  // "__proto__" would vanish from the copy (and the answers pass); here it is an own key, refused as a
  // question the survey does not have.
  const checked = checkAnswers(framework, link.instrument, (json as { answers: Record<string, unknown> }).answers);
  if (!checked.ok) {
    throw new HttpError(400, "คำตอบไม่ครบหรือไม่ถูกต้อง กรุณาตรวจสอบอีกครั้ง", "Some answers are missing or not valid.", checked.errors);
  }
  const needsCode = link.instrument === "iit" && link.accessMode === "codes";
  const submissionId = parsed.data.submissionId;
  const today = bangkokDate(now);
  // Kiosk treatment only for a tablet enrolled for this link's counter (docs/decisions/kiosk-enrolment.md).
  const kiosk = await isEnrolledKioskFor(db, context.cookie, { id: link.linkId }, today);
  const measured = secondsSinceStart(parsed.data.startStamp, submissionId, now);
  const flag = detectNoise(framework, link.instrument, checked.answers, {
    durationSeconds: measured ?? (kiosk ? (parsed.data.durationSeconds ?? null) : null),
    recentFromAddress: context.recentFromAddress,
    channel: kiosk ? "kiosk" : "phone",
  });
  const scope = poolScopeOf(link.instrument, link);
  let released = 0;
  const stored = await retryingOnIdClash(() =>
    db.transaction().execute(async (trx) => {
      await takePool(trx, scope);
      // A repeat, waiting or released, is thanked again and uses no second code.
      if (await isSubmissionKnown(trx, submissionId)) return false;
      if (needsCode) await consumeAccessCode(trx, link.roundId, parsed.data.accessCode, now, context.clientAddress);
      const pooled = { submissionId, roundId: link.roundId, linkId: link.linkId, instrument: link.instrument, answers: checked.answers, flag, suggestion: checked.suggestion };
      if (!(await addToPool(trx, pooled))) return false;
      released = await releaseIfFull(trx, scope, minimumGroupSize(framework), (t, sets) =>
        storeResponses(
          t,
          sets.map((set) => ({ ...set, instrument: link.instrument, frameworkId: link.frameworkId, answeredOn: today })),
        ),
      );
      return true;
    }),
  );
  // After an IIT group is released, nothing of the rows it came from stays in SQLite's WAL for more than a
  // second: the rows that spent the codes are there. (Before, the WAL holds only sealed pool rows, as the
  // database file does.) EIT answers unlock nothing, so their releases leave the WAL to SQLite.
  if (released > 0 && link.instrument === "iit") truncateWalSoon(db);
  return { stored, flag: stored ? flag : null };
}

/** The databases whose WAL truncation is due (one per process in production; tests open many). */
const walTruncationDue = new WeakSet<Db>();

/**
 * Truncates SQLite's WAL within WAL_TRUNCATE_DELAY_MS of a release, once for all the releases of that
 * second: a checkpoint per release cost the ingest benchmark (IIT answers, a release every fifth) about
 * a third of its rate (571 against 813 submissions a second). A failure (the database closed at shutdown meanwhile) is left to the next release.
 */
function truncateWalSoon(db: Db): void {
  if (walTruncationDue.has(db)) return;
  walTruncationDue.add(db);
  setTimeout(() => {
    walTruncationDue.delete(db);
    truncateSqliteWal(db).catch(() => undefined);
  }, WAL_TRUNCATE_DELAY_MS).unref();
}

const WAL_TRUNCATE_DELAY_MS = 1_000;

/**
 * Runs a submission's transaction again when it failed on a unique index: on PostgreSQL two groups released at the
 * same moment could draw the same random response id (one in a billion), or two repeats of one submission
 * pass the check together. The retry sees the other's commit: a repeat then returns false.
 */
async function retryingOnIdClash<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}
