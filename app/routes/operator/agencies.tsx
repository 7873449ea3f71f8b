/**
 * /operator: the host operator's one page (issue 11, item 1). Agencies of the installation with their
 * counts — never answers — and the forms that create one (with its first admin), rename it, suspend or
 * reactivate it and add an admin. Each form names its `intent`; the services are
 * app/services/agencies.server.ts, the same the command line uses.
 *
 * Not redirected after a success that made a password: it is shown once, in this response only, which
 * is marked no-store, and never put in a URL.
 */
import { data, Form } from "react-router";
import { requireSignedInOperator } from "../../auth/operator-context.server";
import { requireOperatorCsrf } from "../../auth/operator-session.server";
import { getDb } from "../../lib/db.server";
import { getEnv } from "../../lib/env.server";
import { HttpError, readFormData } from "../../lib/http";
import {
  createAgency,
  createAgencyAdmin,
  defaultAgencyType,
  listAgencies,
  listAgencyTypes,
  renameAgency,
  setAgencyStatus,
} from "../../services/agencies.server";
import { OperatorHeader } from "../../components/operator-header";
import { at } from "../../text/admin-text";
import { formatDate } from "../../text/format";
import { defineTexts, getRequestLang, type Lang, pick, t } from "../../text/i18n";
import type { Route } from "./+types/agencies";

const NO_STORE = { "Cache-Control": "no-store" };

export async function loader({ request, context }: Route.LoaderArgs) {
  const operator = requireSignedInOperator(context);
  return data(
    {
      lang: getRequestLang(request),
      operator: operator.username,
      csrf: operator.csrfToken,
      agencies: await listAgencies(getDb()),
      types: listAgencyTypes(),
      defaultType: defaultAgencyType(),
    },
    { headers: NO_STORE },
  );
}

type FieldErrors = Record<string, { th: string; en: string }>;

export async function action({ request, context }: Route.ActionArgs) {
  const operator = requireSignedInOperator(context);
  const lang = getRequestLang(request);
  const form = await readFormData(request);
  if (!form) return data({ error: at(lang, "formUnreadable"), fields: {} as FieldErrors, intent: "", organizationId: undefined as string | undefined }, { status: 400, headers: NO_STORE });
  requireOperatorCsrf(operator, form);
  const db = getDb();
  const actor = { kind: "operator", operatorId: operator.operatorId } as const;
  const now = new Date();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  try {
    switch (intent) {
      case "create": {
        const created = await createAgency(db, actor, { slug: text("slug"), nameTh: text("nameTh"), nameEn: text("nameEn"), type: text("type") }, now);
        return data({ created: { agency: created.agency.slug, ...created.admin, signInUrl: signInUrl(created.agency.slug) } }, { headers: NO_STORE });
      }
      case "rename":
        await renameAgency(db, actor, text("organizationId"), { nameTh: text("nameTh"), nameEn: text("nameEn"), type: text("type") }, now);
        return data({ done: true }, { headers: NO_STORE });
      case "suspend":
      case "reactivate":
        await setAgencyStatus(db, actor, text("organizationId"), intent === "suspend" ? "suspended" : "active", now);
        return data({ done: true }, { headers: NO_STORE });
      case "create-admin": {
        const admin = await createAgencyAdmin(db, actor, text("organizationId"), { username: text("username") }, now);
        return data({ created: { ...admin, signInUrl: signInUrl(admin.agency) } }, { headers: NO_STORE });
      }
      default:
        throw new HttpError(400, "ไม่รู้จักคำสั่งนี้", "Unknown action.");
    }
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return data(
      { error: lang === "th" ? error.messageTh : error.messageEn, fields: error.fields ?? {}, intent, organizationId: text("organizationId") },
      { status: error.status, headers: NO_STORE },
    );
  }
}

/** Where the agency's users sign in, its code filled in: a username is the agency's own (migration 0017). */
function signInUrl(slug: string): string {
  return `${getEnv().PUBLIC_URL}/sign-in?agency=${encodeURIComponent(slug)}`;
}

