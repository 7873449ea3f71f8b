/**
 * The round rules (issue 11, items 4 and 5): create a fiscal-year round with its links, optionally
 * starting from the previous round; edit its period and head-count; close it early and reopen it. At
 * most one open round per agency — checked here for a friendly message and held by the database
 * (migration 0006), so of two concurrent creates exactly one wins and the other gets the same 409.
 * Periods of one agency never overlap. Each change and its audit entry are one transaction: a refusal
 * writes nothing. Used by the admin home (app/routes/admin/rounds.tsx) and `npm run cli -- create-round`.
 */
import type { Db } from "../../../db/client.server";
import { listOrganizationCounters } from "../../../db/queries/counters";
import { insertLink } from "../../../db/queries/links";
import { insertMeasure, listMeasureSteps, listMeasureTargets, listMeasureUnits, replaceMeasureParts } from "../../../db/queries/measures";
import { insertRoundOitItems, listRoundOitItems } from "../../../db/queries/oit-checklist";
import {
  type AgencyRoundRow,
  findOpenAgencyRound,
  findOverlappingAgencyRound,
  findPreviousAgencyRound,
  getAgencyRound,
  getMeasureForCarrying,
  isUniqueViolation,
  listRoundCounterIds,
  listUnfinishedMeasureIds,
  setAgencyRoundStatus,
  updateAgencyRoundPlan,
} from "../../../db/queries/round-lifecycle";
import { insertRound } from "../../../db/queries/rounds";
import type { AccessMode } from "../../../db/schema";
import { hasRole } from "../../auth/roles";
import type { SessionUser } from "../../auth/session.server";
import { getFramework, listFrameworkIds } from "../../lib/frameworks.server";
import { generateLinkToken } from "../../lib/tokens.server";
import type { Localized } from "../../scoring/framework";
import { BUDDHIST_ERA_OFFSET, bangkokDate, fiscalYearOf, fiscalYearRange } from "../../text/dates";
import { fill } from "../../text/fill";
import { recordAudit } from "../audit.server";
import {
  checkHeadCount,
  FISCAL_YEAR_MAX,
  FISCAL_YEAR_MIN,
  isIsoDay,
  parseWholeNumber,
  type RawRoundInput,
  ROUND_MESSAGES,
  type RoundFieldErrors,
} from "./form";

/** Who acts: an admin of the agency, or the operator's shell (userId null) for the CLI. */
export interface RoundActor {
  organizationId: number;
  userId: number | null;
}

export type RoundFailure = { ok: false; status: 400 | 403 | 404 | 409; message: Localized; errors: RoundFieldErrors };

export interface CreatedRound {
  ok: true;
  round: AgencyRoundRow;
  links: { linkId: number; instrument: "iit" | "eit"; counterId: number | null; token: string }[];
  /** What was taken from the previous round, when the round started from it. */
  fromPrevious: { roundId: number; counters: number; oitItems: number; measures: number } | null;
}

/**
 * Runs `work` in a transaction of its own, or inside the caller's when `db` already is one (the demo
 * seed creates its rounds within its single transaction).
 */
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function fail(status: RoundFailure["status"], message: Localized, errors: RoundFieldErrors = {}): RoundFailure {
  return { ok: false, status, message, errors };
}

function roundLabel(round: { fiscalYear: number }): Localized {
  return { th: `ปีงบประมาณ พ.ศ. ${round.fiscalYear}`, en: `fiscal year ${round.fiscalYear} B.E.` };
}

function anotherOpen(round: AgencyRoundRow): RoundFailure {
  const title = roundLabel(round);
  return fail(409, { th: fill(ROUND_MESSAGES.anotherOpen.th, { title: title.th }), en: fill(ROUND_MESSAGES.anotherOpen.en, { title: title.en }) });
}

