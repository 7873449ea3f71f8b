/**
 * The measures plan of a round (issue 5, part 2): the agency's มาตรการ with the columns of the plan
 * municipalities write by hand (../shared/reference/khlong-phikrai-2565-measures.txt), read for the
 * page, the dashboard and the published report, with the proposals drafted from the round's weak areas.
 *
 * This file reads. ./form.ts checks what a manager posts, ./commands.server.ts writes it, and
 * ./drafts.ts turns the framework's advice into a proposed measure.
 */
import { data } from "react-router";
import type { Db } from "../../../db/client.server";
import { listOrganizationUnits } from "../../../db/queries/counters";
import {
  getMeasureRow,
  listDismissedTargets,
  listMeasureNotes,
  listMeasureSteps,
  listMeasureTargets,
  listMeasureUnits,
  listRoundMeasureRows,
  listRoundTargetCodes,
  type MeasureRow,
} from "../../../db/queries/measures";
import type { MeasureStatus } from "../../../db/schema";
import { getFramework, getFrameworkAdvice } from "../../lib/frameworks.server";
import { hasRole } from "../../auth/roles";
import type { SessionUser } from "../../auth/session.server";
import type { Framework, Localized } from "../../scoring/framework";
import { getRoundSuggestion, listSuggestionsOfMeasures, type SuggestionRef } from "../../../db/queries/suggestions";
import { parseSuggestionId } from "../suggestions/form";
import { draftFromAdvice, draftFromSuggestion, listTargets, type MeasureDraft, targetLabel, targetOrder, type TargetInfo, type TargetKind } from "./drafts";
import { draftFormValues, emptyFormValues, type MeasureFormValues } from "./form";
import { getRoundResults } from "../round-results.server";

export type { MeasureStatus };

/** A measure as the report prints it: one row of the plan's table. */
export interface MeasureForReport {
  id: number;
  title: string;
  steps: string[];
  units: { id: number; nameTh: string; nameEn: string }[];
  period: string;
  dueOn: string | null;
  followUp: string;
  status: "planned" | "in-progress" | "done";
  targets: string[];
  overdue: boolean;
  notes: { notedOn: string; text: string }[];
}

/** Past its due date (YYYY-MM-DD, compared as text) and not done. */
export function isOverdue(measure: { dueOn: string | null; status: MeasureStatus }, today: string): boolean {
  return measure.dueOn !== null && measure.dueOn < today && measure.status !== "done";
}

export interface MeasureDetail extends MeasureForReport {
  position: number;
  updatedAt: string;
  updatedByName: string | null;
  notes: { id: number; notedOn: string; text: string; authorName: string | null }[];
}

function groupBy<T extends { measureId: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.measureId);
    if (group) group.push(row);
    else groups.set(row.measureId, [row]);
  }
  return groups;
}

/**
 * Measures with their steps, units, targets and notes, in the order of `rows`. Target codes follow
 * `targetOrder` (the framework's order) when given, so "4" comes before "i20" and i2 before i10.
 */
export async function assembleMeasures(db: Db, rows: readonly MeasureRow[], today: string, targetOrder?: ReadonlyMap<string, number>): Promise<MeasureDetail[]> {
  const ids = rows.map((r) => r.id);
  const [steps, units, targets, notes] = await Promise.all([
    listMeasureSteps(db, ids),
    listMeasureUnits(db, ids),
    listMeasureTargets(db, ids),
    listMeasureNotes(db, ids),
  ]);
  const stepsOf = groupBy(steps);
  const unitsOf = groupBy(units);
  const targetsOf = groupBy(targets);
  const notesOf = groupBy(notes);
  const rank = (code: string) => targetOrder?.get(code) ?? Number.MAX_SAFE_INTEGER;
  return rows.map((row) => ({
    id: row.id,
    position: row.position,
    title: row.title,
    steps: (stepsOf.get(row.id) ?? []).map((s) => s.text),
    units: (unitsOf.get(row.id) ?? []).map(({ id, nameTh, nameEn }) => ({ id, nameTh, nameEn })),
    period: row.period,
    dueOn: row.dueOn,
    followUp: row.followUp,
    status: row.status,
    targets: (targetsOf.get(row.id) ?? [])
      .map((t) => t.code)
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)),
    overdue: isOverdue(row, today),
    notes: (notesOf.get(row.id) ?? []).map((n) => ({ id: n.id, notedOn: n.notedOn, text: n.text, authorName: n.authorName || n.authorUsername })),
    updatedAt: row.updatedAt,
    updatedByName: row.updatedByName,
  }));
}

