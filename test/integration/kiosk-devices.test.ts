/**
 * Kiosks are enrolled, not declared (issue 14, item 3; docs/decisions/kiosk-enrolment.md), on a real
 * database: enrolment and revocation with their audit entries, scoped to the agency; the device row
 * holding the cookie's hash and nothing about a respondent; kiosk treatment (no burst flag, and the
 * tablet's own measure believed when it had no start stamp) only with the cookie of a device enrolled,
 * not revoked, for the counter of the link answered; the counters page's list; the tablet's /kiosk home.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getFramework } from "../../app/lib/frameworks.server";
import { HttpError } from "../../app/lib/http";
import { getCountersPage } from "../../app/services/counters.server";
import { enrolKioskDevice, findKioskHome, KIOSK_COOKIE, parseKioskCommand, revokeKioskDevice } from "../../app/services/kiosk/devices.server";
import { issueStartStamp } from "../../app/services/start-stamp.server";
import { submitResponse } from "../../app/services/submit-response.server";
import { insertCounter } from "../../db/queries/organizations";
import { createTestUser } from "../support/accounts";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { startStampFor } from "../support/start-stamps";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-03-15T03:00:00Z");
const framework = getFramework("ita-2565");
/** One over the framework's burst limit: a phone at this count is flagged "burst". */
const BURST = { now: NOW, recentFromAddress: framework.respondentQuality.burstMaximumPerAddress + 1 };

let t: TestDb;
let round: RoundFixture;
let other: RoundFixture;
let actor: { organizationId: number; userId: number };
let counterId = 0;

beforeEach(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db, "agency-a");
  other = await createRoundFixture(t.db, "agency-b");
  actor = { organizationId: round.organizationId, userId: await createTestUser(t.db, round.organizationId, "manager-a", "manager") };
  counterId = await counterOf(round.eitToken);
});

afterEach(async () => {
  await t.close();
});

async function counterOf(token: string): Promise<number> {
  const link = await t.db.selectFrom("link").where("token", "=", token).select("counter_id").executeTakeFirstOrThrow();
  return link.counter_id!;
}

/** The Cookie header a browser sends back after the enrolment's Set-Cookie. */
function cookieHeader(setCookie: string): string {
  return setCookie.split(";")[0]!;
}