function overlapping(round: AgencyRoundRow): RoundFailure {
  const title = roundLabel(round);
  const values = { startsOn: round.startsOn, endsOn: round.endsOn };
  const message = { th: fill(ROUND_MESSAGES.overlap.th, { ...values, title: title.th }), en: fill(ROUND_MESSAGES.overlap.en, { ...values, title: title.en }) };
  return fail(400, ROUND_MESSAGES.invalid, { startsOn: message });
}

/** The newest installed framework made for the fiscal year or before it; the oldest one otherwise. */
export function defaultFrameworkFor(fiscalYear: number): string {
  const frameworks = listFrameworkIds()
    .map((id) => getFramework(id))
    .sort((a, b) => b.fiscalYear - a.fiscalYear);
  return (frameworks.find((f) => f.fiscalYear <= fiscalYear) ?? frameworks[frameworks.length - 1]!).id;
}

/** The current Thai fiscal year (B.E.) on the Bangkok day of `now`. */
export function currentFiscalYear(now: Date): number {
  return fiscalYearOf(bangkokDate(now));
}

interface CheckedRound {
  fiscalYear: number;
  frameworkId: string;
  startsOn: string;
  endsOn: string;
  staffHeadCount: number | null;
  accessMode: AccessMode;
}

/** The fields alone (no database): defaults filled in, each error beside its field. */
function checkRoundFields(raw: RawRoundInput, now: Date): { ok: true; value: CheckedRound } | RoundFailure {
  const errors: RoundFieldErrors = {};
  const fiscalYear = raw.fiscalYear === undefined ? currentFiscalYear(now) : parseWholeNumber(raw.fiscalYear);
  const yearOk = Number.isInteger(fiscalYear) && fiscalYear >= FISCAL_YEAR_MIN && fiscalYear <= FISCAL_YEAR_MAX;
  if (!yearOk) errors.fiscalYear = ROUND_MESSAGES.fiscalYear;
  const frameworkId = raw.frameworkId ?? (yearOk ? defaultFrameworkFor(fiscalYear) : "");
  if (raw.frameworkId !== undefined && !listFrameworkIds().includes(raw.frameworkId)) errors.frameworkId = ROUND_MESSAGES.framework;
  const range = yearOk ? fiscalYearRange(fiscalYear) : { startsOn: "", endsOn: "" };
  const startsOn = raw.startsOn ?? range.startsOn;
  const endsOn = raw.endsOn ?? range.endsOn;
  if (yearOk || raw.startsOn !== undefined) if (!isIsoDay(startsOn)) errors.startsOn = ROUND_MESSAGES.startsOn;
  if (yearOk || raw.endsOn !== undefined) if (!isIsoDay(endsOn)) errors.endsOn = ROUND_MESSAGES.endsOn;
  if (!errors.startsOn && !errors.endsOn && startsOn && endsOn && endsOn < startsOn) errors.endsOn = ROUND_MESSAGES.endBeforeStart;
  let staffHeadCount: number | null = null;
  if (raw.staffHeadCount !== undefined) {
    staffHeadCount = parseWholeNumber(raw.staffHeadCount);
    if (!checkHeadCount(staffHeadCount)) errors.staffHeadCount = ROUND_MESSAGES.headCount;
  }
  const accessMode = (raw.accessMode ?? "open") as AccessMode;
  if (accessMode !== "open" && accessMode !== "codes") errors.accessMode = ROUND_MESSAGES.accessMode;
  if (Object.keys(errors).length > 0) return fail(400, ROUND_MESSAGES.invalid, errors);
  return { ok: true, value: { fiscalYear, frameworkId, startsOn, endsOn, staffHeadCount, accessMode } };
}

/**
 * Creates a round for the actor's agency, open, with one IIT link and one EIT link per counter taking
 * part; starting from the previous round (the agency's latest that started before this one) it also
 * copies the OIT checklist (the new round's is empty) and carries the measures not done, each linked to
 * the measure it came from. Refused with 400 (fields) or 409 (another open round), writing nothing.
 */
