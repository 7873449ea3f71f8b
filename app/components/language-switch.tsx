import { Link, useLocation } from "react-router";
import { type Lang, t } from "../text/i18n";

/**
 * Switches between Thai and English by navigating to ?lang=…; a client-side navigation, so a
 * half-answered survey on the page keeps its answers.
 */
export function LanguageSwitch({ lang }: { lang: Lang }) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.set("lang", lang === "th" ? "en" : "th");
  return (
    <Link
      className="lang-switch"
      to={{ pathname: location.pathname, search: `?${params}` }}
      replace
      preventScrollReset
      hrefLang={lang === "th" ? "en" : "th"}
      lang={lang === "th" ? "en" : "th"}
    >
      {t(lang, "switchLanguage")}
    </Link>
  );
}