/**
 * The round's measures in the agency's numbering (the report prints them ๑, ๒, … in this order).
 * Scoped by organization: another agency's round gives an empty list. `today` is YYYY-MM-DD in Bangkok.
 */
export async function listRoundMeasures(db: Db, organizationId: number, roundId: number, today: string): Promise<MeasureForReport[]> {
  const rows = await listRoundMeasureRows(db, organizationId, roundId);
  const measures = await assembleMeasures(db, rows, today);
  return measures.map((m) => ({
    id: m.id,
    title: m.title,
    steps: m.steps,
    units: m.units,
    period: m.period,
    dueOn: m.dueOn,
    followUp: m.followUp,
    status: m.status,
    targets: m.targets,
    overdue: m.overdue,
    notes: m.notes.map((n) => ({ notedOn: n.notedOn, text: n.text })),
  }));
}

// --- proposals: a measure from the framework's advice for every weak area nobody has answered yet

export interface Proposal {
  /** The weak area's code: an indicator ("4"), a question ("i20") or an OIT item ("o23"). */
  code: string;
  kind: TargetKind;
  indicator: string;
  label: Localized;
  /** 0–100 at full precision; 0 for a failing OIT item. */
  score: number;
  /** What the low score means (framework). */
  low: Localized;
  /** The advice's title in both languages (the measure itself is saved in Thai, as the plan is). */
  adviceTitle: Localized;
  /** The measure accepting it creates (Thai). */
  draft: MeasureDraft;
  /** Names of the units the draft names; empty when no unit of the agency matches the advice's hint. */
  unitNames: Localized[];
}

export interface DismissedView {
  code: string;
  label: Localized;
  /** Whether the area is still under the pass mark (or failing) in the round. */
  stillWeak: boolean;
}

const KIND_ORDER: Record<TargetKind, number> = { indicator: 0, item: 1, "checklist-item": 2 };

/** The round of a measures page or change, as requireRound returns it. */
export interface RoundRef {
  id: number;
  organizationId: number;
  frameworkId: string;
  fiscalYear: number;
}

/**
 * The round's proposals and dismissed proposals. Weak areas come from the round's scores as the
 * dashboard computes them (indicators and questions under the pass mark, failing OIT items; sub-items
 * are covered by their question). A proposal for a question or OIT item also targets its indicator when
 * that is weak, so accepting it answers both.
 */
export async function listRoundProposals(db: Db, round: RoundRef): Promise<{ proposals: Proposal[]; dismissed: DismissedView[] }> {
  const framework = getFramework(round.frameworkId);
  const advice = getFrameworkAdvice(round.frameworkId);
  const [results, covered, dismissedCodes, units] = await Promise.all([
    getRoundResults(db, round.id),
    listRoundTargetCodes(db, round.organizationId, round.id),
    listDismissedTargets(db, round.id),
    listOrganizationUnits(db, round.organizationId),
  ]);
  const activeUnits = units.filter((u) => u.status === "active");
  const unitById = new Map(units.map((u) => [u.id, u]));
  const targets = new Map(listTargets(framework).map((t) => [t.code, t]));
  const weak = (results?.weakAreas ?? []).filter((a) => a.kind !== "field");
  const weakCodes = new Set(weak.map((a) => a.code));
  const coveredCodes = new Set(covered);
  const dismissedSet = new Set(dismissedCodes);
  const indicatorOrder = new Map(framework.indicators.map((i, n) => [i.code, n]));
  const order = targetOrder(framework);

  const proposals = weak
    .filter((area) => !coveredCodes.has(area.code) && !dismissedSet.has(area.code) && targets.has(area.code))
    .map((area): Proposal => {
      const target = targets.get(area.code)!;
      const alsoTargets = target.kind !== "indicator" && weakCodes.has(target.indicator) ? [target.indicator] : [];
      const draft = draftFromAdvice(framework, advice, target, { fiscalYear: round.fiscalYear, units: activeUnits, alsoTargets });
      const english = draftFromAdvice(framework, advice, target, { fiscalYear: round.fiscalYear, units: activeUnits, lang: "en" });
      return {
        code: area.code,
        kind: target.kind,
        indicator: target.indicator,
        label: targetLabel(target),
        score: area.score,
        low: area.low,
        adviceTitle: { th: draft.title, en: english.title },
        draft,
        unitNames: draft.unitIds.map((id) => ({ th: unitById.get(id)!.nameTh, en: unitById.get(id)!.nameEn })),
      };
    })
    .sort(
      (a, b) =>
        (indicatorOrder.get(a.indicator) ?? 99) - (indicatorOrder.get(b.indicator) ?? 99) ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0),
    );
  const dismissed = dismissedCodes
    .filter((code) => targets.has(code))
    .map((code) => ({ code, label: targetLabel(targets.get(code)!), stillWeak: weakCodes.has(code) }));
  return { proposals, dismissed };
}

