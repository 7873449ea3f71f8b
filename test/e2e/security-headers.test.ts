/**
 * The hardening of app/server/app.server.ts over HTTP against the BUILT server: the security headers on every kind
 * of response (pages, resources, static files, errors), a fresh CSP nonce per page carried by each of
 * its scripts, body limits (413 in Thai, 411 without a length), refused methods and URLs, the request
 * log (JSON lines, tokens masked, no address, no query string), /healthz answering 503 when the
 * database does not answer (refused, or silent), and a client that trickles its headers cut off.
 */
import { spawn } from "node:child_process";
import { connect, createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { createRoundFixture, countRows, makeAnswers, newSubmissionId, type RoundFixture } from "../support/fixtures";
import { findFreePort, type RunningServer, runtimeArgs, startServer } from "../support/server";
import { publishRoundForTest } from "../support/publication";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let server: RunningServer;
let round: RoundFixture;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  await createTestUser(t.db, round.organizationId, "admin1", "admin");
  // The agency's public page (issue 17), served from its cache from the second view on.
  await publishRoundForTest(t.db, round.organizationId, round.roundId);
  server = await startServer({ databasePath: t.path });
  admin = await signInOverHttp(server.url, "admin1");
});

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers, redirect: "manual" });

/** The QR route's own policy: an SVG image runs nothing and loads nothing (app/routes/resources/qr-svg.ts). */
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

function expectSecurityHeaders(response: Response, where: string) {
  const h = response.headers;
  const csp = h.get("content-security-policy") ?? "";
  if (csp === SVG_POLICY) {
    // A route's stricter policy replaces the server's (not appended to it: one header, one policy).
    expect(where, "only the QR images have their own policy").toMatch(/^\/qr\//);
  } else {
    expect(csp, `CSP on ${where}`).toMatch(/(^|; )default-src 'self'(;|$)/);
    expect(csp, `script-src on ${where}`).toMatch(/(^|; )script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='(;|$)/);
    expect(csp, `no unsafe script source on ${where}`).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval)/);
    expect(csp, `frame-ancestors on ${where}`).toContain("frame-ancestors 'none'");
    expect(csp, `object-src on ${where}`).toContain("object-src 'none'");
  }
  expect(h.get("x-frame-options"), `X-Frame-Options on ${where}`).toBe("DENY");
  expect(h.get("x-content-type-options"), `nosniff on ${where}`).toBe("nosniff");
  expect(h.get("referrer-policy"), `Referrer-Policy on ${where}`).toBe("same-origin");
  expect(h.get("permissions-policy"), `Permissions-Policy on ${where}`).toMatch(/camera=\(\).*geolocation=\(\)/);
  expect(h.get("x-powered-by"), `no X-Powered-By on ${where}`).toBeNull();
}

describe("security headers", () => {
  it("are on every kind of response: pages, redirects, resources, static files, 4xx", async () => {
    const assetPath = /src="(\/assets\/[^"]+\.js)"|href="(\/assets\/[^"]+\.js)"/.exec(await (await get(`/s/${round.eitToken}`)).text());
    const asset = assetPath?.[1] ?? assetPath?.[2];
    expect(asset).toBeTruthy();
    const cases: [string, number, Record<string, string>?][] = [
      ["/", 200],
      [`/s/${round.eitToken}`, 200],
      [`/s/${round.iitToken}?lang=en`, 200],
      [`/k/${round.eitToken}`, 200],
      [`/s/${round.eitToken}/thanks`, 200],
      [`/s/${round.pausedToken}`, 404],
      ["/s/no-such-token", 404],
      ["/sign-in", 200],
      ["/admin", 302],
      ["/admin", 200, { cookie: admin.cookie }],
      [`/admin/rounds/${round.roundId}`, 200, { cookie: admin.cookie }],
      [`/admin/rounds/${round.roundId}/posters`, 200, { cookie: admin.cookie }],
      [`/qr/${round.eitToken}.svg`, 200],
      ["/agency/test-agency", 200],
      ["/agency/test-agency", 200],
      [`/agency/test-agency/rounds/${round.roundId}?lang=en`, 200],
      ["/agency/no-such-agency", 404],
      ["/healthz", 200],
      ["/survey-theme.css", 200],
      [asset!, 200],
      ["/favicon.svg", 200],
      ["/no/such/page", 404],
      [`/s/${round.eitToken}/answers`, 405],
    ];
    for (const [path, status, headers] of cases) {
      const response = await get(path, headers);
      expect(response.status, path).toBe(status);
      expectSecurityHeaders(response, path);
      await response.arrayBuffer();
    }
  });

  it("give each page a fresh nonce, carried by every script of the page and by no other", async () => {
    const nonces = new Set<string>();
    // The respondent page and the public page twice: the second from their caches, with a nonce of its own.
    for (const path of [`/s/${round.eitToken}`, `/s/${round.eitToken}`, "/sign-in", `/admin/rounds/${round.roundId}`, "/agency/test-agency", "/agency/test-agency"]) {
      const response = await get(path, path.startsWith("/admin") ? { cookie: admin.cookie } : {});
      expect(response.status, path).toBe(200);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, `scripts on ${path}`).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, `a script on ${path}`).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(6);
  });
});

