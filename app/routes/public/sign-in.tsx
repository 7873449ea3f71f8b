import { data, Form, redirect, useNavigation } from "react-router";
import { LanguageSwitch } from "../../components/language-switch";
import { at } from "../../text/admin-text";
import { getDb } from "../../lib/db.server";
import { readFormData } from "../../lib/http";
import { getRequestLang, t } from "../../text/i18n";
import { createSessionCookie, getSessionUser } from "../../auth/session.server";
import { signIn } from "../../auth/sign-in.server";
import type { Route } from "./+types/sign-in";

/** Only a local path may follow sign-in: no open redirect to another site. */
function safeNext(value: FormDataEntryValue | string | null): string {
  return typeof value === "string" && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : "/admin";
}

export async function loader({ request }: Route.LoaderArgs) {
  const next = safeNext(new URL(request.url).searchParams.get("next"));
  if (await getSessionUser(getDb(), request)) throw redirect(next);
  return { lang: getRequestLang(request), next };
}

export async function action({ request }: Route.ActionArgs) {
  const lang = getRequestLang(request);
  const form = await readFormData(request);
  if (!form) return data({ error: at(lang, "formUnreadable"), username: "" }, { status: 400 });
  const username = String(form.get("username") ?? "").slice(0, 100);
  const password = String(form.get("password") ?? "").slice(0, 200);
  const db = getDb();
  const now = new Date();
  const result = await signIn(db, username, password, now);
  if (!result.ok) return data({ error: result.message[lang], username }, { status: result.reason === "locked" ? 429 : result.reason === "suspended" ? 403 : 401 });
  throw redirect(safeNext(form.get("next")), { headers: { "Set-Cookie": await createSessionCookie(db, result.userId, now) } });
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: `${at(data?.lang ?? "th", "signIn")} · ${t(data?.lang ?? "th", "appName")}` }];
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, next } = loaderData;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <header className="topbar">
        <p className="topbar-title org">{t(lang, "appName")}</p>
        <LanguageSwitch lang={lang} />
      </header>
      <main className="page page-narrow">
        <h1>{at(lang, "signIn")}</h1>
        <p className="muted">{at(lang, "signInLead")}</p>
        <Form method="post" className="card form-stack">
          <input type="hidden" name="next" value={next} />
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
