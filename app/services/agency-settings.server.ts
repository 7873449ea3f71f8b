/**
 * The agency's own settings, as its admin keeps them (issue 11, item 2): names in Thai and English, type
 * and size (the framework's sample-size group, so the EIT minimum is right), province and district, the
 * contact line under every respondent page, and a logo printed on posters, code slips, the report and its
 * PDF. The operator's rename (app/services/agencies.server.ts) changes the same names with the same rules.
 *
 * One save is one transaction with its audit entry; bad input is a 400 naming each field, nothing written.
 * The logo is refused unless its bytes are a PNG or a JPEG of at most 512 KB (app/lib/image-type.ts).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../db/client.server";
import { deleteAgencyLogo, getAgencyLogoRef, getAgencySettingsRow, putAgencyLogo, updateAgencyProfile } from "../../db/queries/agency-settings";
import type { SessionUser } from "../auth/session.server";
import { detectLogoType } from "../lib/image-type";
import { HttpError } from "../lib/http";
import { agencyTypeField, listAgencyTypes, parseAgencyInput, type AgencyType } from "./agencies.server";
import { CONTACT_MAX, LOGO_MAX_BYTES, PLACE_MAX, RETENTION_MONTHS } from "./agency-limits";
import { recordAudit } from "./audit.server";
import { englishNameField, thaiNameField } from "./name-fields";

/** Where the integration tests of the settings read the limit from. */
export { LOGO_MAX_BYTES };

/** One line of text: no tab, no line break, no other control character. */
const NO_CONTROL = /^[^\p{Cc}]*$/u;

const place = z.string().trim().max(PLACE_MAX, { error: "placeTooLong" }).regex(NO_CONTROL, { error: "textControl" }).optional().transform((v) => v ?? "");
const contact = z.string().trim().max(CONTACT_MAX, { error: "contactTooLong" }).regex(NO_CONTROL, { error: "textControl" }).optional().transform((v) => v ?? "");

const retention = z.coerce
  .number({ error: "retentionRange" })
  .int({ error: "retentionRange" })
  .min(RETENTION_MONTHS.min, { error: "retentionRange" })
  .max(RETENTION_MONTHS.max, { error: "retentionRange" });

const settingsSchema = z.object({
  nameTh: thaiNameField,
  nameEn: englishNameField,
  type: agencyTypeField,
  provinceTh: place,
  districtTh: place,
  contactTh: contact,
  contactEn: contact,
  // Left out of a form (an older page, a script): the stored value stays.
  retentionMonths: z.preprocess((v) => (v === "" ? undefined : v), retention.optional()),
  // A checkbox: absent when unticked. `secondFactorShown` says the form had it, so that a form without it
  // (an older page, a script) keeps the stored value instead of turning the requirement off.
  secondFactorShown: z.literal("1").optional(),
  requireSecondFactor: z.literal("on").optional(),
});

export interface AgencySettings {
  slug: string;
  nameTh: string;
  nameEn: string;
  type: string;
  provinceTh: string;
  districtTh: string;
  contactTh: string;
  contactEn: string;
  /** Months a closed round's raw answers are kept after its end (app/services/retention.server.ts). */
  retentionMonths: number;
  /** 1: admins and managers must have a second factor (app/auth/second-factor.server.ts). */
  requireSecondFactor: number;
  /** The logo's URL (with its version), or null without one. */
  logoUrl: string | null;
  logoUpdatedAt: string | null;
}

/** The logo's URL: the version in the query lets browsers keep it for a year (routes/resources/agency-logo.ts). */
export function agencyLogoUrl(slug: string, version: string): string {
  return `/logo/${encodeURIComponent(slug)}?v=${version}`;
}

export async function getAgencySettings(db: Db, organizationId: number): Promise<{ settings: AgencySettings; types: AgencyType[] }> {
  const row = await getAgencySettingsRow(db, organizationId);
  if (!row) throw new HttpError(404, "ไม่พบหน่วยงานนี้", "No such agency.");
  const { logoMediaType: _type, logoVersion, logoUpdatedAt, ...profile } = row;
  return {
    settings: { ...profile, logoUrl: logoVersion ? agencyLogoUrl(row.slug, logoVersion) : null, logoUpdatedAt: logoUpdatedAt ?? null },
    types: listAgencyTypes(),
  };
}

/** What the settings form sends: its text fields, the logo file (empty when none was chosen), and removeLogo. */
export type SettingsForm = Record<string, FormDataEntryValue>;

