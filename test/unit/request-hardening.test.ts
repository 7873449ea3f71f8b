/** The pure parts of the server's hardening: request guards, masked log lines, the CSP, HSTS, what is not stored. */
import { describe, expect, it } from "vitest";
import { checkRequest, COMPLAINT_BODY_LIMIT, MAX_REQUEST_BODY_BYTES } from "../../app/server/request-guards.server";
import { createRespondentCounter, formatRequestLog, isRespondentPath, maskPath } from "../../app/server/request-log";
import { contentSecurityPolicy, mustNotBeStored, securityHeaders } from "../../app/server/security-headers.server";

const base: { method: string; url: string; protocol: string; hostname: string | undefined; headers: Record<string, string> } = {
  method: "POST",
  url: "/s/abc/answers",
  protocol: "http",
  hostname: "127.0.0.1",
  headers: {},
};

describe("checkRequest", () => {
  it("lets an ordinary request through", () => {
    expect(checkRequest({ ...base, headers: { "content-length": "1000", "content-type": "application/json" } })).toBeNull();
    expect(checkRequest({ ...base, url: "/sign-in", headers: { "content-length": "10", "content-type": "application/x-www-form-urlencoded;charset=UTF-8" } })).toBeNull();
    expect(checkRequest({ ...base, method: "GET" })).toBeNull();
    expect(checkRequest({ ...base, headers: { "content-length": String(MAX_REQUEST_BODY_BYTES) } })).toBeNull();
    // The JSON endpoints limit a chunked body themselves, while it streams.
    expect(checkRequest({ ...base, headers: { "transfer-encoding": "chunked" } })).toBeNull();
    expect(checkRequest({ ...base, url: "/s/abc/code", headers: { "transfer-encoding": "chunked" } })).toBeNull();
    // The settings form uploads the logo: multipart, and a body large enough that the form itself can say a
    // photo of 5 MB is too large for a logo.
    const upload = { "content-type": "multipart/form-data; boundary=----x", "content-length": String(5 * 1024 * 1024) };
    expect(checkRequest({ ...base, url: "/admin/settings", headers: upload })).toBeNull();
    // The same form submitted by React Router in the browser, to the route's data URL.
    expect(checkRequest({ ...base, url: "/admin/settings.data", headers: upload })).toBeNull();
    expect(checkRequest({ ...base, url: "/admin/settings", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": "10" } })).toBeNull();
  });

  it("gives the public complaint form (issue 16) its own limit: three 5 MB files and the text; over it, 413 in Thai before a byte is read", () => {
    const upload = (length: number) => ({ "content-type": "multipart/form-data; boundary=----x", "content-length": String(length) });
    expect(COMPLAINT_BODY_LIMIT).toBe(15 * 1024 * 1024 + 256 * 1024);
    for (const url of ["/complaints/demo", "/complaints/demo.data", "/Complaints/demo", "//complaints//demo", "/complaints/demo?lang=en"]) {
      expect(checkRequest({ ...base, url, headers: upload(COMPLAINT_BODY_LIMIT) }), url).toBeNull();
      const refused = checkRequest({ ...base, url, headers: upload(COMPLAINT_BODY_LIMIT + 1) });
      expect(refused?.status, url).toBe(413);
      expect(refused?.body.message).toContain("แนบได้ไม่เกิน 3 ไฟล์ ไฟล์ละไม่เกิน 5 MB");
    }
    // Without JavaScript a form with no file may come URL-encoded; the status page's form always does.
    expect(checkRequest({ ...base, url: "/complaints/demo", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": "10" } })).toBeNull();
    expect(checkRequest({ ...base, url: "/complaints/demo/status", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": "10" } })).toBeNull();
    // Only the form takes files, and only the form the larger body.
    expect(checkRequest({ ...base, url: "/complaints/demo/status", headers: upload(10) })?.status).toBe(415);
    expect(checkRequest({ ...base, url: "/complaints/demo/status", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(MAX_REQUEST_BODY_BYTES + 1) } })?.status).toBe(413);
    expect(checkRequest({ ...base, url: "/admin/complaints/123456789", headers: upload(10) })?.status).toBe(415);
    expect(checkRequest({ ...base, url: "/complaints/demo", headers: { "content-type": "text/plain", "content-length": "10" } })?.status).toBe(415);
    expect(checkRequest({ ...base, url: "/complaints/demo", headers: { "content-type": "multipart/form-data; boundary=x", "transfer-encoding": "chunked" } })?.status).toBe(411);
  });

  it("refuses, each with its status and a Thai message", () => {
    const cases: [Partial<typeof base>, number][] = [
      [{ headers: { "content-length": String(MAX_REQUEST_BODY_BYTES + 1) } }, 413],
      [{ url: "/sign-in", headers: { "transfer-encoding": "chunked" } }, 411],
      [{ url: "/s/abc/answers/x", headers: { "transfer-encoding": "chunked" } }, 411],
      [{ url: "/sign-in", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": "10" } }, 415],
      [{ url: "/admin/counters", headers: { "content-type": "text/plain", "content-length": "10" } }, 415],
      // Only the upload path takes multipart, and even it has a limit.
      [{ url: "/admin/counters", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": "10" } }, 415],
      [{ url: "/admin/settings", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(8 * 1024 * 1024 + 1) } }, 413],
      [{ url: "/admin/settings", headers: { "content-type": "text/plain", "content-length": "10" } }, 415],
      [{ url: "/sign-out", headers: {} }, 415],
      [{ method: "TRACE" }, 405],
      [{ url: "/s/%E0%A4%A" }, 400],
      [{ hostname: "a b" }, 400],
      [{ protocol: "javascript" }, 400],
      [{ hostname: undefined }, 400],
    ];
    for (const [change, status] of cases) {
      const refused = checkRequest({ ...base, ...change, headers: change.headers ?? {} });
      expect(refused?.status, JSON.stringify(change)).toBe(status);
      expect(refused?.body.message).toMatch(/[\u0e00-\u0e7f]/);
    }
  });
});

describe("request log", () => {
  it("masks link tokens and cuts long paths", () => {
    expect(maskPath("/s/Ab3_x-9/answers")).toBe("/s/:token/answers");
    expect(maskPath("/k/Ab3")).toBe("/k/:token");
    expect(maskPath("/qr/Ab3.svg")).toBe("/qr/:token");
    // Permanent links (issue 11): printed for years, so as secret as the per-round ones.
    expect(maskPath("/c/Ab3_x-9")).toBe("/c/:token");
    expect(maskPath("/staff/Ab3_x-9")).toBe("/staff/:token");
    expect(maskPath("/counters")).toBe("/counters");
    expect(maskPath("/admin/rounds/3")).toBe("/admin/rounds/3");
    expect(maskPath(`/${"x".repeat(500)}`)).toHaveLength(201);
  });

  it("is one JSON object with exactly time, method, path, status and ms", () => {
    const line = formatRequestLog({ at: new Date("2026-12-01T00:00:00Z"), method: "POST", path: "/s/tok/answers", status: 200, ms: 12.345 });
    expect(JSON.parse(line)).toEqual({ time: "2026-12-01T00:00:00.000Z", method: "POST", path: "/s/:token/answers", status: 200, ms: 12.3 });
  });
});

describe("respondent requests counted per minute", () => {
  it("writes one line per minute that had any, when the minute is over, with the count and the statuses only", () => {
    const lines: string[] = [];
    const counter = createRespondentCounter((line) => lines.push(line));
    counter.count(new Date("2026-12-03T09:21:05.123Z"), 200);
    counter.count(new Date("2026-12-03T09:21:59.999Z"), 410);
    counter.count(new Date("2026-12-03T09:21:30.000Z"), 200);
    // The timer's flush within the same minute writes nothing yet.
    counter.flush(new Date("2026-12-03T09:21:59.000Z"));
    expect(lines).toEqual([]);
    counter.count(new Date("2026-12-03T09:23:01.000Z"), 409);
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ minute: "2026-12-03T09:21Z", respondentRequests: 3, statuses: { "200": 2, "410": 1 } }]);
    counter.flush(new Date("2026-12-03T09:24:00.000Z"));
    expect(JSON.parse(lines[1]!)).toEqual({ minute: "2026-12-03T09:23Z", respondentRequests: 1, statuses: { "409": 1 } });
    // Nothing counted since: nothing written.
    counter.flush();
    expect(lines).toHaveLength(2);
  });

  it("knows the respondent paths", () => {
    for (const path of ["/s/abc", "/s/abc/answers", "/s/abc/code", "/s/abc/thanks", "/k/abc", "/c/abc", "/staff/abc", "/qr/abc.svg"]) expect(isRespondentPath(path), path).toBe(true);
    for (const path of ["/", "/sign-in", "/admin", "/admin/rounds/1", "/healthz", "/staff", "/counters"]) expect(isRespondentPath(path), path).toBe(false);
    // The public complaint pages (issue 16), however the path is spelt; not the signed-in case pages.
    for (const path of ["/complaints/demo", "/complaints/demo.data", "/complaints/demo/status", "/complaints/demo/statistics.csv", "/Complaints/demo", "/%63omplaints/demo", "//complaints//demo"]) {
      expect(isRespondentPath(path), path).toBe(true);
    }
    for (const path of ["/admin/complaints", "/admin/complaints/123456789", "/complaintsx"]) expect(isRespondentPath(path), path).toBe(false);
  });
});

describe("security headers", () => {
  it("put the nonce in script-src only and forbid framing", () => {
    const csp = contentSecurityPolicy("n0nce");
    expect(csp).toContain("script-src 'self' 'nonce-n0nce'");
    expect(csp.match(/nonce-/g)).toHaveLength(1);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(securityHeaders("n")["X-Frame-Options"]).toBe("DENY");
  });

  it("add HSTS for an https installation only", () => {
    expect(securityHeaders("n", { https: true })["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(securityHeaders("n", { https: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders("n")).not.toHaveProperty("Strict-Transport-Security");
  });
});

describe("mustNotBeStored", () => {
  it("holds every signed-in and sign-in page, its data request and its files, however the path is spelt", () => {
    for (const url of [
      "/admin",
      "/admin/",
      "/admin.data",
      "/admin/rounds/1",
      "/admin/rounds/1.data",
      "/admin/rounds/1/report?lang=en",
      "/admin/rounds/1/report.pdf",
      "/admin/rounds/1/responses.csv",
      "/admin/frameworks/ita-2569/oit-template.xlsx",
      "/admin/users",
      "/operator",
      "/operator.data",
      "/operator/sign-in",
      "/sign-in",
      "/sign-in.data",
      "/sign-in?next=%2Fadmin",
      "/sign-out",
      "/Admin",
      "/ADMIN/USERS",
      "/%61dmin",
      "/%41DMIN/rounds/1",
      "//admin",
      "/sign%2Din",
    ]) {
      expect(mustNotBeStored("GET", url), url).toBe(true);
      expect(mustNotBeStored("HEAD", url), url).toBe(true);
    }
  });

  it("holds every answer to a POST (or any method but GET and HEAD), whatever its path", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      for (const url of ["/s/abc/answers", "/s/abc/code", "/", "/logo/demo", "/no/such/page"]) expect(mustNotBeStored(method, url), `${method} ${url}`).toBe(true);
    }
  });

  it("leaves the public pages their own caching: respondent pages, the logo, QR images, static files", () => {
    for (const url of ["/", "/_root.data", "/s/abc", "/s/abc.data", "/s/abc?lang=en", "/k/abc", "/c/abc", "/staff/abc", "/s/abc/thanks", "/logo/demo", "/qr/abc.svg", "/assets/app-1234.js", "/favicon.svg", "/survey-theme.css", "/healthz", "/administration", "/admins", "/sign-inx", "/s/admin", "/%E0%A4%A"]) {
      expect(mustNotBeStored("GET", url), url).toBe(false);
    }
  });
});
