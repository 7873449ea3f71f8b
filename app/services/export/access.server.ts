/**
 * Who may export which answers of a round (issue 12, item 3), and the audit entry of every export.
 *
 * An IIT row is one staff member's whole answer set. It goes only to the agency's admins, and only once
 * the round has its minimum IIT sample (ITA-METHOD §5): before that, a file of a handful of rows is a
 * handful of colleagues' answers, readable by whoever guesses who answered. Managers and viewers export
 * the EIT only. Asked for the IIT without the right or the sample: a 403 that says which is missing.
 * EIT rows only once the round has k (5) of them. Every export, allowed or not, is in the audit log with
 * who, what and when.
 */
import { z } from "zod";
import type { Db } from "../../../db/client.server";
import { countResponses } from "../../../db/queries/responses";
import type { SurveyInstrument } from "../../../db/schema";
import { hasRole } from "../../auth/roles";
import { requireRound } from "../../auth/round-access.server";
import type { SessionUser } from "../../auth/session.server";
import { getFramework } from "../../lib/frameworks.server";
import { HttpError } from "../../lib/http";
import { minimumGroupSize, minimumSample } from "../../scoring";
import type { Lang } from "../../text/i18n";
import { recordAudit } from "../audit.server";
import type { ExportFormat } from "./plan.server";
import { exportRoundResponses, type ExportFile } from "./stream.server";

const optionsSchema = z.object({ instrument: z.enum(["iit", "eit"]).optional() }).strict();

/** Whether the user may have the round's raw IIT answer sets, and if not, why (Thai and English). */
export async function iitExportRefusal(
  db: Db,
  user: Pick<SessionUser, "role">,
  round: { id: number; frameworkId: string; staffHeadCount: number },
): Promise<{ th: string; en: string } | null> {
  if (!hasRole(user.role, "admin")) {
    return {
      th: "คำตอบ IIT รายชุดส่งออกได้เฉพาะผู้ดูแลระบบของหน่วยงาน เพื่อคุ้มครองผู้ตอบที่เป็นบุคลากร",
      en: "Only the agency's administrators may export the IIT answer sets, to protect the staff who answered.",
    };
  }
  const minimum = minimumSample(getFramework(round.frameworkId), { instrument: "iit", headCount: round.staffHeadCount });
  const answers = await countResponses(db, round.id, "iit");
  if (answers < minimum) {
    return {
      th: `คำตอบ IIT รายชุดส่งออกได้เมื่อครบขนาดตัวอย่างขั้นต่ำ (${minimum} ชุด) ขณะนี้มี ${answers} ชุด`,
      en: `The IIT answer sets can be exported once the round has its minimum sample (${minimum}); it has ${answers}.`,
    };
  }
  return null;
}

/**
 * Why the round's EIT rows cannot be exported yet, or null: with fewer than k, each row is one of a few
 * visitors' own answers, with the day and the counter (issue 12: "the exports give the raw row").
 */
export async function eitExportRefusal(db: Db, round: { id: number; frameworkId: string }): Promise<{ th: string; en: string } | null> {
  const k = minimumGroupSize(getFramework(round.frameworkId));
  const answers = await countResponses(db, round.id, "eit");
  if (answers === 0 || answers >= k) return null;
  return {
    th: `คำตอบ EIT รายชุดส่งออกได้เมื่อมีตั้งแต่ ${k} ชุดขึ้นไป เพื่อไม่ให้ระบุผู้ตอบได้`,
    en: `The EIT answer sets can be exported once there are ${k} or more, so that no visitor can be singled out.`,
  };
}

/**
 * The export a user asked for (?instrument=iit|eit, or both), checked and audited, as a streamed file.
 * Without ?instrument a user who may not have the IIT gets the EIT alone (the file's name says EIT).
 */
export async function openRoundExport(
  db: Db,
  user: SessionUser,
  roundIdParam: string | undefined,
  format: ExportFormat,
  search: URLSearchParams,
  lang: Lang,
  now: Date,
): Promise<ExportFile> {
  const round = await requireRound(db, user, roundIdParam);
  const options = optionsSchema.safeParse(Object.fromEntries(search));
  if (!options.success) {
    throw new HttpError(400, "รูปแบบคำขอไม่ถูกต้อง: instrument ต้องเป็น iit หรือ eit", "Bad request: instrument must be iit or eit.").toResponse();
  }
  const asked = options.data.instrument;
  const refusals: Record<SurveyInstrument, { th: string; en: string } | null> = {
    iit: asked === "eit" ? null : await iitExportRefusal(db, user, round),
    eit: asked === "iit" ? null : await eitExportRefusal(db, round),
  };
  const actor = { organizationId: user.organizationId, userId: user.userId };
  // Asked for one instrument it may not have, or for both and may have neither: refused, and audited.
  const refused = asked ? refusals[asked] : refusals.iit && refusals.eit;
  if (refused) {
    await recordAudit(db, actor, "export.refused", `round:${round.id}`, { format, instruments: asked ? [asked] : ["iit", "eit"] }, now);
    throw new HttpError(403, refused.th, refused.en).toResponse();
  }
  const instruments: SurveyInstrument[] = asked ? [asked] : (["iit", "eit"] as const).filter((i) => refusals[i] === null);
  await recordAudit(db, actor, "export.responses", `round:${round.id}`, { format, instruments }, now);
  return exportRoundResponses(db, round, format, instruments, lang, now);
}