export async function createRound(db: Db, actor: RoundActor, raw: RawRoundInput, now: Date): Promise<CreatedRound | RoundFailure> {
  const checked = checkRoundFields(raw, now);
  if (!checked.ok) return checked;
  const input = checked.value;
  const createdAt = now.toISOString();
  try {
    return await inTransaction(db, async (trx): Promise<CreatedRound | RoundFailure> => {
      const previous = await findPreviousAgencyRound(trx, actor.organizationId, input.startsOn);
      const staffHeadCount = input.staffHeadCount ?? previous?.staffHeadCount;
      if (staffHeadCount === undefined) return fail(400, ROUND_MESSAGES.invalid, { staffHeadCount: ROUND_MESSAGES.headCountRequired });

      const activeCounters = (await listOrganizationCounters(trx, actor.organizationId)).filter((c) => c.status === "active");
      const active = new Set(activeCounters.map((c) => c.id));
      let counterIds: number[];
      if (raw.counterIds !== undefined) {
        counterIds = [...new Set(raw.counterIds.map((id) => parseWholeNumber(id)))];
        if (counterIds.some((id) => !active.has(id))) return fail(400, ROUND_MESSAGES.invalid, { counterIds: ROUND_MESSAGES.counters });
      } else if (raw.fromPrevious && previous) {
        counterIds = (await listRoundCounterIds(trx, previous.id)).filter((id) => active.has(id));
      } else {
        counterIds = [...active];
      }

      const open = await findOpenAgencyRound(trx, actor.organizationId);
      if (open) return anotherOpen(open);
      const overlap = await findOverlappingAgencyRound(trx, actor.organizationId, input);
      if (overlap) return overlapping(overlap);

      const roundId = await insertRound(trx, {
        organization_id: actor.organizationId,
        framework_id: input.frameworkId,
        fiscal_year: input.fiscalYear,
        title_th: `การประเมิน ITA ปีงบประมาณ พ.ศ. ${input.fiscalYear}`,
        title_en: `ITA assessment, fiscal year ${input.fiscalYear - BUDDHIST_ERA_OFFSET}`,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        staff_head_count: staffHeadCount,
        access_mode: input.accessMode,
        created_at: createdAt,
      });
      const links: CreatedRound["links"] = [];
      for (const counterId of [null, ...counterIds]) {
        const instrument = counterId === null ? ("iit" as const) : ("eit" as const);
        const token = generateLinkToken();
        const linkId = await insertLink(trx, { round_id: roundId, instrument, counter_id: counterId, token, created_at: createdAt });
        links.push({ linkId, instrument, counterId, token });
      }

      let fromPrevious: CreatedRound["fromPrevious"] = null;
      if (raw.fromPrevious && previous) {
        fromPrevious = {
          roundId: previous.id,
          counters: counterIds.length,
          oitItems: await copyOitChecklist(trx, previous.id, roundId, input.frameworkId, actor.userId, createdAt),
          measures: await carryMeasures(trx, actor, previous.id, roundId, createdAt),
        };
      }
      const round = (await getAgencyRound(trx, actor.organizationId, roundId))!;
      await recordAudit(
        trx,
        actor,
        "round.create",
        `round:${roundId}`,
        {
          fiscalYear: round.fiscalYear,
          frameworkId: round.frameworkId,
          startsOn: round.startsOn,
          endsOn: round.endsOn,
          staffHeadCount: round.staffHeadCount,
          accessMode: round.accessMode,
          counterIds,
          // Link ids only: a token is never written to the audit log.
          linkIds: links.map((l) => l.linkId),
          fromPrevious,
        },
        now,
      );
      return { ok: true, round, links, fromPrevious };
    });
  } catch (error) {
    // Another create (or reopen) committed an open round between our check and our insert: the
    // database's one-open-round index refused ours; say so as the check would have.
    if (!isUniqueViolation(error)) throw error;
    const open = await findOpenAgencyRound(db, actor.organizationId);
    return open ? anotherOpen(open) : fail(409, { th: "มีการเปลี่ยนแปลงรอบการประเมินพร้อมกัน กรุณาลองใหม่", en: "Rounds changed at the same moment; please try again." });
  }
}

