/** The top bar of a page outside the admin chrome: a title (the app's or an agency's name) and the language switch. */
import { LanguageSwitch } from "./language-switch";
import type { Lang } from "../text/i18n";

export function PlainTopbar({ lang, title }: { lang: Lang; title: string }) {
  return (
    <header className="topbar">
      <p className="topbar-title org">{title}</p>
      <LanguageSwitch lang={lang} />
    </header>
  );
}
