/**
 * The host operator's own account (issue 14, item 8): change the password. The command line prints an
 * operator's first password once, so the operator's middleware sends every other /operator page here
 * until it is changed (app/auth/operator-context.server.ts). Changing it ends the operator's other
 * sessions. No redirect after a change: the result is this page's answer.
 */
import { data } from "react-router";
import { requireSignedInOperator } from "../../auth/operator-context.server";
import { requireOperatorCsrf } from "../../auth/operator-session.server";
import { OperatorHeader } from "../../components/operator-header";
import { PasswordChangeForm } from "../../components/password-change-form";
import { getDb } from "../../lib/db.server";
import { readFormData } from "../../lib/http";
import { requestInfoContext } from "../../lib/request-context";
import { changeOperatorPassword } from "../../services/operator-account.server";
import { at } from "../../text/admin-text";
import { defineTexts, getRequestLang, t } from "../../text/i18n";
import type { Route } from "./+types/account";

const NO_STORE = { "Cache-Control": "no-store" };

const say = defineTexts({
  title: { th: "บัญชีผู้ดูแลเครื่องให้บริการ", en: "Host operator account" },
  mustChange: {
    th: "รหัสผ่านนี้พิมพ์ออกมาจากคำสั่งสร้างบัญชี ผู้ที่เห็นหน้าจอนั้นก็รู้รหัสนี้ กรุณาตั้งรหัสผ่านของท่านเองก่อนใช้งานต่อ",
    en: "This password was printed by the command that made the account, so whoever saw that screen knows it. Choose your own before going on.",
  },
  changed: {
    th: "เปลี่ยนรหัสผ่านแล้ว อุปกรณ์อื่นที่เคยเข้าสู่ระบบด้วยบัญชีนี้ถูกออกจากระบบ {n} เครื่อง",
    en: "The password is changed. Other devices signed in to this account were signed out: {n}.",
  },
  back: { th: "← กลับไปหน้ารายชื่อหน่วยงาน", en: "← Back to the agencies" },
});

export async function loader({ request, context }: Route.LoaderArgs) {
  const operator = requireSignedInOperator(context);
  return data(
    { lang: getRequestLang(request), operator: operator.username, csrf: operator.csrfToken, mustChange: operator.mustChangePassword === 1 },
    { headers: NO_STORE },
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  const operator = requireSignedInOperator(context);
  const lang = getRequestLang(request);
  const form = await readFormData(request);
  if (!form) return data({ formError: at(lang, "formUnreadable") }, { status: 400, headers: NO_STORE });
  requireOperatorCsrf(operator, form);
  const result = await changeOperatorPassword(getDb(), operator, form, context.get(requestInfoContext).clientAddress, new Date());
  if (!result.ok) return data({ errors: result.errors }, { status: 400, headers: NO_STORE });
  return data({ changed: true, signedOutElsewhere: result.signedOutElsewhere }, { headers: NO_STORE });
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${say(loaderData?.lang ?? "th", "title")} · ${t(loaderData?.lang ?? "th", "appName")}` }];
}

export default function OperatorAccount({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, operator, csrf, mustChange } = loaderData;
  const changed = Boolean(actionData && "changed" in actionData);
  return (
    <>
      <OperatorHeader lang={lang} operator={operator} csrf={csrf} />
      <main className="page page-narrow">
        <h1>{say(lang, "title")}</h1>
        {mustChange && !changed && (
          <p className="alert" role="alert" data-testid="must-change">
            {say(lang, "mustChange")}
          </p>
        )}
        {actionData && "formError" in actionData && (
          <p className="alert" role="alert">
            {actionData.formError}
          </p>
        )}
        {actionData && "changed" in actionData && (
          <p className="note" role="status" data-testid="password-changed">
            {say(lang, "changed", { n: actionData.signedOutElsewhere })}
          </p>
        )}
        <PasswordChangeForm
          lang={lang}
          username={operator}
          errors={actionData && "errors" in actionData ? actionData.errors : {}}
          changed={changed}
          csrfField={<input type="hidden" name="csrf" value={csrf} />}
        />
        {!mustChange && (
          <p>
            <a href="/operator">{say(lang, "back")}</a>
          </p>
        )}
      </main>
    </>
  );
}