/** Copies the previous round's OIT checklist into the new (empty) round: items of its framework only. */
async function copyOitChecklist(db: Db, fromRoundId: number, toRoundId: number, frameworkId: string, userId: number | null, at: string): Promise<number> {
  const known = new Set(getFramework(frameworkId).subIndicators.flatMap((s) => s.items.map((i) => i.code)));
  const source = (await listRoundOitItems(db, fromRoundId)).filter((r) => known.has(r.itemCode));
  await insertRoundOitItems(
    db,
    source.map((r) => ({ roundId: toRoundId, itemCode: r.itemCode, status: r.status, evidenceUrls: r.evidenceUrls, note: r.note, updatedBy: userId, updatedAt: at })),
  );
  return source.length;
}

/**
 * Carries the measures not done into the new round, in their order, with their steps, units and
 * targets and status; progress notes stay with the round they were written in. Each copy keeps the id
 * of the measure it came from (carried_from_id).
 */
async function carryMeasures(db: Db, actor: RoundActor, fromRoundId: number, toRoundId: number, at: string): Promise<number> {
  const ids = await listUnfinishedMeasureIds(db, actor.organizationId, fromRoundId);
  if (ids.length === 0) return 0;
  // One after another: a transaction holds one connection.
  const steps = await listMeasureSteps(db, ids);
  const units = await listMeasureUnits(db, ids);
  const targets = await listMeasureTargets(db, ids);
  let position = 0;
  for (const id of ids) {
    const measure = (await getMeasureForCarrying(db, actor.organizationId, id))!;
    position += 1;
    const newId = await insertMeasure(db, {
      organization_id: actor.organizationId,
      round_id: toRoundId,
      position,
      title: measure.title,
      period: measure.period,
      due_on: measure.dueOn,
      follow_up: measure.followUp,
      status: measure.status,
      created_by: actor.userId,
      created_at: at,
      updated_by: actor.userId,
      updated_at: at,
      carried_from_id: id,
    });
    await replaceMeasureParts(db, newId, {
      steps: steps.filter((s) => s.measureId === id).map((s) => s.text),
      unitIds: units.filter((u) => u.measureId === id).map((u) => u.id),
      targets: targets.filter((t) => t.measureId === id).map((t) => t.code),
    });
  }
  return ids.length;
}

/** Edits the period and head-count of a round of the agency; the period must not overlap another round. */
export async function updateRoundPlan(
  db: Db,
  actor: RoundActor,
  roundId: number,
  raw: { startsOn?: string; endsOn?: string; staffHeadCount?: string },
  now: Date,
): Promise<{ ok: true; round: AgencyRoundRow } | RoundFailure> {
  const errors: RoundFieldErrors = {};
  const startsOn = raw.startsOn ?? "";
  const endsOn = raw.endsOn ?? "";
  if (!isIsoDay(startsOn)) errors.startsOn = ROUND_MESSAGES.startsOn;
  if (!isIsoDay(endsOn)) errors.endsOn = ROUND_MESSAGES.endsOn;
  if (!errors.startsOn && !errors.endsOn && endsOn < startsOn) errors.endsOn = ROUND_MESSAGES.endBeforeStart;
  const staffHeadCount = parseWholeNumber(raw.staffHeadCount);
  if (!checkHeadCount(staffHeadCount)) errors.staffHeadCount = ROUND_MESSAGES.headCount;
  if (Object.keys(errors).length > 0) return fail(400, ROUND_MESSAGES.invalid, errors);
  return db.transaction().execute(async (trx) => {
    const before = await getAgencyRound(trx, actor.organizationId, roundId);
    if (!before) return fail(404, { th: "ไม่พบรอบการประเมินนี้", en: "No such round." });
    const overlap = await findOverlappingAgencyRound(trx, actor.organizationId, { startsOn, endsOn }, roundId);
    if (overlap) return overlapping(overlap);
    await updateAgencyRoundPlan(trx, actor.organizationId, roundId, { startsOn, endsOn, staffHeadCount });
    await recordAudit(
      trx,
      actor,
      "round.update",
      `round:${roundId}`,
      { before: { startsOn: before.startsOn, endsOn: before.endsOn, staffHeadCount: before.staffHeadCount }, after: { startsOn, endsOn, staffHeadCount } },
      now,
    );
    return { ok: true as const, round: (await getAgencyRound(trx, actor.organizationId, roundId))! };
  });
}