describe("request limits", () => {
  it("refuses a body over the limit with 413 in Thai, before reading it, on any endpoint", async () => {
    const before = await countRows(t.db);
    const big = "x".repeat(200 * 1024);
    for (const path of ["/sign-in", `/s/${round.eitToken}/answers`, `/s/${round.iitToken}/code`, "/sign-out", "/no/such/page"]) {
      const response = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: big });
      expect(response.status, path).toBe(413);
      const body = (await response.json()) as { message: string; messageEn: string };
      expect(body.message).toContain("ข้อมูลที่ส่งมีขนาดใหญ่เกินไป");
      expectSecurityHeaders(response, `413 on ${path}`);
    }
    // Within the server's limit but over the answers' own 64 KB: the route's 413.
    const answers = await fetch(`${server.url}/s/${round.eitToken}/answers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ submissionId: newSubmissionId(), answers: makeAnswers("eit"), pad: "x".repeat(70 * 1024) }),
    });
    expect(answers.status).toBe(413);
    expect(((await answers.json()) as { message: string }).message).toContain("64 KB");
    expect(await countRows(t.db)).toEqual(before);
  });

  it("refuses a body of unknown length (chunked) with 411 where a form is read, and 413 past 64 KB on the answers", async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"submissionId":"x"'));
        controller.close();
      },
    });
    const response = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(411);
    expect(((await response.json()) as { message: string }).message).toContain("Content-Length");
    // The answers endpoint counts a chunked body as it streams (test/e2e/http-flow.test.ts has the 413).
    const big = new TextEncoder().encode(JSON.stringify({ submissionId: newSubmissionId(), answers: makeAnswers("eit"), pad: "x".repeat(200_000) }));
    const answers = await fetch(`${server.url}/s/${round.eitToken}/answers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < big.length; i += 16_384) controller.enqueue(big.subarray(i, i + 16_384));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(answers.status).toBe(413);
  });

  it("refuses methods the app does not speak and URLs that do not decode, with a 4xx", async () => {
    const trace = await fetch(`${server.url}/`, { method: "PROPFIND" });
    expect(trace.status).toBe(405);
    expect(trace.headers.get("allow")).toContain("GET");
    for (const path of ["/s/%E0%A4%A", "/%", `/s/${round.eitToken}/%ZZ`]) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as { message: string }).message).toBe("ที่อยู่หรือส่วนหัวของคำขอไม่ถูกต้อง");
    }
  });

  it("cuts off a client that trickles its request head (slowloris) within the headers timeout", { timeout: 30_000 }, async () => {
    const started = Date.now();
    const closedAfterMs = await new Promise<number>((resolve, reject) => {
      const socket = connect(server.port, "127.0.0.1", () => socket.write(`GET /s/${round.eitToken} HTTP/1.1\r\nHost: 127.0.0.1\r\n`));
      // One more header line every second, never the blank line that ends the head.
      const drip = setInterval(() => socket.writable && socket.write(`X-Drip-${Date.now()}: 1\r\n`), 1_000);
      socket.on("data", () => undefined);
      socket.on("error", () => undefined);
      socket.on("close", () => {
        clearInterval(drip);
        resolve(Date.now() - started);
      });
      setTimeout(() => reject(new Error("the slow client was not cut off within 25 s")), 25_000);
    });
    expect(closedAfterMs).toBeGreaterThanOrEqual(14_000);
    expect(closedAfterMs).toBeLessThan(20_000);
  });
});

