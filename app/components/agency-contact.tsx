/**
 * The agency's contact line under a respondent page (its settings, issue 11 item 2): where a visitor
 * asks a question about the survey or the service. Nothing is shown when the agency gave none.
 */
import type { Lang } from "../text/i18n";

export function AgencyContact({ lang, contact }: { lang: Lang; contact: { th: string; en: string } }) {
  const line = lang === "th" ? contact.th : contact.en;
  if (!line) return null;
  return (
    <footer className="respondent-contact" data-testid="agency-contact">
      <p>{line}</p>
    </footer>
  );
}
