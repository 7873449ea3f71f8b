/**
 * Units (ส่วนราชการ) and service counters (จุดให้บริการ) of one agency. Every read and every update is
 * scoped by organization id (ARCHITECTURE.md §3.2): an id of another agency's unit or counter finds
 * nothing, so the caller answers 404 and changes nothing. Inserts are insertUnit / insertCounter in
 * ./organizations (one way to do each thing).
 */
import type { Db } from "../client.server";
import type { CounterUpdate, UnitUpdate } from "../schema";

export interface UnitRow {
  id: number;
  nameTh: string;
  nameEn: string;
  status: "active" | "retired";
}

export interface CounterRow {
  id: number;
  unitId: number;
  nameTh: string;
  nameEn: string;
  status: "active" | "paused" | "retired";
}

/** The agency's units, in the order they were made. */
export async function listOrganizationUnits(db: Db, organizationId: number): Promise<UnitRow[]> {
  return db
    .selectFrom("unit")
    .where("organization_id", "=", organizationId)
    .select(["id", "name_th as nameTh", "name_en as nameEn", "status"])
    .orderBy("id")
    .execute();
}

/** The agency's counters (every unit), in the order they were made. */
export async function listOrganizationCounters(db: Db, organizationId: number): Promise<CounterRow[]> {
  return db
    .selectFrom("counter")
    .where("organization_id", "=", organizationId)
    .select(["id", "unit_id as unitId", "name_th as nameTh", "name_en as nameEn", "status"])
    .orderBy("id")
    .execute();
}

export async function getOrganizationUnit(db: Db, organizationId: number, unitId: number): Promise<UnitRow | undefined> {
  return db
    .selectFrom("unit")
    .where("organization_id", "=", organizationId)
    .where("id", "=", unitId)
    .select(["id", "name_th as nameTh", "name_en as nameEn", "status"])
    .executeTakeFirst();
}

export async function getOrganizationCounter(db: Db, organizationId: number, counterId: number): Promise<CounterRow | undefined> {
  return db
    .selectFrom("counter")
    .where("organization_id", "=", organizationId)
    .where("id", "=", counterId)
    .select(["id", "unit_id as unitId", "name_th as nameTh", "name_en as nameEn", "status"])
    .executeTakeFirst();
}

/** Updates a unit of the agency; returns false when the agency has no such unit. */
export async function updateOrganizationUnit(db: Db, organizationId: number, unitId: number, changes: Pick<UnitUpdate, "name_th" | "name_en" | "status">): Promise<boolean> {
  const result = await db
    .updateTable("unit")
    .set(changes)
    .where("organization_id", "=", organizationId)
    .where("id", "=", unitId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Updates a counter of the agency; returns false when the agency has no such counter. */
export async function updateOrganizationCounter(
  db: Db,
  organizationId: number,
  counterId: number,
  changes: Pick<CounterUpdate, "name_th" | "name_en" | "status">,
): Promise<boolean> {
  const result = await db
    .updateTable("counter")
    .set(changes)
    .where("organization_id", "=", organizationId)
    .where("id", "=", counterId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
