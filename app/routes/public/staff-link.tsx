/**
 * /staff/:token: the agency's permanent staff link, printed on slips and notices (issue 11). Sends
 * staff to the IIT of the agency's round open today (a round with codes then asks for the code), or shows
 * why there is none.
 */
import { loadPermanentLink } from "../../services/permanent-link-page.server";
import { PermanentLinkPage } from "../../components/permanent-link-page";
import { RespondentErrorBoundary } from "../../components/respondent-error-boundary";
import type { Route } from "./+types/staff-link";

export function loader({ request, params }: Route.LoaderArgs) {
  return loadPermanentLink(request, "staff", params.token);
}

export { RespondentErrorBoundary as ErrorBoundary };

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: data ? `${data.surveyTitle[data.lang]} · ${data.organization[data.lang]}` : "โปร่งใส" }, { name: "robots", content: "noindex" }];
}

export default function StaffLink({ loaderData }: Route.ComponentProps) {
  return <PermanentLinkPage data={loaderData} />;
}
