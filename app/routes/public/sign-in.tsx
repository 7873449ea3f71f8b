import { data, redirect } from "react-router";
import { SignInPage } from "../../components/sign-in-page";
import { at } from "../../text/admin-text";
import { getDb } from "../../lib/db.server";
import { readFormData } from "../../lib/http";
import { getRequestLang, t } from "../../text/i18n";
import { requestInfoContext } from "../../lib/request-context";
import { createSessionCookie, getSessionUser, safeNextPath } from "../../auth/session.server";
import { signIn } from "../../auth/sign-in.server";
import { challengeCookie } from "../../auth/second-factor.server";
import type { Route } from "./+types/sign-in";

export async function loader({ request }: Route.LoaderArgs) {
  // Only a local path may follow sign-in: no open redirect to another site, nothing a header cannot carry.
  const next = safeNextPath(new URL(request.url).searchParams.get("next"));
  if (await getSessionUser(getDb(), request)) throw redirect(next);
  return { lang: getRequestLang(request), next };
}

export async function action({ request, context }: Route.ActionArgs) {
  const lang = getRequestLang(request);
  const form = await readFormData(request);
  if (!form) return data({ error: at(lang, "formUnreadable"), username: "" }, { status: 400 });
  const username = String(form.get("username") ?? "").slice(0, 100);
  const password = String(form.get("password") ?? "").slice(0, 200);
  const db = getDb();
  const now = new Date();
  // Decided before the session is made: nothing after it may fail.
  const next = safeNextPath(form.get("next"));
  const result = await signIn(db, username, password, now, context.get(requestInfoContext).clientAddress);
  // One status for a wrong name, a wrong password and a wait (app/auth/sign-in.server.ts); 403 only after the right password.
  if (!result.ok) return data({ error: result.message[lang], username }, { status: result.reason === "suspended" ? 403 : 401 });
  // A second factor: no session yet, only the signed challenge of the second step (/sign-in/code).
  if (result.secondStep) throw redirect(`/sign-in/code?next=${encodeURIComponent(next)}`, { headers: { "Set-Cookie": challengeCookie(result.userId, now) } });
  throw redirect(next, { headers: { "Set-Cookie": await createSessionCookie(db, result.userId, now) } });
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