/** The logo of the form, checked: null when none was chosen, or a 400 naming the "logo" field. */
async function readLogo(value: FormDataEntryValue | undefined): Promise<{ mediaType: "image/png" | "image/jpeg"; bytes: Uint8Array } | null> {
  if (value === undefined || typeof value === "string" || value.size === 0) return null;
  if (value.size > LOGO_MAX_BYTES) {
    const kb = Math.ceil(value.size / 1024);
    throw new HttpError(400, `ไฟล์โลโก้ใหญ่เกินไป (${kb} KB) ขนาดได้ไม่เกิน 512 KB`, `The logo is too large (${kb} KB); at most 512 KB.`, {
      logo: { th: `ไฟล์โลโก้ใหญ่เกินไป (${kb} KB) ขนาดได้ไม่เกิน 512 KB`, en: `The logo is too large (${kb} KB); at most 512 KB.` },
    });
  }
  const bytes = new Uint8Array(await value.arrayBuffer());
  const mediaType = detectLogoType(bytes);
  if (!mediaType) {
    const message = { th: "ไฟล์โลโก้ต้องเป็นรูปภาพ PNG หรือ JPEG (ตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์)", en: "The logo must be a PNG or JPEG image (checked from the file's content, not its name)." };
    throw new HttpError(400, message.th, message.en, { logo: message });
  }
  return { mediaType, bytes };
}

/**
 * Saves the settings form of the user's agency (admin only; the route checks the role). Returns what
 * changed for the page to say. A logo and the text fields are saved together or not at all.
 */
export async function saveAgencySettings(db: Db, user: SessionUser, form: SettingsForm, now: Date): Promise<{ logo: "kept" | "replaced" | "removed" }> {
  const text = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === "string"));
  // Every wrong field at once, the logo's among them, so that the admin fixes the form in one go.
  let fields: Record<string, { th: string; en: string }> = {};
  const collect = async <T>(read: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      fields = { ...fields, ...error.fields };
      return undefined;
    }
  };
  const profile = await collect(() => parseAgencyInput(settingsSchema, text));
  const logo = await collect(() => readLogo(form.logo));
  if (!profile || logo === undefined) {
    const first = Object.values(fields)[0]!;
    throw new HttpError(400, first.th, first.en, fields);
  }
  const removeLogo = form.removeLogo === "on" && !logo;
  return db.transaction().execute(async (trx) => {
    const before = await getAgencySettingsRow(trx, user.organizationId);
    if (!before) throw new HttpError(404, "ไม่พบหน่วยงานนี้", "No such agency.");
    const { secondFactorShown, requireSecondFactor: ticked, ...to } = profile;
    const requireSecondFactor = secondFactorShown ? (ticked ? 1 : 0) : before.requireSecondFactor;
    await updateAgencyProfile(trx, user.organizationId, {
      name_th: profile.nameTh,
      name_en: profile.nameEn,
      size_group: profile.type,
      province_th: profile.provinceTh,
      district_th: profile.districtTh,
      contact_th: profile.contactTh,
      contact_en: profile.contactEn,
      retention_months: profile.retentionMonths ?? before.retentionMonths,
      require_second_factor: requireSecondFactor,
    });
    let outcome: "kept" | "replaced" | "removed" = "kept";
    let logoDetail: Record<string, unknown> = {};
    if (logo) {
      const sha256 = createHash("sha256").update(logo.bytes).digest("hex");
      await putAgencyLogo(trx, { organization_id: user.organizationId, media_type: logo.mediaType, bytes: logo.bytes, version: sha256.slice(0, 16), updated_at: now.toISOString() });
      outcome = "replaced";
      logoDetail = { logo: { mediaType: logo.mediaType, bytes: logo.bytes.length, sha256 } };
    } else if (removeLogo && (await deleteAgencyLogo(trx, user.organizationId)) > 0) {
      outcome = "removed";
      logoDetail = { logo: "removed" };
    }
    const { logoMediaType: _t, logoVersion: _v, logoUpdatedAt: _u, slug: _s, ...from } = before;
    await recordAudit(trx, { organizationId: user.organizationId, userId: user.userId }, "agency.settings", `organization:${user.organizationId}`, { from, to: { ...to, requireSecondFactor }, ...logoDetail }, now);
    return { logo: outcome };
  });
}

/** The URL of the agency's logo for the print pages (posters, code slips, the report), or null without one. */
export async function getAgencyLogoUrl(db: Db, organizationId: number): Promise<string | null> {
  const ref = await getAgencyLogoRef(db, organizationId);
  return ref ? agencyLogoUrl(ref.slug, ref.version) : null;
}
