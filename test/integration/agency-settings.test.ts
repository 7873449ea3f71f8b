/**
 * The agency's settings (issue 11, item 2) on a real, freshly migrated database, SQLite or PostgreSQL:
 * names, type, place, contact line and logo are saved together with their audit entry; bad input — a
 * renamed PDF, a logo over 512 KB, an empty Thai name, an unknown type, a contact line with a line break —
 * is a 400 naming every wrong field, and nothing is written; the contact line reaches the respondent
 * link; remove takes the logo away.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSessionCookie, getSessionUser, type SessionUser } from "../../app/auth/session.server";
import { HttpError } from "../../app/lib/http";
import { detectLogoType } from "../../app/lib/image-type";
import { DEMO_LOGO_PNG } from "../../app/seed/demo-logo";
import { getAgencyLogoUrl, getAgencySettings, LOGO_MAX_BYTES, saveAgencySettings } from "../../app/services/agency-settings.server";
import type { Db } from "../../db/client.server";
import { getPublicLink } from "../../db/queries/links";
import { createTestUser } from "../support/accounts";
import { createRoundFixture } from "../support/fixtures";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-12-03T03:00:00.000Z");

let t: TestDb;
let db: Db;
let admin: SessionUser;
let organizationId: number;
let eitToken: string;

beforeEach(async () => {
  t = await createTestDb();
  db = t.db;
  const fixture = await createRoundFixture(db, "town");
  organizationId = fixture.organizationId;
  eitToken = fixture.eitToken;
  const userId = await createTestUser(db, organizationId, "town-admin", "admin");
  const cookie = (await createSessionCookie(db, userId, new Date())).split(";")[0]!;
  admin = (await getSessionUser(db, new Request("http://localhost/admin", { headers: { cookie } })))!;
});
afterEach(async () => {
  await t.close();
});

/** A minimal JPEG as its markers make one: start of image, an APP0 segment, end of image. */
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

const GOOD = {
  nameTh: "เทศบาลตำบลหนองบัว",
  nameEn: "Nong Bua Subdistrict Municipality",
  type: "sao-l",
  provinceTh: "อุดรธานี",
  districtTh: "หนองวัวซอ",
  contactTh: "สอบถามโทร 0 4212 3456 ต่อ 12",
  contactEn: "Questions: 0 4212 3456 ext. 12",
};

function file(bytes: Uint8Array, name: string, type: string): File {
  return new File([new Uint8Array(bytes)], name, { type });
}

/** Every row of the tables a save may touch, to show that a refused save wrote nothing. */
async function snapshot() {
  return {
    organization: await db.selectFrom("organization").selectAll().execute(),
    logo: await db.selectFrom("organization_logo").select(["organization_id", "media_type", "version"]).execute(),
    audit: await db.selectFrom("audit_log").select("id").execute(),
  };
}

