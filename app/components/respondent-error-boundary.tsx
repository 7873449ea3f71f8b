import { isRouteErrorResponse, useRouteError } from "react-router";
import { type Lang, pick, t } from "../text/i18n";
import { ErrorBoundary as RootErrorBoundary } from "../root";
import { AgencySuspendedPage, suspendedAgencyOf } from "./agency-suspended-page";

/** A paused link (a counter closed for a while, a round not yet open) gets a polite page, not an error. */
export function RespondentErrorBoundary() {
  const error = useRouteError();
  const suspended = suspendedAgencyOf(error);
  if (suspended) return <AgencySuspendedPage {...suspended} />;
  const details = isRouteErrorResponse(error) ? (error.data as { lang?: Lang; paused?: { th: string; en: string } } | null) : null;
  if (!details?.paused) return <RootErrorBoundary />;
  const lang = details.lang ?? "th";
  return (
    <div className="respondent">
      <header className="topbar">
        <p className="topbar-title org">{pick(lang, details.paused)}</p>
      </header>
      <main className="page page-narrow message-page">
        <h1>{t(lang, "pausedTitle")}</h1>
        <p className="lead">{t(lang, "pausedBody")}</p>
      </main>
    </div>
  );
}
