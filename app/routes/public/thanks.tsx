import { useEffect } from "react";
import { data, useParams } from "react-router";
import { getPublicLink } from "../../../db/queries/links";
import { AgencyContact } from "../../components/agency-contact";
import { ComplaintLink } from "../../components/complaint-link";
import { PrivacyNotice } from "../../components/privacy-notice";
import { PlainTopbar } from "../../components/plain-topbar";
import { browserProgressStorage, clearProgressOfLink, rememberAnswered, takeSending } from "../../components/survey-progress";
import { getDb } from "../../lib/db.server";
import { getRequestLang, pick, t } from "../../text/i18n";
import { isWellFormedToken } from "../../services/qr.server";
import type { Route } from "./+types/thanks";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = getRequestLang(request);
  // A token of another shape names no link; and PostgreSQL refuses text with a NUL, which a URL can carry (%00).
  const link = isWellFormedToken(params.token) ? await getPublicLink(getDb(), params.token) : undefined;
  if (!link) throw data({ lang }, { status: 404 });
  return {
    lang,
    instrument: link.instrument,
    organization: { th: link.organizationNameTh, en: link.organizationNameEn },
    contact: { th: link.organizationContactTh, en: link.organizationContactEn || link.organizationContactTh },
    retentionMonths: link.organizationRetentionMonths,
    agencySlug: link.organizationSlug,
  };
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: t(data?.lang ?? "th", "thanksTitle") }];
}

export default function Thanks({ loaderData }: Route.ComponentProps) {
  const { lang, instrument, organization, contact, retentionMonths, agencySlug } = loaderData;
  const { token } = useParams();
  // The survey page's form was sent from this tab (it marked it) and the server has it (it sends here only
  // then): the answers kept in this browser are done with, and it answered today (survey-progress.ts).
  useEffect(() => {
    let session = null;
    try {
      session = window.sessionStorage;
    } catch {
      // storage refused
    }
    if (!token || !takeSending(session, token)) return;
    const storage = browserProgressStorage();
    clearProgressOfLink(storage, token);
    rememberAnswered(storage, token);
  }, [token]);
  return (
    <div className="respondent">
      <PlainTopbar lang={lang} title={pick(lang, organization)} />
      <main className="page page-narrow message-page">
        <div aria-hidden="true" className="thanks-mark">✓</div>
        <h1>{t(lang, "thanksTitle")}</h1>
        <p className="lead">{t(lang, "thanksBody")}</p>
        <p>{t(lang, "thanksAnonymous")}</p>
        {instrument === "iit" && <p data-testid="iit-group-note">{t(lang, "thanksIitGroup")}</p>}
        {instrument === "eit" && <p data-testid="eit-group-note">{t(lang, "thanksEitGroup")}</p>}
        <p className="muted">{t(lang, "thanksClose")}</p>
      </main>
      <ComplaintLink lang={lang} agencySlug={agencySlug} />
      <PrivacyNotice lang={lang} instrument={instrument} organization={organization} contact={contact} retentionMonths={retentionMonths} />
      <AgencyContact lang={lang} contact={contact} />
    </div>
  );
}
