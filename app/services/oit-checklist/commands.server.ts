/**
 * The changes to a round's OIT checklist, dispatched on the form's named intent: save one item (only
 * that item's row is written), or start the checklist from the previous round's. Each change and its
 * audit entry are one transaction; another agency's round is a 404.
 */
import type { Db } from "../../../db/client.server";
import { countRoundOitItems, getPreviousOrganizationRound, insertRoundOitItems, listRoundOitItems, upsertRoundOitItem } from "../../../db/queries/oit-checklist";
import { requireRound } from "../../auth/round-access.server";
import type { SessionUser } from "../../auth/session.server";
import { getFramework } from "../../lib/frameworks.server";
import type { Localized } from "../../scoring/framework";
import { recordAudit } from "../audit.server";
import { checkOitItemForm, INVALID, type FieldErrors, type OitItemFormValues } from "./form";
import { parseEvidence } from "./page.server";

export type OitActionResult =
  | { ok: true; intent: "save-item"; itemCode: string }
  | { ok: true; intent: "copy-previous"; copied: number; fromRoundId: number }
  | { ok: false; status: 400 | 409; message: Localized; errors: FieldErrors; values: OitItemFormValues | null };

/** Saves one item's state (only that item's row is written) with its audit entry, in one transaction. */
export async function saveOitItem(db: Db, user: SessionUser, roundId: number, form: FormData, now: Date): Promise<OitActionResult> {
  const round = await requireRound(db, user, roundId);
  const checked = checkOitItemForm(getFramework(round.frameworkId), form);
  if (!checked.ok) return { ok: false, status: 400, message: INVALID, errors: checked.errors, values: checked.values };
  const { itemCode, status, evidenceUrls, note } = checked.value;
  await db.transaction().execute(async (trx) => {
    const previous = (await listRoundOitItems(trx, round.id)).find((r) => r.itemCode === itemCode);
    await upsertRoundOitItem(trx, {
      roundId: round.id,
      itemCode,
      status,
      evidenceUrls: JSON.stringify(evidenceUrls),
      note,
      updatedBy: user.userId,
      updatedAt: now.toISOString(),
    });
    await recordAudit(
      trx,
      { organizationId: user.organizationId, userId: user.userId },
      "oit-item.save",
      `round:${round.id}/oit:${itemCode}`,
      {
        roundId: round.id,
        item: itemCode,
        status,
        evidenceUrls,
        note,
        previous: previous ? { status: previous.status, evidenceUrls: parseEvidence(previous.evidenceUrls), note: previous.note } : null,
      },
      now,
    );
  });
  return { ok: true, intent: "save-item", itemCode };
}

/**
 * Starts this round's checklist from the agency's previous round (the latest earlier fiscal year, then
 * start date): copies every item's status, evidence and note, in one transaction with its audit entry.
 * Refused (409, nothing written) when this round's checklist already has any item, so nothing that
 * someone entered is ever overwritten, and when there is no previous round or it has no checklist.
 * Items the previous round's framework has and this one's does not are left out.
 */
export async function copyPreviousChecklist(db: Db, user: SessionUser, roundId: number, now: Date): Promise<OitActionResult> {
  const round = await requireRound(db, user, roundId);
  const framework = getFramework(round.frameworkId);
  const refuse = (message: Localized): OitActionResult => ({ ok: false, status: 409, message, errors: {}, values: null });
  const known = new Set(framework.subIndicators.flatMap((s) => s.items.map((i) => i.code)));
  return db.transaction().execute(async (trx): Promise<OitActionResult> => {
    const existing = await countRoundOitItems(trx, round.id);
    if (existing > 0) {
      return refuse({
        th: `รอบนี้มีผลการตรวจ OIT แล้ว ${existing} ข้อ จึงไม่คัดลอกทับ (การคัดลอกทำได้เฉพาะเมื่อรายการตรวจของรอบนี้ยังว่างอยู่)`,
        en: `This round already has ${existing} OIT item(s) entered, so nothing was copied over them (copying works only while this round's checklist is empty).`,
      });
    }
    const previous = await getPreviousOrganizationRound(trx, user.organizationId, round);
    if (!previous) return refuse({ th: "ไม่มีรอบการประเมินก่อนหน้าของหน่วยงานให้คัดลอก", en: "The agency has no earlier round to copy from." });
    const source = (await listRoundOitItems(trx, previous.id)).filter((r) => known.has(r.itemCode));
    if (source.length === 0) {
      return refuse({
        th: `รอบก่อนหน้า (ปีงบประมาณ พ.ศ. ${previous.fiscalYear}) ยังไม่มีผลการตรวจ OIT ให้คัดลอก`,
        en: `The previous round (fiscal year ${previous.fiscalYear} B.E.) has no OIT checklist to copy.`,
      });
    }
    await insertRoundOitItems(
      trx,
      source.map((r) => ({
        roundId: round.id,
        itemCode: r.itemCode,
        status: r.status,
        evidenceUrls: r.evidenceUrls,
        note: r.note,
        updatedBy: user.userId,
        updatedAt: now.toISOString(),
      })),
    );
    await recordAudit(
      trx,
      { organizationId: user.organizationId, userId: user.userId },
      "oit-checklist.copy",
      `round:${round.id}/oit`,
      {
        roundId: round.id,
        fromRoundId: previous.id,
        fromFiscalYear: previous.fiscalYear,
        copied: source.length,
        statuses: Object.fromEntries(source.map((r) => [r.itemCode, r.status])),
      },
      now,
    );
    return { ok: true, intent: "copy-previous", copied: source.length, fromRoundId: previous.id };
  });
}

/**
 * The page's form posts, dispatched on their named intent ("save-item" or "copy-previous"). The caller
 * has checked the role (manager) and the anti-forgery token.
 */
export async function applyOitChecklistForm(db: Db, user: SessionUser, roundId: number, form: FormData, now: Date): Promise<OitActionResult> {
  const intent = form.getAll("intent");
  if (intent.length === 1 && intent[0] === "save-item") return saveOitItem(db, user, roundId, form, now);
  if (intent.length === 1 && intent[0] === "copy-previous") return copyPreviousChecklist(db, user, roundId, now);
  await requireRound(db, user, roundId);
  return { ok: false, status: 400, message: { th: "ไม่รู้จักคำสั่งของแบบฟอร์มนี้", en: "Unknown form action." }, errors: {}, values: null };
}
