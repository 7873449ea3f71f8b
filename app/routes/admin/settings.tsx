/**
 * The agency's settings (issue 11, item 2), for its admins: names, type and size, province and district,
 * the contact line of the respondent pages, and the logo of the print pages. The form is multipart (it
 * carries the logo); app/server/request-guards.server.ts lets this one path send it.
 */
import { data, Form } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { getDb } from "../../lib/db.server";
import { HttpError } from "../../lib/http";
import { readUploadForm } from "../../lib/upload-form.server";
import { defineTexts, getRequestLang, pick, type Lang } from "../../text/i18n";
import { formatDate } from "../../text/format";
import { bangkokDate } from "../../text/dates";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireCsrf } from "../../auth/session.server";
import { getAgencySettings, saveAgencySettings, type AgencySettings } from "../../services/agency-settings.server";
import { CONTACT_MAX, LOGO_MAX_BYTES, PLACE_MAX, RETENTION_MONTHS } from "../../services/agency-limits";
import { NAME_MAX } from "../../services/name-fields";
import type { Route } from "./+types/settings";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireSignedInUser(context, "admin");
  return { lang: getRequestLang(request), ...(await getAgencySettings(getDb(), user.organizationId)) };
}

type FieldErrors = Record<string, { th: string; en: string }>;
type ActionData = { saved: true; logo: "kept" | "replaced" | "removed" } | { saved: false; message: { th: string; en: string }; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireSignedInUser(context, "admin");
  let entries: Record<string, FormDataEntryValue> = {};
  try {
    const form = await readUploadForm(request);
    requireCsrf(user, form);
    entries = Object.fromEntries(form);
    const result = await saveAgencySettings(getDb(), user, entries, new Date());
    return { saved: true, logo: result.logo } satisfies ActionData;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const values = Object.fromEntries(Object.entries(entries).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "csrf"));
    return data({ saved: false, message: { th: error.messageTh, en: error.messageEn }, errors: error.fields ?? {}, values } satisfies ActionData, { status: error.status });
  }
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: say(data?.lang ?? "th", "metaTitle") }];
}

