/** A round's responses as XLSX (a sheet of scores and a sheet of responses), streamed (app/services/export/plan.server.ts has the layout and the anonymity rules). */
import { getDb } from "../../lib/db.server";
import { getRequestLang } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { openRoundExport } from "../../services/export/access.server";
import type { Route } from "./+types/export-xlsx";

// Every role that reads the round's dashboard may export its EIT; the IIT answer sets go to admins
// only, once the round has its minimum sample (app/services/export/access.server.ts). Each export is audited.
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const url = new URL(request.url);
  const file = await openRoundExport(db, user, params.roundId, "xlsx", url.searchParams, getRequestLang(request), new Date());
  return new Response(file.body, { headers: file.headers });
}
