/**
 * The frame of the public complaint pages (issue 16): the agency's name and the language switch on top,
 * the four pages as large links, the agency's contact line below. Large type and targets: many who use it
 * are elderly, on small phones.
 */
import { useEffect, useState } from "react";
import { isRouteErrorResponse, NavLink, useRouteError } from "react-router";
import { AgencyContact } from "../../../components/agency-contact";
import { LanguageSwitch } from "../../../components/language-switch";
import { ErrorBoundary as RootErrorBoundary } from "../../../root";
import { type Lang, pick } from "../../../text/i18n";
import { ct } from "./text";

export interface ComplaintAgencyView {
  slug: string;
  name: { th: string; en: string };
  contact: { th: string; en: string };
}

/** What every public complaint page's loader gives its shell. */
export function agencyView(agency: { slug: string; nameTh: string; nameEn: string; contactTh: string; contactEn: string }): ComplaintAgencyView {
  return {
    slug: agency.slug,
    name: { th: agency.nameTh, en: agency.nameEn || agency.nameTh },
    contact: { th: agency.contactTh, en: agency.contactEn || agency.contactTh },
  };
}

export function complaintPaths(slug: string) {
  const base = `/complaints/${encodeURIComponent(slug)}`;
  return { form: base, status: `${base}/status`, guideline: `${base}/guideline`, statistics: `${base}/statistics`, csv: `${base}/statistics.csv` };
}

export function ComplaintShell({ lang, agency, children, className }: { lang: Lang; agency: ComplaintAgencyView; children: React.ReactNode; className?: string }) {
  const paths = complaintPaths(agency.slug);
  const links = [
    { to: paths.form, label: ct(lang, "navForm") },
    { to: paths.status, label: ct(lang, "navStatus") },
    { to: paths.guideline, label: ct(lang, "navGuideline") },
    { to: paths.statistics, label: ct(lang, "navStatistics") },
  ];
  return (
    <div className={`respondent complaint ${className ?? ""}`}>
      <header className="topbar">
        <p className="topbar-title">
          <span className="org">{pick(lang, agency.name)}</span>
          <span>{ct(lang, "channel")}</span>
        </p>
        <LanguageSwitch lang={lang} />
      </header>
      <nav className="complaint-nav no-print" aria-label={ct(lang, "pagesNav")}>
        {links.map((link) => (
          <NavLink key={link.to} to={link.to} end>
            {link.label}
          </NavLink>
        ))}
      </nav>
      {children}
      <AgencyContact lang={lang} contact={agency.contact} />
    </div>
  );
}

/** A suspended agency's complaint pages (403): a page that says where to go instead; anything else as the root says. */
export function ComplaintErrorBoundary() {
  const error = useRouteError();
  const details = isRouteErrorResponse(error) && error.status === 403 ? (error.data as { lang?: Lang; suspended?: { th: string; en: string } } | null) : null;
  if (!details?.suspended) return <RootErrorBoundary />;
  const lang = details.lang ?? "th";
  return (
    <div className="respondent complaint">
      <header className="topbar">
        <p className="topbar-title org">{pick(lang, details.suspended)}</p>
      </header>
      <main className="page page-narrow message-page">
        <h1>{ct(lang, "suspendedTitle")}</h1>
        <p className="lead">{ct(lang, "suspendedBody")}</p>
      </main>
    </div>
  );
}

/** False in the server's HTML and until the page's scripts run: what needs JavaScript waits for it. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** A button that prints the page (the browser's print dialog); hidden on paper, and absent without JavaScript. */
export function PrintButton({ lang }: { lang: Lang }) {
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <button type="button" className="button button-secondary no-print print-button" onClick={() => window.print()}>
      {ct(lang, "print")}
    </button>
  );
}
