/**
 * The e-mail part of the account page (issue 17): the user's address, the language of their e-mails, the
 * weekly digest and the alerts the agency sends that they may receive. Posts to the account page's action
 * (intent email-settings). Without SMTP settings the section says that e-mail is off, and still lets the
 * user keep an address for when it is turned on.
 */
import { Form } from "react-router";
import type { Localized } from "../scoring/framework";
import type { EmailAlertType } from "../services/email/messages";
import { ALERT_LABELS } from "../text/notification-text";
import { defineTexts, type Lang, pick } from "../text/i18n";
import { CsrfInput } from "./csrf-input";
import "../styles/notifications.css";

export interface EmailSettingsView {
  emailOn: boolean;
  email: string;
  lang: "th" | "en";
  weeklyDigest: boolean;
  alerts: EmailAlertType[];
  offered: EmailAlertType[];
}

export type EmailSettingsAnswer = { saved: true } | { saved: false; message: Localized; fields: Record<string, Localized>; typed: string };

const say = defineTexts({
  title: { th: "อีเมลและการแจ้งเตือน", en: "E-mail and alerts" },
  off: {
    th: "ระบบนี้ยังไม่ได้เปิดการส่งอีเมล จึงยังไม่มีอีเมลส่งถึงท่าน บันทึกอีเมลไว้ก่อนได้",
    en: "This installation does not send e-mail yet, so none will reach you; you may save your address for when it does.",
  },
  lead: {
    th: "อีเมลจากระบบมีเพียงจำนวน คะแนน และลิงก์ ไม่มีข้อมูลส่วนบุคคล อีเมลของท่านไม่แสดงแก่ผู้อื่นในหน้ารายการอีเมล",
    en: "E-mails hold counts, scores and links only, no personal data. Your address is not shown to others in the e-mail log.",
  },
  email: { th: "อีเมลของท่าน (ไม่บังคับ)", en: "Your e-mail address (optional)" },
  emailHint: { th: "เว้นว่างเพื่อเลิกรับอีเมลทั้งหมด", en: "Leave it empty to receive no e-mail." },
  lang: { th: "ภาษาของอีเมล", en: "Language of the e-mails" },
  th: { th: "ภาษาไทย", en: "Thai" },
  en: { th: "ภาษาอังกฤษ", en: "English" },
  digest: { th: "รับสรุปประจำสัปดาห์ทุกวันจันทร์ 08:00\u00a0น.", en: "Send me the weekly digest (Mondays 08:00, Bangkok)" },
  alerts: { th: "การแจ้งเตือนที่ต้องการรับ", en: "Alerts I want" },
  noAlerts: { th: "ผู้ดูแลของหน่วยงานยังไม่ได้เปิดการแจ้งเตือนใด", en: "The agency's admins have not turned on any alert." },
  save: { th: "บันทึกการตั้งค่าอีเมล", en: "Save the e-mail settings" },
  saved: { th: "บันทึกการตั้งค่าอีเมลแล้ว", en: "The e-mail settings are saved." },
});

export function EmailSettingsSection({ lang, settings, answer }: { lang: Lang; settings: EmailSettingsView; answer?: EmailSettingsAnswer }) {
  const failed = answer && !answer.saved ? answer : undefined;
  const emailError = failed?.fields.email;
  return (
    <section className="card email-settings" id="email" aria-labelledby="email-title">
      <h2 id="email-title">{say(lang, "title")}</h2>
      {!settings.emailOn && (
        <p className="alert" data-testid="email-off">
          {say(lang, "off")}
        </p>
      )}
      <p className="muted">{say(lang, "lead")}</p>
      {answer?.saved && (
        <p className="note" role="status" data-testid="email-saved">
          {say(lang, "saved")}
        </p>
      )}
      {failed && (
        <p className="alert" role="alert">
          {pick(lang, failed.message)}
        </p>
      )}
      <Form method="post" className="form-stack" key={answer?.saved ? `saved-${settings.email}` : "form"}>
        <CsrfInput />
        <input type="hidden" name="intent" value="email-settings" />
        <label>
          {say(lang, "email")}
          <input
            type="email"
            name="email"
            autoComplete="email"
            maxLength={254}
            defaultValue={failed ? failed.typed : settings.email}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? "email-error" : "email-hint"}
          />
          {emailError ? (
            <span className="field-error" id="email-error">
              {pick(lang, emailError)}
            </span>
          ) : (
            <span className="muted" id="email-hint">
              {say(lang, "emailHint")}
            </span>
          )}
        </label>
        <label>
          {say(lang, "lang")}
          <select name="lang" defaultValue={settings.lang}>
            <option value="th">{say(lang, "th")}</option>
            <option value="en">{say(lang, "en")}</option>
          </select>
        </label>
        <label className="notify-check">
          <input type="checkbox" name="digest" value="on" defaultChecked={settings.weeklyDigest} />
          <span>{say(lang, "digest")}</span>
        </label>
        <fieldset>
          <legend>{say(lang, "alerts")}</legend>
          {settings.offered.length === 0 && <p className="muted">{say(lang, "noAlerts")}</p>}
          {settings.offered.map((type) => (
            <label key={type} className="notify-check">
              <input type="checkbox" name="alert" value={type} defaultChecked={settings.alerts.includes(type)} />
              <span>{pick(lang, ALERT_LABELS[type])}</span>
            </label>
          ))}
        </fieldset>
        <button className="button" type="submit">
          {say(lang, "save")}
        </button>
      </Form>
    </section>
  );
}
