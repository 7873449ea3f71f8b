import { data, Form } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { at, roleLabel } from "../../text/admin-text";
import { getDb } from "../../lib/db.server";
import { formatDate } from "../../text/format";
import { HttpError } from "../../lib/http";
import { getEnv } from "../../lib/env.server";
import { defineTexts, getRequestLang, type Lang } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireCsrf } from "../../auth/session.server";
import { changeUser, createUser, parseNewUser, parseUserChange } from "../../services/users.server";
import { listOrganizationUsers } from "../../../db/queries/users";
import { listOrganizationUnits } from "../../../db/queries/counters";
import type { Route } from "./+types/users";

export async function loader({ request, context }: Route.LoaderArgs) {
  const db = getDb();
  const admin = requireSignedInUser(context, "admin");
  return {
    lang: getRequestLang(request),
    me: admin.userId,
    users: await listOrganizationUsers(db, admin.organizationId),
    // A complaint handler works for a unit (issue 16): the units to choose from.
    units: (await listOrganizationUnits(db, admin.organizationId)).filter((u) => u.status === "active"),
    // A username is the agency's own (migration 0017): staff sign in naming the agency, which this link does.
    agency: admin.organizationSlug,
    signInUrl: `${getEnv().PUBLIC_URL}/sign-in?agency=${encodeURIComponent(admin.organizationSlug)}`,
  };
}

