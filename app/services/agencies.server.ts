/**
 * Agencies of an installation, as the host operator manages them (issue 11, item 1; ARCHITECTURE.md §5):
 * create an agency with its first admin, rename, suspend and reactivate, add an admin, list them with
 * counts. The operator pages (app/routes/operator/) and the command line (create-agency) call the same
 * functions, so the same input is refused the same way. Each change is one transaction with its audit
 * entry in the agency's own log, naming the operator (or the command line). Nothing here reads an answer,
 * a score or a user's name: the operator sees counts only.
 *
 * The agency's type is its framework sample-size group (organization.size_group): the list comes from
 * surveys/<framework>/framework.json, so the EIT minimum of the type is the framework's.
 */
import { z } from "zod";
import { CONTACT_MAX, PLACE_MAX, RETENTION_MONTHS } from "./agency-limits";
import { englishNameField, NAME_MAX, thaiNameField } from "./name-fields";
import type { Db } from "../../db/client.server";
import { deleteAgencyRows, getAgency, listAgencySummaries, updateAgency, type AgencySummary } from "../../db/queries/agencies";
import { getOrganizationBySlug, insertOrganization } from "../../db/queries/organizations";
import { getAgencyUserId, insertUser } from "../../db/queries/users";
import type { OrganizationStatus } from "../../db/schema";
import { generatePassword, hashPassword } from "../auth/password.server";
import { defaultFrameworkId, getFramework } from "../lib/frameworks.server";
import { HttpError } from "../lib/http";
import { recordAudit } from "./audit.server";
import { createPermanentLinks } from "./permanent-links.server";

/** Who changes agencies: a signed-in host operator, or the shell (`npm run cli`). */
export type AgencyActor = { kind: "operator"; operatorId: number } | { kind: "cli" };

export interface AgencyType {
  code: string;
  title: { th: string; en: string };
  /** The EIT minimum sample of the type (ITA-METHOD §5). */
  minimum: number;
}

/** The agency types: the sample-size groups of the installation's default framework, in its order. */
export function listAgencyTypes(): AgencyType[] {
  return getFramework(defaultFrameworkId).sampleSize.eit.groups.map((g) => ({ code: g.code, title: g.title, minimum: g.minimum }));
}

/**
 * The type of an agency created without one: the framework's group for agencies it has no official
 * figure for ("other public agency", with its conservative minimum) — the last group of the table.
 */
export function defaultAgencyType(): string {
  const groups = listAgencyTypes();
  return (groups.find((g) => g.code === "other") ?? groups[groups.length - 1]!).code;
}

type Field = { th: string; en: string };

const MESSAGES = {
  slugRequired: { th: "กรุณากรอกรหัสหน่วยงาน (slug)", en: "Enter the agency's slug." },
  slugFormat: {
    th: "รหัสหน่วยงานใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก a-z ตัวเลข 0-9 และขีด - (ไม่เว้นวรรค ไม่ขึ้นต้นหรือลงท้ายด้วยขีด) ยาว 2–63 ตัว",
    en: "The slug may hold only lowercase a-z, digits 0-9 and hyphens (no spaces, not at either end), 2–63 characters.",
  },
  slugTaken: { th: "มีหน่วยงานที่ใช้รหัสนี้อยู่แล้ว", en: "Another agency already has this slug." },
  nameThRequired: { th: "กรุณากรอกชื่อหน่วยงานภาษาไทย", en: "Enter the agency's Thai name." },
  nameThTooLong: { th: `ชื่อภาษาไทยยาวได้ไม่เกิน ${NAME_MAX} ตัวอักษร`, en: `The Thai name may have at most ${NAME_MAX} characters.` },
  nameEnTooLong: { th: `ชื่อภาษาอังกฤษยาวได้ไม่เกิน ${NAME_MAX} ตัวอักษร`, en: `The English name may have at most ${NAME_MAX} characters.` },
  nameControl: { th: "ชื่อมีอักขระควบคุมที่ใช้ไม่ได้", en: "The name holds control characters." },
  typeUnknown: { th: "ไม่รู้จักประเภทหน่วยงานนี้", en: "Unknown agency type." },
  usernameFormat: {
    th: "ชื่อผู้ใช้ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือ . _ - ยาว 3–40 ตัว",
    en: "The username must be 3–40 characters of lowercase a-z, digits, . _ or -.",
  },
  usernameTaken: { th: "หน่วยงานนี้มีชื่อผู้ใช้นี้อยู่แล้ว", en: "This agency already has this username." },
  statusUnknown: { th: "สถานะต้องเป็น active หรือ suspended", en: "The status must be active or suspended." },
  // The agency's own settings (app/services/agency-settings.server.ts).
  placeTooLong: { th: `ชื่อจังหวัดหรืออำเภอยาวได้ไม่เกิน ${PLACE_MAX} ตัวอักษร`, en: `A province or district may have at most ${PLACE_MAX} characters.` },
  contactTooLong: { th: `ข้อความช่องทางติดต่อยาวได้ไม่เกิน ${CONTACT_MAX} ตัวอักษร`, en: `The contact line may have at most ${CONTACT_MAX} characters.` },
  retentionRange: {
    th: `ระยะเวลาเก็บคำตอบรายชุดต้องเป็นจำนวนเต็ม ${RETENTION_MONTHS.min}–${RETENTION_MONTHS.max} เดือน`,
    en: `The retention must be a whole number of ${RETENTION_MONTHS.min}–${RETENTION_MONTHS.max} months.`,
  },
  textControl: { th: "ข้อความมีอักขระควบคุมที่ใช้ไม่ได้ (เช่น แท็บ หรือขึ้นบรรทัดใหม่)", en: "The text holds control characters (such as a tab or a line break)." },
} as const satisfies Record<string, Field>;
export type AgencyMessageKey = keyof typeof MESSAGES;
type MessageKey = AgencyMessageKey;