async function refusal(form: Record<string, FormDataEntryValue>): Promise<HttpError> {
  const error = await saveAgencySettings(db, admin, form, NOW).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe("agency settings", () => {
  it("turns the second-factor requirement on and off with its checkbox, and keeps it when a form does not have it", async () => {
    const stored = async () => (await db.selectFrom("organization").where("id", "=", organizationId).select("require_second_factor").executeTakeFirstOrThrow()).require_second_factor;
    await saveAgencySettings(db, admin, { ...GOOD, secondFactorShown: "1", requireSecondFactor: "on" }, NOW);
    expect(await stored()).toBe(1);
    expect((await getAgencySettings(db, organizationId)).settings.requireSecondFactor).toBe(1);
    // A form without the field (an older page, a script) changes nothing.
    await saveAgencySettings(db, admin, GOOD, NOW);
    expect(await stored()).toBe(1);
    // The checkbox shown and left unticked turns it off.
    await saveAgencySettings(db, admin, { ...GOOD, secondFactorShown: "1" }, NOW);
    expect(await stored()).toBe(0);
    const audit = await db.selectFrom("audit_log").where("action", "=", "agency.settings").select("detail").orderBy("id").execute();
    expect(audit.map((row) => JSON.parse(row.detail).to.requireSecondFactor)).toEqual([1, 1, 0]);
  });

  it("saves names, type, place, contact line and a PNG logo in one step, with its audit entry", async () => {
    const result = await saveAgencySettings(db, admin, { ...GOOD, logo: file(DEMO_LOGO_PNG, "seal.png", "image/png") }, NOW);
    expect(result.logo).toBe("replaced");
    const { settings, types } = await getAgencySettings(db, organizationId);
    expect(settings).toMatchObject({ ...GOOD, slug: "town", logoUpdatedAt: NOW.toISOString() });
    expect(settings.logoUrl).toMatch(/^\/logo\/town\?v=[0-9a-f]{16}$/);
    expect(await getAgencyLogoUrl(db, organizationId)).toBe(settings.logoUrl);
    expect(types.map((x) => x.code)).toContain("sao-l");

    const stored = await db.selectFrom("organization_logo").selectAll().executeTakeFirstOrThrow();
    expect(stored.media_type).toBe("image/png");
    expect(Buffer.from(stored.bytes).equals(DEMO_LOGO_PNG)).toBe(true);

    const audit = await db.selectFrom("audit_log").where("action", "=", "agency.settings").selectAll().execute();
    expect(audit).toHaveLength(1);
    const detail = JSON.parse(audit[0]!.detail);
    expect(detail.to).toEqual({ ...GOOD, requireSecondFactor: 0 });
    expect(detail.from.nameTh).toBe("เทศบาลตำบลทดสอบ");
    expect(detail.logo).toMatchObject({ mediaType: "image/png", bytes: DEMO_LOGO_PNG.length });

    // The respondent pages read the contact line with the link.
    const link = await getPublicLink(db, eitToken);
    expect(link).toMatchObject({ organizationContactTh: GOOD.contactTh, organizationContactEn: GOOD.contactEn, organizationNameTh: GOOD.nameTh });
  });

  it("keeps the logo when none is chosen, replaces it with a JPEG, and removes it on request", async () => {
    await saveAgencySettings(db, admin, { ...GOOD, logo: file(DEMO_LOGO_PNG, "seal.png", "image/png") }, NOW);
    const first = (await getAgencySettings(db, organizationId)).settings.logoUrl;
    // A form sent without choosing a file carries an empty one.
    expect((await saveAgencySettings(db, admin, { ...GOOD, nameEn: "Nong Bua", logo: file(new Uint8Array(), "", "application/octet-stream") }, NOW)).logo).toBe("kept");
    expect((await getAgencySettings(db, organizationId)).settings.logoUrl).toBe(first);

    expect((await saveAgencySettings(db, admin, { ...GOOD, logo: file(JPEG, "seal.jpg", "image/jpeg") }, NOW)).logo).toBe("replaced");
    const second = (await getAgencySettings(db, organizationId)).settings.logoUrl;
    expect(second).not.toBe(first);
    expect((await db.selectFrom("organization_logo").select("media_type").executeTakeFirstOrThrow()).media_type).toBe("image/jpeg");

    expect((await saveAgencySettings(db, admin, { ...GOOD, removeLogo: "on" }, NOW)).logo).toBe("removed");
    expect((await getAgencySettings(db, organizationId)).settings.logoUrl).toBeNull();
    expect(await db.selectFrom("organization_logo").selectAll().execute()).toHaveLength(0);
  });

  it("refuses a renamed PDF, an SVG and a cut PNG by their bytes, with a Thai message beside the logo, and writes nothing", async () => {
    const before = await snapshot();
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const logo of [file(PDF, "logo.png", "image/png"), file(svg, "logo.png", "image/png"), file(DEMO_LOGO_PNG.subarray(0, 20), "logo.png", "image/png")]) {
      const error = await refusal({ ...GOOD, logo });
      expect(error.status).toBe(400);
      expect(error.fields?.logo?.th).toContain("PNG หรือ JPEG");
      expect(error.fields?.logo?.en).toContain("PNG or JPEG");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a logo over 512 KB saying how large it was, and writes nothing", async () => {
    const before = await snapshot();
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(DEMO_LOGO_PNG);
    expect(detectLogoType(big)).toBe("image/png");
    const error = await refusal({ ...GOOD, logo: file(big, "big.png", "image/png") });
    expect(error.status).toBe(400);
    expect(error.fields?.logo?.th).toBe("ไฟล์โลโก้ใหญ่เกินไป (513 KB) ขนาดได้ไม่เกิน 512 KB");
    expect(await snapshot()).toEqual(before);
  });

  it("names every wrong field at once, the logo's among them, and writes nothing", async () => {
    const before = await snapshot();
    const error = await refusal({
      nameTh: "   ",
      type: "no-such-type",
      provinceTh: "ก".repeat(81),
      contactTh: "โทร\n0 4212 3456",
      logo: file(PDF, "logo.jpg", "image/jpeg"),
    });
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["contactTh", "logo", "nameTh", "provinceTh", "type"]);
    expect(error.fields!.nameTh!.th).toBe("กรุณากรอกชื่อหน่วยงานภาษาไทย");
    expect(error.fields!.type!.th).toBe("ไม่รู้จักประเภทหน่วยงานนี้");
    expect(error.fields!.contactTh!.th).toContain("อักขระควบคุม");
    expect(error.fields!.provinceTh!.th).toContain("80");
    expect(await snapshot()).toEqual(before);
  });
});

describe("detectLogoType", () => {
  it("knows PNG and JPEG by their bytes and nothing else", () => {
    expect(detectLogoType(DEMO_LOGO_PNG)).toBe("image/png");
    expect(detectLogoType(JPEG)).toBe("image/jpeg");
    expect(detectLogoType(JPEG.subarray(0, JPEG.length - 2))).toBeNull();
    expect(detectLogoType(PDF)).toBeNull();
    expect(detectLogoType(new Uint8Array())).toBeNull();
    expect(detectLogoType(new TextEncoder().encode("GIF89a\x01\x00\x01\x00"))).toBeNull();
  });
});
