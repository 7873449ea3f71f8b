/**
 * The demo agency (ARCHITECTURE.md §6): เทศบาลตำบลตัวอย่าง with three units, three counters, a closed
 * ITA 2565 round over the last complete fiscal year, its links, and a year of generated responses whose
 * scores show the weak spots real agencies have (asset borrowing i20, work improvement e11–e15); and the
 * current fiscal year's round, open, started from it as an admin would (app/services/rounds: the same
 * counters, the OIT checklist copied, the measures not done carried), so its links take answers today.
 * Responses go through the same storeResponse as a respondent's, so tallies are built the real way.
 *
 * Why app/seed/ and not db/seed/ as ARCHITECTURE.md §2 draws it: the seed is a client of the service
 * layer, not of the tables alone. It stores answers through storeResponse (validation, tallies),
 * hashes passwords with the app's hashPassword, makes tokens and dates with the app's helpers and reads
 * the framework through the app's loader. db/ must never import app/ (§2, checked by
 * test/unit/architecture.test.ts), so code that needs both lives on the app side and calls db/queries
 * like any other service.
 */
import type { Db } from "../../db/client.server";
import { putAgencyLogo } from "../../db/queries/agency-settings";
import { countOrganizations, insertCounter, insertOrganization, insertUnit } from "../../db/queries/organizations";
import { insertLink } from "../../db/queries/links";
import { insertRoundOitItems } from "../../db/queries/oit-checklist";
import { upsertOfficialResult } from "../../db/queries/official-results";
import { insertRound } from "../../db/queries/rounds";
import { insertUser } from "../../db/queries/users";
import { bangkokDate, fiscalYearOf, fiscalYearRange } from "../text/dates";
import { getFramework } from "../lib/frameworks.server";
import { generatePassword, hashPassword } from "../auth/password.server";
import { generateLinkToken } from "../lib/tokens.server";
import type { Field, Framework } from "../scoring/framework";
import { listInstrumentFields } from "../services/validate-answers";
import { DEMO_LOGO_PNG } from "./demo-logo";
import { PERSONAL_DATA_MARKER } from "../lib/personal-data";
import { storeResponse } from "../services/submit-response.server";
import { createPermanentLinks } from "../services/permanent-links.server";
import { insertDemoMeasures } from "./demo-measures.server";
import { createRound } from "../services/rounds/commands.server";

const FRAMEWORK_ID = "ita-2565";

/** How good each question looks to respondents, 0–1 (1 = every answer the best one). */
const BASE_GOODNESS = { iit: 0.96, eit: 0.95 } as const;
const ITEM_GOODNESS: Record<string, number> = {
  i20: 0.6, // the asset-borrowing procedure is unclear: the classic weak spot
  i24: 0.7, // oversight of asset use
  e11: 0.76,
  e12: 0.74,
  e13: 0.72,
  e14: 0.72,
  e15: 0.62, // transparency of service: the weakest, as in the reference document
};

interface DemoCounter {
  unit: { th: string; en: string };
  counter: { th: string; en: string };
  /** Shifts the goodness of every answer at this counter. */
  bias: number;
  responses: number;
}

const DEMO_COUNTERS: DemoCounter[] = [
  {
    unit: { th: "สำนักปลัด", en: "Office of the Permanent Secretary" },
    counter: { th: "งานทะเบียนและบริการประชาชน", en: "Registration and public services" },
    bias: 0.03,
    responses: 90,
  },
  {
    unit: { th: "กองคลัง", en: "Finance Division" },
    counter: { th: "งานจัดเก็บรายได้ (ชำระภาษี)", en: "Revenue collection (tax payments)" },
    bias: -0.06,
    responses: 80,
  },
  {
    unit: { th: "กองช่าง", en: "Public Works Division" },
    counter: { th: "งานขออนุญาตก่อสร้าง", en: "Building permits" },
    bias: 0,
    responses: 60,
  },
];

/**
 * The NACC's official results of the two fiscal years before the round (for the trends page):
 * improving, with indicator 4 (assets) and 8 (work improvement) the weak ones, as in the reference
 * document. Totals 77.36 (B), then 83.33 (B).
 */
