/**
 * The way to the agency's complaint form (issue 16), under the thank-you page of every survey and the
 * permanent links' pages: a visitor who met corruption at a counter should find where to report it there.
 */
import { defineTexts, type Lang } from "../text/i18n";

const say = defineTexts({
  question: { th: "พบเห็นการทุจริตหรือการประพฤติมิชอบของเจ้าหน้าที่?", en: "Did you meet corruption or misconduct by staff?" },
  report: { th: "แจ้งเรื่องร้องเรียน (ไม่ระบุตัวตนได้)", en: "Report it (anonymously if you wish)" },
});

export function ComplaintLink({ lang, agencySlug }: { lang: Lang; agencySlug: string }) {
  const query = lang === "en" ? "?lang=en" : "";
  return (
    <aside className="complaint-link" data-testid="complaint-link">
      <p>{say(lang, "question")}</p>
      <a className="button button-secondary" href={`/complaints/${encodeURIComponent(agencySlug)}${query}`}>
        {say(lang, "report")}
      </a>
    </aside>
  );
}