const say = defineTexts({
  metaTitle: { th: "ตั้งค่าหน่วยงาน · โปร่งใส", en: "Agency settings · Prongsai" },
  title: { th: "ตั้งค่าหน่วยงาน", en: "Agency settings" },
  lead: {
    th: "ชื่อและโลโก้นี้พิมพ์บนโปสเตอร์ QR code ใบรหัสเข้าตอบ และรายงานผล ช่องทางติดต่อแสดงใต้แบบสอบถามทุกหน้า",
    en: "The names and logo are printed on the QR posters, the code slips and the report; the contact line is shown under every survey.",
  },
  names: { th: "ชื่อหน่วยงาน", en: "Names" },
  nameTh: { th: "ชื่อภาษาไทย", en: "Thai name" },
  nameEn: { th: "ชื่อภาษาอังกฤษ (ไม่บังคับ)", en: "English name (optional)" },
  type: { th: "ประเภทและขนาดหน่วยงาน", en: "Type and size" },
  typeNote: {
    th: "กำหนดจำนวนผู้ตอบ EIT ขั้นต่ำตามเกณฑ์การประเมิน",
    en: "Sets the minimum number of EIT answers the assessment asks for.",
  },
  minimum: { th: "EIT ขั้นต่ำ", en: "EIT minimum" },
  place: { th: "ที่ตั้ง", en: "Location" },
  provinceTh: { th: "จังหวัด", en: "Province" },
  districtTh: { th: "อำเภอ", en: "District" },
  contact: { th: "ช่องทางติดต่อ (แสดงใต้แบบสอบถาม)", en: "Contact line (under every survey)" },
  contactTh: { th: "ภาษาไทย", en: "In Thai" },
  contactEn: { th: "ภาษาอังกฤษ (ไม่บังคับ ถ้าไม่กรอกจะแสดงภาษาไทย)", en: "In English (optional; the Thai line is shown otherwise)" },
  contactExample: { th: "เช่น สอบถามโทร 0 5512 3456 ต่อ 101 (ในเวลาราชการ)", en: "e.g. Questions: 0 5512 3456 ext. 101 (office hours)" },
  accounts: { th: "ความปลอดภัยของบัญชีผู้ใช้", en: "Account security" },
  requireSecondFactor: {
    th: "ผู้ดูแล ผู้บริหาร และผู้รับผิดชอบเรื่องร้องเรียนต้องใช้การยืนยันตัวตนสองขั้นตอน (รหัสจากแอปในโทรศัพท์)",
    en: "Admins, managers and complaint handlers must use a second factor (a code from a phone app)",
  },
  requireSecondFactorNote: {
    th: "เมื่อเปิด ผู้ดูแล ผู้บริหาร และผู้รับผิดชอบเรื่องร้องเรียนที่ยังไม่ได้ตั้งค่าจะต้องตั้งค่าในหน้าบัญชีของตนก่อนใช้งานหน้าอื่น ผู้ชมผลยังเลือกเองได้",
    en: "When on, admins, managers and complaint handlers without one must set it up on their account page before any other page; viewers still choose for themselves.",
  },
  retention: { th: "การเก็บคำตอบรายชุด (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล)", en: "Keeping answer sets (Personal Data Protection Act)" },
  retentionMonths: { th: "เก็บคำตอบรายชุดไว้หลังสิ้นสุดรอบการประเมิน (เดือน)", en: "Keep answer sets after a round ends (months)" },
  retentionNote: {
    th: "เมื่อครบกำหนด ระบบลบคำตอบรายชุดของรอบที่ปิดแล้วโดยอัตโนมัติ ผลคะแนน แนวโน้ม และรายงานยังอยู่ครบ ระยะเวลานี้แสดงในประกาศความเป็นส่วนตัวของแบบสอบถาม",
    en: "When it passes, the answer sets of a closed round are deleted automatically; scores, trends and the report stay. The survey's privacy notice states this period.",
  },
  logo: { th: "โลโก้", en: "Logo" },
  logoNote: {
    th: `ไฟล์ PNG หรือ JPEG ขนาดไม่เกิน ${LOGO_MAX_BYTES / 1024} KB (แนะนำภาพสี่เหลี่ยมจัตุรัส พื้นโปร่งใสหรือขาว)`,
    en: `A PNG or JPEG file of at most ${LOGO_MAX_BYTES / 1024} KB (square, on a transparent or white ground, prints best).`,
  },
  noLogo: { th: "ยังไม่มีโลโก้", en: "No logo yet." },
  currentLogo: { th: "โลโก้ปัจจุบัน", en: "Current logo" },
  since: { th: "อัปโหลดเมื่อ", en: "uploaded" },
  chooseLogo: { th: "เลือกไฟล์โลโก้ใหม่", en: "Choose a new logo" },
  removeLogo: { th: "ลบโลโก้", en: "Remove the logo" },
  save: { th: "บันทึกการตั้งค่า", en: "Save the settings" },
  saved: { th: "บันทึกการตั้งค่าแล้ว", en: "Settings saved." },
  logoReplaced: { th: "และเปลี่ยนโลโก้แล้ว", en: "The logo was replaced." },
  logoRemoved: { th: "และลบโลโก้แล้ว", en: "The logo was removed." },
});