// --- pages

export interface TargetChoiceGroup {
  /** The indicator's label; its own code is the first choice of the group. */
  label: Localized;
  choices: { code: string; label: Localized; kind: TargetKind }[];
}

/** The target choices of the form, grouped by indicator (the indicator, then its questions or OIT items). */
export function targetChoiceGroups(framework: Framework): TargetChoiceGroup[] {
  const targets = listTargets(framework);
  return framework.indicators.map((indicator) => {
    const own = targets.find((t) => t.kind === "indicator" && t.code === indicator.code)!;
    return {
      label: targetLabel(own),
      choices: targets.filter((t) => t.indicator === indicator.code).map((t) => ({ code: t.code, label: targetLabel(t), kind: t.kind })),
    };
  });
}

export interface MeasureView extends MeasureDetail {
  targetLabels: { code: string; label: Localized }[];
}

function labelTargets(targets: ReadonlyMap<string, TargetInfo>, measure: MeasureDetail): MeasureView {
  return {
    ...measure,
    targetLabels: measure.targets.map((code) => {
      const target = targets.get(code);
      return { code, label: target ? targetLabel(target) : { th: code, en: code } };
    }),
  };
}

/** Everything /admin/rounds/:roundId/measures shows. `today`: YYYY-MM-DD in Bangkok. */
export async function getMeasuresPage(db: Db, user: SessionUser, round: RoundRef, today: string) {
  const framework = getFramework(round.frameworkId);
  const targets = new Map(listTargets(framework).map((t) => [t.code, t]));
  const rows = await listRoundMeasureRows(db, user.organizationId, round.id);
  const measures = (await assembleMeasures(db, rows, today, targetOrder(framework))).map((m) => labelTargets(targets, m));
  const { proposals, dismissed } = await listRoundProposals(db, round);
  return {
    canEdit: hasRole(user.role, "manager"),
    measures,
    proposals,
    dismissed,
    counts: {
      planned: measures.filter((m) => m.status === "planned").length,
      inProgress: measures.filter((m) => m.status === "in-progress").length,
      done: measures.filter((m) => m.status === "done").length,
      overdue: measures.filter((m) => m.overdue).length,
    },
  };
}

/** A measure of the agency in the round, or a 404 (another agency's measure looks like none). */
export async function requireRoundMeasure(db: Db, organizationId: number, roundId: number, measureIdParam: unknown): Promise<MeasureRow> {
  const text = typeof measureIdParam === "string" ? measureIdParam.trim() : "";
  const measureId = /^\d{1,9}$/.test(text) ? Number(text) : 0;
  const row = measureId > 0 ? await getMeasureRow(db, organizationId, measureId) : undefined;
  if (!row || row.roundId !== roundId) throw data(null, { status: 404 });
  return row;
}

