/**
 * Units (ส่วนราชการ) and service counters (จุดให้บริการ) of one agency (issue 3, item 1). Admins and
 * managers change them, viewers read. Everything is scoped to the user's agency: another agency's
 * unit or counter is a 404, the same as none. Each change is one transaction with its audit entry.
 *
 * Lifecycle: a unit is active, then retired (final; only once it has no counter in use). A counter is
 * active ⇄ paused, then retired (final). Pausing or retiring a counter stops its links from taking
 * answers (isLinkAccepting in db/queries/links.ts) without touching them, so resuming needs no reprint.
 * A new counter gets its EIT link in every open round of the agency at once, and its permanent link
 * (app/services/permanent-links.server.ts), which a pause or retirement pauses too.
 */
import { z } from "zod";
import { englishNameField, NAME_MAX, thaiNameField } from "./name-fields";
import type { Db } from "../../db/client.server";
import {
  getOrganizationCounter,
  getOrganizationUnit,
  listOrganizationCounters,
  listOrganizationUnits,
  updateOrganizationCounter,
  updateOrganizationUnit,
  type CounterRow,
  type UnitRow,
} from "../../db/queries/counters";
import { listOrganizationKioskDevices } from "../../db/queries/kiosk-devices";
import { insertLink, listOpenRoundIds } from "../../db/queries/links";
import { insertCounter, insertUnit } from "../../db/queries/organizations";
import { HttpError } from "../lib/http";
import type { SessionUser } from "../auth/session.server";
import { generateLinkToken } from "../lib/tokens.server";
import { bangkokDate } from "../text/dates";
import { recordAudit } from "./audit.server";
import { createPermanentLinks } from "./permanent-links.server";

export type Actor = Pick<SessionUser, "organizationId" | "userId">;


/** Validation messages, Thai first; zod issues carry the key. */
const MESSAGES = {
  nameThRequired: { th: "กรุณากรอกชื่อภาษาไทย", en: "Enter the Thai name." },
  nameThTooLong: { th: `ชื่อภาษาไทยยาวได้ไม่เกิน ${NAME_MAX} ตัวอักษร`, en: `The Thai name may have at most ${NAME_MAX} characters.` },
  nameEnTooLong: { th: `ชื่อภาษาอังกฤษยาวได้ไม่เกิน ${NAME_MAX} ตัวอักษร`, en: `The English name may have at most ${NAME_MAX} characters.` },
  nameControl: { th: "ชื่อมีอักขระควบคุมที่ใช้ไม่ได้", en: "The name holds control characters." },
  idInvalid: { th: "ไม่ได้ระบุรายการที่จะเปลี่ยน หรือรหัสรายการไม่ถูกต้อง", en: "The item to change is missing or malformed." },
  intentUnknown: { th: "ไม่รู้จักคำสั่งนี้", en: "Unknown action." },
} as const;
type MessageKey = keyof typeof MESSAGES;


const nameTh = thaiNameField;
const nameEn = englishNameField;
const id = z.coerce.number({ error: "idInvalid" }).int({ error: "idInvalid" }).positive({ error: "idInvalid" }).max(Number.MAX_SAFE_INTEGER, { error: "idInvalid" });

export const counterCommandSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("unit-create"), nameTh, nameEn }),
  z.object({ intent: z.literal("unit-rename"), unitId: id, nameTh, nameEn }),
  z.object({ intent: z.literal("unit-retire"), unitId: id }),
  z.object({ intent: z.literal("counter-create"), unitId: id, nameTh, nameEn }),
  z.object({ intent: z.literal("counter-rename"), counterId: id, nameTh, nameEn }),
  z.object({ intent: z.literal("counter-pause"), counterId: id }),
  z.object({ intent: z.literal("counter-resume"), counterId: id }),
  z.object({ intent: z.literal("counter-retire"), counterId: id }),
]);

export type CounterCommand = z.infer<typeof counterCommandSchema>;

/** Parses a posted form into a command, or throws a 400 with a Thai and an English message per field. */
export function parseCounterCommand(input: Record<string, unknown>): CounterCommand {
  const parsed = counterCommandSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, { th: string; en: string }> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "intent");
    const key: MessageKey =
      issue.message in MESSAGES ? (issue.message as MessageKey) : field === "nameTh" ? "nameThRequired" : field === "intent" ? "intentUnknown" : "idInvalid";
    fields[field] ??= { ...MESSAGES[key] };
  }
  const all = Object.values(fields);
  throw new HttpError(400, all.map((m) => m.th).join(" · "), all.map((m) => m.en).join(" · "), fields);
}

function notFound(): HttpError {
  return new HttpError(404, "ไม่พบรายการนี้ในหน่วยงานของท่าน", "No such item in your agency.");
}