const say = defineTexts({
  title: { th: "หน่วยงานในเครื่องให้บริการนี้", en: "Agencies of this installation" },
  countsOnly: {
    th: "หน้านี้แสดงเฉพาะจำนวน ไม่แสดงคำตอบ คะแนน หรือชื่อผู้ใช้ของหน่วยงานใด",
    en: "This page shows counts only: no agency's answers, scores or users' names.",
  },
  none: { th: "ยังไม่มีหน่วยงาน สร้างหน่วยงานแรกด้านล่าง", en: "No agency yet: create the first one below." },
  slug: { th: "รหัสหน่วยงาน (slug)", en: "Slug" },
  slugHint: { th: "อักษรอังกฤษตัวเล็ก ตัวเลข และขีด เช่น nong-bua", en: "lowercase a-z, digits and hyphens, e.g. nong-bua" },
  nameTh: { th: "ชื่อภาษาไทย", en: "Thai name" },
  nameEn: { th: "ชื่อภาษาอังกฤษ (ไม่บังคับ)", en: "English name (optional)" },
  type: { th: "ประเภทและขนาด", en: "Type and size" },
  status: { th: "สถานะ", en: "Status" },
  active: { th: "ใช้งาน", en: "active" },
  suspended: { th: "ระงับ", en: "suspended" },
  units: { th: "ส่วนราชการ", en: "Units" },
  counters: { th: "จุดบริการ", en: "Counters" },
  rounds: { th: "รอบ", en: "Rounds" },
  responses: { th: "คำตอบ", en: "Responses" },
  users: { th: "ผู้ใช้", en: "Users" },
  created: { th: "สร้างเมื่อ", en: "Created" },
  create: { th: "สร้างหน่วยงาน", en: "Create an agency" },
  createLead: {
    th: "สร้างหน่วยงานพร้อมผู้ดูแลระบบคนแรก (ชื่อผู้ใช้ slug-admin) รหัสผ่านจะแสดงเพียงครั้งเดียว",
    en: "Creates the agency and its first admin (username slug-admin); the password is shown once.",
  },
  rename: { th: "บันทึกชื่อและประเภท", en: "Save names and type" },
  suspend: { th: "ระงับหน่วยงาน", en: "Suspend" },
  reactivate: { th: "เปิดใช้อีกครั้ง", en: "Reactivate" },
  addAdmin: { th: "เพิ่มผู้ดูแลระบบของหน่วยงาน", en: "Add an agency admin" },
  edit: { th: "แก้ไข", en: "Edit" },
  saved: { th: "บันทึกแล้ว", en: "Saved." },
  oneTime: {
    th: "รหัสผ่านนี้แสดงเพียงครั้งเดียว กรุณาส่งให้ผู้ดูแลระบบของหน่วยงาน {agency} โดยตรง ระบบเก็บไว้เฉพาะค่าแฮช",
    en: "This password is shown once. Give it to the admin of {agency} directly; only its hash is stored.",
  },
  signInAt: { th: "เข้าสู่ระบบที่", en: "Sign in at" },
});

