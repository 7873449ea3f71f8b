/**
 * Changes to the measures plan of a round, dispatched on the form's `intent`: create, update, delete
 * and reorder measures; accept, dismiss and restore proposals; add and delete progress notes. Each
 * change and its audit entry are one transaction, so a failing part writes nothing. The caller has
 * checked the role (manager), the anti-forgery token and that the round is the user's agency's.
 */
import type { Db } from "../../../db/client.server";
import {
  deleteDismissedProposal,
  deleteMeasureNote,
  deleteMeasureRow,
  insertDismissedProposal,
  insertMeasure,
  insertMeasureNote,
  listMeasureUnits,
  listRoundMeasureRows,
  listRoundTargetCodes,
  lockRoundPlan,
  nextMeasurePosition,
  replaceMeasureParts,
  setMeasurePosition,
  touchMeasure,
  updateMeasureRow,
} from "../../../db/queries/measures";
import { getRoundSuggestion, updateSuggestion } from "../../../db/queries/suggestions";
import { bangkokDate } from "../../text/dates";
import { parseSuggestionId } from "../suggestions/form";
import { getFramework } from "../../lib/frameworks.server";
import { hasRole } from "../../auth/roles";
import { requireAgencyRound, requireRound } from "../../auth/round-access.server";
import { requireCsrf, type SessionUser } from "../../auth/session.server";
import type { Localized } from "../../scoring/framework";
import { recordAudit } from "../audit.server";
import { listTargets } from "./drafts";
import { MEASURE_MESSAGES, type MeasureFieldErrors, type MeasureFormValues, type MeasureInput, parseMeasureForm, parseNoteForm } from "./form";
import { listRoundProposals, listUnitChoices, requireRoundMeasure, type RoundRef } from "./page.server";

export type MeasureActionResult =
  | { ok: true; redirectTo: string }
  | {
      ok: false;
      status: 400 | 403 | 404 | 409;
      message: Localized;
      /** The measure form's field errors and values, to show the form again as sent. */
      errors?: MeasureFieldErrors;
      values?: MeasureFormValues;
      /** The note form's errors and values. */
      noteErrors?: { notedOn?: Localized; text?: Localized };
      noteValues?: { notedOn: string; text: string };
    };

const MESSAGES = {
  unknownIntent: { th: "ไม่รู้จักคำสั่งของแบบฟอร์มนี้", en: "Unknown form action." },
  notFound: { th: "ไม่พบมาตรการนี้ในรอบการประเมินนี้", en: "There is no such measure in this round." },
  noteNotFound: { th: "ไม่พบบันทึกความคืบหน้านี้", en: "There is no such progress note." },
  proposalGone: {
    th: "ข้อเสนอนี้ไม่อยู่ในรายการแล้ว (อาจมีมาตรการหรือถูกข้ามไปแล้ว) กรุณาโหลดหน้าใหม่",
    en: "This proposal is no longer open (it may already have a measure or have been dismissed). Reload the page.",
  },
  proposalNoUnit: {
    th: "ไม่พบส่วนราชการที่ตรงกับผู้รับผิดชอบที่เสนอ กรุณาใช้ “แก้ไขก่อนรับ” เพื่อเลือกผู้รับผิดชอบ",
    en: "No unit of the agency matches the suggested one; use “Edit, then accept” to choose the responsible unit.",
  },
  notDismissed: { th: "ข้อเสนอนี้ไม่ได้ถูกข้ามไว้", en: "This proposal was not dismissed." },
  badDirection: { th: "ทิศทางการเลื่อนลำดับไม่ถูกต้อง", en: "Unknown direction." },
  forbidden: { th: "บัญชีของท่านไม่มีสิทธิ์ทำรายการนี้", en: "Your account may not do this." },
  suggestionNotFound: { th: "ไม่พบข้อเสนอแนะนี้ในรอบการประเมินนี้", en: "There is no such suggestion in this round." },
} as const satisfies Record<string, Localized>;

function fail(status: 400 | 403 | 404 | 409, message: Localized): MeasureActionResult {
  return { ok: false, status, message };
}

function actorOf(user: SessionUser) {
  return { organizationId: user.organizationId, userId: user.userId };
}

function listPath(round: RoundRef, query = ""): string {
  return `/admin/rounds/${round.id}/measures${query}`;
}

function formPath(round: RoundRef, measureId: number, query = ""): string {
  return `/admin/rounds/${round.id}/measures/edit?measure=${measureId}${query}`;
}

