/**
 * Kiosks are enrolled, not declared, and the server measures how long a survey took (issue 14, item 3;
 * docs/decisions/kiosk-enrolment.md), over HTTP against the BUILT server:
 *
 * - a phone that says `"channel": "kiosk"` is a phone: past the framework's burst limit from one address
 *   its answers are flagged "burst";
 * - a manager enrols a tablet on the counters page (the form a browser sends): the tablet gets an HttpOnly
 *   cookie, the manager is signed out of it, /kiosk opens its counter's kiosk; its answers are not flagged
 *   however many come from its address; revoked on the counters page, it is a phone again;
 * - a survey whose start stamp the server issued 3 s before the answers arrive is too fast whatever
 *   `durationSeconds` the body claims; one whose stamp a server with its clock 10 minutes behind issued
 *   (test/support/shifted-clock.mjs: "started 10 minutes ago") is not; no stamp, or another submission's,
 *   is too fast; the stamp is in no log line and nowhere in the database files.
 *
 * EIT answers wait sealed in the answer pool until five counted ones are at the link (issue 12): each
 * answer's flag is read from the pool, or from the responses once its group was released.
 * Each test plays its own client addresses (TRUST_PROXY=1): the burst count is per address.
 */
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFramework } from "../../app/lib/frameworks.server";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { createRoundFixture, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { type RunningServer, shiftedClockEnv, startServer } from "../support/server";
import { startStampFor } from "../support/start-stamps";
import { listPooledAnswers, listResponsesOfSubmissions } from "../support/stored-responses";
import { createTestDb, type TestDb } from "../support/test-db";

const BURST_MAXIMUM = getFramework("ita-2565").respondentQuality.burstMaximumPerAddress;

let t: TestDb;
let server: RunningServer;
/** The same database and key, its clock 10 minutes behind: the start stamps it issues are 10 minutes old here. */
let pastServer: RunningServer;
let round: RoundFixture;
let counterId = 0;

let nextAddress = 10;
const newAddress = () => `203.0.113.${nextAddress++}`;

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db, "kiosk-agency");
  await createTestUser(t.db, round.organizationId, "kiosk-manager", "manager");
  counterId = (await t.db.selectFrom("link").where("token", "=", round.eitToken).select("counter_id").executeTakeFirstOrThrow()).counter_id!;
  server = await startServer({ databasePath: t.path, env: { TRUST_PROXY: "1" } });
  pastServer = await startServer({ databasePath: t.path, env: { TRUST_PROXY: "1", ...shiftedClockEnv(new Date(Date.now() - 10 * 60_000)) } });
}, 90_000);

afterAll(async () => {
  await pastServer?.stop();
  await server?.stop();
  await t?.close();
});

interface Post {
  address: string;
  cookie?: string;
  /** Besides the id, the answers and a start stamp from long ago (not too fast). */
  extra?: Record<string, unknown>;
}

/** A visitor's varied EIT answers (by `n`), posted as the page posts them; returns the submission id. */
async function postAnswers({ address, cookie, extra = {} }: Post, n = 0): Promise<string> {
  const submissionId = newSubmissionId();
  const response = await fetch(`${server.url}/s/${round.eitToken}/answers`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ submissionId, answers: makeAnswers("eit", (i, o) => (i + n) % o), startStamp: startStampFor(submissionId), ...extra }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ ok: true, stored: true });
  return submissionId;
}

/** Each submission's flag, wherever it is now: waiting in the pool or released as a response. */
async function flagsOf(submissionIds: string[]): Promise<(string | null)[]> {
  const pooled = new Map((await listPooledAnswers(t.path)).map((p) => [p.submissionId, p.flag]));
  const stored = new Map((await listResponsesOfSubmissions(t.path, submissionIds)).map((r) => [r.submissionId, r.flag]));
  return submissionIds.map((id) => {
    if (pooled.has(id)) return pooled.get(id)!;
    if (stored.has(id)) return stored.get(id)!;
    throw new Error(`${id} was not kept`);
  });
}

async function postForm(signedIn: SignedIn, fields: Record<string, string>) {
  return fetch(`${server.url}/admin/counters`, {
    method: "POST",
    headers: { cookie: signedIn.cookie },
    body: new URLSearchParams({ csrf: signedIn.csrf, ...fields }),
    redirect: "manual",
  });
}

/** Enrols "the tablet" through the counters page's form; returns the Cookie header it then sends. */
async function enrolTablet(label: string): Promise<{ cookie: string; response: Response; manager: SignedIn }> {
  const manager = await signInOverHttp(server.url, "kiosk-manager");
  const response = await postForm(manager, { intent: "kiosk-enrol", counterId: String(counterId), label });
  const kiosk = response.headers.getSetCookie().find((c) => c.startsWith("prongsai_kiosk="));
  if (!kiosk) throw new Error(`no kiosk cookie: ${response.status}`);
  return { cookie: kiosk.split(";")[0]!, response, manager };
}

