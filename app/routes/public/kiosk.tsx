import { Version as surveyCoreVersion } from "survey-core";
import surveyCssUrl from "survey-core/survey-core.fontless.min.css?url";
import { KioskApp } from "../../components/kiosk-app";
import { RespondentErrorBoundary } from "../../components/respondent-error-boundary";
import { pick, t } from "../../text/i18n";
import { loadRespondentPage } from "../../services/respondent-page.server";
import type { Route } from "./+types/kiosk";

/**
 * The kiosk: the survey of a link on a tablet at the counter (app/components/kiosk-app.tsx). The same
 * token and the same answers endpoint as /s/:token; an unknown or paused link is the same 404 page.
 */
export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: surveyCssUrl },
  { rel: "stylesheet", href: `/survey-theme.css?v=${surveyCoreVersion}` },
];

export function loader({ request, params }: Route.LoaderArgs) {
  return loadRespondentPage(request, params.token);
}

export { RespondentErrorBoundary as ErrorBoundary };

/** The kiosk never needs fresh loader data while it runs (and must not fetch any when offline). */
export function shouldRevalidate() {
  return false;
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  const instrument = t(data.lang, data.instrument === "iit" ? "instrumentIit" : "instrumentEit");
  return [{ title: `${instrument} · ${pick(data.lang, data.organization)}` }];
}

export default function KioskPage({ loaderData }: Route.ComponentProps) {
  return <KioskApp {...loaderData} />;
}
