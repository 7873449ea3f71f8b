/**
 * The second-factor part of the account page (issue 14, item 8): turn it on with a QR code and the app's
 * first code, see the ten recovery codes once, renew them, move to another app, or turn it off (unless
 * the agency requires it). The forms post to the account page's action.
 */
import { Form } from "react-router";
import type { Localized } from "../scoring/framework";
import { defineTexts, type Lang, pick } from "../text/i18n";
import { bangkokDate } from "../text/dates";
import { formatDate } from "../text/format";
import { CsrfInput } from "./csrf-input";

export interface SecondFactorView {
  since: string | null;
  required: boolean;
  mustSetUp: boolean;
  recoveryCodesLeft: number;
}

export interface SecondFactorAnswer {
  enrolment?: { pending: string; groupedSecret: string; qrSvg: string };
  error?: Localized;
  done?: boolean;
  recoveryCodes?: string[];
}

const say = defineTexts({
  title: { th: "การยืนยันตัวตนสองขั้นตอน", en: "Second factor" },
  lead: {
    th: "นอกจากรหัสผ่าน ให้ขอรหัส 6 หลักจากแอปยืนยันตัวตนในโทรศัพท์ทุกครั้งที่เข้าสู่ระบบ ผู้ที่รู้รหัสผ่านของท่านก็เข้าระบบไม่ได้หากไม่มีโทรศัพท์ของท่าน",
    en: "Besides the password, ask for a 6-digit code from an authenticator app on your phone at each sign-in: someone who knows your password cannot sign in without your phone.",
  },
  mustSetUp: {
    th: "หน่วยงานของท่านกำหนดให้ผู้ดูแลและผู้บริหารใช้การยืนยันตัวตนสองขั้นตอน กรุณาตั้งค่าก่อนใช้งานต่อ",
    en: "Your agency requires a second factor of admins and managers: set it up before going on.",
  },
  off: { th: "ยังไม่ได้เปิดใช้", en: "Not turned on." },
  on: { th: "เปิดใช้ตั้งแต่ {date} · เหลือรหัสกู้คืนที่ยังไม่ได้ใช้ {n} รหัส", en: "On since {date} · unused recovery codes: {n}." },
  required: { th: "หน่วยงานกำหนดให้บัญชีนี้ต้องใช้", en: "Your agency requires it for this account." },
  begin: { th: "เปิดใช้การยืนยันตัวตนสองขั้นตอน", en: "Turn on the second factor" },
  moveApp: { th: "ย้ายไปใช้แอปหรือโทรศัพท์เครื่องใหม่", en: "Move to another app or phone" },
  scan: {
    th: "1. ติดตั้งแอปยืนยันตัวตน (เช่น Google Authenticator, Microsoft Authenticator) แล้วสแกนคิวอาร์โค้ดนี้ด้วยแอป",
    en: "1. Install an authenticator app (such as Google Authenticator or Microsoft Authenticator) and scan this QR code with it.",
  },
  typeSecret: { th: "สแกนไม่ได้? พิมพ์รหัสลับนี้ลงในแอปแทน:", en: "Cannot scan? Type this secret into the app:" },
  typeCode: { th: "2. พิมพ์รหัส 6 หลักที่แอปแสดง", en: "2. Type the 6-digit code the app shows" },
  confirm: { th: "ยืนยันและเปิดใช้", en: "Confirm and turn on" },
  codesTitle: { th: "รหัสกู้คืน: เก็บไว้ให้ดี แสดงครั้งเดียวเท่านั้น", en: "Recovery codes: keep them safe, they are shown only now" },
  codesLead: {
    th: "หากโทรศัพท์หายหรือเสีย ใช้รหัสเหล่านี้แทนรหัส 6 หลักได้ รหัสละหนึ่งครั้ง จดหรือพิมพ์เก็บไว้ในที่ปลอดภัย ไม่ใช่ในโทรศัพท์เครื่องเดียวกัน",
    en: "If the phone is lost or broken, use these in place of the 6-digit code, each once. Write or print them and keep them somewhere safe, not on the same phone.",
  },
  current: { th: "รหัสผ่านปัจจุบัน", en: "Current password" },
  renew: { th: "ออกรหัสกู้คืนชุดใหม่ (ชุดเดิมใช้ไม่ได้อีก)", en: "New recovery codes (the old ones stop working)" },
  turnOff: { th: "ปิดการยืนยันตัวตนสองขั้นตอน", en: "Turn off the second factor" },
  turnedOff: { th: "ปิดการยืนยันตัวตนสองขั้นตอนแล้ว", en: "The second factor is off." },
  turnedOn: { th: "เปิดใช้การยืนยันตัวตนสองขั้นตอนแล้ว", en: "The second factor is on." },
});