/**
 * Closes a round (early, or after its period) or reopens it. Reopening is refused (409) while another
 * round of the agency is open. A reopened round takes answers again only on days within its period.
 */
export async function setRoundStatus(
  db: Db,
  actor: RoundActor,
  roundId: number,
  status: "open" | "closed",
  now: Date,
): Promise<{ ok: true; round: AgencyRoundRow } | RoundFailure> {
  try {
    return await db.transaction().execute(async (trx) => {
      const round = await getAgencyRound(trx, actor.organizationId, roundId);
      if (!round) return fail(404, { th: "ไม่พบรอบการประเมินนี้", en: "No such round." });
      if (round.status === status) return fail(409, status === "open" ? ROUND_MESSAGES.alreadyOpen : ROUND_MESSAGES.alreadyClosed);
      if (status === "open") {
        const open = await findOpenAgencyRound(trx, actor.organizationId, roundId);
        if (open) return anotherOpen(open);
      }
      await setAgencyRoundStatus(trx, actor.organizationId, roundId, status);
      await recordAudit(trx, actor, status === "open" ? "round.reopen" : "round.close", `round:${roundId}`, { fiscalYear: round.fiscalYear }, now);
      return { ok: true as const, round: { ...round, status } };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const open = await findOpenAgencyRound(db, actor.organizationId, roundId);
    return open ? anotherOpen(open) : fail(409, { th: "มีการเปลี่ยนแปลงรอบการประเมินพร้อมกัน กรุณาลองใหม่", en: "Rounds changed at the same moment; please try again." });
  }
}

/** The admin home's form posts, dispatched on their named intent. The caller checked the anti-forgery token. */
export async function applyRoundsForm(
  db: Db,
  user: SessionUser,
  form: FormData,
  readCreate: (form: FormData) => RawRoundInput,
  now: Date,
): Promise<{ ok: true; redirectTo: string } | RoundFailure> {
  if (!hasRole(user.role, "admin")) return fail(403, ROUND_MESSAGES.forbidden);
  const actor = { organizationId: user.organizationId, userId: user.userId };
  const intent = form.get("intent");
  const roundId = parseWholeNumber(typeof form.get("roundId") === "string" ? (form.get("roundId") as string) : undefined);
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.trim() : undefined;
  };
  switch (intent) {
    case "create": {
      const result = await createRound(db, actor, readCreate(form), now);
      return result.ok ? { ok: true, redirectTo: `/admin?created=${result.round.id}` } : result;
    }
    case "close":
    case "reopen": {
      if (!Number.isSafeInteger(roundId)) return fail(404, { th: "ไม่พบรอบการประเมินนี้", en: "No such round." });
      const result = await setRoundStatus(db, actor, roundId, intent === "close" ? "closed" : "open", now);
      return result.ok ? { ok: true, redirectTo: `/admin?${intent === "close" ? "closed" : "reopened"}=${roundId}` } : result;
    }
    case "update": {
      if (!Number.isSafeInteger(roundId)) return fail(404, { th: "ไม่พบรอบการประเมินนี้", en: "No such round." });
      const result = await updateRoundPlan(db, actor, roundId, { startsOn: text("startsOn"), endsOn: text("endsOn"), staffHeadCount: text("staffHeadCount") }, now);
      return result.ok ? { ok: true, redirectTo: `/admin?updated=${roundId}` } : result;
    }
    default:
      return fail(400, ROUND_MESSAGES.unknownIntent);
  }
}