describe("request log", () => {
  it("is one JSON line per request (token masked, no address, user agent or query string), but respondents are only counted per minute", async () => {
    // A server of its own, stopped at the end: the graceful shutdown writes the last minute's count.
    const own = await startServer({ databasePath: t.path });
    const marker = `q${Date.now()}`;
    const at = (path: string, init?: RequestInit) => fetch(`${own.url}${path}`, { redirect: "manual", ...init });
    await (await at(`/s/${round.eitToken}?code=SECRET-${marker}&lang=en`, { headers: { "user-agent": `agent-${marker}` } })).text();
    await (
      await at(`/s/${round.eitToken}/answers`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ submissionId: newSubmissionId(), answers: makeAnswers("eit"), channel: "kiosk" }),
      })
    ).text();
    await (await at(`/s/${round.iitToken}/code`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).text();
    await (await at(`/qr/${round.eitToken}.svg`)).text();
    await (await at(`/sign-in?next=/admin/${marker}`, { headers: { "user-agent": `agent-${marker}` } })).text();
    await (await at("/no-such-page")).text();
    await own.stop();

    const lines = own
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => "method" in line);
    for (const line of requests) {
      expect(Object.keys(line).sort()).toEqual(["method", "ms", "path", "status", "time"]);
      expect(typeof line.ms).toBe("number");
      expect(new Date(line.time as string).toISOString()).toBe(line.time);
    }
    expect(requests).toContainEqual(expect.objectContaining({ method: "GET", path: "/sign-in", status: 200 }));
    expect(requests).toContainEqual(expect.objectContaining({ method: "GET", path: "/no-such-page", status: 404 }));
    // No line for any respondent request: not the page, the answer, the code check or the QR code.
    expect(requests.filter((line) => /^\/(s|k|c|staff|qr)\//.test(line.path as string))).toEqual([]);
    // Counted instead, by minute, with their statuses and nothing else.
    const minutes = lines.filter((line) => "minute" in line);
    for (const line of minutes) {
      expect(Object.keys(line).sort()).toEqual(["minute", "respondentRequests", "statuses"]);
      expect(line.minute).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    }
    expect(minutes.reduce((sum, line) => sum + (line.respondentRequests as number), 0)).toBe(4);
    const statuses: Record<string, number> = {};
    for (const line of minutes) for (const [status, n] of Object.entries(line.statuses as Record<string, number>)) statuses[status] = (statuses[status] ?? 0) + n;
    expect(statuses["200"]).toBe(3);
    expect(statuses["400"]).toBe(1);

    const output = own.output();
    for (const secret of [round.eitToken, round.iitToken, marker, "127.0.0.1:", "SECRET", "user-agent"]) {
      expect(output.split("\n").filter((l) => (l.includes('"method"') || l.includes('"minute"')) && l.includes(secret)), secret).toEqual([]);
    }
  });
});

/** Starts the built server on a database that cannot be reached (startServer waits for a healthy one). */
async function startOnUnreachableDatabase(databaseUrl: string) {
  const port = await findFreePort();
  const child = spawn(process.execPath, runtimeArgs("serve"), {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes("listens on")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

describe("/healthz", () => {
  it("answers 200 while the database answers", async () => {
    const response = await get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 when the database refuses connections, and when it accepts but never answers", { timeout: 60_000 }, async () => {
    const closedPort = await findFreePort();
    const silent: TcpServer = createTcpServer((socket) => socket.on("error", () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const silentPort = (silent.address() as { port: number }).port;
    try {
      for (const databaseUrl of [`postgres://prongsai@127.0.0.1:${closedPort}/prongsai`, `postgres://prongsai@127.0.0.1:${silentPort}/prongsai`]) {
        const app = await startOnUnreachableDatabase(databaseUrl);
        try {
          const started = Date.now();
          const response = await fetch(`${app.url}/healthz`);
          expect(response.status, databaseUrl).toBe(503);
          expect(await response.json()).toEqual({ status: "database unavailable" });
          expect(Date.now() - started, "answered within the ping timeout").toBeLessThan(5_000);
        } finally {
          await app.stop();
        }
      }
    } finally {
      silent.close();
    }
  });
});