function auditDetail(input: MeasureInput): Record<string, unknown> {
  return { ...input };
}

/**
 * Creates a measure with its steps, units and targets at the end of the round's list, and audits it,
 * in one transaction: if any part fails (a unit deleted meanwhile, say), nothing is written.
 */
export async function createMeasure(
  db: Db,
  user: SessionUser,
  round: RoundRef,
  input: MeasureInput,
  now: Date,
  audit: { action: string; extra?: Record<string, unknown> } = { action: "measure.create" },
  /** Accepting a proposal: create nothing if a measure of the round already targets this code. */
  onlyIfUntargeted?: string,
  /** More to write in the same transaction once the measure has its id (linking the suggestion it came from). */
  afterInsert?: (trx: Db, measureId: number) => Promise<void>,
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    await lockRoundPlan(trx, round.id);
    // Checked again inside the transaction, so two clicks on "accept" cannot make two measures.
    if (onlyIfUntargeted !== undefined && (await listRoundTargetCodes(trx, user.organizationId, round.id)).includes(onlyIfUntargeted)) return null;
    const at = now.toISOString();
    const id = await insertMeasure(trx, {
      organization_id: user.organizationId,
      round_id: round.id,
      position: await nextMeasurePosition(trx, round.id),
      title: input.title,
      period: input.period,
      due_on: input.dueOn,
      follow_up: input.followUp,
      status: input.status,
      created_by: user.userId,
      created_at: at,
      updated_by: user.userId,
      updated_at: at,
    });
    await replaceMeasureParts(trx, id, { steps: input.steps, unitIds: input.unitIds, targets: input.targets });
    await afterInsert?.(trx, id);
    await recordAudit(trx, actorOf(user), audit.action, `measure:${id}`, { roundId: round.id, ...auditDetail(input), ...audit.extra }, now);
    return id;
  });
}

async function parseFor(db: Db, user: SessionUser, round: RoundRef, form: FormData, keepUnitIds: readonly number[] = []) {
  const units = await listUnitChoices(db, user.organizationId, keepUnitIds);
  const targets = new Set(listTargets(getFramework(round.frameworkId)).map((t) => t.code));
  return parseMeasureForm(form, new Set(units.map((u) => u.id)), targets);
}

function invalid(parsed: { errors: MeasureFieldErrors; values: MeasureFormValues }): MeasureActionResult {
  return { ok: false, status: 400, message: MEASURE_MESSAGES.invalid, errors: parsed.errors, values: parsed.values };
}

async function create(db: Db, user: SessionUser, round: RoundRef, form: FormData, now: Date): Promise<MeasureActionResult> {
  // Started from a visitor's suggestion (issue 15): it must be the round's (404 otherwise), checked first.
  const suggestionParam = form.get("suggestion");
  const suggestion = typeof suggestionParam === "string" && suggestionParam !== "" ? await getRoundSuggestion(db, user.organizationId, round.id, parseSuggestionId(suggestionParam) ?? "") : null;
  if (suggestion === undefined) return fail(404, MESSAGES.suggestionNotFound);
  const parsed = await parseFor(db, user, round, form);
  if (!parsed.ok) return invalid(parsed);
  // Started from a proposal ("edit, then accept") or a suggestion: recorded in the audit entry.
  const from = form.get("from");
  const extra = {
    ...(typeof from === "string" && from !== "" ? { fromProposal: from.slice(0, 20) } : {}),
    ...(suggestion ? { fromSuggestion: suggestion.id } : {}),
  };
  // The suggestion is linked to the measure and counts as acted on, in the measure's own transaction.
  const link = suggestion
    ? (trx: Db, measureId: number) =>
        updateSuggestion(trx, round.id, suggestion.id, { status: "acted", note: suggestion.note, measureId, updatedBy: user.userId, updatedAt: now.toISOString() })
    : undefined;
  const id = (await createMeasure(db, user, round, parsed.input, now, { action: "measure.create", extra: Object.keys(extra).length > 0 ? extra : undefined }, undefined, link))!;
  return { ok: true, redirectTo: listPath(round, `?saved=${id}#measure-${id}`) };
}

