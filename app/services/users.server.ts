/**
 * Managing the accounts of one agency (admins only). New and reset passwords are random, shown once to
 * the admin and stored only as a hash: no default password exists anywhere.
 */
import { z } from "zod";
import type { Db } from "../../db/client.server";
import { deleteUserSessions } from "../../db/queries/sessions";
import { deleteSignInThrottle } from "../../db/queries/sign-in-throttle";
import { disableSecondFactor } from "../../db/queries/second-factor";
import { countAdmins, getAgencyUserId, getOrganizationUser, insertUser, updateUser } from "../../db/queries/users";
import { getOrganizationUnit } from "../../db/queries/counters";
import { HttpError } from "../lib/http";
import { generatePassword, hashPassword } from "../auth/password.server";
import type { SessionUser } from "../auth/session.server";
import { recordAudit } from "./audit.server";

const roleSchema = z.enum(["admin", "manager", "viewer", "complaints"]);

/** The unit field of the forms: a complaint handler's unit (issue 16); "" or absent for other roles. */
const unitField = z
  .string()
  .trim()
  .regex(/^(\d{1,9})?$/)
  .optional()
  .transform((v) => (v ? Number(v) : null));

/** What a username may be: lower-case Latin letters, digits and . _ - (3–40), the same for the CLI. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;

/** Each field's complaint, in both languages: zod carries only the field's key. */
const NEW_USER_ERRORS = {
  username: {
    th: "ชื่อผู้ใช้ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือ . _ - ยาว 3–40 ตัว",
    en: "A username is 3–40 lower-case Latin letters, digits or . _ -",
  },
  displayName: { th: "ชื่อที่แสดงยาวได้ไม่เกิน 100 ตัวอักษร", en: "A display name is at most 100 characters." },
  role: { th: "บทบาทไม่ถูกต้อง", en: "Unknown role." },
  unitId: { th: "ส่วนราชการไม่ถูกต้อง", en: "Unknown unit." },
} as const;

const newUserSchema = z.object({
  username: z.string().trim().regex(USERNAME_PATTERN),
  displayName: z.string().trim().max(100),
  role: roleSchema,
  unitId: unitField,
});

/** The add-a-user form, or a 400 naming every field that is wrong, in Thai and in English. */
export function parseNewUser(form: FormData): z.infer<typeof newUserSchema> {
  const parsed = newUserSchema.safeParse(Object.fromEntries(form));
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))] as (keyof typeof NEW_USER_ERRORS)[];
  const errors = fields.map((field) => NEW_USER_ERRORS[field] ?? { th: "ข้อมูลไม่ถูกต้อง", en: "Invalid input." });
  throw badInput(errors.map((e) => e.th).join(" · "), errors.map((e) => e.en).join(" · "));
}

/** A new account; unitId only for a complaint handler (callers that make other roles may leave it out). */
export type NewUserInput = Omit<z.infer<typeof newUserSchema>, "unitId"> & { unitId?: number | null };

function badInput(th: string, en: string): HttpError {
  return new HttpError(400, th, en);
}

/**
 * The unit a user of `role` works for: a complaint handler's must be an active unit of the agency (whose
 * complaints they handle: app/services/complaints/access.ts); every other role has none.
 */
async function unitForRole(db: Db, organizationId: number, role: z.infer<typeof roleSchema>, unitId: number | null): Promise<number | null> {
  if (role !== "complaints") return null;
  const unit = unitId === null ? undefined : await getOrganizationUnit(db, organizationId, unitId);
  if (!unit || unit.status !== "active") {
    throw badInput(
      "ผู้รับผิดชอบเรื่องร้องเรียนต้องสังกัดส่วนราชการ กรุณาเลือกส่วนราชการที่ยังใช้งานอยู่",
      "A complaint handler works for a unit: choose one of the agency's active units.",
    );
  }
  return unit.id;
}

/**
 * The 400 of a name the agency has already. Only the agency's own names are looked at (a username is
 * unique per agency, migration 0017): no answer here tells one agency which names another one uses.
 */
function usernameTaken(username: string): HttpError {
  return badInput(`หน่วยงานนี้มีชื่อผู้ใช้ "${username}" อยู่แล้ว`, `This agency already has the username "${username}".`);
}

/**
 * Creates an account in the admin's agency and returns its one-time password. Two creates of one name at
 * the same moment both pass the check; the unique index refuses the second, which is then the same 400.
 */
