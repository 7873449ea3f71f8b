import { data } from "react-router";
import { LanguageSwitch } from "../../components/language-switch";
import { getRequestLang, t } from "../../text/i18n";
import type { Route } from "./+types/not-found";

export function loader({ request }: Route.LoaderArgs) {
  return data({ lang: getRequestLang(request) }, { status: 404 });
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: t(data?.lang ?? "th", "notFoundTitle") }];
}

export default function NotFound({ loaderData }: Route.ComponentProps) {
  const { lang } = loaderData;
  return (
    <main className="page page-narrow message-page">
      <p>
        <LanguageSwitch lang={lang} />
      </p>
      <h1>{t(lang, "notFoundTitle")}</h1>
      <p className="lead">{t(lang, "notFoundBody")}</p>
    </main>
  );
}
