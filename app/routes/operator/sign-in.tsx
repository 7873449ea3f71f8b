/** The host operator's sign-in (docs/decisions/host-operator.md): its own form, table and cookie. */
import { data, Form, redirect, useNavigation } from "react-router";
import { LanguageSwitch } from "../../components/language-switch";
import { createOperatorSessionCookie, getSessionOperator, signInOperator } from "../../auth/operator-session.server";
import { getDb } from "../../lib/db.server";
import { readFormData } from "../../lib/http";
import { at } from "../../text/admin-text";
import { defineTexts, getRequestLang, t } from "../../text/i18n";
import type { Route } from "./+types/sign-in";

const say = defineTexts({
  title: { th: "เข้าสู่ระบบผู้ดูแลเครื่องให้บริการ", en: "Host operator sign-in" },
  lead: {
    th: "สำหรับผู้ดูแลระบบระดับเครื่องให้บริการ ซึ่งสร้างและดูแลหน่วยงาน ผู้ใช้ของหน่วยงานเข้าสู่ระบบที่หน้าเข้าสู่ระบบปกติ",
    en: "For the operator of this installation, who creates and manages agencies. An agency's users sign in on the usual sign-in page.",
  },
});

export async function loader({ request }: Route.LoaderArgs) {
  if (await getSessionOperator(getDb(), request)) throw redirect("/operator");
  return { lang: getRequestLang(request) };
}

export async function action({ request }: Route.ActionArgs) {
  const lang = getRequestLang(request);
  const form = await readFormData(request);
  if (!form) return data({ error: at(lang, "formUnreadable"), username: "" }, { status: 400 });
  const username = String(form.get("username") ?? "").slice(0, 100);
  const password = String(form.get("password") ?? "").slice(0, 200);
  const db = getDb();
  const now = new Date();
  const result = await signInOperator(db, username, password, now);
  if (!result.ok) return data({ error: result.message[lang], username }, { status: result.reason === "locked" ? 429 : 401 });
  throw redirect("/operator", { headers: { "Set-Cookie": await createOperatorSessionCookie(db, result.operatorId, now) } });
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${say(loaderData?.lang ?? "th", "title")} · ${t(loaderData?.lang ?? "th", "appName")}` }];
}

export default function OperatorSignIn({ loaderData, actionData }: Route.ComponentProps) {
  const { lang } = loaderData;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <header className="topbar">
        <p className="topbar-title org">{t(lang, "appName")}</p>
        <LanguageSwitch lang={lang} />
      </header>
      <main className="page page-narrow">
        <h1>{say(lang, "title")}</h1>
        <p className="muted">{say(lang, "lead")}</p>
        <Form method="post" className="card form-stack">
          {actionData?.error && (
            <p className="alert" role="alert">
              {actionData.error}
            </p>
          )}
          <label>
            {at(lang, "username")}
            <input name="username" autoComplete="username" required defaultValue={actionData?.username} />
          </label>
          <label>
            {at(lang, "password")}
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button className="button" type="submit" disabled={busy}>
            {at(lang, "signIn")}
          </button>
        </Form>
      </main>
    </>
  );
}
