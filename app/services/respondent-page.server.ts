/**
 * What a respondent page (/s/:token on a phone, /k/:token on a kiosk) needs to render a link's survey,
 * or the 404 it answers: the same for unknown links, and a polite one naming the agency for paused; a
 * closed round (or a day outside its period) is a 410 page saying the survey is closed.
 */
import { data } from "react-router";
import { getDb } from "../lib/db.server";
import { getSurveyJson, getSurveyTitle } from "../lib/frameworks.server";
import { HttpError } from "../lib/http";
import { getRequestLang, langCookieHeader } from "../text/i18n";
import { ClosedRoundError, PausedLinkError, requireAcceptingLink } from "./submit-response.server";
import { findWayOn } from "./rounds/way-on.server";
import { SuspendedAgencyError } from "./agency-suspended";

export async function loadRespondentPage(request: Request, token: string) {
  const lang = getRequestLang(request);
  try {
    const link = await requireAcceptingLink(getDb(), token);
    return data(
      {
        lang,
        token: link.token,
        instrument: link.instrument,
        organization: { th: link.organizationNameTh, en: link.organizationNameEn },
        contact: { th: link.organizationContactTh, en: link.organizationContactEn || link.organizationContactTh },
        retentionMonths: link.organizationRetentionMonths,
        counter: link.counterNameTh ? { th: link.counterNameTh, en: link.counterNameEn ?? link.counterNameTh } : null,
        /** The instrument's name as respondents are shown it (the EIT: a satisfaction survey), not its official one. */
        surveyTitle: getSurveyTitle(link.frameworkId, link.instrument),
        surveyJson: getSurveyJson(link.frameworkId, link.instrument),
        needsCode: link.instrument === "iit" && link.accessMode === "codes",
      },
      { headers: { ...langCookieHeader(request), "Cache-Control": "no-store" } },
    );
  } catch (error) {
    if (error instanceof SuspendedAgencyError) throw data({ lang, suspended: error.organization }, { status: 403 });
    if (error instanceof PausedLinkError) throw data({ lang, paused: error.organization }, { status: 404 });
    // A closed round is a friendly page too, with the 410 the answers endpoint gives (issue 11).
    if (error instanceof ClosedRoundError) {
      // A kiosk offers no way off its page (a tablet at the counter); a phone is shown where to answer now.
      const kiosk = new URL(request.url).pathname.startsWith("/k/");
      const wayOn = kiosk ? null : await findWayOn(getDb(), token, new Date());
      throw data({ lang, closed: error.organization, wayOn }, { status: 410 });
    }
    if (error instanceof HttpError && error.status === 404) throw data({ lang }, { status: 404 });
    throw error;
  }
}
