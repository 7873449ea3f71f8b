/** The top bar of the host operator's pages: who is signed in (a link to their account), and sign-out. */
import { Form, Link } from "react-router";
import { defineTexts, type Lang, t } from "../text/i18n";
import { LanguageSwitch } from "./language-switch";

const say = defineTexts({
  signedInAs: { th: "ผู้ดูแลเครื่องให้บริการ: {name}", en: "Host operator: {name}" },
  signOut: { th: "ออกจากระบบ", en: "Sign out" },
});

export function OperatorHeader({ lang, operator, csrf }: { lang: Lang; operator: string; csrf: string }) {
  return (
    <header className="topbar">
      <p className="topbar-title org">
        <Link to="/operator">{t(lang, "appName")}</Link>
      </p>
      {/* As the admin pages' bar: on a phone the actions wrap under one another, each kept on one line. */}
      <div className="topbar-actions">
        <p className="who">
          <Link to="/operator/account">{say(lang, "signedInAs", { name: operator })}</Link>
        </p>
        <LanguageSwitch lang={lang} />
        <Form method="post" action="/operator/sign-out">
          <input type="hidden" name="csrf" value={csrf} />
          <button className="small-button topbar-button" type="submit">
            {say(lang, "signOut")}
          </button>
        </Form>
      </div>
    </header>
  );
}