const OFFICIAL_RESULTS: { yearsBeforeRound: number; scores: Record<string, number> }[] = [
  { yearsBeforeRound: 2, scores: { "1": 89.45, "2": 86.12, "3": 87.3, "4": 74.86, "5": 82.4, "6": 80.15, "7": 82.64, "8": 70.25, "9": 75.5, "10": 68.75 } },
  { yearsBeforeRound: 1, scores: { "1": 91.2, "2": 88.05, "3": 88.94, "4": 78.33, "5": 85.1, "6": 83.47, "7": 85.02, "8": 74.58, "9": 84.36, "10": 81.25 } },
];

/**
 * The demo round's OIT checklist: every item checked, each with the page of the agency's website that
 * shows it. The failing items are those of the reference document (khlong-phikrai-2565-measures.txt),
 * so indicator 9 comes out at 78.06, indicator 10 at 68.75 and the OIT at 73.41, as published there.
 */
const DEMO_SITE = "https://www.example-tambon.go.th";
const DEMO_OIT_PAGES: Record<string, string> = {
  o1: "/about/structure",
  o2: "/about/executives",
  o3: "/about/duties",
  o4: "/plans/development-plan-2566-2570",
  o5: "/contact",
  o6: "/laws",
  o7: "/news",
  o8: "/qa",
  o9: "/social",
  o10: "/plans/annual-operating-plan",
  o11: "/reports/operations-6-months",
  o12: "/reports/operations-annual",
  o13: "/manuals/work",
  o14: "/manuals/services",
  o15: "/services/statistics",
  o16: "/reports/satisfaction-survey",
  o17: "/e-service",
  o18: "/budget/spending-plan",
  o19: "/budget/monitoring-6-months",
  o20: "/budget/spending-report",
  o21: "/procurement/plan",
  o22: "/procurement/announcements",
  o23: "/procurement/monthly-summary",
  o24: "/procurement/annual-report",
  o25: "/hr/policy",
  o26: "/hr/policy-implementation",
  o27: "/hr/rules",
  o28: "/hr/annual-report",
  o29: "/complaints/guidelines",
  o30: "/complaints/report",
  o31: "/complaints/statistics",
  o32: "/participation/opinions",
  o33: "/participation/activities",
  o34: "/integrity/pledge",
  o35: "/integrity/executive-participation",
  o36: "/integrity/risk-assessment",
  o37: "/integrity/risk-measures",
  o38: "/integrity/culture",
  o39: "/integrity/action-plan",
  o40: "/integrity/monitoring-6-months",
  o41: "/integrity/annual-report",
  o42: "/integrity/internal-measures",
  o43: "/integrity/internal-measures-results",
};
/** Failing items: why, and whether the page exists but falls short (evidence kept) or is missing. */
const DEMO_OIT_FAILS: Record<string, { note: string; pageExists: boolean }> = {
  o2: { pageExists: true, note: "มีชื่อและรูปถ่ายผู้บริหารฝ่ายการเมือง\nยังขาดรูปถ่ายและช่องทางติดต่อของฝ่ายประจำ (ปลัด รองปลัด ผู้อำนวยการกอง)" },
  o15: { pageExists: false, note: "ยังไม่มีข้อมูลสถิติการให้บริการของปีนี้ (ต้องมีอย่างน้อยรอบ 6 เดือน)" },
  o17: { pageExists: false, note: "ยังไม่มีช่องทางยื่นคำขอรับบริการออนไลน์ที่เข้าถึงได้จากเว็บไซต์หลัก" },
  o23: { pageExists: true, note: "สรุปผลการจัดซื้อจัดจ้างรายเดือนมีถึงเดือนมีนาคมเท่านั้น\nขาดเดือนเมษายน – กันยายน" },
  o24: { pageExists: false, note: "ยังไม่ได้เผยแพร่รายงานผลการจัดซื้อจัดจ้างประจำปีที่มีปัญหา อุปสรรค และข้อเสนอแนะ" },
  o27: { pageExists: true, note: "มีหลักเกณฑ์การสรรหาและคัดเลือก แต่ยังไม่มีหลักเกณฑ์การประเมินผลและการพัฒนาบุคลากร" },
  o29: { pageExists: false, note: "ยังไม่มีคู่มือการจัดการเรื่องร้องเรียนการทุจริตที่ระบุหน่วยงานรับผิดชอบ ขั้นตอน และระยะเวลา" },
  o34: { pageExists: true, note: "ประกาศเจตจำนงสุจริตลงนามโดยนายกเทศมนตรีคนก่อน ต้องประกาศใหม่โดยผู้บริหารคนปัจจุบัน\nยังไม่มีนโยบายไม่รับของขวัญ (No Gift Policy)" },
  o36: { pageExists: false, note: "ยังไม่ได้ประเมินความเสี่ยงการทุจริตประจำปี" },
  o37: { pageExists: false, note: "ยังไม่มีมาตรการจัดการความเสี่ยงการทุจริต เพราะยังไม่ได้ประเมินความเสี่ยง (o36)" },
  o38: { pageExists: true, note: "มีภาพกิจกรรมอบรมคุณธรรม แต่ยังไม่มีกิจกรรมเสริมสร้างวัฒนธรรมต่อต้านการทุจริตของปีนี้" },
  o41: { pageExists: false, note: "ยังไม่ได้เผยแพร่รายงานผลการดำเนินการป้องกันการทุจริตประจำปี" },
};

