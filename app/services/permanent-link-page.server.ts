/**
 * The HTTP answer of a permanent link (/c/:token, /staff/:token), as respondent-page.server.ts is the
 * answer of /s/:token: a redirect to the open round's link, the friendly page, or the plain 404.
 */
import { data, redirect } from "react-router";
import type { PermanentLinkKind } from "../../db/schema";
import { getDb } from "../lib/db.server";
import { defaultFrameworkId, getSurveyTitle } from "../lib/frameworks.server";
import { bangkokDate } from "../text/dates";
import { getRequestLang } from "../text/i18n";
import type { PermanentLinkPageData } from "../components/permanent-link-page";
import { resolvePermanentLink } from "./permanent-links.server";

/** What the respondent chose or a slip's QR filled in, carried to the survey page; nothing else is. */
const KEPT_PARAMS = ["lang", "code"] as const;

export async function loadPermanentLink(request: Request, kind: PermanentLinkKind, token: string) {
  const lang = getRequestLang(request);
  const resolved = await resolvePermanentLink(getDb(), kind, token, bangkokDate(new Date()));
  if (resolved.outcome === "unknown") throw data({ lang }, { status: 404 });
  if (resolved.outcome === "open") {
    const from = new URL(request.url).searchParams;
    const kept = new URLSearchParams();
    for (const name of KEPT_PARAMS) {
      const value = from.get(name);
      if (value !== null) kept.set(name, value);
    }
    const query = kept.size > 0 ? `?${kept}` : "";
    // 302, never 301, and not stored: next fiscal year the same printed URL must go to another round.
    throw redirect(`/s/${encodeURIComponent(resolved.token)}${query}`, { status: 302, headers: { "Cache-Control": "no-store" } });
  }
  // No round is open (or it is paused), so no framework of its own: the page's title names the survey as
  // the framework new rounds use does.
  const surveyTitle = getSurveyTitle(defaultFrameworkId, kind === "counter" ? "eit" : "iit");
  const page: PermanentLinkPageData = { lang, kind, outcome: resolved.outcome, organization: resolved.organization, counter: resolved.counter, surveyTitle, agencySlug: resolved.agencySlug };
  // 404 like a paused per-round link (respondent-page.server.ts): nothing to answer here now, though
  // the link itself is real and will work again.
  return data(page, { status: 404, headers: { "Cache-Control": "no-store" } });
}
