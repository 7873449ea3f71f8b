/**
 * /c/:token: a counter's permanent link, printed on its poster for years (issue 11). Sends the visitor
 * to the EIT of the agency's round open today at this counter, or shows why there is none.
 */
import { loadPermanentLink } from "../../services/permanent-link-page.server";
import { PermanentLinkPage } from "../../components/permanent-link-page";
import { RespondentErrorBoundary } from "../../components/respondent-error-boundary";
import type { Route } from "./+types/counter-link";

export function loader({ request, params }: Route.LoaderArgs) {
  return loadPermanentLink(request, "counter", params.token);
}

export { RespondentErrorBoundary as ErrorBoundary };

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: data ? `${data.surveyTitle[data.lang]} · ${data.organization[data.lang]}` : "โปร่งใส" }, { name: "robots", content: "noindex" }];
}

export default function CounterLink({ loaderData }: Route.ComponentProps) {
  return <PermanentLinkPage data={loaderData} />;
}
