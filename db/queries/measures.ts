/**
 * The measures plan of a round (มาตรการ): measures with their ordered steps, responsible units,
 * targets and progress notes, and the proposals the agency dismissed. Every read and write of a measure
 * is scoped by organization id (ARCHITECTURE.md §3.2): another agency's measure id finds nothing.
 */
import type { Db } from "../client.server";
import type { MeasureStatus, NewMeasure } from "../schema";

export interface MeasureRow {
  id: number;
  roundId: number;
  position: number;
  title: string;
  period: string;
  dueOn: string | null;
  followUp: string;
  status: MeasureStatus;
  createdAt: string;
  updatedAt: string;
  updatedByName: string | null;
}

const MEASURE_COLUMNS = [
  "measure.id as id",
  "measure.round_id as roundId",
  "measure.position as position",
  "measure.title as title",
  "measure.period as period",
  "measure.due_on as dueOn",
  "measure.follow_up as followUp",
  "measure.status as status",
  "measure.created_at as createdAt",
  "measure.updated_at as updatedAt",
  "user.display_name as updatedByName",
] as const;

/** The round's measures in the agency's order (position, then id for a stable order). */
export async function listRoundMeasureRows(db: Db, organizationId: number, roundId: number): Promise<MeasureRow[]> {
  return db
    .selectFrom("measure")
    .leftJoin("user", "user.id", "measure.updated_by")
    .where("measure.organization_id", "=", organizationId)
    .where("measure.round_id", "=", roundId)
    .select(MEASURE_COLUMNS)
    .orderBy("measure.position")
    .orderBy("measure.id")
    .execute();
}

export async function getMeasureRow(db: Db, organizationId: number, measureId: number): Promise<MeasureRow | undefined> {
  return db
    .selectFrom("measure")
    .leftJoin("user", "user.id", "measure.updated_by")
    .where("measure.organization_id", "=", organizationId)
    .where("measure.id", "=", measureId)
    .select(MEASURE_COLUMNS)
    .executeTakeFirst();
}

/** Steps of the given measures, in order. */
export async function listMeasureSteps(db: Db, measureIds: readonly number[]) {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom("measure_step")
    .where("measure_id", "in", measureIds)
    .select(["measure_id as measureId", "position", "text"])
    .orderBy("measure_id")
    .orderBy("position")
    .execute();
}

/** Responsible units of the given measures, in the order the agency made its units. */
export async function listMeasureUnits(db: Db, measureIds: readonly number[]) {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom("measure_unit")
    .innerJoin("unit", "unit.id", "measure_unit.unit_id")
    .where("measure_unit.measure_id", "in", measureIds)
    .select(["measure_unit.measure_id as measureId", "unit.id as id", "unit.name_th as nameTh", "unit.name_en as nameEn"])
    .orderBy("unit.id")
    .execute();
}

export async function listMeasureTargets(db: Db, measureIds: readonly number[]) {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom("measure_target")
    .where("measure_id", "in", measureIds)
    .select(["measure_id as measureId", "code"])
    .execute();
}

/** Progress notes of the given measures, oldest day first. */
export async function listMeasureNotes(db: Db, measureIds: readonly number[]) {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom("measure_note")
    .leftJoin("user", "user.id", "measure_note.created_by")
    .where("measure_note.measure_id", "in", measureIds)
    .select([
      "measure_note.id as id",
      "measure_note.measure_id as measureId",
      "measure_note.noted_on as notedOn",
      "measure_note.text as text",
      "measure_note.created_at as createdAt",
      "user.display_name as authorName",
      "user.username as authorUsername",
    ])
    .orderBy("measure_note.noted_on")
    .orderBy("measure_note.id")
    .execute();
}

/** Target codes of every measure of the round (which weak areas already have a measure). */
export async function listRoundTargetCodes(db: Db, organizationId: number, roundId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("measure_target")
    .innerJoin("measure", "measure.id", "measure_target.measure_id")
    .where("measure.organization_id", "=", organizationId)
    .where("measure.round_id", "=", roundId)
    .select("measure_target.code as code")
    .distinct()
    .execute();
  return rows.map((r) => r.code);
}