/**
 * Not redirected after success: a new or reset password is shown exactly once, in this response,
 * and never put in a URL.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const db = getDb();
  const admin = requireSignedInUser(context, "admin");
  const form = await request.formData();
  requireCsrf(admin, form);
  const lang = getRequestLang(request);
  try {
    if (form.get("intent") === "create") {
      return { created: await createUser(db, admin, parseNewUser(form), new Date()) };
    }
    const result = await changeUser(db, admin, form.get("userId"), parseUserChange(form), new Date());
    return result.password ? { created: { username: result.username, password: result.password } } : { done: true };
  } catch (error) {
    if (error instanceof HttpError) return data({ error: lang === "th" ? error.messageTh : error.messageEn }, { status: error.status });
    throw error;
  }
}

const say = defineTexts({
  title: { th: "ผู้ใช้งานของหน่วยงาน", en: "Users of the agency" },
  add: { th: "เพิ่มผู้ใช้", en: "Add a user" },
  displayName: { th: "ชื่อที่แสดง", en: "Display name" },
  role: { th: "บทบาท", en: "Role" },
  status: { th: "สถานะ", en: "Status" },
  active: { th: "ใช้งาน", en: "active" },
  disabled: { th: "ระงับแล้ว", en: "disabled" },
  since: { th: "สร้างเมื่อ", en: "Created" },
  changeRole: { th: "เปลี่ยนบทบาท", en: "Change role" },
  disable: { th: "ระงับ", en: "Disable" },
  enable: { th: "เปิดใช้", en: "Enable" },
  reset: { th: "ตั้งรหัสผ่านใหม่", en: "Reset password" },
  resetSecondFactor: { th: "ล้างการยืนยันตัวตนสองขั้นตอน (โทรศัพท์หาย)", en: "Remove the second factor (lost phone)" },
  secondFactorOn: { th: "ใช้การยืนยันตัวตนสองขั้นตอน", en: "uses a second factor" },
  oneTime: {
    th: "รหัสผ่านนี้แสดงเพียงครั้งเดียว กรุณาส่งให้เจ้าของบัญชีโดยตรง ระบบเก็บไว้เฉพาะค่าแฮช",
    en: "This password is shown once. Give it to the account's owner directly; only its hash is stored.",
  },
  signInAt: {
    th: "ผู้ใช้ของหน่วยงานเข้าสู่ระบบที่ลิงก์นี้ ซึ่งกรอกรหัสหน่วยงาน ({agency}) ไว้ให้แล้ว กรุณาส่งลิงก์นี้ให้พร้อมชื่อผู้ใช้และรหัสผ่าน:",
    en: "The agency's users sign in at this address, which fills in the agency code ({agency}) for them. Give it to them with their username and password:",
  },
  roles: {
    th: "ผู้ดูแลระบบ: จัดการหน่วยงาน รอบการประเมิน จุดบริการ ผู้ใช้ และเรื่องร้องเรียนทุกเรื่อง · ผู้จัดการ: ทุกอย่างยกเว้นผู้ใช้และเรื่องร้องเรียน · ผู้ดูผล: ดูแดชบอร์ดและรายงาน · ผู้รับผิดชอบเรื่องร้องเรียน: ดูได้อย่างผู้ดูผล และรับเรื่องร้องเรียนที่ยังไม่มอบหมายและเรื่องของส่วนราชการของตน (เห็นข้อมูลติดต่อผู้ร้องเรียนเฉพาะเรื่องของส่วนราชการของตน)",
    en: "Administrator: manages the agency, rounds, counters, users and every complaint · Manager: everything but users and complaints · Viewer: reads dashboards and reports · Complaint handler: reads as a viewer, and handles the complaints not yet assigned and those of their unit (a complainant's contact details only in their unit's cases)",
  },
  unit: { th: "ส่วนราชการ (สำหรับผู้รับผิดชอบเรื่องร้องเรียน)", en: "Unit (for a complaint handler)" },
  noUnit: { th: "— ไม่ระบุ —", en: "— none —" },
});

export default function Users({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, users, me, agency, signInUrl, units } = loaderData;
  return (
    <main className="page">
      <h1>{say(lang, "title")}</h1>
      <p className="muted">{say(lang, "roles")}</p>
      <p>
        {say(lang, "signInAt", { agency })} <code>{signInUrl}</code>
      </p>
      {actionData && "error" in actionData && (
        <p className="alert" role="alert">
          {actionData.error}
        </p>
      )}
      {actionData && "created" in actionData && actionData.created && (
        <div className="note" role="status">
          <p>{say(lang, "oneTime")}</p>
          <p>
            {at(lang, "username")}: <strong>{actionData.created.username}</strong> · {at(lang, "password")}:{" "}
            <code className="secret">{actionData.created.password}</code>
          </p>
        </div>
      )}
      <div className="table-scroll">
        <table className="scores users-table">
          <thead>
            <tr>
              <th>{at(lang, "username")}</th>
              <th>{say(lang, "displayName")}</th>
              <th>{say(lang, "role")}</th>
              <th>{say(lang, "status")}</th>
              <th>{say(lang, "since")}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td className="users-name">{user.username}</td>
                <td>{user.display_name}</td>
                <td data-label={say(lang, "role")}>
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="userId" value={user.id} />
                    <RoleSelect lang={lang} value={user.role} label={`${say(lang, "changeRole")}: ${user.username}`} />
                    <UnitSelect lang={lang} units={units} value={user.unit_id} label={`${say(lang, "unit")}: ${user.username}`} />
                    <button className="small-button" type="submit" name="intent" value="role">
                      {say(lang, "changeRole")}
                    </button>
                  </Form>
                </td>
                <td data-label={say(lang, "status")}>
                  {user.status === "active" ? say(lang, "active") : say(lang, "disabled")}
                  {user.totp_enabled_at && <span className="muted small"> · {say(lang, "secondFactorOn")}</span>}
                </td>
                <td data-label={say(lang, "since")}>{formatDate(user.created_at.slice(0, 10), lang)}</td>
                <td>
                  {user.id !== me && (
                    <Form method="post" className="inline-form">
                      <CsrfInput />
                      <input type="hidden" name="userId" value={user.id} />
                      <button className="small-button" type="submit" name="intent" value={user.status === "active" ? "disable" : "enable"}>
                        {user.status === "active" ? say(lang, "disable") : say(lang, "enable")}
                      </button>
                      <button className="small-button" type="submit" name="intent" value="reset-password">
                        {say(lang, "reset")}
                      </button>
                      {user.totp_enabled_at && (
                        <button className="small-button" type="submit" name="intent" value="reset-second-factor" aria-label={`${say(lang, "resetSecondFactor")}: ${user.username}`}>
                          {say(lang, "resetSecondFactor")}
                        </button>
                      )}
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{say(lang, "add")}</h2>
      <Form method="post" className="card form-stack">
        <CsrfInput />
        <label>
          {at(lang, "username")}
          <input name="username" required pattern="[a-z0-9._\-]{3,40}" autoComplete="off" />
        </label>
        <label>
          {say(lang, "displayName")}
          <input name="displayName" maxLength={100} />
        </label>
        <label>
          {say(lang, "role")}
          <RoleSelect lang={lang} value="viewer" />
        </label>
        <label>
          {say(lang, "unit")}
          <UnitSelect lang={lang} units={units} value={null} />
        </label>
        <button className="button" type="submit" name="intent" value="create">
          {say(lang, "add")}
        </button>
      </Form>
    </main>
  );
}

function UnitSelect({ lang, units, value, label }: { lang: Lang; units: { id: number; nameTh: string; nameEn: string }[]; value: number | null; label?: string }) {
  return (
    <select name="unitId" defaultValue={value === null ? "" : String(value)} aria-label={label}>
      <option value="">{say(lang, "noUnit")}</option>
      {units.map((unit) => (
        <option key={unit.id} value={unit.id}>
          {lang === "th" ? unit.nameTh : unit.nameEn || unit.nameTh}
        </option>
      ))}
    </select>
  );
}

function RoleSelect({ lang, value, label }: { lang: Lang; value: "admin" | "manager" | "viewer" | "complaints"; label?: string }) {
  return (
    <select name="role" defaultValue={value} aria-label={label}>
      {(["viewer", "complaints", "manager", "admin"] as const).map((role) => (
        <option key={role} value={role}>
          {roleLabel(lang, role)}
        </option>
      ))}
    </select>
  );
}
