/**
 * The sign-in page of a kind of account: the agencies' (/sign-in) and the host operator's
 * (/operator/sign-in) differ in their heading, lead and hidden fields, and the agencies' asks for the
 * agency's code where the installation has several (`agency`: the field's value; undefined: no field).
 */
import type { ReactNode } from "react";
import { Form, useNavigation } from "react-router";
import { at } from "../text/admin-text";
import { type Lang, t } from "../text/i18n";
import { PlainTopbar } from "./plain-topbar";

export function SignInPage(props: { lang: Lang; title: string; lead: string; error?: string; username?: string; agency?: string; children?: ReactNode }) {
  const { lang } = props;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PlainTopbar lang={lang} title={t(lang, "appName")} />
      <main className="page page-narrow">
        <h1>{props.title}</h1>
        <p className="muted">{props.lead}</p>
        <Form method="post" className="card form-stack">
          {props.children}
          {props.error && (
            <p className="alert" role="alert">
              {props.error}
            </p>
          )}
          {props.agency !== undefined && (
            <label>
              {at(lang, "agencyCode")}
              <input name="agency" defaultValue={props.agency} autoCapitalize="none" spellCheck={false} maxLength={63} aria-describedby="agency-note" />
              <span className="muted" id="agency-note">
                {at(lang, "agencyCodeNote")}
              </span>
            </label>
          )}
          <label>
            {at(lang, "username")}
            <input name="username" autoComplete="username" required defaultValue={props.username} />
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
