/**
 * The changes to the agency's official results, dispatched on the form's named intent: save a year
 * (new, or an update of an existing one) or delete it, each with its audit entry in one transaction.
 * The caller has checked the role (manager) and the anti-forgery token.
 */
import type { Db } from "../../../db/client.server";
import { deleteOfficialResult, getOfficialResult, upsertOfficialResult } from "../../../db/queries/official-results";
import type { SessionUser } from "../../auth/session.server";
import type { Localized } from "../../scoring/framework";
import { recordAudit } from "../audit.server";
import { checkOfficialResultForm, yearSchema, type FieldErrors, type OfficialFormValues } from "./form.server";

export type OfficialActionResult =
  | { ok: true; intent: "save" | "delete"; fiscalYear: number; created?: boolean }
  | { ok: false; status: 400 | 404; message: Localized; errors: FieldErrors; values: OfficialFormValues | null };

const INVALID: Localized = {
  th: "ข้อมูลไม่ถูกต้อง กรุณาแก้ไขช่องที่มีข้อความสีแดง ยังไม่ได้บันทึกข้อมูล",
  en: "Some values are not valid; please correct the fields marked in red. Nothing was saved.",
};

/** Saves one year's scores (a new year, or an update of an existing one) with its audit entry. */
export async function saveOfficialResult(db: Db, user: SessionUser, form: FormData, now: Date): Promise<OfficialActionResult> {
  const checked = checkOfficialResultForm(form, now);
  if (!checked.ok) return { ok: false, status: 400, message: INVALID, errors: checked.errors, values: checked.values };
  const { fiscalYear, frameworkId, scores, publishedRating } = checked.value;
  const created = await db.transaction().execute(async (trx) => {
    const previous = await getOfficialResult(trx, user.organizationId, fiscalYear);
    await upsertOfficialResult(trx, {
      organizationId: user.organizationId,
      fiscalYear,
      frameworkId,
      indicatorScores: JSON.stringify(scores),
      publishedRating,
      now: now.toISOString(),
    });
    await recordAudit(
      trx,
      { organizationId: user.organizationId, userId: user.userId },
      "official-result.save",
      `official-result:${fiscalYear}`,
      {
        fiscalYear,
        frameworkId,
        indicatorScores: scores,
        publishedRating,
        created: !previous,
        ...(previous ? { previous: { frameworkId: previous.frameworkId, indicatorScores: JSON.parse(previous.indicatorScores) as unknown } } : {}),
      },
      now,
    );
    return !previous;
  });
  return { ok: true, intent: "save", fiscalYear, created };
}

export async function removeOfficialResult(db: Db, user: SessionUser, form: FormData, now: Date): Promise<OfficialActionResult> {
  const year = yearSchema(9999).safeParse(form.get("fiscalYear"));
  const notFound: OfficialActionResult = {
    ok: false,
    status: 404,
    message: { th: "ไม่พบผลการประเมินของปีที่เลือก", en: "There is no result for that year." },
    errors: {},
    values: null,
  };
  if (!year.success) return notFound;
  const deleted = await db.transaction().execute(async (trx) => {
    const previous = await getOfficialResult(trx, user.organizationId, year.data);
    if (!previous || !(await deleteOfficialResult(trx, user.organizationId, year.data))) return false;
    await recordAudit(
      trx,
      { organizationId: user.organizationId, userId: user.userId },
      "official-result.delete",
      `official-result:${year.data}`,
      { fiscalYear: year.data, frameworkId: previous.frameworkId, indicatorScores: JSON.parse(previous.indicatorScores) as unknown },
      now,
    );
    return true;
  });
  return deleted ? { ok: true, intent: "delete", fiscalYear: year.data } : notFound;
}

/**
 * The page's form posts, dispatched on their named intent ("save" or "delete"). The caller has
 * checked the role (manager) and the anti-forgery token.
 */
export async function applyOfficialResultForm(db: Db, user: SessionUser, form: FormData, now: Date): Promise<OfficialActionResult> {
  const intent = form.get("intent");
  if (intent === "save") return saveOfficialResult(db, user, form, now);
  if (intent === "delete") return removeOfficialResult(db, user, form, now);
  return {
    ok: false,
    status: 400,
    message: { th: "ไม่รู้จักคำสั่งของแบบฟอร์มนี้", en: "Unknown form action." },
    errors: {},
    values: null,
  };
}