export async function createUser(db: Db, admin: SessionUser, input: NewUserInput, now: Date): Promise<{ username: string; password: string }> {
  if (await getAgencyUserId(db, admin.organizationId, input.username)) throw usernameTaken(input.username);
  const unitId = await unitForRole(db, admin.organizationId, input.role, input.unitId ?? null);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    await db.transaction().execute(async (trx) => {
      const id = await insertUser(trx, {
        organization_id: admin.organizationId,
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        role: input.role,
        unit_id: unitId,
        created_at: now.toISOString(),
        // One-time: the admin has seen it; its owner chooses their own at the first sign-in (issue 14).
        must_change_password: 1,
      });
      await recordAudit(trx, actor(admin), "user.create", `user:${id}`, { username: input.username, role: input.role, ...(unitId ? { unitId } : {}) }, now);
    });
  } catch (error) {
    if (await getAgencyUserId(db, admin.organizationId, input.username)) throw usernameTaken(input.username);
    throw error;
  }
  return { username: input.username, password };
}

export type UserChange =
  | { kind: "role"; role: z.infer<typeof roleSchema>; unitId: number | null }
  | { kind: "status"; status: "active" | "disabled" }
  | { kind: "reset-password" }
  /** The user lost the phone and the recovery codes: their second factor is removed (they set it up again). */
  | { kind: "reset-second-factor" };

export function parseUserChange(form: FormData): UserChange {
  const intent = form.get("intent");
  if (intent === "role") {
    const role = roleSchema.safeParse(form.get("role"));
    if (!role.success) throw badInput("บทบาทไม่ถูกต้อง", "Unknown role.");
    const unit = unitField.safeParse(form.get("unitId") ?? undefined);
    if (!unit.success) throw badInput("ส่วนราชการไม่ถูกต้อง", "Unknown unit.");
    return { kind: "role", role: role.data, unitId: unit.data };
  }
  if (intent === "disable" || intent === "enable") return { kind: "status", status: intent === "disable" ? "disabled" : "active" };
  if (intent === "reset-password") return { kind: "reset-password" };
  if (intent === "reset-second-factor") return { kind: "reset-second-factor" };
  throw badInput("ไม่รู้จักคำสั่งนี้", "Unknown action.");
}

/**
 * Applies a change to a user of the admin's agency (another agency's user is a 404). The agency keeps
 * at least one active admin. Returns a new one-time password for a reset.
 */
export async function changeUser(db: Db, admin: SessionUser, userIdParam: unknown, change: UserChange, now: Date): Promise<{ password?: string; username: string }> {
  const userId = Number(userIdParam);
  const user = Number.isSafeInteger(userId) ? await getOrganizationUser(db, admin.organizationId, userId) : undefined;
  if (!user) throw new HttpError(404, "ไม่พบผู้ใช้นี้", "No such user.");
  // Hashed before the transaction: scrypt is slow on purpose, and a write transaction should not wait on it.
  const password = change.kind === "reset-password" ? generatePassword() : undefined;
  const passwordHash = password ? await hashPassword(password) : undefined;
  const unitId = change.kind === "role" ? await unitForRole(db, admin.organizationId, change.role, change.unitId) : null;
  return db.transaction().execute(async (trx) => {
    const losesAdmin =
      user.role === "admin" &&
      user.status === "active" &&
      ((change.kind === "role" && change.role !== "admin") || (change.kind === "status" && change.status === "disabled"));
    if (losesAdmin && (await countAdmins(trx, admin.organizationId)) <= 1) {
      throw badInput("ต้องมีผู้ดูแลระบบที่ใช้งานได้อย่างน้อยหนึ่งคน", "The agency needs at least one active administrator.");
    }
    if (change.kind === "role") {
      await updateUser(trx, user.id, { role: change.role, unit_id: unitId });
    } else if (change.kind === "status") {
      await updateUser(trx, user.id, { status: change.status });
      if (change.status === "disabled") await deleteUserSessions(trx, user.id);
    } else if (change.kind === "reset-second-factor") {
      await disableSecondFactor(trx, user.id);
      await deleteSignInThrottle(trx, `second-factor:user:${user.id}`);
      // Whoever has the lost phone should not stay signed in either.
      await deleteUserSessions(trx, user.id);
    } else {
      await updateUser(trx, user.id, { password_hash: passwordHash!, must_change_password: 1 });
      // The new password is not kept waiting by the guesses at the old one (app/auth/sign-in.server.ts).
      await deleteSignInThrottle(trx, `user:${user.id}`);
      await deleteUserSessions(trx, user.id);
    }
    const detail = change.kind === "role" ? { role: change.role, ...(unitId ? { unitId } : {}) } : change.kind === "status" ? { status: change.status } : {};
    await recordAudit(trx, actor(admin), `user.${change.kind}`, `user:${user.id}`, { username: user.username, ...detail }, now);
    return { password, username: user.username };
  });
}

function actor(user: SessionUser) {
  return { organizationId: user.organizationId, userId: user.userId };
}