const slug = z
  .string({ error: "slugRequired" })
  .trim()
  .min(1, { error: "slugRequired" })
  .regex(/^(?=.{2,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "slugFormat" });
const nameTh = thaiNameField;
const nameEn = englishNameField;
export const agencyTypeField = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : defaultAgencyType()))
  .refine((value) => listAgencyTypes().some((g) => g.code === value), { error: "typeUnknown" });
const username = z.string({ error: "usernameFormat" }).trim().regex(/^[a-z0-9._-]{3,40}$/, { error: "usernameFormat" });

const newAgencySchema = z.object({ slug, nameTh, nameEn, type: agencyTypeField });
const renameSchema = z.object({ nameTh, nameEn, type: agencyTypeField });
const statusSchema = z.enum(["active", "suspended"], { error: "statusUnknown" });

export type NewAgencyInput = { slug?: unknown; nameTh?: unknown; nameEn?: unknown; type?: unknown };

/** A 400 naming each field that is wrong, in Thai and English. */
function invalidAgencyInput(fields: Partial<Record<string, MessageKey>>): HttpError {
  const out: Record<string, Field> = {};
  for (const [field, key] of Object.entries(fields)) if (key) out[field] = MESSAGES[key];
  const first = Object.values(out)[0] ?? { th: "ข้อมูลไม่ถูกต้อง", en: "The input is not valid." };
  return new HttpError(400, first.th, first.en, out);
}

/** The input as the schema reads it, or a 400 naming each wrong field (zod messages are MESSAGES keys). */
export function parseAgencyInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Partial<Record<string, MessageKey>> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    const key = (issue.message in MESSAGES ? issue.message : "nameControl") as MessageKey;
    fields[field] ??= key;
  }
  throw invalidAgencyInput(fields);
}

function auditActor(actor: AgencyActor, organizationId: number) {
  return { organizationId, userId: null, operatorId: actor.kind === "operator" ? actor.operatorId : null };
}

function via(actor: AgencyActor) {
  return { via: actor.kind };
}

export interface CreatedAgency {
  agency: { id: number; slug: string; nameTh: string; nameEn: string; type: string; status: OrganizationStatus };
  admin: { username: string; password: string };
}

/**
 * Creates an agency and its first admin (username `<slug>-admin`), in one transaction with their audit
 * entries. The password is returned once and stored only as a hash. Bad input: a 400 naming the field,
 * nothing written. A username is unique per agency (migration 0017), so the new agency's first is free;
 * `<slug>-admin` is also no other agency's, so it signs in without the agency code as well.
 */
export async function createAgency(db: Db, actor: AgencyActor, input: NewAgencyInput, now: Date): Promise<CreatedAgency> {
  const agency = parseAgencyInput(newAgencySchema, input);
  const adminUsername = `${agency.slug}-admin`.slice(0, 40);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const id = await inserting(db, { slug: agency.slug }, async (trx) => {
    if (await getOrganizationBySlug(trx, agency.slug)) throw invalidAgencyInput({ slug: "slugTaken" });
    const organizationId = await insertOrganization(trx, {
      slug: agency.slug,
      name_th: agency.nameTh,
      name_en: agency.nameEn,
      size_group: agency.type,
      district_th: "",
      province_th: "",
      created_at: now.toISOString(),
    });
    const userId = await insertUser(trx, {
      organization_id: organizationId,
      username: adminUsername,
      password_hash: passwordHash,
      role: "admin",
      created_at: now.toISOString(),
      // One-time: the operator has seen it; the admin chooses their own at the first sign-in (issue 14).
      must_change_password: 1,
    });
    // The agency's permanent staff link, printed on slips for years (app/services/permanent-links.server.ts).
    await createPermanentLinks(trx, organizationId, now);
    const who = auditActor(actor, organizationId);
    await recordAudit(trx, who, "agency.create", `organization:${organizationId}`, { ...via(actor), slug: agency.slug, nameTh: agency.nameTh, nameEn: agency.nameEn, type: agency.type }, now);
    await recordAudit(trx, who, "user.create", `user:${userId}`, { ...via(actor), username: adminUsername, role: "admin" }, now);
    return organizationId;
  });
  return {
    agency: { id, slug: agency.slug, nameTh: agency.nameTh, nameEn: agency.nameEn, type: agency.type, status: "active" },
    admin: { username: adminUsername, password },
  };
}