/**
 * What some of the demo's visitors wrote at the end of the EIT (issue 15): every seventh EIT answer set of
 * a counter carries the next of these, in turn (chosen by position, not by the seed's random numbers, so
 * that the demo's scores stay what they were). Invented for the demo; one shows the marker that stands
 * where a phone number was removed.
 */
const DEMO_SUGGESTIONS = [
  "ที่จอดรถไม่พอในวันจันทร์ อยากให้เพิ่มที่จอดรถด้านหลังอาคาร",
  "เจ้าหน้าที่บริการดีมากกก อธิบายขั้นตอนชัดเจน ขอบคุณค่ะ",
  "รอคิวนานเกือบชั่วโมง ควรมีระบบคิวออนไลน์",
  "อยากให้ประกาศผลการจัดซื้อจัดจ้างบนเว็บไซต์ของเทศบาลทุกเดือน",
  "ป้ายบอกทางในอาคารไม่ชัด หาห้องงานทะเบียนไม่เจอ",
  "ควรเปิดให้บริการช่วงพักเที่ยง คนทำงานมาได้แค่ตอนเที่ยง",
  "ห้องน้ำควรทำความสะอาดบ่อยกว่านี้",
  `อยากให้ชำระค่าธรรมเนียมด้วยพร้อมเพย์ได้ ติดต่อกลับ ${PERSONAL_DATA_MARKER}`,
  "ที่นั่งรอไม่พอ ผู้สูงอายุต้องยืนรอ",
  "ควรแจ้งระยะเวลาแล้วเสร็จของงานให้ชัดเจน",
];

const IIT_RESPONSES = 42;
const STAFF_HEAD_COUNT = 120;

export interface SeedResult {
  created: boolean;
  adminUsername?: string;
  /** Printed once by the caller; only its hash is stored. */
  adminPassword?: string;
  /** The round of the last complete fiscal year, closed, with a year of answers (the scores to look at). */
  roundId?: number;
  /** The current fiscal year's round, open and empty: the one whose links take answers. */
  openRoundId?: number;
}

