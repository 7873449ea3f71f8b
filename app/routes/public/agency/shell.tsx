/**
 * The frame of the agency's public page (issue 17): the agency's name and the language switch on top,
 * the choice of digits, the agency's contact line below. Large type and targets, one column: it is read
 * on phones. The switches are plain links (a new document, served from the page's cache) rather than
 * client navigations, which would ask React Router for the page's data on every switch.
 */
import { data } from "react-router";
import type { Digits } from "../../../text/format";
import { AgencyContact } from "../../../components/agency-contact";
import { readReportView, ReportViewError } from "../../../lib/report-view";
import { BUDDHIST_ERA_OFFSET } from "../../../text/dates";
import { defineTexts, type Lang, pick } from "../../../text/i18n";

export const pt = defineTexts({
  channel: { th: "ข้อมูลเผยแพร่ต่อสาธารณะ", en: "Public information" },
  switchLanguage: { th: "English", en: "ภาษาไทย" },
  digits: { th: "ตัวเลข", en: "Digits" },
  thaiDigits: { th: "เลขไทย ๑๒๓", en: "Thai ๑๒๓" },
  arabicDigits: { th: "เลขอารบิก 123", en: "Arabic 123" },
  options: { th: "ตัวเลือกการแสดงผล", en: "Display options" },
  asOf: { th: "ข้อมูล ณ วันที่ {date}", en: "Figures as of {date}" },
  made: { th: "เผยแพร่ด้วยระบบโปร่งใส", en: "Published with Prongsai" },
});

export interface PublicAgencyView {
  slug: string;
  name: { th: string; en: string };
  contact: { th: string; en: string };
}

export function publicAgencyView(agency: PublicAgencyView): PublicAgencyView {
  return { slug: agency.slug, name: agency.name, contact: agency.contact };
}

/** A link to `path` in a language and digits; the default digits of the language are left out of the address. */
export function viewHref(path: string, lang: Lang, digits: Digits): string {
  const params = new URLSearchParams();
  if (lang === "en") params.set("lang", "en");
  else params.set("lang", "th");
  if (digits !== (lang === "th" ? "thai" : "arabic")) params.set("digits", digits);
  return `${path}?${params}`;
}

export function PublicShell(props: { lang: Lang; digits: Digits; agency: PublicAgencyView; path: string; children: React.ReactNode }) {
  const { lang, digits, agency, path } = props;
  const other: Lang = lang === "th" ? "en" : "th";
  return (
    <div className="respondent public-page">
      <header className="topbar">
        <p className="topbar-title">
          <span className="org">{pick(lang, agency.name)}</span>
          <span>{pt(lang, "channel")}</span>
        </p>
        <a className="lang-switch" href={viewHref(path, other, other === "th" ? "thai" : "arabic")} hrefLang={other} lang={other} data-testid="public-lang-switch">
          {pt(lang, "switchLanguage")}
        </a>
      </header>
      <nav className="public-options no-print" aria-label={pt(lang, "options")}>
        <span>{pt(lang, "digits")}:</span>{" "}
        {digits === "thai" ? <strong aria-current="true">{pt(lang, "thaiDigits")}</strong> : <a href={viewHref(path, lang, "thai")}>{pt(lang, "thaiDigits")}</a>}{" "}
        {digits === "arabic" ? <strong aria-current="true">{pt(lang, "arabicDigits")}</strong> : <a href={viewHref(path, lang, "arabic")}>{pt(lang, "arabicDigits")}</a>}
      </nav>
      {props.children}
      <AgencyContact lang={lang} contact={agency.contact} />
      <p className="public-made muted small">{pt(lang, "made")}</p>
    </div>
  );
}

/** The view's language and digits; any other query value is a 400 (the cache never keeps it). */
export function readPublicView(request: Request) {
  try {
    const { lang, digits } = readReportView(request);
    return { lang, digits };
  } catch (error) {
    if (error instanceof ReportViewError) throw data({ message: error.messageTh, messageEn: error.messageEn }, { status: 400 });
    throw error;
  }
}

/** Browsers and proxies may keep the page but must ask again before showing it: unpublishing is at once for them too. */
export const PUBLIC_PAGE_CACHE_CONTROL = "public, no-cache";

export function yearLabel(lang: Lang, fiscalYear: number): string {
  return lang === "th" ? String(fiscalYear) : `${fiscalYear - BUDDHIST_ERA_OFFSET} (B.E. ${fiscalYear})`;
}