async function update(db: Db, user: SessionUser, round: RoundRef, form: FormData, now: Date): Promise<MeasureActionResult> {
  const row = await requireRoundMeasure(db, user.organizationId, round.id, form.get("measureId"));
  // A unit retired since the measure was made may stay on it.
  const keep = (await listMeasureUnits(db, [row.id])).map((u) => u.id);
  const parsed = await parseFor(db, user, round, form, keep);
  if (!parsed.ok) return invalid(parsed);
  const input = parsed.input;
  await db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    await updateMeasureRow(trx, user.organizationId, row.id, { ...input, updatedBy: user.userId, updatedAt: at });
    await replaceMeasureParts(trx, row.id, input);
    await recordAudit(trx, actorOf(user), "measure.update", `measure:${row.id}`, { roundId: round.id, before: { title: row.title, status: row.status, dueOn: row.dueOn }, ...auditDetail(input) }, now);
  });
  return { ok: true, redirectTo: listPath(round, `?saved=${row.id}#measure-${row.id}`) };
}

/** Numbers the round's measures 1…n in the given order (closing gaps left by deletions). */
async function renumber(db: Db, user: SessionUser, round: RoundRef, ids: readonly number[]): Promise<void> {
  for (const [index, id] of ids.entries()) await setMeasurePosition(db, user.organizationId, id, index + 1);
}

async function remove(db: Db, user: SessionUser, round: RoundRef, form: FormData, now: Date): Promise<MeasureActionResult> {
  const row = await requireRoundMeasure(db, user.organizationId, round.id, form.get("measureId"));
  await db.transaction().execute(async (trx) => {
    await lockRoundPlan(trx, round.id);
    await deleteMeasureRow(trx, user.organizationId, row.id);
    const rest = await listRoundMeasureRows(trx, user.organizationId, round.id);
    await renumber(trx, user, round, rest.map((r) => r.id));
    await recordAudit(trx, actorOf(user), "measure.delete", `measure:${row.id}`, { roundId: round.id, title: row.title, position: row.position }, now);
  });
  return { ok: true, redirectTo: listPath(round, "?deleted=1") };
}