describe("kiosks are enrolled, not declared", () => {
  it("treats a phone that says it is a kiosk as a phone: its answers past the burst limit from one address are flagged", async () => {
    const address = newAddress();
    const ids: string[] = [];
    for (let n = 0; n < BURST_MAXIMUM + 2; n++) ids.push(await postAnswers({ address, extra: { channel: "kiosk" } }, n));
    expect(await flagsOf(ids)).toEqual([...Array<null>(BURST_MAXIMUM).fill(null), "burst", "burst"]);
  });

  it("enrols a tablet from the counters page: an HttpOnly cookie, the manager signed out of it, /kiosk opens the counter's kiosk, audited", async () => {
    const manager = await signInOverHttp(server.url, "kiosk-manager");
    const page = await (await fetch(`${server.url}/admin/counters`, { headers: { cookie: manager.cookie } })).text();
    expect(page).toContain('value="kiosk-enrol"');
    expect(page).toContain("ลงทะเบียนแท็บเล็ตนี้เป็นตู้ kiosk");

    const { cookie, response } = await enrolTablet("แท็บเล็ตจุดชำระภาษี");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/kiosk");
    const setCookies = response.headers.getSetCookie();
    expect(setCookies.find((c) => c.startsWith("prongsai_kiosk="))).toMatch(/^prongsai_kiosk=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=34560000$/);
    // The manager is signed out of the tablet: its session is gone.
    expect(setCookies.find((c) => c.startsWith("prongsai_session="))).toMatch(/^prongsai_session=; .*Max-Age=0/);

    const home = await fetch(`${server.url}/kiosk`, { headers: { cookie }, redirect: "manual" });
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe(`/k/${round.eitToken}`);
    const kiosk = await fetch(`${server.url}/k/${round.eitToken}`, { headers: { cookie } });
    expect(kiosk.status).toBe(200);
    // Renewed at each opening, so a tablet in use keeps it.
    expect(kiosk.headers.getSetCookie().find((c) => c.startsWith("prongsai_kiosk="))).toBe(`${cookie}; Path=/; HttpOnly; SameSite=Lax; Max-Age=34560000`);
    expect(await kiosk.text()).not.toContain("ยังไม่ได้ลงทะเบียนเป็นตู้ kiosk");
    // The same kiosk page on a tablet nobody enrolled tells the staff.
    expect(await (await fetch(`${server.url}/k/${round.eitToken}`)).text()).toContain("เครื่องนี้ยังไม่ได้ลงทะเบียนเป็นตู้ kiosk");
    const stranger = await fetch(`${server.url}/kiosk`, { redirect: "manual" });
    expect(stranger.status).toBe(403);
    expect(await stranger.text()).toContain("แท็บเล็ตนี้ยังไม่ได้ลงทะเบียนเป็นตู้ kiosk");

    const devices = await t.db.selectFrom("kiosk_device").selectAll().where("label", "=", "แท็บเล็ตจุดชำระภาษี").execute();
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ counter_id: counterId, revoked_at: null });
    const audit = await t.db.selectFrom("audit_log").where("action", "=", "kiosk.enrol").where("target", "=", `kiosk-device:${devices[0]!.id}`).select("detail").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain(cookie.split("=")[1]!);
    // The counters page lists it, for the manager signed in elsewhere.
    expect(await (await fetch(`${server.url}/admin/counters`, { headers: { cookie: manager.cookie } })).text()).toContain("แท็บเล็ตจุดชำระภาษี");
  });

  it("does not flag an enrolled tablet's answers over the burst count, and flags them again once the tablet is revoked", async () => {
    const { cookie, manager: enroller } = await enrolTablet("แท็บเล็ตทดสอบการยกเลิก");
    // The enrolment signed that session out: the manager signs in again (on their own computer).
    expect((await fetch(`${server.url}/admin/counters`, { headers: { cookie: enroller.cookie }, redirect: "manual" })).status).toBe(302);
    const address = newAddress();
    const enrolled: string[] = [];
    for (let n = 0; n < BURST_MAXIMUM + 3; n++) enrolled.push(await postAnswers({ address, cookie: `lang=th; ${cookie}` }, n));
    expect(await flagsOf(enrolled)).toEqual(Array<null>(BURST_MAXIMUM + 3).fill(null));
    const device = await t.db.selectFrom("kiosk_device").select(["id", "last_seen_on"]).where("label", "=", "แท็บเล็ตทดสอบการยกเลิก").executeTakeFirstOrThrow();
    expect(device.last_seen_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const manager = await signInOverHttp(server.url, "kiosk-manager");
    const revoked = await postForm(manager, { intent: "kiosk-revoke", deviceId: String(device.id) });
    expect(revoked.status).toBe(302);
    expect(revoked.headers.get("location")).toBe("/admin/counters");
    expect(await (await fetch(`${server.url}/admin/counters`, { headers: { cookie: manager.cookie } })).text()).not.toContain("แท็บเล็ตทดสอบการยกเลิก");
    expect(await t.db.selectFrom("audit_log").where("action", "=", "kiosk.revoke").where("target", "=", `kiosk-device:${device.id}`).select("id").execute()).toHaveLength(1);

    // A phone again: a fresh address, the burst limit, then flagged.
    const again = newAddress();
    const after: string[] = [];
    for (let n = 0; n <= BURST_MAXIMUM; n++) after.push(await postAnswers({ address: again, cookie }, n));
    expect(await flagsOf(after)).toEqual([...Array<null>(BURST_MAXIMUM).fill(null), "burst"]);
    expect((await fetch(`${server.url}/kiosk`, { headers: { cookie }, redirect: "manual" })).status).toBe(403);
  });

  it("lets a viewer see no enrol or revoke form, and refuses them a kiosk command (403)", async () => {
    await createTestUser(t.db, round.organizationId, "kiosk-viewer", "viewer");
    const viewer = await signInOverHttp(server.url, "kiosk-viewer");
    const page = await (await fetch(`${server.url}/admin/counters`, { headers: { cookie: viewer.cookie } })).text();
    expect(page).not.toContain('value="kiosk-enrol"');
    expect(page).not.toContain('value="kiosk-revoke"');
    const refused = await postForm(viewer, { intent: "kiosk-enrol", counterId: String(counterId), label: "x" });
    expect(refused.status).toBe(403);
    expect(refused.headers.getSetCookie().some((c) => c.startsWith("prongsai_kiosk="))).toBe(false);
  });
});