function conflict(th: string, en: string): HttpError {
  return new HttpError(409, th, en);
}

/** A blank English name takes the Thai one, so an English page never shows an empty name. */
function names(input: { nameTh: string; nameEn: string }) {
  return { name_th: input.nameTh, name_en: input.nameEn || input.nameTh };
}

function sameName(a: string, b: string): boolean {
  return a.normalize("NFC").toLocaleLowerCase("th") === b.normalize("NFC").toLocaleLowerCase("th");
}

async function requireUnit(db: Db, actor: Actor, unitId: number): Promise<UnitRow> {
  const unit = await getOrganizationUnit(db, actor.organizationId, unitId);
  if (!unit) throw notFound();
  return unit;
}

async function requireCounter(db: Db, actor: Actor, counterId: number): Promise<CounterRow> {
  const counter = await getOrganizationCounter(db, actor.organizationId, counterId);
  if (!counter) throw notFound();
  return counter;
}

async function refuseDuplicateUnit(db: Db, actor: Actor, nameTh: string, exceptId?: number) {
  const units = await listOrganizationUnits(db, actor.organizationId);
  if (units.some((u) => u.id !== exceptId && u.status === "active" && sameName(u.nameTh, nameTh))) {
    throw new HttpError(400, `มีส่วนราชการชื่อ "${nameTh}" อยู่แล้ว`, `A unit named "${nameTh}" exists already.`, {
      nameTh: { th: "ชื่อซ้ำกับส่วนราชการที่มีอยู่", en: "The name is taken." },
    });
  }
}

async function refuseDuplicateCounter(db: Db, actor: Actor, unitId: number, nameTh: string, exceptId?: number) {
  const counters = await listOrganizationCounters(db, actor.organizationId);
  if (counters.some((c) => c.id !== exceptId && c.unitId === unitId && c.status !== "retired" && sameName(c.nameTh, nameTh))) {
    throw new HttpError(400, `ส่วนราชการนี้มีจุดให้บริการชื่อ "${nameTh}" อยู่แล้ว`, `This unit has a counter named "${nameTh}" already.`, {
      nameTh: { th: "ชื่อซ้ำกับจุดให้บริการที่มีอยู่", en: "The name is taken." },
    });
  }
}

/**
 * Parses a posted form and applies it to the actor's agency in one transaction with its audit entry.
 * Throws HttpError: 400 bad input, 404 another agency's (or no) unit or counter, 409 a change the
 * current state does not allow (a retired unit or counter).
 */