function FieldError({ lang, errors, name }: { lang: Lang; errors: FieldErrors; name: string }) {
  const error = errors[name];
  return error ? (
    <span className="field-error" id={`${name}-error`}>
      {pick(lang, error)}
    </span>
  ) : null;
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, settings, types } = loaderData;
  const failed = actionData && !actionData.saved ? actionData : undefined;
  const errors = failed?.errors ?? {};
  // After a refused save the form shows what the admin typed; otherwise what is stored.
  const value = (name: keyof AgencySettings & string) => failed?.values[name] ?? (settings[name] as string);
  const text = (name: keyof AgencySettings & string, max: number, extra?: { required?: boolean; placeholder?: string }) => (
    <>
      <input
        name={name}
        defaultValue={value(name)}
        maxLength={max}
        required={extra?.required}
        placeholder={extra?.placeholder}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
      />
      <FieldError lang={lang} errors={errors} name={name} />
    </>
  );
  return (
    <main className="page">
      <h1>{say(lang, "title")}</h1>
      <p className="muted">{say(lang, "lead")}</p>
      {actionData?.saved && (
        <p className="note" role="status">
          {say(lang, "saved")} {actionData.logo === "replaced" && say(lang, "logoReplaced")}
          {actionData.logo === "removed" && say(lang, "logoRemoved")}
        </p>
      )}
      {failed && (
        <p className="alert" role="alert">
          {pick(lang, failed.message)}
        </p>
      )}
      {/* A key per saved state, so that the inputs show what was stored after each save. */}
      <Form method="post" encType="multipart/form-data" className="form-stack settings-form" key={settings.logoUrl ?? "none"}>
        <CsrfInput />
        <fieldset>
          <legend>{say(lang, "names")}</legend>
          <label>
            {say(lang, "nameTh")}
            {text("nameTh", NAME_MAX, { required: true })}
          </label>
          <label>
            {say(lang, "nameEn")}
            {text("nameEn", NAME_MAX)}
          </label>
        </fieldset>
        <label>
          {say(lang, "type")}
          <select name="type" defaultValue={value("type")} aria-invalid={errors.type ? true : undefined}>
            {types.map((t) => (
              <option key={t.code} value={t.code}>
                {pick(lang, t.title)} · {say(lang, "minimum")} {t.minimum}
              </option>
            ))}
          </select>
          <span className="muted">{say(lang, "typeNote")}</span>
          <FieldError lang={lang} errors={errors} name="type" />
        </label>
        <fieldset>
          <legend>{say(lang, "place")}</legend>
          <label>
            {say(lang, "provinceTh")}
            {text("provinceTh", PLACE_MAX)}
          </label>
          <label>
            {say(lang, "districtTh")}
            {text("districtTh", PLACE_MAX)}
          </label>
        </fieldset>
        <fieldset>
          <legend>{say(lang, "contact")}</legend>
          <label>
            {say(lang, "contactTh")}
            {text("contactTh", CONTACT_MAX, { placeholder: say(lang, "contactExample") })}
          </label>
          <label>
            {say(lang, "contactEn")}
            {text("contactEn", CONTACT_MAX)}
          </label>
        </fieldset>
        <fieldset>
          <legend>{say(lang, "retention")}</legend>
          <label>
            {say(lang, "retentionMonths")}
            <input
              type="number"
              name="retentionMonths"
              min={RETENTION_MONTHS.min}
              max={RETENTION_MONTHS.max}
              step={1}
              required
              defaultValue={failed?.values.retentionMonths ?? settings.retentionMonths}
              aria-invalid={errors.retentionMonths ? true : undefined}
              aria-describedby="retention-note"
            />
            <span className="muted" id="retention-note">
              {say(lang, "retentionNote")}
            </span>
            <FieldError lang={lang} errors={errors} name="retentionMonths" />
          </label>
        </fieldset>
        <fieldset>
          <legend>{say(lang, "accounts")}</legend>
          <input type="hidden" name="secondFactorShown" value="1" />
          <label className="checkbox">
            <input type="checkbox" name="requireSecondFactor" defaultChecked={failed ? failed.values.requireSecondFactor === "on" : settings.requireSecondFactor === 1} />{" "}
            {say(lang, "requireSecondFactor")}
          </label>
          <span className="muted">{say(lang, "requireSecondFactorNote")}</span>
        </fieldset>
        <fieldset>
          <legend>{say(lang, "logo")}</legend>
          {settings.logoUrl ? (
            <figure className="settings-logo">
              <img src={settings.logoUrl} alt={say(lang, "currentLogo")} />
              <figcaption className="muted">
                {say(lang, "currentLogo")} · {say(lang, "since")} {formatDate(bangkokDate(new Date(settings.logoUpdatedAt!)), lang)}
              </figcaption>
            </figure>
          ) : (
            <p className="muted">{say(lang, "noLogo")}</p>
          )}
          <label>
            {say(lang, "chooseLogo")}
            <input type="file" name="logo" accept="image/png,image/jpeg" aria-invalid={errors.logo ? true : undefined} aria-describedby="logo-note" />
            <span className="muted" id="logo-note">
              {say(lang, "logoNote")}
            </span>
            <FieldError lang={lang} errors={errors} name="logo" />
          </label>
          {settings.logoUrl && (
            <label className="checkbox">
              <input type="checkbox" name="removeLogo" /> {say(lang, "removeLogo")}
            </label>
          )}
        </fieldset>
        <button className="button" type="submit">
          {say(lang, "save")}
        </button>
      </Form>
    </main>
  );
}