describe("the time a survey took, measured by the server", () => {
  async function startStamp(from: RunningServer, submissionId: string): Promise<string> {
    const response = await fetch(`${from.url}/s/${round.eitToken}/start`, { method: "POST", body: new URLSearchParams({ submissionId }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { startStamp: string };
    expect(body.startStamp).toMatch(/^s1\.\d+\.[A-Za-z0-9_-]{43}$/);
    return body.startStamp;
  }

  it("flags a survey whose stamp says it started 3 s ago, whatever durationSeconds claims; not one started 10 minutes ago", async () => {
    const address = newAddress();
    const quickId = newSubmissionId();
    const quickStamp = await startStamp(server, quickId);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const slowId = newSubmissionId();
    const slowStamp = await startStamp(pastServer, slowId);

    const send = async (submissionId: string, fields: Record<string, unknown>) => {
      const response = await fetch(`${server.url}/s/${round.eitToken}/answers`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": address },
        body: JSON.stringify({ submissionId, answers: makeAnswers("eit", (i, o) => (i + 2) % o), ...fields }),
      });
      expect(response.status).toBe(200);
    };
    await send(quickId, { startStamp: quickStamp, durationSeconds: 3600 });
    await send(slowId, { startStamp: slowStamp, durationSeconds: 1 });
    const noStamp = newSubmissionId();
    await send(noStamp, { durationSeconds: 3600 });
    const borrowed = newSubmissionId();
    await send(borrowed, { startStamp: slowStamp, durationSeconds: 3600 });
    expect(await flagsOf([quickId, slowId, noStamp, borrowed])).toEqual(["too-fast", null, "too-fast", "too-fast"]);

    // The stamp is compared, never kept or logged: not in the log lines, not in the database files.
    for (const stamp of [quickStamp, slowStamp]) {
      const signature = stamp.split(".")[2]!;
      expect(server.output()).not.toContain(signature);
      for (const file of [t.path, `${t.path}-wal`]) {
        if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from(signature)), file).toBe(false);
      }
    }
    expect(server.output()).not.toMatch(/"path":"\/s\/:token\/start"/);
  });

  it("answers the stamp request as the survey page: 404 for an unknown link, 400 without a submission id, 405 for a GET", async () => {
    const post = (token: string, fields: Record<string, string>) =>
      fetch(`${server.url}/s/${token}/start`, { method: "POST", body: new URLSearchParams(fields) });
    expect((await post("noSuchToken123", { submissionId: newSubmissionId() })).status).toBe(404);
    expect((await post(round.pausedToken, { submissionId: newSubmissionId() })).status).toBe(404);
    const missing = await post(round.eitToken, {});
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toMatch(/[\u0E00-\u0E7F]/);
    expect((await post(round.eitToken, { submissionId: "x'; drop table" })).status).toBe(400);
    expect((await fetch(`${server.url}/s/${round.eitToken}/start`)).status).toBe(405);
  });
});