/** The unit choices of the form: active units, and retired ones the measure already names. */
export async function listUnitChoices(db: Db, organizationId: number, keepIds: readonly number[] = []) {
  const units = await listOrganizationUnits(db, organizationId);
  return units.filter((u) => u.status === "active" || keepIds.includes(u.id));
}

/** A visitor's suggestion of the round a measure starts from or was made from (issue 15, item 4). */
export interface SuggestionSource {
  id: string;
  month: string;
  text: string;
}

/** A suggestion of the agency's round by the id a form or a link gives, or a 404 (another agency's looks like none). */
export async function requireRoundSuggestion(db: Db, organizationId: number, roundId: number, idParam: unknown): Promise<SuggestionRef> {
  const id = typeof idParam === "string" ? parseSuggestionId(idParam) : null;
  const found = id === null ? undefined : await getRoundSuggestion(db, organizationId, roundId, id);
  if (!found) throw data(null, { status: 404 });
  return found;
}

/**
 * The measure form page: `measure` = an id to edit (404 unless it is the agency's, in this round);
 * `from` = a proposal's code to start from (edit before accepting); `suggestion` = a visitor's suggestion
 * of the round to start from (issue 15: the measure is linked back to it when saved); none = a blank measure.
 */
export async function getMeasureFormPage(
  db: Db,
  user: SessionUser,
  round: RoundRef,
  params: { measure: string | null; from: string | null; suggestion?: string | null },
  today: string,
) {
  const framework = getFramework(round.frameworkId);
  const targets = new Map(listTargets(framework).map((t) => [t.code, t]));
  const base = { canEdit: hasRole(user.role, "manager"), targetGroups: targetChoiceGroups(framework) };
  if (params.measure !== null) {
    const row = await requireRoundMeasure(db, user.organizationId, round.id, params.measure);
    const [measure] = await assembleMeasures(db, [row], today, targetOrder(framework));
    const view = labelTargets(targets, measure!);
    return {
      ...base,
      mode: "edit" as const,
      measure: view,
      proposal: null,
      suggestion: null,
      fromSuggestions: (await listSuggestionsOfMeasures(db, user.organizationId, [row.id])).map(({ id, month, text }): SuggestionSource => ({ id, month, text })),
      units: await listUnitChoices(db, user.organizationId, view.units.map((u) => u.id)),
      values: {
        title: view.title,
        steps: view.steps,
        unitIds: view.units.map((u) => String(u.id)),
        period: view.period,
        dueOn: view.dueOn ?? "",
        followUp: view.followUp,
        status: view.status,
        targets: view.targets,
      } satisfies MeasureFormValues,
    };
  }
  const units = await listUnitChoices(db, user.organizationId);
  const none = { measure: null, proposal: null, suggestion: null, fromSuggestions: [] as SuggestionSource[] };
  if (params.from !== null) {
    const { proposals } = await listRoundProposals(db, round);
    const proposal = proposals.find((p) => p.code === params.from);
    if (!proposal) throw data(null, { status: 404 });
    return { ...base, ...none, mode: "new" as const, proposal, units, values: draftFormValues(proposal.draft) };
  }
  if (params.suggestion != null) {
    const found = await requireRoundSuggestion(db, user.organizationId, round.id, params.suggestion);
    const draft = draftFromSuggestion(found.text, round.fiscalYear);
    const suggestion: SuggestionSource = { id: found.id, month: found.month, text: found.text };
    return { ...base, ...none, mode: "new" as const, suggestion, units, values: { ...draftFormValues({ ...draft, unitHint: { th: "", en: "" } }) } };
  }
  return { ...base, ...none, mode: "new" as const, units, values: emptyFormValues() };
}

/** Overdue measures of the round for the dashboard: past due and not done, earliest due first. */
export async function listOverdueMeasures(db: Db, organizationId: number, roundId: number, today: string) {
  const rows = await listRoundMeasureRows(db, organizationId, roundId);
  return rows
    .filter((r) => isOverdue(r, today))
    .sort((a, b) => (a.dueOn ?? "").localeCompare(b.dueOn ?? "") || a.position - b.position)
    .map((r) => ({ id: r.id, position: r.position, title: r.title, dueOn: r.dueOn!, status: r.status }));
}