/** A visitor's answers, started long before by its stamp (not too fast): only the burst can flag them. */
function unhurriedBody(extra: Record<string, unknown> = {}) {
  const submissionId = newSubmissionId();
  return JSON.stringify({ submissionId, answers: makeAnswers("eit"), startStamp: startStampFor(submissionId), ...extra });
}

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe("enrolment and revocation", () => {
  it("enrols a tablet for a counter: an HttpOnly long-lived cookie, the row with only the token's hash, an audit entry without the token", async () => {
    const { cookie, deviceId } = await enrolKioskDevice(t.db, actor, { counterId, label: "แท็บเล็ตหน้าห้องการเงิน" }, NOW);
    expect(cookie).toMatch(new RegExp(`^${KIOSK_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=34560000$`));
    const token = cookie.slice(KIOSK_COOKIE.length + 1, KIOSK_COOKIE.length + 44);
    const row = await t.db.selectFrom("kiosk_device").selectAll().where("id", "=", deviceId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      organization_id: round.organizationId,
      counter_id: counterId,
      label: "แท็บเล็ตหน้าห้องการเงิน",
      enrolled_by: actor.userId,
      enrolled_at: NOW.toISOString(),
      revoked_at: null,
      last_seen_on: null,
    });
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(Object.keys(row).sort()).toEqual(["counter_id", "enrolled_at", "enrolled_by", "id", "label", "last_seen_on", "organization_id", "revoked_at", "token_hash"]);
    const audit = await t.db.selectFrom("audit_log").selectAll().execute();
    expect(audit.map((a) => ({ action: a.action, target: a.target, user: a.user_id }))).toEqual([{ action: "kiosk.enrol", target: `kiosk-device:${deviceId}`, user: actor.userId }]);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ counterId, counterNameTh: "จุดชำระภาษี", label: "แท็บเล็ตหน้าห้องการเงิน" });
    expect(audit[0]!.detail).not.toContain(token);
  });

  it("refuses another agency's counter (404), a retired counter (409) and a missing name (400, in Thai); revokes once, audited, only within the agency", async () => {
    expect((await rejection(enrolKioskDevice(t.db, actor, { counterId: await counterOf(other.eitToken), label: "x" }, NOW))).status).toBe(404);
    await t.db.updateTable("counter").set({ status: "retired" }).where("id", "=", counterId).execute();
    expect((await rejection(enrolKioskDevice(t.db, actor, { counterId, label: "x" }, NOW))).status).toBe(409);
    await t.db.updateTable("counter").set({ status: "active" }).where("id", "=", counterId).execute();
    const bad = await rejection(Promise.resolve().then(() => parseKioskCommand({ intent: "kiosk-enrol", counterId: String(counterId), label: "  " })));
    expect(bad.status).toBe(400);
    expect(bad.messageTh).toContain("กรุณาตั้งชื่อเครื่อง");
    expect(await t.db.selectFrom("kiosk_device").select("id").execute()).toEqual([]);

    const { deviceId } = await enrolKioskDevice(t.db, actor, { counterId, label: "แท็บเล็ต 1" }, NOW);
    const otherManager = { organizationId: other.organizationId, userId: await createTestUser(t.db, other.organizationId, "manager-b", "manager") };
    expect((await rejection(revokeKioskDevice(t.db, otherManager, deviceId, NOW))).status).toBe(404);
    await revokeKioskDevice(t.db, actor, deviceId, NOW);
    await revokeKioskDevice(t.db, actor, deviceId, NOW);
    const row = await t.db.selectFrom("kiosk_device").select("revoked_at").where("id", "=", deviceId).executeTakeFirstOrThrow();
    expect(row.revoked_at).toBe(NOW.toISOString());
    const actions = await t.db.selectFrom("audit_log").select(["action", "target"]).orderBy("id").execute();
    expect(actions).toEqual([
      { action: "kiosk.enrol", target: `kiosk-device:${deviceId}` },
      { action: "kiosk.revoke", target: `kiosk-device:${deviceId}` },
    ]);
  });

  it("lists each counter's enrolled tablets on the counters page, with who enrolled them and the last day seen; revoked ones are gone", async () => {
    const unitId = (await t.db.selectFrom("counter").select("unit_id").where("id", "=", counterId).executeTakeFirstOrThrow()).unit_id;
    const second = await insertCounter(t.db, { organization_id: round.organizationId, unit_id: unitId, name_th: "จุดรับเรื่อง", name_en: "Front desk", created_at: NOW.toISOString() });
    const kept = await enrolKioskDevice(t.db, actor, { counterId, label: "แท็บเล็ต 1" }, NOW);
    const revoked = await enrolKioskDevice(t.db, actor, { counterId, label: "แท็บเล็ตเก่า" }, NOW);
    await revokeKioskDevice(t.db, actor, revoked.deviceId, NOW);
    await submitResponse(t.db, round.eitToken, unhurriedBody(), { now: new Date("2026-03-16T18:00:00Z"), recentFromAddress: 1, cookie: cookieHeader(kept.cookie) });
    const page = await getCountersPage(t.db, round.organizationId);
    const counters = page.units.flatMap((u) => u.counters);
    expect(counters.find((c) => c.id === counterId)?.kiosks).toEqual([
      // 01:00 on 17 March in Bangkok: the day it was seen, no time.
      { id: kept.deviceId, label: "แท็บเล็ต 1", enrolledOn: "2026-03-15", enrolledBy: "manager-a", lastSeenOn: "2026-03-17" },
    ]);
    expect(counters.find((c) => c.id === second)?.kiosks).toEqual([]);
    expect((await getCountersPage(t.db, other.organizationId)).units.flatMap((u) => u.counters).flatMap((c) => c.kiosks)).toEqual([]);
  });
});

