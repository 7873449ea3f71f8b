/** A round's responses as CSV, streamed (app/services/export/plan.server.ts has the layout and the anonymity rules). */
import { getDb } from "../../lib/db.server";
import { getRequestLang } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireRound } from "../../auth/round-access.server";
import { exportRoundResponses } from "../../services/export/stream.server";
import type { Route } from "./+types/export-csv";

// Exporting is reading: every role that may read the round's dashboard may export it.
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  const url = new URL(request.url);
  const file = await exportRoundResponses(db, round, "csv", url.searchParams, getRequestLang(request), new Date());
  return new Response(file.body, { headers: file.headers });
}