/** Creates the demo agency unless the database already holds an agency. */
export async function seedDemo(db: Db, options: { now: Date; log?: (line: string) => void }): Promise<SeedResult> {
  if ((await countOrganizations(db)) > 0) return { created: false };
  const log = options.log ?? (() => {});
  const framework = getFramework(FRAMEWORK_ID);
  const adminPassword = generatePassword();
  const passwordHash = await hashPassword(adminPassword);
  const today = bangkokDate(options.now);
  const fiscalYear = fiscalYearOf(today) - 1;
  const { startsOn, endsOn } = fiscalYearRange(fiscalYear);
  const createdAt = options.now.toISOString();
  const random = mulberry32(2565);

  const rounds = await db.transaction().execute(async (trx) => {
    const organizationId = await insertOrganization(trx, {
      slug: "demo",
      name_th: "เทศบาลตำบลตัวอย่าง",
      name_en: "Tua Yang Subdistrict Municipality (demo)",
      size_group: "tambon-municipality-m",
      district_th: "เมืองตัวอย่าง",
      province_th: "ตัวอย่าง",
      contact_th: "สอบถามเกี่ยวกับแบบสอบถาม โทร 0 5500 0000 ต่อ 101 (ในวันและเวลาราชการ) · ตัวอย่างเท่านั้น",
      contact_en: "Questions about this survey: 0 5500 0000 ext. 101 (office hours) · demo only",
      created_at: createdAt,
    });
    await putAgencyLogo(trx, { organization_id: organizationId, media_type: "image/png", bytes: DEMO_LOGO_PNG, version: "demo1", updated_at: createdAt });
    const adminId = await insertUser(trx, {
      organization_id: organizationId,
      username: "admin",
      password_hash: passwordHash,
      role: "admin",
      created_at: createdAt,
      // Printed once at the first start: the newcomer chooses their own at the first sign-in (issue 14).
      must_change_password: 1,
    });
    const roundId = await insertRound(trx, {
      organization_id: organizationId,
      framework_id: FRAMEWORK_ID,
      fiscal_year: fiscalYear,
      title_th: `การประเมิน ITA ปีงบประมาณ พ.ศ. ${fiscalYear}`,
      title_en: `ITA assessment, fiscal year ${fiscalYear - 543}`,
      starts_on: startsOn,
      ends_on: endsOn,
      staff_head_count: STAFF_HEAD_COUNT,
      // Its fiscal year is over: closed, as an agency closes it (issue 11: closed means closed).
      status: "closed",
      created_at: createdAt,
    });
    const iitLinkId = await insertLink(trx, {
      round_id: roundId,
      instrument: "iit",
      counter_id: null,
      token: generateLinkToken(),
      created_at: createdAt,
    });
    await insertGeneratedResponses(trx, framework, random, {
      roundId,
      linkId: iitLinkId,
      instrument: "iit",
      count: IIT_RESPONSES,
      bias: -0.01,
      startsOn,
    });
    const unitIds = new Map<string, number>();
    for (const demo of DEMO_COUNTERS) {
      const unitId = await insertUnit(trx, { organization_id: organizationId, name_th: demo.unit.th, name_en: demo.unit.en, created_at: createdAt });
      unitIds.set(demo.unit.th, unitId);
      const counterId = await insertCounter(trx, {
        organization_id: organizationId,
        unit_id: unitId,
        name_th: demo.counter.th,
        name_en: demo.counter.en,
        created_at: createdAt,
      });
      const linkId = await insertLink(trx, {
        round_id: roundId,
        instrument: "eit",
        counter_id: counterId,
        token: generateLinkToken(),
        created_at: createdAt,
      });
      await insertGeneratedResponses(trx, framework, random, {
        roundId,
        linkId,
        instrument: "eit",
        count: demo.responses,
        bias: demo.bias,
        startsOn,
      });
    }
    // The plan that answers the weak spots above: one measure done, one in progress, one overdue.
    await insertDemoMeasures(trx, { organizationId, roundId, fiscalYear, today, createdAt, userId: adminId, unitIds });
    for (const official of OFFICIAL_RESULTS) {
      await upsertOfficialResult(trx, {
        organizationId,
        fiscalYear: fiscalYear - official.yearsBeforeRound,
        frameworkId: FRAMEWORK_ID,
        indicatorScores: JSON.stringify(official.scores),
        now: createdAt,
      });
    }
    await insertRoundOitItems(trx, demoChecklist(framework, roundId, adminId, endsOn));
    // The staff link and each counter's permanent link (issue 11), printed on the demo's posters.
    await createPermanentLinks(trx, organizationId, options.now);
    const next = await createRound(trx, { organizationId, userId: adminId }, { fiscalYear: String(fiscalYear + 1), fromPrevious: true }, options.now);
    if (!next.ok) throw new Error(`demo seed: the current round was refused: ${next.message.en} ${JSON.stringify(next.errors)}`);
    return { roundId, openRoundId: next.round.id };
  }).catch(async (error: unknown) => {
    // Several app processes started at once on one empty PostgreSQL database all try to seed it: the
    // unique slug lets one in, and the others find its agency and carry on.
    if ((await countOrganizations(db)) > 0) return null;
    throw error;
  });
  if (rounds === null) return { created: false };
  log(`demo agency created: เทศบาลตำบลตัวอย่าง, round ${rounds.roundId} (fiscal year ${fiscalYear}, closed), round ${rounds.openRoundId} (fiscal year ${fiscalYear + 1}, open)`);
  return { created: true, adminUsername: "admin", adminPassword, ...rounds };
}

