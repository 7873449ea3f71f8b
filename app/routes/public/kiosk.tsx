import { data } from "react-router";
import { Version as surveyCoreVersion } from "survey-core";
import surveyCssUrl from "survey-core/survey-core.fontless.min.css?url";
import { KioskApp } from "../../components/kiosk-app";
import { RespondentErrorBoundary } from "../../components/respondent-error-boundary";
import { pick } from "../../text/i18n";
import { getDb } from "../../lib/db.server";
import { isEnrolledKioskFor, renewedKioskCookie } from "../../services/kiosk/devices.server";
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

/**
 * The respondent page's data, and whether this tablet is enrolled as the kiosk of the link's counter
 * (docs/decisions/kiosk-enrolment.md): the page tells staff when it is not. An enrolled tablet's cookie is
 * renewed at each opening, so a tablet in use keeps its enrolment past a browser's cookie lifetime.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const page = await loadRespondentPage(request, params.token);
  const cookie = request.headers.get("cookie");
  const enrolled = await isEnrolledKioskFor(getDb(), cookie, { token: page.data.token });
  const headers = new Headers(page.init?.headers);
  const renewed = enrolled ? renewedKioskCookie(cookie) : undefined;
  if (renewed) headers.append("Set-Cookie", renewed);
  return data({ ...page.data, enrolled }, { ...page.init, headers });
}

export { RespondentErrorBoundary as ErrorBoundary };

/** The kiosk never needs fresh loader data while it runs (and must not fetch any when offline). */
export function shouldRevalidate() {
  return false;
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  return [{ title: `${pick(data.lang, data.surveyTitle)} · ${pick(data.lang, data.organization)}` }];
}

export default function KioskPage({ loaderData }: Route.ComponentProps) {
  return <KioskApp {...loaderData} />;
}