/**
 * Runs a creating transaction. Two creates of one slug (or of one username in one agency) at the same
 * moment both pass the check inside their transactions on PostgreSQL; the unique index refuses the
 * second, which is then the same 400 as a slug or name found taken, not a 500.
 */
async function inserting<T>(db: Db, made: { slug: string } | { organizationId: number; username: string }, run: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(run);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if ("slug" in made && (await getOrganizationBySlug(db, made.slug))) throw invalidAgencyInput({ slug: "slugTaken" });
    if ("username" in made && (await getAgencyUserId(db, made.organizationId, made.username))) throw invalidAgencyInput({ username: "usernameTaken" });
    throw error;
  }
}

async function requireAgency(db: Db, organizationId: unknown) {
  const id = Number(organizationId);
  const agency = Number.isSafeInteger(id) && id > 0 ? await getAgency(db, id) : undefined;
  if (!agency) throw new HttpError(404, "ไม่พบหน่วยงานนี้", "No such agency.");
  return agency;
}

/** New names (and type) of an agency. */
export async function renameAgency(db: Db, actor: AgencyActor, organizationId: unknown, input: { nameTh?: unknown; nameEn?: unknown; type?: unknown }, now: Date): Promise<void> {
  const changes = parseAgencyInput(renameSchema, input);
  await db.transaction().execute(async (trx) => {
    const agency = await requireAgency(trx, organizationId);
    await updateAgency(trx, agency.id, { name_th: changes.nameTh, name_en: changes.nameEn, size_group: changes.type });
    await recordAudit(
      trx,
      auditActor(actor, agency.id),
      "agency.rename",
      `organization:${agency.id}`,
      { ...via(actor), from: { nameTh: agency.nameTh, nameEn: agency.nameEn, type: agency.type }, to: changes },
      now,
    );
  });
}

/**
 * Suspends or reactivates an agency. Suspended: its respondent links answer 403 with a friendly page and
 * store nothing, its users cannot sign in (their sessions stop at once); nothing is deleted.
 */
export async function setAgencyStatus(db: Db, actor: AgencyActor, organizationId: unknown, status: unknown, now: Date): Promise<void> {
  const parsed = statusSchema.safeParse(status);
  if (!parsed.success) throw invalidAgencyInput({ status: "statusUnknown" });
  await db.transaction().execute(async (trx) => {
    const agency = await requireAgency(trx, organizationId);
    if (agency.status === parsed.data) return;
    await updateAgency(trx, agency.id, { status: parsed.data });
    await recordAudit(trx, auditActor(actor, agency.id), parsed.data === "suspended" ? "agency.suspend" : "agency.reactivate", `organization:${agency.id}`, via(actor), now);
  });
}

/**
 * Adds an admin to an agency (its first, or one to replace a lost one); the password is returned once,
 * with the agency's code, which the admin signs in with (a username is the agency's own, migration 0017).
 */
export async function createAgencyAdmin(db: Db, actor: AgencyActor, organizationId: unknown, input: { username?: unknown }, now: Date): Promise<{ username: string; password: string; agency: string }> {
  const name = parseAgencyInput(z.object({ username }), input).username;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const agency = await requireAgency(db, organizationId);
  await inserting(db, { organizationId: agency.id, username: name }, async (trx) => {
    if (await getAgencyUserId(trx, agency.id, name)) throw invalidAgencyInput({ username: "usernameTaken" });
    const userId = await insertUser(trx, { organization_id: agency.id, username: name, password_hash: passwordHash, role: "admin", created_at: now.toISOString(), must_change_password: 1 });
    await recordAudit(trx, auditActor(actor, agency.id), "user.create", `user:${userId}`, { ...via(actor), username: name, role: "admin" }, now);
  });
  return { username: name, password, agency: agency.slug };
}

/** Every agency with its counts (units, counters, rounds, responses, users): never an answer. */
export async function listAgencies(db: Db): Promise<AgencySummary[]> {
  return listAgencySummaries(db);
}

/** The slug of the demo agency (app/seed/demo-agency.server.ts). */
export const DEMO_SLUG = "demo";

/**
 * Deletes every row of the demo agency in one transaction and returns the rows deleted per table, or null
 * when there is no demo agency. Its audit log goes with it: the command's output is the record.
 */
export async function removeDemoAgency(db: Db): Promise<Record<string, number> | null> {
  return db.transaction().execute(async (trx) => {
    const demo = await getOrganizationBySlug(trx, DEMO_SLUG);
    if (!demo) return null;
    return deleteAgencyRows(trx, demo.id);
  });
}
