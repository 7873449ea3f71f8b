/**
 * /complaints/:slug/statistics.csv?year=2570 — the published complaint statistics of a fiscal year as a
 * file (issue 16, item 3): the agency downloads it, or links it from its website, as OIT evidence. Public,
 * like the page it copies; kept by caches five minutes at most.
 */
import { getDb } from "../../lib/db.server";
import { attachmentDisposition } from "../../lib/attachment-type";
import { requireComplaintAgency } from "../../services/complaints/intake.server";
import { complaintStatisticsCsv, getComplaintStatistics } from "../../services/complaints/statistics.server";
import { getRequestLang } from "../../text/i18n";
import type { Route } from "./+types/complaint-statistics-csv";

export async function loader({ request, params }: Route.LoaderArgs) {
  const lang = getRequestLang(request);
  const db = getDb();
  const agency = await requireComplaintAgency(db, params.slug, lang);
  const page = await getComplaintStatistics(db, agency.id, new URL(request.url).searchParams.get("year"), new Date());
  const name = lang === "th" ? agency.nameTh : agency.nameEn || agency.nameTh;
  const year = page.statistics.fiscalYear;
  return new Response(complaintStatisticsCsv(page, name, lang), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(`complaint-statistics-${agency.slug}-${year}.csv`, `สถิติเรื่องร้องเรียน ${name} ${year}.csv`),
      "Cache-Control": "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
