/**
 * The report as PDF: the server's Chromium prints /admin/rounds/:roundId/report with the same choices
 * (language, digits, source) and the requesting user's session (app/services/pdf.server.ts). Checked
 * here first — signed in, the agency's own round (404 otherwise), valid choices (400) — so that
 * Chromium only ever starts for a request that would see the page. Without Chromium: 503 with a message;
 * while the same user's previous PDF is being made: 429 with a message.
 */
import { data } from "react-router";
import { getDb } from "../../lib/db.server";
import { readReportView, ReportViewError } from "../../lib/report-view";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireRound } from "../../auth/round-access.server";
import { recordAudit } from "../../services/audit.server";
import { printReportPdf } from "../../services/report.server";
import type { Route } from "./+types/report-pdf";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  try {
    const view = readReportView(request);
    const pdf = await printReportPdf(request, user, round, view);
    // A download of the report, in the agency's audit log as the answer exports are (issue 14, item 9).
    if (pdf.status === 200) await recordAudit(db, { organizationId: user.organizationId, userId: user.userId }, "export.report-pdf", `round:${round.id}`, { view }, new Date());
    return pdf;
  } catch (error) {
    if (error instanceof ReportViewError) throw data({ message: error.messageTh, messageEn: error.messageEn }, { status: 400 });
    throw error;
  }
}
