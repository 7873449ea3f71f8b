/**
 * Signed webhooks (issue 17, item 3) on a real database, SQLite or PostgreSQL, with a real HTTP receiver
 * on loopback: registration refuses a private address; the secret is sealed (in no encoding in the row,
 * nor in the SQLite files); the fan-out picks only the active webhooks subscribed to the event; a
 * delivery is signed so that the receiver verifies it with the secret shown once, a 500 is tried again
 * with the same event id and body, a 4xx other than 408/429 and a redirect are given up, and an address
 * that DNS now maps to a private network is refused at delivery without a request being made.
 *
 * The receiver is plain http on loopback: this file's WEBHOOK_ALLOWED_HOSTS names "localhost" (an allowed
 * host may be private and use http, app/services/webhooks/address.server.ts). DNS is the system's for
 * "localhost" and a table of this test's for the other names.
 */
process.env.WEBHOOK_ALLOWED_HOSTS = "localhost";

import { createHmac, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deleteAgencyRows } from "../../db/queries/agencies";
import { listWebhookDeliveries } from "../../db/queries/webhooks";
import type { ResolveHost } from "../../app/services/webhooks/address.server";
import { changeWebhooks, getWebhooksPage } from "../../app/services/webhooks/admin.server";
import { webhookFanOut, webhookSender } from "../../app/services/webhooks/delivery.server";
import { postWebhook } from "../../app/services/webhooks/post.server";
import { unsealWebhookSecret } from "../../app/services/webhooks/secret.server";
import { publishEvent, registerEventFanOut, type NotifyEvent } from "../../app/services/notify/events.server";
import { deliverDueMessages, registerChannel } from "../../app/services/outbox/outbox.server";
import { retryDelayMs } from "../../app/services/outbox/backoff";
import { HttpError } from "../../app/lib/http";
import { createRoundFixture } from "../support/fixtures";
import { createTestUser } from "../support/accounts";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-12-03T01:00:00.000Z");

/** This test's DNS for names other than localhost: changeable between registration and delivery. */
let dnsTable: Record<string, string[]>;
const testDns: ResolveHost = async (hostname) => {
  const addresses = dnsTable[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
  path: string;
}

let t: TestDb;
let organizationId: number;
let adminId: number;
let receiver: Server;
let receiverUrl: string;
let received: Received[];
/** The receiver's answers, in order; then 200. */
let answers: Array<(res: ServerResponse) => void>;

beforeEach(async () => {
  t = await createTestDb();
  ({ organizationId } = await createRoundFixture(t.db));
  adminId = await createTestUser(t.db, organizationId, "admin", "admin");
  dnsTable = {};
  received = [];
  answers = [];
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), path: req.url ?? "" });
      const answer = answers.shift();
      if (answer) answer(res);
      else res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://localhost:${(receiver.address() as AddressInfo).port}/hooks/prongsai`;
  registerEventFanOut("webhooks", webhookFanOut);
  registerChannel("webhook", webhookSender({ resolve: (hostname) => (hostname === "localhost" ? systemLocalhost() : testDns(hostname)), now: () => NOW }));
});

afterEach(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await t.close();
});

/** The system resolver's answer for localhost, as the server would get it. */
async function systemLocalhost() {
  const { lookup } = await import("node:dns/promises");
  return lookup("localhost", { all: true, verbatim: true });
}

const admin = () => ({ organizationId, userId: adminId });

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  return data;
}

async function register(url: string, events: string[], resolve: ResolveHost = testDns) {
  const result = await changeWebhooks(t.db, admin(), form({ intent: "webhook-create", url, events }), NOW, resolve);
  if (!("secret" in result)) throw new Error("no secret");
  return result;
}

function event(overrides: Partial<NotifyEvent> = {}): NotifyEvent {
  return {
    id: "6f1c9a52-1d1e-4c55-9f0e-2b8f4c1a7d10",
    type: "measure.overdue",
    organizationId,
    occurredAt: NOW.toISOString(),
    dedupeKey: "measure.overdue:42:2026-12-01",
    data: { measureId: 42, dueOn: "2026-12-01", link: "http://localhost:3000/admin/rounds/1/measures" },
    ...overrides,
  };
}