describe("kiosk treatment of answers", () => {
  it("flags a burst from a phone that says it is a kiosk, never from the tablet enrolled for the link's counter, and again once it is revoked", async () => {
    const claimed = await submitResponse(t.db, round.eitToken, unhurriedBody({ channel: "kiosk" }), BURST);
    expect(claimed.flag).toBe("burst");
    const { cookie, deviceId } = await enrolKioskDevice(t.db, actor, { counterId, label: "แท็บเล็ต 1" }, NOW);
    const enrolled = { ...BURST, cookie: `lang=th; ${cookieHeader(cookie)}` };
    for (let n = 0; n < 3; n++) expect((await submitResponse(t.db, round.eitToken, unhurriedBody(), enrolled)).flag).toBeNull();
    const seen = await t.db.selectFrom("kiosk_device").select("last_seen_on").where("id", "=", deviceId).executeTakeFirstOrThrow();
    expect(seen.last_seen_on).toBe("2026-03-15");
    await revokeKioskDevice(t.db, actor, deviceId, NOW);
    expect((await submitResponse(t.db, round.eitToken, unhurriedBody(), enrolled)).flag).toBe("burst");
  });

  it("treats the tablet of one counter as a phone at another counter's link, and a made-up or another agency's cookie as none", async () => {
    const { cookie } = await enrolKioskDevice(t.db, actor, { counterId, label: "แท็บเล็ต 1" }, NOW);
    const otherManager = { organizationId: other.organizationId, userId: await createTestUser(t.db, other.organizationId, "manager-b", "manager") };
    const elsewhere = await enrolKioskDevice(t.db, otherManager, { counterId: await counterOf(other.eitToken), label: "B" }, NOW);
    expect((await submitResponse(t.db, other.eitToken, unhurriedBody(), { ...BURST, cookie: cookieHeader(cookie) })).flag).toBe("burst");
    expect((await submitResponse(t.db, round.eitToken, unhurriedBody(), { ...BURST, cookie: cookieHeader(elsewhere.cookie) })).flag).toBe("burst");
    const madeUp = `${KIOSK_COOKIE}=${"A".repeat(43)}`;
    expect((await submitResponse(t.db, round.eitToken, unhurriedBody(), { ...BURST, cookie: madeUp })).flag).toBe("burst");
    // The right tablet at its own counter: no burst.
    expect((await submitResponse(t.db, round.eitToken, unhurriedBody(), { ...BURST, cookie: cookieHeader(cookie) })).flag).toBeNull();
  });

  it("measures the duration by the start stamp; believes a tablet's own measure only when it is enrolled and had no stamp (it was offline)", async () => {
    const { cookie } = await enrolKioskDevice(t.db, actor, { counterId, label: "แท็บเล็ต 1" }, NOW);
    const at = { now: NOW, recentFromAddress: 1 };
    const kiosk = { ...at, cookie: cookieHeader(cookie) };
    const send = (context: typeof at, fields: Record<string, unknown>) =>
      submitResponse(t.db, round.eitToken, JSON.stringify({ submissionId: newSubmissionId(), answers: makeAnswers("eit"), ...fields }), context);
    const stampedSecondsBefore = (seconds: number) => {
      const submissionId = newSubmissionId();
      return submitResponse(
        t.db,
        round.eitToken,
        JSON.stringify({ submissionId, answers: makeAnswers("eit"), startStamp: issueStartStamp(submissionId, new Date(NOW.getTime() - seconds * 1000)), durationSeconds: 3600 }),
        kiosk,
      );
    };
    // Offline at the start, the enrolled tablet's own measure: 95 s passes, 5 s is too fast.
    expect((await send(kiosk, { durationSeconds: 95 })).flag).toBeNull();
    expect((await send(kiosk, { durationSeconds: 5 })).flag).toBe("too-fast");
    // Neither stamp nor measure: unknown, too fast.
    expect((await send(kiosk, {})).flag).toBe("too-fast");
    // A phone's claim is not believed.
    expect((await send(at, { durationSeconds: 95 })).flag).toBe("too-fast");
    // With a stamp, the stamp decides, whatever the tablet says.
    expect((await stampedSecondsBefore(3)).flag).toBe("too-fast");
    expect((await stampedSecondsBefore(95)).flag).toBeNull();
  });
});

describe("the tablet's home, /kiosk", () => {
  it("opens the counter's link in the open round; says when no round is open; a revoked or unknown tablet is not enrolled", async () => {
    expect(await findKioskHome(t.db, undefined)).toEqual({ kind: "not-enrolled" });
    const { cookie, deviceId } = await enrolKioskDevice(t.db, actor, { counterId, label: "แท็บเล็ต 1" }, NOW);
    // The fixture's counter has an active link and a paused one in the round: the active one.
    expect(await findKioskHome(t.db, cookieHeader(cookie))).toEqual({ kind: "kiosk", token: round.eitToken });
    await t.db.updateTable("round").set({ status: "closed" }).where("id", "=", round.roundId).execute();
    expect(await findKioskHome(t.db, cookieHeader(cookie))).toEqual({ kind: "no-open-round", label: "แท็บเล็ต 1", counter: { th: "จุดชำระภาษี", en: "Tax counter" } });
    await revokeKioskDevice(t.db, actor, deviceId, NOW);
    expect(await findKioskHome(t.db, cookieHeader(cookie))).toEqual({ kind: "not-enrolled" });
  });
});
