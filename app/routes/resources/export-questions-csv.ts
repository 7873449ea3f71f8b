/**
 * The list of the responses file's columns and questions as CSV (app/services/export/codebook.server.ts,
 * docs/decisions/export-question-wording.md): the CSV export keeps one header row for programs, and this
 * file tells a person what e11 is. Framework data only (no answer, no count): anyone who may see the
 * round may have it. ?instrument=iit or eit lists that instrument's columns only, as the export does.
 */
import { z } from "zod";
import { getDb } from "../../lib/db.server";
import { getFramework } from "../../lib/frameworks.server";
import { HttpError } from "../../lib/http";
import { getRequestLang } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireRound } from "../../auth/round-access.server";
import { codebookCsv } from "../../services/export/codebook.server";
import { contentDisposition } from "../../services/export/stream.server";
import { say } from "../../services/export/text";
import type { Route } from "./+types/export-questions-csv";

// The same options as the export's (app/services/export/access.server.ts); the language is the page's (its cookie).
const optionsSchema = z.object({ instrument: z.enum(["iit", "eit"]).optional() }).strict();

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  const options = optionsSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!options.success) {
    throw new HttpError(400, "รูปแบบคำขอไม่ถูกต้อง: instrument ต้องเป็น iit หรือ eit", "Bad request: instrument must be iit or eit.").toResponse();
  }
  const lang = getRequestLang(request);
  const instrument = options.data.instrument;
  const instruments = instrument ? [instrument] : (["iit", "eit"] as const).slice();
  const title = (lang === "th" ? round.titleTh : round.titleEn).replace(/[\\/:*?"<>|\x00-\x1f]+/g, "-").trim();
  const part = instrument ? ` ${instrument.toUpperCase()}` : "";
  return new Response(codebookCsv(getFramework(round.frameworkId), instruments, lang), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition(
        `prongsai-round-${round.id}${instrument ? `-${instrument}` : ""}-questions.csv`,
        `${say(lang, "questionsFile")}${part} ${title}.csv`,
      ),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