/** The README's verification, as a receiver writes it. */
function verify(secret: string, header: string, rawBody: string): { ok: boolean; t: number } {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const expected = createHmac("sha256", secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return { ok: given.length === expected.length && timingSafeEqual(given, expected), t: Number(parts.t) };
}

describe("registration", () => {
  it.each([
    ["https://10.0.0.5/hook", "private"],
    ["https://127.0.0.1:8443/hook", "loopback"],
    ["https://[::1]/hook", "loopback"],
    ["https://169.254.169.254/latest/meta-data/", "link-local"],
    ["https://[::ffff:192.168.1.1]/hook", "private"],
    ["https://0x0a000001/hook", "private"],
    ["https://intranet.example.go.th/hook", "private"],
    ["http://hooks.example.go.th/hook", "http"],
  ])("refuses %s (%s) with a 400, and writes nothing", async (url, _why) => {
    dnsTable = { "intranet.example.go.th": ["192.168.10.20"], "hooks.example.go.th": ["203.150.10.1"] };
    const attempt = changeWebhooks(t.db, admin(), form({ intent: "webhook-create", url, events: ["measure.overdue"] }), NOW, testDns);
    await expect(attempt).rejects.toBeInstanceOf(HttpError);
    await expect(attempt).rejects.toMatchObject({ status: 400, messageTh: expect.stringMatching(/[\u0E00-\u0E7F]/) });
    expect(await t.db.selectFrom("webhook").select("id").execute()).toEqual([]);
    expect(await t.db.selectFrom("audit_log").select("id").where("action", "like", "webhook.%").execute()).toEqual([]);
  });

  it("refuses no event chosen, an unknown event, an unknown intent", async () => {
    dnsTable = { "hooks.example.go.th": ["203.150.10.1"] };
    const create = (events: string[]) => changeWebhooks(t.db, admin(), form({ intent: "webhook-create", url: "https://hooks.example.go.th/", events }), NOW, testDns);
    await expect(create([])).rejects.toMatchObject({ status: 400, fields: { events: expect.anything() } });
    await expect(create(["measure.overdue", "suggestion.text"])).rejects.toMatchObject({ status: 400 });
    await expect(changeWebhooks(t.db, admin(), form({ intent: "drop-tables" }), NOW)).rejects.toMatchObject({ status: 400 });
  });

  it("seals the secret: it is in the row in no encoding, nor in the audit log or the SQLite files, and unseals to what was shown", async () => {
    dnsTable = { "hooks.example.go.th": ["203.150.10.1", "2404:6800:4003:c00::64"] };
    const { secret, webhookId } = await register("https://hooks.example.go.th/in?agency=1", ["measure.overdue", "complaint.received"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.selectFrom("webhook").selectAll().where("id", "=", webhookId).executeTakeFirstOrThrow();
    const randomPart = Buffer.from(secret.slice("whsec_".length), "base64url");
    const forms = [
      secret,
      secret.slice("whsec_".length),
      Buffer.from(secret).toString("base64"),
      Buffer.from(secret).toString("base64url"),
      Buffer.from(secret).toString("hex"),
      randomPart.toString("hex"),
      randomPart.toString("base64"),
    ];
    const rowText = JSON.stringify(row);
    for (const encoded of forms) expect(rowText).not.toContain(encoded);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("target", "=", `webhook:${webhookId}`).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "webhook.create", user_id: adminId });
    expect(JSON.parse(audit[0]!.detail)).toEqual({ origin: "https://hooks.example.go.th", events: ["measure.overdue", "complaint.received"] });
    for (const encoded of forms) expect(JSON.stringify(audit)).not.toContain(encoded);
    if (t.kind === "sqlite") {
      for (const file of [t.path, `${t.path}-wal`]) {
        if (!existsSync(file)) continue;
        const bytes = readFileSync(file);
        for (const encoded of forms) expect(bytes.includes(Buffer.from(encoded))).toBe(false);
        expect(bytes.includes(randomPart)).toBe(false);
      }
    }
    expect(unsealWebhookSecret(row.secret_sealed)).toBe(secret);
    // The page never carries it either.
    expect(JSON.stringify(await getWebhooksPage(t.db, organizationId))).not.toContain(secret.slice(6));
  });

  it("pauses, resumes, changes events, rotates and deletes, each with its audit entry; another agency's webhook is a 404", async () => {
    dnsTable = { "hooks.example.go.th": ["203.150.10.1"] };
    const { secret, webhookId } = await register("https://hooks.example.go.th/in", ["measure.overdue"]);
    const act = (intent: string, extra: Record<string, string | string[]> = {}) =>
      changeWebhooks(t.db, admin(), form({ intent, webhookId: String(webhookId), ...extra }), NOW);
    await act("webhook-pause");
    await expect(act("webhook-pause")).rejects.toMatchObject({ status: 409 });
    await act("webhook-resume");
    await act("webhook-events", { events: ["complaint.received", "round.closing-soon"] });
    const rotated = await act("webhook-rotate");
    expect("secret" in rotated && rotated.secret).toMatch(/^whsec_/);
    expect("secret" in rotated && rotated.secret).not.toBe(secret);
    const row = await t.db.selectFrom("webhook").selectAll().where("id", "=", webhookId).executeTakeFirstOrThrow();
    expect(unsealWebhookSecret(row.secret_sealed)).toBe("secret" in rotated ? rotated.secret : "");
    expect(JSON.parse(row.events)).toEqual(["round.closing-soon", "complaint.received"]);

    const other = await createRoundFixture(t.db, "other-agency");
    const otherAdmin = await createTestUser(t.db, other.organizationId, "other-admin", "admin");
    await expect(
      changeWebhooks(t.db, { organizationId: other.organizationId, userId: otherAdmin }, form({ intent: "webhook-delete", webhookId: String(webhookId) }), NOW),
    ).rejects.toMatchObject({ status: 404 });
    await expect(act("webhook-delete", { webhookId: "abc" })).rejects.toMatchObject({ status: 400 });

    await act("webhook-delete");
    expect(await t.db.selectFrom("webhook").select("id").execute()).toEqual([]);
    const actions = await t.db.selectFrom("audit_log").select("action").where("target", "=", `webhook:${webhookId}`).orderBy("id").execute();
    expect(actions.map((a) => a.action)).toEqual([
      "webhook.create",
      "webhook.pause",
      "webhook.resume",
      "webhook.events",
      "webhook.rotate-secret",
      "webhook.delete",
    ]);
  });
});

describe("fan-out", () => {
  it("queues one message per active webhook subscribed to the event's type, none for others or another agency, once per happening", async () => {
    dnsTable = { "a.example.go.th": ["203.150.10.1"], "b.example.go.th": ["203.150.10.2"], "c.example.go.th": ["203.150.10.3"] };
    const a = await register("https://a.example.go.th/", ["measure.overdue", "complaint.received"]);
    await register("https://b.example.go.th/", ["complaint.received"]);
    const c = await register("https://c.example.go.th/", ["measure.overdue"]);
    await changeWebhooks(t.db, admin(), form({ intent: "webhook-pause", webhookId: String(c.webhookId) }), NOW);
    const other = await createRoundFixture(t.db, "other-agency");
    const otherAdmin = await createTestUser(t.db, other.organizationId, "other-admin", "admin");
    await changeWebhooks(
      t.db,
      { organizationId: other.organizationId, userId: otherAdmin },
      form({ intent: "webhook-create", url: "https://a.example.go.th/other", events: ["measure.overdue"] }),
      NOW,
      testDns,
    );

    const happening = event({ data: { measureId: 42, suggestion: "ให้โทร 081 234 5678", note: "ลับ", counts: { overdue: 3 }, text: "x" } });
    expect(await publishEvent(t.db, happening)).toBe(1);
    // Detected again: the same dedupe key queues nothing.
    expect(await publishEvent(t.db, { ...happening, id: "0d3e1f2a-0000-4000-8000-000000000000" })).toBe(0);
    const rows = await t.db.selectFrom("outbox_message").selectAll().where("channel", "=", "webhook").execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipient: String(a.webhookId), event_id: happening.id, event_type: "measure.overdue", organization_id: organizationId });
    // The body as sent: no free text, nothing about a person.
    expect(JSON.parse(rows[0]!.payload)).toEqual({
      id: happening.id,
      type: "measure.overdue",
      occurredAt: NOW.toISOString(),
      agency: { slug: "test-agency", name: "เทศบาลตำบลทดสอบ" },
      data: { measureId: 42, counts: { overdue: 3 } },
    });
  });
});