async function move(db: Db, user: SessionUser, round: RoundRef, form: FormData, now: Date): Promise<MeasureActionResult> {
  const row = await requireRoundMeasure(db, user.organizationId, round.id, form.get("measureId"));
  const direction = form.get("direction");
  if (direction !== "up" && direction !== "down") return fail(400, MESSAGES.badDirection);
  await db.transaction().execute(async (trx) => {
    await lockRoundPlan(trx, round.id);
    const ids = (await listRoundMeasureRows(trx, user.organizationId, round.id)).map((r) => r.id);
    const from = ids.indexOf(row.id);
    const to = direction === "up" ? from - 1 : from + 1;
    // At the top (or bottom) already: nothing moves, the list is only renumbered.
    if (to >= 0 && to < ids.length) [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    await renumber(trx, user, round, ids);
    await recordAudit(trx, actorOf(user), "measure.move", `measure:${row.id}`, { roundId: round.id, direction, position: ids.indexOf(row.id) + 1 }, now);
  });
  return { ok: true, redirectTo: listPath(round, `#measure-${row.id}`) };
}

function codeOf(form: FormData): string {
  const code = form.get("code");
  return typeof code === "string" ? code.trim().slice(0, 20) : "";
}

async function accept(db: Db, user: SessionUser, round: RoundRef, form: FormData, now: Date): Promise<MeasureActionResult> {
  const code = codeOf(form);
  const { proposals } = await listRoundProposals(db, round);
  const proposal = proposals.find((p) => p.code === code);
  if (!proposal) return fail(409, MESSAGES.proposalGone);
  if (proposal.draft.unitIds.length === 0) return fail(400, MESSAGES.proposalNoUnit);
  const { draft } = proposal;
  const input: MeasureInput = {
    title: draft.title,
    steps: draft.steps,
    unitIds: draft.unitIds,
    period: draft.period,
    dueOn: null,
    followUp: draft.followUp,
    status: "planned",
    targets: draft.targets,
  };
  const id = await createMeasure(db, user, round, input, now, { action: "measure.accept-proposal", extra: { fromProposal: code } }, code);
  if (id === null) return fail(409, MESSAGES.proposalGone);
  return { ok: true, redirectTo: listPath(round, `?accepted=${id}#measure-${id}`) };
}

async function dismiss(db: Db, user: SessionUser, round: RoundRef, form: FormData, now: Date): Promise<MeasureActionResult> {
  const code = codeOf(form);
  const { proposals } = await listRoundProposals(db, round);
  if (!proposals.some((p) => p.code === code)) return fail(409, MESSAGES.proposalGone);
  await db.transaction().execute(async (trx) => {
    await insertDismissedProposal(trx, round.id, code, user.userId, now.toISOString());
    await recordAudit(trx, actorOf(user), "measure-proposal.dismiss", `round:${round.id}`, { code }, now);
  });
  return { ok: true, redirectTo: listPath(round, `?dismissed=${encodeURIComponent(code)}#proposals`) };
}

async function restore(db: Db, user: SessionUser, round: RoundRef, form: FormData, now: Date): Promise<MeasureActionResult> {
  const code = codeOf(form);
  const restored = await db.transaction().execute(async (trx) => {
    if (!(await deleteDismissedProposal(trx, round.id, code))) return false;
    await recordAudit(trx, actorOf(user), "measure-proposal.restore", `round:${round.id}`, { code }, now);
    return true;
  });
  if (!restored) return fail(409, MESSAGES.notDismissed);
  return { ok: true, redirectTo: listPath(round, `?restored=${encodeURIComponent(code)}#proposals`) };
}

async function addNote(db: Db, user: SessionUser, round: RoundRef, form: FormData, now: Date): Promise<MeasureActionResult> {
  const row = await requireRoundMeasure(db, user.organizationId, round.id, form.get("measureId"));
  const parsed = parseNoteForm(form, bangkokDate(now));
  if (!parsed.ok) return { ok: false, status: 400, message: MEASURE_MESSAGES.invalid, noteErrors: parsed.errors, noteValues: parsed.values };
  const noteId = await db.transaction().execute(async (trx) => {
    const id = await insertMeasureNote(trx, { measureId: row.id, notedOn: parsed.notedOn, text: parsed.text, createdBy: user.userId, createdAt: now.toISOString() });
    await touchMeasure(trx, user.organizationId, row.id, user.userId, now.toISOString());
    await recordAudit(trx, actorOf(user), "measure-note.create", `measure:${row.id}`, { noteId: id, notedOn: parsed.notedOn, text: parsed.text }, now);
    return id;
  });
  return { ok: true, redirectTo: formPath(round, row.id, `&noted=${noteId}#notes`) };
}

async function removeNote(db: Db, user: SessionUser, round: RoundRef, form: FormData, now: Date): Promise<MeasureActionResult> {
  const row = await requireRoundMeasure(db, user.organizationId, round.id, form.get("measureId"));
  const noteText = form.get("noteId");
  const noteId = typeof noteText === "string" && /^\d{1,9}$/.test(noteText) ? Number(noteText) : 0;
  const deleted = await db.transaction().execute(async (trx) => {
    if (noteId === 0 || !(await deleteMeasureNote(trx, user.organizationId, row.id, noteId))) return false;
    await recordAudit(trx, actorOf(user), "measure-note.delete", `measure:${row.id}`, { noteId }, now);
    return true;
  });
  if (!deleted) return fail(404, MESSAGES.noteNotFound);
  return { ok: true, redirectTo: formPath(round, row.id, "#notes") };
}

const INTENTS = {
  create,
  update,
  delete: remove,
  move,
  accept,
  dismiss,
  restore,
  "add-note": addNote,
  "delete-note": removeNote,
} as const;

/**
 * A POST to either measures page (the plan and one measure's form) by `user`, whom the route has
 * checked to be a manager or admin: the session's anti-forgery token, the agency's own round, then the
 * intent.
 */
export async function postMeasuresForm(db: Db, user: SessionUser, request: Request, roundIdParam: string | undefined, now: Date): Promise<MeasureActionResult> {
  const form = await request.formData();
  requireCsrf(user, form);
  const round = await requireRound(db, user, roundIdParam);
  return applyMeasuresForm(db, user, round, form, now);
}

/** The measures pages' form posts, dispatched on their named intent. */
export async function applyMeasuresForm(db: Db, user: SessionUser, round: RoundRef, form: FormData, now: Date): Promise<MeasureActionResult> {
  // The route already requires a manager; checked again here so that no caller can forget it.
  if (!hasRole(user.role, "manager")) return fail(403, MESSAGES.forbidden);
  requireAgencyRound(user, round);
  const intent = form.get("intent");
  const handler = typeof intent === "string" && Object.hasOwn(INTENTS, intent) ? INTENTS[intent as keyof typeof INTENTS] : undefined;
  if (!handler) return fail(400, MESSAGES.unknownIntent);
  return handler(db, user, round, form, now);
}