export function SecondFactorSection({ lang, view, answer }: { lang: Lang; view: SecondFactorView; answer?: SecondFactorAnswer }) {
  const on = view.since !== null;
  return (
    <section className="card" aria-labelledby="second-factor-title" data-testid="second-factor">
      <h2 id="second-factor-title">{say(lang, "title")}</h2>
      <p className="muted">{say(lang, "lead")}</p>
      {view.mustSetUp && (
        <p className="alert" role="alert" data-testid="must-set-up-second-factor">
          {say(lang, "mustSetUp")}
        </p>
      )}
      {answer?.error && (
        <p className="alert" role="alert" data-testid="second-factor-error">
          {pick(lang, answer.error)}
        </p>
      )}
      {answer?.recoveryCodes ? (
        <RecoveryCodes lang={lang} codes={answer.recoveryCodes} />
      ) : answer?.done ? (
        <p className="note" role="status" data-testid="second-factor-off">
          {say(lang, on ? "turnedOn" : "turnedOff")}
        </p>
      ) : null}
      <p data-testid="second-factor-state">
        {on ? say(lang, "on", { date: formatDate(bangkokDate(new Date(view.since!)), lang), n: view.recoveryCodesLeft }) : say(lang, "off")}
        {on && view.required && ` · ${say(lang, "required")}`}
      </p>
      {answer?.enrolment ? (
        <Enrolment lang={lang} enrolment={answer.enrolment} />
      ) : (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="second-factor-begin" />
          <button className={on ? "button button-secondary" : "button"} type="submit">
            {say(lang, on ? "moveApp" : "begin")}
          </button>
        </Form>
      )}
      {on && !answer?.enrolment && (
        <Form method="post" className="form-stack" key={answer?.recoveryCodes ? "renewed" : "form"}>
          <CsrfInput />
          <label>
            {say(lang, "current")}
            <input type="password" name="current" autoComplete="current-password" required />
          </label>
          <div className="button-row">
            <button className="button button-secondary" type="submit" name="intent" value="recovery-codes-renew">
              {say(lang, "renew")}
            </button>
            {!view.required && (
              <button className="button button-secondary" type="submit" name="intent" value="second-factor-off">
                {say(lang, "turnOff")}
              </button>
            )}
          </div>
        </Form>
      )}
    </section>
  );
}

function Enrolment({ lang, enrolment }: { lang: Lang; enrolment: NonNullable<SecondFactorAnswer["enrolment"]> }) {
  return (
    <Form method="post" className="form-stack" data-testid="second-factor-enrolment">
      <CsrfInput />
      <input type="hidden" name="intent" value="second-factor-confirm" />
      <input type="hidden" name="pending" value={enrolment.pending} />
      <p>{say(lang, "scan")}</p>
      {/* The SVG is the qrcode library's own output for our otpauth:// address: nothing from a person. */}
      <div className="qr-enrol" role="img" aria-label="QR code" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
      <p>
        {say(lang, "typeSecret")} <code data-testid="totp-secret">{enrolment.groupedSecret}</code>
      </p>
      <label>
        {say(lang, "typeCode")}
        <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9๐-๙ ]*" maxLength={12} required className="otp-input" />
      </label>
      <button className="button" type="submit">
        {say(lang, "confirm")}
      </button>
    </Form>
  );
}

function RecoveryCodes({ lang, codes }: { lang: Lang; codes: string[] }) {
  return (
    <div className="note recovery-codes" role="status">
      <h3>{say(lang, "codesTitle")}</h3>
      <p>{say(lang, "codesLead")}</p>
      <ol data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
    </div>
  );
}