function FieldError({ lang, errors, name }: { lang: Lang; errors: FieldErrors | undefined; name: string }) {
  const error = errors?.[name];
  return error ? (
    <span className="field-error" role="alert">
      {pick(lang, error)}
    </span>
  ) : null;
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${say(loaderData?.lang ?? "th", "title")} · ${t(loaderData?.lang ?? "th", "appName")}` }];
}

export default function OperatorAgencies({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, operator, csrf, agencies, types, defaultType } = loaderData;
  const typeTitle = (code: string) => {
    const type = types.find((g) => g.code === code);
    return type ? pick(lang, type.title) : code;
  };
  const failed = actionData && "error" in actionData ? actionData : undefined;
  const createErrors = failed?.intent === "create" ? failed.fields : undefined;
  const csrfInput = <input type="hidden" name="csrf" value={csrf} />;
  return (
    <>
      <OperatorHeader lang={lang} operator={operator} csrf={csrf} />
      <main className="page">
        <h1>{say(lang, "title")}</h1>
        <p className="muted">{say(lang, "countsOnly")}</p>
        {failed && (
          <p className="alert" role="alert">
            {failed.error}
          </p>
        )}
        {actionData && "done" in actionData && (
          <p className="note" role="status">
            {say(lang, "saved")}
          </p>
        )}
        {actionData && "created" in actionData && (
          <div className="note" role="status">
            <p>{say(lang, "oneTime", { agency: actionData.created.agency })}</p>
            <p>
              {at(lang, "username")}: <strong>{actionData.created.username}</strong> · {at(lang, "password")}:{" "}
              <code className="secret">{actionData.created.password}</code>
            </p>
            <p>
              {say(lang, "signInAt")} <code>{actionData.created.signInUrl}</code>
            </p>
          </div>
        )}
        {agencies.length === 0 ? (
          <p>{say(lang, "none")}</p>
        ) : (
          <div className="table-scroll">
            <table className="scores">
              <thead>
                <tr>
                  <th>{say(lang, "slug")}</th>
                  <th>{say(lang, "nameTh")}</th>
                  <th>{say(lang, "type")}</th>
                  <th>{say(lang, "status")}</th>
                  <th>{say(lang, "units")}</th>
                  <th>{say(lang, "counters")}</th>
                  <th>{say(lang, "rounds")}</th>
                  <th>{say(lang, "responses")}</th>
                  <th>{say(lang, "users")}</th>
                  <th>{say(lang, "created")}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {agencies.map((agency) => {
                  const rowErrors = failed && failed.organizationId === String(agency.id) ? failed.fields : undefined;
                  return (
                    <tr key={agency.id}>
                      <td>{agency.slug}</td>
                      <td>
                        {agency.nameTh}
                        {agency.nameEn && <div className="muted">{agency.nameEn}</div>}
                      </td>
                      <td>{typeTitle(agency.type)}</td>
                      <td>{agency.status === "active" ? say(lang, "active") : say(lang, "suspended")}</td>
                      <td>{agency.units}</td>
                      <td>{agency.counters}</td>
                      <td>{agency.rounds}</td>
                      <td>{agency.responses}</td>
                      <td>{agency.users}</td>
                      <td>{formatDate(agency.createdAt.slice(0, 10), lang)}</td>
                      <td>
                        <details>
                          <summary>{say(lang, "edit")}</summary>
                          <Form method="post" className="form-stack">
                            {csrfInput}
                            <input type="hidden" name="organizationId" value={agency.id} />
                            <label>
                              {say(lang, "nameTh")}
                              <input name="nameTh" defaultValue={agency.nameTh} required maxLength={120} />
                              <FieldError lang={lang} errors={rowErrors} name="nameTh" />
                            </label>
                            <label>
                              {say(lang, "nameEn")}
                              <input name="nameEn" defaultValue={agency.nameEn} maxLength={120} />
                              <FieldError lang={lang} errors={rowErrors} name="nameEn" />
                            </label>
                            <label>
                              {say(lang, "type")}
                              <TypeSelect lang={lang} types={types} value={agency.type} />
                            </label>
                            <button className="small-button" type="submit" name="intent" value="rename">
                              {say(lang, "rename")}
                            </button>
                          </Form>
                          <Form method="post" className="inline-form">
                            {csrfInput}
                            <input type="hidden" name="organizationId" value={agency.id} />
                            <button className="small-button" type="submit" name="intent" value={agency.status === "active" ? "suspend" : "reactivate"}>
                              {agency.status === "active" ? say(lang, "suspend") : say(lang, "reactivate")}
                            </button>
                          </Form>
                          <Form method="post" className="form-stack">
                            {csrfInput}
                            <input type="hidden" name="organizationId" value={agency.id} />
                            <label>
                              {at(lang, "username")}
                              <input name="username" required pattern="[a-z0-9._\-]{3,40}" autoComplete="off" />
                              <FieldError lang={lang} errors={rowErrors} name="username" />
                            </label>
                            <button className="small-button" type="submit" name="intent" value="create-admin">
                              {say(lang, "addAdmin")}
                            </button>
                          </Form>
                        </details>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <h2>{say(lang, "create")}</h2>
        <p className="muted">{say(lang, "createLead")}</p>
        <Form method="post" className="card form-stack">
          {csrfInput}
          <label>
            {say(lang, "slug")}
            <input name="slug" required autoComplete="off" aria-describedby="slug-hint" />
            <span id="slug-hint" className="muted">
              {say(lang, "slugHint")}
            </span>
            <FieldError lang={lang} errors={createErrors} name="slug" />
          </label>
          <label>
            {say(lang, "nameTh")}
            <input name="nameTh" required maxLength={120} />
            <FieldError lang={lang} errors={createErrors} name="nameTh" />
          </label>
          <label>
            {say(lang, "nameEn")}
            <input name="nameEn" maxLength={120} />
            <FieldError lang={lang} errors={createErrors} name="nameEn" />
          </label>
          <label>
            {say(lang, "type")}
            <TypeSelect lang={lang} types={types} value={defaultType} />
            <FieldError lang={lang} errors={createErrors} name="type" />
          </label>
          <button className="button" type="submit" name="intent" value="create">
            {say(lang, "create")}
          </button>
        </Form>
      </main>
    </>
  );
}

function TypeSelect({ lang, types, value }: { lang: Lang; types: { code: string; title: { th: string; en: string } }[]; value: string }) {
  return (
    <select name="type" defaultValue={value}>
      {types.map((type) => (
        <option key={type.code} value={type.code}>
          {pick(lang, type.title)}
        </option>
      ))}
    </select>
  );
}
