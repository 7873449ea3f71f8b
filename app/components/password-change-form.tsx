/**
 * The form that changes one's own password, for an agency user (/admin/account) and the host operator
 * (/operator/account) alike: the current password, the new one twice, each refusal beside its field.
 * The page passes its anti-forgery field (the two kinds of session keep their own tokens).
 */
import type { ReactNode } from "react";
import { Form, useNavigation } from "react-router";
import { MINIMUM_PASSWORD_LENGTH } from "../auth/password-policy";
import type { Localized } from "../scoring/framework";
import { defineTexts, type Lang, pick } from "../text/i18n";

export type PasswordFieldErrors = Partial<Record<"current" | "next" | "confirm", Localized>>;

const say = defineTexts({
  passwordTitle: { th: "เปลี่ยนรหัสผ่าน", en: "Change the password" },
  rule: {
    th: "อย่างน้อย {n} ตัวอักษร ไม่ใช่รหัสผ่านที่ใช้กันทั่วไป และไม่มีชื่อผู้ใช้อยู่ในนั้น เช่น ใช้หลายคำต่อกัน",
    en: "At least {n} characters, not a common password, without the username; several words together work well.",
  },
  current: { th: "รหัสผ่านปัจจุบัน", en: "Current password" },
  next: { th: "รหัสผ่านใหม่", en: "New password" },
  confirm: { th: "พิมพ์รหัสผ่านใหม่อีกครั้ง", en: "The new password again" },
  save: { th: "บันทึกรหัสผ่านใหม่", en: "Save the new password" },
  saving: { th: "กำลังบันทึก…", en: "Saving…" },
});

function FieldError({ lang, error, id }: { lang: Lang; error: Localized | undefined; id: string }) {
  return error ? (
    <span className="field-error" id={id}>
      {pick(lang, error)}
    </span>
  ) : null;
}

export function PasswordChangeForm(props: { lang: Lang; username: string; errors: PasswordFieldErrors; changed: boolean; csrfField: ReactNode }) {
  const { lang, errors } = props;
  const busy = useNavigation().state === "submitting";
  const invalid = (name: keyof PasswordFieldErrors) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{say(lang, "passwordTitle")}</h2>
      <p className="muted">{say(lang, "rule", { n: MINIMUM_PASSWORD_LENGTH })}</p>
      {/* A new key after a change: the form comes back empty, no password left in its fields. */}
      <Form method="post" className="form-stack" noValidate key={props.changed ? "changed" : "form"}>
        {props.csrfField}
        <input type="hidden" name="intent" value="change-password" />
        {/* For password managers: which account this is. */}
        <input type="hidden" name="username" autoComplete="username" value={props.username} />
        <label>
          {say(lang, "current")}
          <input type="password" name="current" autoComplete="current-password" required {...invalid("current")} />
          <FieldError lang={lang} error={errors.current} id="current-error" />
        </label>
        <label>
          {say(lang, "next")}
          <input type="password" name="next" autoComplete="new-password" minLength={MINIMUM_PASSWORD_LENGTH} required {...invalid("next")} />
          <FieldError lang={lang} error={errors.next} id="next-error" />
        </label>
        <label>
          {say(lang, "confirm")}
          <input type="password" name="confirm" autoComplete="new-password" required {...invalid("confirm")} />
          <FieldError lang={lang} error={errors.confirm} id="confirm-error" />
        </label>
        <button className="button" type="submit" disabled={busy}>
          {busy ? say(lang, "saving") : say(lang, "save")}
        </button>
      </Form>
    </section>
  );
}