describe("delivery", () => {
  it("signs what the receiver verifies with the secret shown once; a 500 is tried again with the same event id and body, then sent", async () => {
    const { secret, webhookId } = await register(receiverUrl, ["measure.overdue"], (h) => (h === "localhost" ? systemLocalhost() : testDns(h)));
    await publishEvent(t.db, event());
    answers.push((res) => res.writeHead(500).end("busy"));

    expect(await deliverDueMessages(t.db, { now: NOW, processId: "test" })).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(received).toHaveLength(1);
    let log = await listWebhookDeliveries(t.db, organizationId, 10);
    expect(log).toEqual([
      expect.objectContaining({
        webhookId,
        attempt: 1,
        outcome: "retry",
        httpStatus: 500,
        eventId: event().id,
        nextAttemptAt: new Date(NOW.getTime() + retryDelayMs(1)).toISOString(),
      }),
    ]);

    // Not due before its backoff, then due.
    expect(await deliverDueMessages(t.db, { now: NOW, processId: "test" })).toEqual({ sent: 0, retried: 0, failed: 0 });
    const later = new Date(NOW.getTime() + retryDelayMs(1));
    expect(await deliverDueMessages(t.db, { now: later, processId: "test" })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(2);

    for (const request of received) {
      expect(request.path).toBe("/hooks/prongsai");
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["prongsai-event-id"]).toBe(event().id);
      expect(request.headers["prongsai-event-type"]).toBe("measure.overdue");
      const signature = String(request.headers["prongsai-signature"]);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      const checked = verify(secret, signature, request.body);
      expect(checked.ok).toBe(true);
      expect(String(checked.t)).toBe(request.headers["prongsai-timestamp"]);
      // A wrong secret, or a changed body, does not verify.
      expect(verify(`${secret}x`, signature, request.body).ok).toBe(false);
      expect(verify(secret, signature, request.body.replace("42", "43")).ok).toBe(false);
      expect(JSON.parse(request.body)).toMatchObject({ id: event().id, type: "measure.overdue", agency: { slug: "test-agency" }, data: { measureId: 42 } });
    }
    expect(received[1]!.body).toBe(received[0]!.body);

    log = await listWebhookDeliveries(t.db, organizationId, 10);
    expect(log.map((l) => [l.attempt, l.outcome, l.httpStatus, l.nextAttemptAt])).toEqual([
      [2, "sent", 200, null],
      [1, "retry", 500, null],
    ]);
    const message = await t.db.selectFrom("outbox_message").selectAll().executeTakeFirstOrThrow();
    expect(message).toMatchObject({ status: "sent", attempts: 2 });
  });

  it.each([
    [400, "give-up", "failed"],
    [404, "give-up", "failed"],
    [410, "give-up", "failed"],
    [408, "retry", "pending"],
    [429, "retry", "pending"],
    [503, "retry", "pending"],
    [301, "give-up", "failed"],
  ])("a receiver's %i is %s", async (status, outcome, messageStatus) => {
    await register(receiverUrl, ["measure.overdue"], (h) => (h === "localhost" ? systemLocalhost() : testDns(h)));
    await publishEvent(t.db, event());
    answers.push((res) => res.writeHead(status, status === 301 ? { Location: "http://127.0.0.1:1/elsewhere" } : {}).end());
    await deliverDueMessages(t.db, { now: NOW, processId: "test" });
    // A redirect is not followed: one request only.
    expect(received).toHaveLength(1);
    const [entry] = await listWebhookDeliveries(t.db, organizationId, 10);
    expect(entry).toMatchObject({ outcome, httpStatus: status });
    expect(await t.db.selectFrom("outbox_message").select("status").executeTakeFirstOrThrow()).toEqual({ status: messageStatus });
  });

  it("refuses at delivery a host that DNS now maps to a private address: no request is made, the message is given up and logged", async () => {
    dnsTable = { "hooks.example.go.th": ["203.150.10.1"] };
    const { webhookId } = await register("https://hooks.example.go.th/in", ["measure.overdue"]);
    await publishEvent(t.db, event());
    // The DNS answer changes after registration (a rebinding attack, or a takeover of the name).
    dnsTable = { "hooks.example.go.th": ["10.1.2.3"] };
    expect(await deliverDueMessages(t.db, { now: NOW, processId: "test" })).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(received).toEqual([]);
    const [entry] = await listWebhookDeliveries(t.db, organizationId, 10);
    expect(entry).toMatchObject({ webhookId, outcome: "give-up", httpStatus: null, error: expect.stringContaining("hooks.example.go.th (10.1.2.3)") });
  });

  it("tries again later a host that DNS does not find now; gives up a paused or deleted webhook's waiting message", async () => {
    dnsTable = { "a.example.go.th": ["203.150.10.1"], "b.example.go.th": ["203.150.10.2"], "c.example.go.th": ["203.150.10.3"] };
    const a = await register("https://a.example.go.th/", ["measure.overdue"]);
    const b = await register("https://b.example.go.th/", ["measure.overdue"]);
    const c = await register("https://c.example.go.th/", ["measure.overdue"]);
    await publishEvent(t.db, event());
    delete dnsTable["a.example.go.th"];
    await changeWebhooks(t.db, admin(), form({ intent: "webhook-pause", webhookId: String(b.webhookId) }), NOW);
    await changeWebhooks(t.db, admin(), form({ intent: "webhook-delete", webhookId: String(c.webhookId) }), NOW);
    expect(await deliverDueMessages(t.db, { now: NOW, processId: "test" })).toEqual({ sent: 0, retried: 1, failed: 2 });
    const log = await listWebhookDeliveries(t.db, organizationId, 10);
    expect(log.map((l) => [l.webhookId, l.outcome]).sort()).toEqual([
      [a.webhookId, "retry"],
      [b.webhookId, "give-up"],
    ]);
    const statuses = await t.db.selectFrom("outbox_message").select(["recipient", "status", "last_error"]).orderBy("recipient").execute();
    expect(statuses).toEqual([
      { recipient: String(a.webhookId), status: "pending", last_error: expect.stringContaining("not found") },
      { recipient: String(b.webhookId), status: "failed", last_error: expect.stringContaining("paused") },
      { recipient: String(c.webhookId), status: "failed", last_error: expect.stringContaining("deleted") },
    ]);
    expect(received).toEqual([]);
  });

  it("gives up waiting for a receiver that does not answer, and reads only the start of a long answer", async () => {
    const silent = createServer(() => {
      // never answers
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    const target = { url: new URL(`http://localhost:${port}/`), hostname: "localhost", addresses: [{ address: "127.0.0.1", family: 4 }] };
    expect(await postWebhook(target, "{}", {}, 300)).toEqual({ kind: "failed", error: "timeout after 0.3 s" });
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));

    answers.push((res) => {
      res.writeHead(200);
      res.end(Buffer.alloc(4 * 1024 * 1024, 97));
    });
    const receiverTarget = { url: new URL(receiverUrl), hostname: "localhost", addresses: [{ address: "127.0.0.1", family: 4 }] };
    expect(await postWebhook(receiverTarget, "{}", {})).toEqual({ kind: "answered", status: 200 });
  });

  it("connects to the address that was checked, not to what DNS answers at connection time", async () => {
    // "rebind.invalid" exists in no DNS: a connection that asked DNS again would fail; the pinned one reaches the receiver.
    const port = (receiver.address() as AddressInfo).port;
    const target = { url: new URL(`http://rebind.invalid:${port}/hooks`), hostname: "rebind.invalid", addresses: [{ address: "127.0.0.1", family: 4 }] };
    expect(await postWebhook(target, "{}", { "Content-Type": "application/json" })).toEqual({ kind: "answered", status: 200 });
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.host).toBe(`rebind.invalid:${port}`);
  });

  it("sends a test delivery (type ping) to one active webhook through the outbox; a paused one is refused with 409", async () => {
    const hook = await register(receiverUrl, ["complaint.received"], (h) => (h === "localhost" ? systemLocalhost() : testDns(h)));
    const ping = await changeWebhooks(t.db, admin(), form({ intent: "webhook-ping", webhookId: String(hook.webhookId) }), NOW);
    expect(ping).toMatchObject({ done: "ping", webhookId: hook.webhookId, eventId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(await deliverDueMessages(t.db, { now: NOW, processId: "test" })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(JSON.parse(received[0]!.body)).toEqual({
      id: "eventId" in ping ? ping.eventId : "",
      type: "ping",
      occurredAt: NOW.toISOString(),
      agency: { slug: "test-agency", name: "เทศบาลตำบลทดสอบ" },
      data: { webhookId: hook.webhookId },
    });
    expect(await t.db.selectFrom("audit_log").select("action").where("target", "=", `webhook:${hook.webhookId}`).orderBy("id").execute()).toEqual([
      { action: "webhook.create" },
      { action: "webhook.ping" },
    ]);
    await changeWebhooks(t.db, admin(), form({ intent: "webhook-pause", webhookId: String(hook.webhookId) }), NOW);
    await expect(changeWebhooks(t.db, admin(), form({ intent: "webhook-ping", webhookId: String(hook.webhookId) }), NOW)).rejects.toMatchObject({ status: 409 });
  });

  it("goes with its agency: deleting the agency's rows deletes its webhooks and their log", async () => {
    dnsTable = { "hooks.example.go.th": ["203.150.10.1"] };
    await register("https://hooks.example.go.th/in", ["measure.overdue"]);
    await publishEvent(t.db, event());
    dnsTable = {};
    await deliverDueMessages(t.db, { now: NOW, processId: "test" });
    expect(await t.db.selectFrom("webhook_delivery").select("id").execute()).toHaveLength(1);
    const deleted = await t.db.transaction().execute((trx) => deleteAgencyRows(trx, organizationId));
    expect(deleted).toMatchObject({ webhook: 1, webhook_delivery: 1 });
    expect(await t.db.selectFrom("webhook").select("id").execute()).toEqual([]);
  });
});
