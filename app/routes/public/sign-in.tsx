import { data, redirect } from "react-router";
import { SignInPage } from "../../components/sign-in-page";
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
  return (
    <SignInPage lang={lang} title={at(lang, "signIn")} lead={at(lang, "signInLead")} error={actionData?.error} username={actionData?.username}>
      <input type="hidden" name="next" value={next} />
    </SignInPage>
  );
}
