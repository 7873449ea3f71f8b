/**
 * The measures plan of a round (issue 5, part 2): the agency's มาตรการ with the columns of the plan
 * municipalities write by hand (../shared/reference/khlong-phikrai-2565-measures.txt), read for the
 * page, the dashboard and the published report.
 */
import type { Db } from "../../db/client.server";
import {
  listMeasureNotes,
  listMeasureSteps,
  listMeasureTargets,
  listMeasureUnits,
  listRoundMeasureRows,
  type MeasureRow,
} from "../../db/queries/measures";
import type { MeasureStatus } from "../../db/schema";

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
    notes: (notesOf.get(row.id) ?? []).map((n) => ({ id: n.id, notedOn: n.notedOn, text: n.text, authorName: n.authorName ?? n.authorUsername })),
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
