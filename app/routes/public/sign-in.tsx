import { data, redirect } from "react-router";
import { SignInPage } from "../../components/sign-in-page";
import { at } from "../../text/admin-text";
import { getDb } from "../../lib/db.server";
import { readFormData } from "../../lib/http";
import { getRequestLang, t } from "../../text/i18n";
import { requestInfoContext } from "../../lib/request-context";
import { agencyCookie, createSessionCookie, getSessionUser, readAgencyCookie, safeNextPath } from "../../auth/session.server";
import { readAgencyCode, signIn } from "../../auth/sign-in.server";
import { countOrganizations } from "../../../db/queries/organizations";
import { challengeCookie } from "../../auth/second-factor.server";
import type { Route } from "./+types/sign-in";

export async function loader({ request }: Route.LoaderArgs) {
  const db = getDb();
  const url = new URL(request.url);
  // Only a local path may follow sign-in: no open redirect to another site, nothing a header cannot carry.
  const next = safeNextPath(url.searchParams.get("next"));
  if (await getSessionUser(db, request)) throw redirect(next);
  // The agency is asked only where there are several (docs/decisions/usernames-per-agency.md): filled
  // from the link the agency's admin gave (?agency=), else from the last sign-in on this device.
  const askAgency = (await countOrganizations(db)) > 1;
  const agency = askAgency ? readAgencyCode(url.searchParams.get("agency")) || readAgencyCookie(request) : "";
  return { lang: getRequestLang(request), next, askAgency, agency };
}

export async function action({ request, context }: Route.ActionArgs) {
  const lang = getRequestLang(request);
  const form = await readFormData(request);
  if (!form) return data({ error: at(lang, "formUnreadable"), username: "", agency: "" }, { status: 400 });
  const username = String(form.get("username") ?? "").slice(0, 100);
  const password = String(form.get("password") ?? "").slice(0, 200);
  const agency = String(form.get("agency") ?? "").slice(0, 100);
  const db = getDb();
  const now = new Date();
  // Decided before the session is made: nothing after it may fail.
  const next = safeNextPath(form.get("next"));
  const result = await signIn(db, username, password, now, context.get(requestInfoContext).clientAddress, agency);
  // One status for a wrong name or agency, a wrong password and a wait (app/auth/sign-in.server.ts); 403 only after the right password.
  if (!result.ok) return data({ error: result.message[lang], username, agency }, { status: result.reason === "suspended" ? 403 : 401 });
  const headers = new Headers();
  // A second factor: no session yet, only the signed challenge of the second step (/sign-in/code).
  if (result.secondStep) {
    headers.append("Set-Cookie", challengeCookie(result.userId, now));
    headers.append("Set-Cookie", agencyCookie(result.agency));
    throw redirect(`/sign-in/code?next=${encodeURIComponent(next)}`, { headers });
  }
  headers.append("Set-Cookie", await createSessionCookie(db, result.userId, now));
  headers.append("Set-Cookie", agencyCookie(result.agency));
  throw redirect(next, { headers });
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: `${at(data?.lang ?? "th", "signIn")} · ${t(data?.lang ?? "th", "appName")}` }];
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, next, askAgency } = loaderData;
  return (
    <SignInPage
      lang={lang}
      title={at(lang, "signIn")}
      lead={at(lang, "signInLead")}
      error={actionData?.error}
      username={actionData?.username}
      agency={askAgency ? (actionData?.agency ?? loaderData.agency) : undefined}
    >
      <input type="hidden" name="next" value={next} />
    </SignInPage>
  );
}