/** The position after the round's last measure. */
export async function nextMeasurePosition(db: Db, roundId: number): Promise<number> {
  const row = await db
    .selectFrom("measure")
    .where("round_id", "=", roundId)
    .select((eb) => eb.fn.max("position").as("last"))
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertMeasure(db: Db, measure: NewMeasure): Promise<number> {
  const row = await db.insertInto("measure").values(measure).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export interface MeasureChanges {
  title: string;
  period: string;
  dueOn: string | null;
  followUp: string;
  status: MeasureStatus;
  updatedBy: number | null;
  updatedAt: string;
}

/** Updates a measure of the agency; false when the agency has no such measure. */
export async function updateMeasureRow(db: Db, organizationId: number, measureId: number, changes: MeasureChanges): Promise<boolean> {
  const result = await db
    .updateTable("measure")
    .set({
      title: changes.title,
      period: changes.period,
      due_on: changes.dueOn,
      follow_up: changes.followUp,
      status: changes.status,
      updated_by: changes.updatedBy,
      updated_at: changes.updatedAt,
    })
    .where("organization_id", "=", organizationId)
    .where("id", "=", measureId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks a measure as changed (a note was added) without touching its fields. */
export async function touchMeasure(db: Db, organizationId: number, measureId: number, updatedBy: number | null, updatedAt: string): Promise<boolean> {
  const result = await db
    .updateTable("measure")
    .set({ updated_by: updatedBy, updated_at: updatedAt })
    .where("organization_id", "=", organizationId)
    .where("id", "=", measureId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setMeasurePosition(db: Db, organizationId: number, measureId: number, position: number): Promise<void> {
  await db.updateTable("measure").set({ position }).where("organization_id", "=", organizationId).where("id", "=", measureId).execute();
}

/** Replaces the steps, units and targets of a measure (the caller runs it in the measure's transaction). */
export async function replaceMeasureParts(
  db: Db,
  measureId: number,
  parts: { steps: readonly string[]; unitIds: readonly number[]; targets: readonly string[] },
): Promise<void> {
  await db.deleteFrom("measure_step").where("measure_id", "=", measureId).execute();
  await db.deleteFrom("measure_unit").where("measure_id", "=", measureId).execute();
  await db.deleteFrom("measure_target").where("measure_id", "=", measureId).execute();
  if (parts.steps.length > 0) {
    await db
      .insertInto("measure_step")
      .values(parts.steps.map((text, index) => ({ measure_id: measureId, position: index + 1, text })))
      .execute();
  }
  if (parts.unitIds.length > 0) {
    await db
      .insertInto("measure_unit")
      .values(parts.unitIds.map((unitId) => ({ measure_id: measureId, unit_id: unitId })))
      .execute();
  }
  if (parts.targets.length > 0) {
    await db
      .insertInto("measure_target")
      .values(parts.targets.map((code) => ({ measure_id: measureId, code })))
      .execute();
  }
}

/** Deletes a measure of the agency (steps, units, targets and notes go with it); false if none. */
export async function deleteMeasureRow(db: Db, organizationId: number, measureId: number): Promise<boolean> {
  const result = await db.deleteFrom("measure").where("organization_id", "=", organizationId).where("id", "=", measureId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function insertMeasureNote(
  db: Db,
  note: { measureId: number; notedOn: string; text: string; createdBy: number | null; createdAt: string },
): Promise<number> {
  const row = await db
    .insertInto("measure_note")
    .values({ measure_id: note.measureId, noted_on: note.notedOn, text: note.text, created_by: note.createdBy, created_at: note.createdAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deletes a note of a measure of the agency; false if the agency has no such note. */
export async function deleteMeasureNote(db: Db, organizationId: number, measureId: number, noteId: number): Promise<boolean> {
  const owned = await db
    .selectFrom("measure_note")
    .innerJoin("measure", "measure.id", "measure_note.measure_id")
    .where("measure.organization_id", "=", organizationId)
    .where("measure_note.measure_id", "=", measureId)
    .where("measure_note.id", "=", noteId)
    .select("measure_note.id")
    .executeTakeFirst();
  if (!owned) return false;
  await db.deleteFrom("measure_note").where("id", "=", noteId).execute();
  return true;
}

/** Target codes the agency dismissed proposals for in the round. */
export async function listDismissedTargets(db: Db, roundId: number): Promise<string[]> {
  const rows = await db.selectFrom("dismissed_proposal").where("round_id", "=", roundId).select("target_code as code").orderBy("id").execute();
  return rows.map((r) => r.code);
}

/** Records a dismissal; a repeated dismissal changes nothing (portable ON CONFLICT DO NOTHING). */
export async function insertDismissedProposal(db: Db, roundId: number, targetCode: string, dismissedBy: number | null, dismissedAt: string): Promise<boolean> {
  const result = await db
    .insertInto("dismissed_proposal")
    .values({ round_id: roundId, target_code: targetCode, dismissed_by: dismissedBy, dismissed_at: dismissedAt })
    .onConflict((oc) => oc.columns(["round_id", "target_code"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function deleteDismissedProposal(db: Db, roundId: number, targetCode: string): Promise<boolean> {
  const result = await db.deleteFrom("dismissed_proposal").where("round_id", "=", roundId).where("target_code", "=", targetCode).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Takes the round's row lock until the transaction ends (PostgreSQL; SQLite runs one write transaction
 * at a time anyway), so that changes to the round's plan (numbering, accepting a proposal) happen one
 * after the other: a second transaction waits here, then reads what the first committed. Portable: a
 * no-op UPDATE instead of SELECT … FOR UPDATE, which SQLite does not have.
 */
export async function lockRoundPlan(db: Db, roundId: number): Promise<void> {
  await db
    .updateTable("round")
    .set((eb) => ({ status: eb.ref("status") }))
    .where("id", "=", roundId)
    .execute();
}