/** The demo checklist rows, checked one item a day over the last weeks of the round. */
function demoChecklist(framework: Framework, roundId: number, userId: number, endsOn: string) {
  const codes = framework.subIndicators.flatMap((s) => s.items.map((i) => i.code));
  const last = Date.parse(`${endsOn}T03:30:00Z`);
  return codes.map((code, index) => {
    const fail = DEMO_OIT_FAILS[code];
    const page = DEMO_OIT_PAGES[code];
    if (!page) throw new Error(`demo seed: no page for OIT item ${code}`);
    const urls = !fail || fail.pageExists ? [`${DEMO_SITE}${page}`] : [];
    // A few passing items point at a second page too, as real ones do (the plan and its report).
    if (!fail && (code === "o4" || code === "o39")) urls.push(`${DEMO_SITE}${page}/report`);
    return {
      roundId,
      itemCode: code,
      status: fail ? ("fail" as const) : ("pass" as const),
      evidenceUrls: JSON.stringify(urls),
      note: fail?.note ?? "",
      updatedBy: userId,
      updatedAt: new Date(last - (codes.length - index) * 86_400_000).toISOString(),
    };
  });
}

async function insertGeneratedResponses(
  db: Db,
  framework: Framework,
  random: () => number,
  options: { roundId: number; linkId: number; instrument: "iit" | "eit"; count: number; bias: number; startsOn: string },
): Promise<void> {
  const fields = listInstrumentFields(framework, options.instrument);
  const itemOf = new Map(framework.items.flatMap((item) => item.fields.map((f) => [f.name, item.code] as const)));
  for (let n = 0; n < options.count; n++) {
    const respondentMood = (random() - 0.5) * 0.16;
    const answers: Record<string, number> = {};
    for (const field of fields) {
      const goodness = (ITEM_GOODNESS[itemOf.get(field.name)!] ?? BASE_GOODNESS[options.instrument]) + options.bias + respondentMood;
      answers[field.name] = generateAnswer(framework, field, goodness, random);
    }
    const suggestion = options.instrument === "eit" && n % 7 === 3 ? DEMO_SUGGESTIONS[(options.linkId + Math.floor(n / 7)) % DEMO_SUGGESTIONS.length]! : null;
    await storeResponse(db, {
      submissionId: `demo-${options.linkId}-${n}-${Math.floor(random() * 1e9)}`,
      roundId: options.roundId,
      linkId: options.linkId,
      instrument: options.instrument,
      frameworkId: framework.id,
      answeredOn: dayOfFiscalYear(options.startsOn, Math.floor(random() * 365)),
      answers,
      suggestion,
    });
  }
}

/**
 * An answer whose score is near `goodness` × 100: picks the option whose score is nearest to a noisy
 * target, so every scale (reversed, yes/no) is handled by its own option scores.
 */
function generateAnswer(framework: Framework, field: Field, goodness: number, random: () => number): number {
  const options = framework.scales[field.scale]!.options;
  const target = Math.min(1, Math.max(0, goodness + (random() + random() + random() - 1.5) * 0.35)) * 100;
  let best = options[0]!;
  for (const option of options) {
    if (Math.abs(option.score - target) < Math.abs(best.score - target)) best = option;
  }
  return best.value;
}

function dayOfFiscalYear(startsOn: string, offsetDays: number): string {
  const start = new Date(`${startsOn}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() + offsetDays);
  return start.toISOString().slice(0, 10);
}

/** A small seeded generator, so every demo database is the same. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