export async function changeCounters(db: Db, actor: Actor, input: Record<string, unknown>, now: Date): Promise<void> {
  const command = parseCounterCommand(input);
  const createdAt = now.toISOString();
  const audit = (trx: Db, action: string, target: string, detail: Record<string, unknown>) =>
    recordAudit(trx, { organizationId: actor.organizationId, userId: actor.userId }, action, target, detail, now);

  await db.transaction().execute(async (trx) => {
    switch (command.intent) {
      case "unit-create": {
        await refuseDuplicateUnit(trx, actor, command.nameTh);
        const unitId = await insertUnit(trx, { organization_id: actor.organizationId, ...names(command), created_at: createdAt });
        await audit(trx, "unit.create", `unit:${unitId}`, names(command));
        return;
      }
      case "unit-rename": {
        const unit = await requireUnit(trx, actor, command.unitId);
        if (unit.status === "retired") throw conflict("ส่วนราชการนี้เลิกใช้แล้ว แก้ไขชื่อไม่ได้", "This unit is retired and cannot be renamed.");
        await refuseDuplicateUnit(trx, actor, command.nameTh, unit.id);
        await updateOrganizationUnit(trx, actor.organizationId, unit.id, names(command));
        await audit(trx, "unit.rename", `unit:${unit.id}`, { from: { name_th: unit.nameTh, name_en: unit.nameEn }, to: names(command) });
        return;
      }
      case "unit-retire": {
        const unit = await requireUnit(trx, actor, command.unitId);
        if (unit.status === "retired") throw conflict("ส่วนราชการนี้เลิกใช้แล้ว", "This unit is retired already.");
        const inUse = (await listOrganizationCounters(trx, actor.organizationId)).filter((c) => c.unitId === unit.id && c.status !== "retired");
        if (inUse.length > 0) {
          throw conflict(
            `ยังมีจุดให้บริการที่ใช้งานอยู่ในส่วนราชการนี้ ${inUse.length} จุด กรุณาเลิกใช้จุดให้บริการเหล่านั้นก่อน`,
            `This unit still has ${inUse.length} counter(s) in use; retire them first.`,
          );
        }
        await updateOrganizationUnit(trx, actor.organizationId, unit.id, { status: "retired" });
        await audit(trx, "unit.retire", `unit:${unit.id}`, { name_th: unit.nameTh });
        return;
      }
      case "counter-create": {
        const unit = await requireUnit(trx, actor, command.unitId);
        if (unit.status === "retired") throw conflict("ส่วนราชการนี้เลิกใช้แล้ว เพิ่มจุดให้บริการไม่ได้", "This unit is retired: no new counter.");
        await refuseDuplicateCounter(trx, actor, unit.id, command.nameTh);
        const counterId = await insertCounter(trx, { organization_id: actor.organizationId, unit_id: unit.id, ...names(command), created_at: createdAt });
        // Its permanent link (issue 11) comes with it: its poster can be printed at once, and serves every round.
        await createPermanentLinks(trx, actor.organizationId, now);
        const roundIds = await listOpenRoundIds(trx, actor.organizationId);
        const linkIds: number[] = [];
        for (const roundId of roundIds) {
          linkIds.push(await insertLink(trx, { round_id: roundId, instrument: "eit", counter_id: counterId, token: generateLinkToken(), created_at: createdAt }));
        }
        // Link ids only: a token is a credential of sorts and never goes into the audit log.
        await audit(trx, "counter.create", `counter:${counterId}`, { unitId: unit.id, ...names(command), roundIds, linkIds });
        return;
      }
      case "counter-rename": {
        const counter = await requireCounter(trx, actor, command.counterId);
        if (counter.status === "retired") throw conflict("จุดให้บริการนี้เลิกใช้แล้ว แก้ไขชื่อไม่ได้", "This counter is retired and cannot be renamed.");
        await refuseDuplicateCounter(trx, actor, counter.unitId, command.nameTh, counter.id);
        await updateOrganizationCounter(trx, actor.organizationId, counter.id, names(command));
        await audit(trx, "counter.rename", `counter:${counter.id}`, { from: { name_th: counter.nameTh, name_en: counter.nameEn }, to: names(command) });
        return;
      }
      case "counter-pause":
      case "counter-resume":
      case "counter-retire": {
        const counter = await requireCounter(trx, actor, command.counterId);
        if (counter.status === "retired") throw conflict("จุดให้บริการนี้เลิกใช้แล้ว", "This counter is retired already.");
        const status = command.intent === "counter-pause" ? "paused" : command.intent === "counter-resume" ? "active" : "retired";
        // A repeated click (an old page, a double submit) changes nothing and logs nothing.
        if (counter.status === status) return;
        await updateOrganizationCounter(trx, actor.organizationId, counter.id, { status });
        await audit(trx, command.intent.replace("-", "."), `counter:${counter.id}`, { name_th: counter.nameTh, from: counter.status, to: status });
        return;
      }
    }
  });
}

/** A tablet enrolled as a counter's kiosk (app/services/kiosk/devices.server.ts), as the counters page lists it. */
export interface CounterPageKiosk {
  id: number;
  label: string;
  /** The Bangkok day it was enrolled, and by whom (null once that account is gone). */
  enrolledOn: string;
  enrolledBy: string | null;
  /** The last day it sent an answer, or null. */
  lastSeenOn: string | null;
}

export interface CounterPageCounter extends CounterRow {
  /** Its enrolled kiosk tablets, not revoked. */
  kiosks: CounterPageKiosk[];
}

export interface CounterPageUnit extends UnitRow {
  counters: CounterPageCounter[];
}

/**
 * The agency's units with their counters (active units first) and each counter's enrolled kiosks, and how
 * many open rounds a new counter joins.
 */
export async function getCountersPage(db: Db, organizationId: number) {
  const [units, counters, openRounds, devices] = await Promise.all([
    listOrganizationUnits(db, organizationId),
    listOrganizationCounters(db, organizationId),
    listOpenRoundIds(db, organizationId),
    listOrganizationKioskDevices(db, organizationId),
  ]);
  const kiosksOf = (counterId: number): CounterPageKiosk[] =>
    devices
      .filter((d) => d.counterId === counterId)
      .map((d) => ({
        id: d.id,
        label: d.label,
        enrolledOn: bangkokDate(new Date(d.enrolledAt)),
        enrolledBy: d.enrolledByName || d.enrolledByUsername,
        lastSeenOn: d.lastSeenOn,
      }));
  const withCounters: CounterPageUnit[] = units.map((unit) => ({
    ...unit,
    counters: counters.filter((c) => c.unitId === unit.id).map((c) => ({ ...c, kiosks: kiosksOf(c.id) })),
  }));
  withCounters.sort((a, b) => Number(a.status === "retired") - Number(b.status === "retired"));
  return { units: withCounters, openRoundCount: openRounds.length };
}
