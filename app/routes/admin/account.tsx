/**
 * The signed-in user's own account (issue 14, item 8): change the password (forced after a one-time
 * password: the admin middleware sends every other page here until it is done), and sign out everywhere
 * else. No redirect after a change: the result is this page's answer, never in a URL.
 */
import { data, Form } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { PasswordChangeForm } from "../../components/password-change-form";
import { mustSetUpSecondFactor, requireSignedInUser } from "../../auth/admin-context.server";
import { secondFactorRequired } from "../../auth/second-factor.server";
import { countUnusedRecoveryCodes } from "../../../db/queries/second-factor";
import { requestInfoContext } from "../../lib/request-context";
import { beginEnrolment, confirmEnrolment, renewRecoveryCodes, turnOffSecondFactor } from "../../services/second-factor.server";
import { SecondFactorSection } from "../../components/second-factor-section";
import { requireCsrf } from "../../auth/session.server";
import { getDb } from "../../lib/db.server";
import { changeOwnPassword, signOutEverywhereElse } from "../../services/account.server";
import { defineTexts, getRequestLang } from "../../text/i18n";
import { HttpError } from "../../lib/http";
import { EmailSettingsSection } from "../../components/email-settings-section";
import { getOwnEmailSettings, saveOwnEmailSettings } from "../../services/email/settings.server";
import type { Route } from "./+types/account";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireSignedInUser(context);
  const on = user.secondFactorSince !== null;
  return {
    lang: getRequestLang(request),
    username: user.username,
    mustChange: user.mustChangePassword === 1,
    secondFactor: {
      since: user.secondFactorSince,
      required: secondFactorRequired({ required: user.secondFactorRequired, role: user.role }),
      mustSetUp: mustSetUpSecondFactor(user),
      recoveryCodesLeft: on ? await countUnusedRecoveryCodes(getDb(), user.userId) : 0,
    },
    email: await getOwnEmailSettings(getDb(), user),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const form = await request.formData();
  requireCsrf(user, form);
  const now = new Date();
  const clientAddress = context.get(requestInfoContext).clientAddress;
  switch (form.get("intent")) {
    case "sign-out-elsewhere":
      return { signedOutElsewhere: await signOutEverywhereElse(db, user, now) };
    case "second-factor-begin":
      return { secondFactor: { enrolment: await beginEnrolment(user, now) } };
    case "second-factor-confirm":
      return secondFactorAnswer(await confirmEnrolment(db, user, form, now));
    case "second-factor-off":
      return secondFactorAnswer(await turnOffSecondFactor(db, user, form, clientAddress, now));
    case "recovery-codes-renew":
      return secondFactorAnswer(await renewRecoveryCodes(db, user, form, clientAddress, now));
    case "email-settings":
      return emailAnswer(db, user, form, now);
  }
  const result = await changeOwnPassword(db, user, form, clientAddress, now);
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  return { changed: true, signedOutElsewhere: result.signedOutElsewhere };
}

/** The e-mail section's answer: saved, or the form's values back with the reason (400). */
async function emailAnswer(db: ReturnType<typeof getDb>, user: ReturnType<typeof requireSignedInUser>, form: FormData, now: Date) {
  try {
    await saveOwnEmailSettings(db, user, form, now);
    return { email: { saved: true as const } };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const typed = form.get("email");
    return data(
      { email: { saved: false as const, message: { th: error.messageTh, en: error.messageEn }, fields: error.fields ?? {}, typed: typeof typed === "string" ? typed.slice(0, 300) : "" } },
      { status: error.status },
    );
  }
}

function secondFactorAnswer(result: Awaited<ReturnType<typeof confirmEnrolment>>) {
  if (result.ok) return { secondFactor: { done: true, recoveryCodes: result.recoveryCodes } };
  return data({ secondFactor: { error: result.error, enrolment: result.enrolment } }, { status: 400 });
}

const say = defineTexts({
  title: { th: "บัญชีของฉัน", en: "My account" },
  mustChange: {
    th: "ท่านเข้าสู่ระบบด้วยรหัสผ่านชั่วคราว กรุณาตั้งรหัสผ่านของท่านเองก่อนใช้งานต่อ มีเพียงท่านที่รู้รหัสนี้",
    en: "You signed in with a one-time password. Choose your own password before going on: only you will know it.",
  },
  changed: {
    th: "เปลี่ยนรหัสผ่านแล้ว อุปกรณ์อื่นที่เคยเข้าสู่ระบบด้วยบัญชีนี้ถูกออกจากระบบ {n} เครื่อง",
    en: "The password is changed. Other devices signed in to this account were signed out: {n}.",
  },
  sessionsTitle: { th: "ออกจากระบบในอุปกรณ์อื่นทั้งหมด", en: "Sign out everywhere else" },
  sessionsLead: {
    th: "หากลืมออกจากระบบที่เครื่องอื่น หรือสงสัยว่ามีผู้อื่นใช้บัญชีนี้ กดปุ่มนี้ อุปกรณ์นี้ยังอยู่ในระบบ",
    en: "If you forgot to sign out on another computer, or suspect someone else uses this account, press this: this device stays signed in.",
  },
  signOutElsewhere: { th: "ออกจากระบบในอุปกรณ์อื่น", en: "Sign out other devices" },
  signedOutElsewhere: { th: "ออกจากระบบในอุปกรณ์อื่นแล้ว {n} เครื่อง", en: "Other devices signed out: {n}." },
});

export default function AccountPage({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, username, mustChange, secondFactor, email } = loaderData;
  const errors = actionData && "errors" in actionData ? actionData.errors : {};
  return (
    <main className="page account-page">
      <h1>{say(lang, "title")}</h1>
      {mustChange && !(actionData && "changed" in actionData) && (
        <p className="alert" role="alert" data-testid="must-change">
          {say(lang, "mustChange")}
        </p>
      )}
      {actionData && "changed" in actionData && (
        <p className="note" role="status" data-testid="password-changed">
          {say(lang, "changed", { n: actionData.signedOutElsewhere ?? 0 })}
        </p>
      )}
      <PasswordChangeForm lang={lang} username={username} errors={errors} changed={Boolean(actionData && "changed" in actionData)} csrfField={<CsrfInput />} />
      {!mustChange && (
        <SecondFactorSection lang={lang} view={secondFactor} answer={actionData && "secondFactor" in actionData ? actionData.secondFactor : undefined} />
      )}
      {!mustChange && <EmailSettingsSection lang={lang} settings={email} answer={actionData && "email" in actionData ? actionData.email : undefined} />}
      {!mustChange && (
        <section className="card" aria-labelledby="sessions-title">
          <h2 id="sessions-title">{say(lang, "sessionsTitle")}</h2>
          <p className="muted">{say(lang, "sessionsLead")}</p>
          {actionData && "signedOutElsewhere" in actionData && !("changed" in actionData) && (
            <p className="note" role="status" data-testid="signed-out-elsewhere">
              {say(lang, "signedOutElsewhere", { n: actionData.signedOutElsewhere ?? 0 })}
            </p>
          )}
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="sign-out-elsewhere" />
            <button className="button button-secondary" type="submit">
              {say(lang, "signOutElsewhere")}
            </button>
          </Form>
        </section>
      )}
    </main>
  );
}
