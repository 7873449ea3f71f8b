/**
 * The server's PDF renderer (app/services/pdf.server.ts) with Debian's real Chromium against small
 * loopback servers of this test: Thai text comes out as text in an A4 PDF, the user's cookie is sent,
 * nothing is fetched from another origin, renders run one at a time, a page that never loads times out
 * without blocking the next render, too many waiting renders are refused as busy, a user's second PDF
 * while the first is printing is refused as theirs, and a render whose client has gone is stopped.
 * (The order of agencies' turns: test/unit/pdf-queue.test.ts.)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeBrowser, MAX_WAITING, PdfRenderError, parseCookieHeader, pdfFailureResponse, renderPdf } from "../../app/services/pdf.server";

const COOKIE = { name: "prongsai_session", value: "test-session-token-1234567890" };
const THAI = "การใช้ทรัพย์สินของราชการ ผู้บริหารสูงสุด ที่ซื่อสัตย์ ๗๗.๙๙";

let app: Server;
let foreign: Server;
let appUrl = "";
let foreignUrl = "";
let foreignRequests = 0;
let inFlight = 0;
let maxInFlight = 0;
const held: ServerResponse[] = [];
let dir = "";
let nextUserId = 1;

/** A request of its own user in its own agency (one PDF per user at a time: app/services/pdf-queue.ts). */
function someone() {
  const id = nextUserId++;
  return { userId: id, organizationId: 1000 + id };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function page(req: IncomingMessage, res: ServerResponse) {
  if (req.url === "/slow") {
    held.push(res); // never answered: the render must time out
    return;
  }
  if (req.url !== "/page") {
    res.writeHead(404).end();
    return;
  }
  if (!(req.headers.cookie ?? "").includes(`${COOKIE.name}=${COOKIE.value}`)) {
    res.writeHead(401, { "Content-Type": "text/plain" }).end("no session");
    return;
  }
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  setTimeout(() => {
    inFlight -= 1;
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(`<!doctype html><html lang="th"><head><meta charset="utf-8">
<link rel="stylesheet" href="${foreignUrl}/style.css"><style>@page { size: A4; margin: 20mm; } body { font-family: Loma, Garuda, sans-serif; font-size: 16pt; }</style></head>
<body><h1>${THAI}</h1><img src="${foreignUrl}/pixel.png" alt=""></body></html>`);
  }, 150);
}

beforeAll(async () => {
  app = createServer(page);
  foreign = createServer((_req, res) => {
    foreignRequests += 1;
    res.writeHead(404).end();
  });
  appUrl = await listen(app);
  foreignUrl = await listen(foreign);
  dir = mkdtempSync(join(tmpdir(), "prongsai-pdf-"));
});

afterAll(async () => {
  await closeBrowser();
  for (const res of held) res.destroy();
  await new Promise((r) => app?.close(r));
  await new Promise((r) => foreign?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function pdfText(pdf: Buffer): string {
  const file = join(dir, `${Date.now()}-${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

function pdfInfo(pdf: Buffer): string {
  const file = join(dir, `${Date.now()}-${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdfinfo", [file], { encoding: "utf8" });
}

describe("the PDF renderer", () => {
  it("prints a page with the user's cookie to an A4 PDF whose text is the Thai of the page, fetching nothing elsewhere", async () => {
    const pdf = await renderPdf({ url: `${appUrl}/page`, cookies: [COOKIE], owner: someone() });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfInfo(pdf)).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    expect(pdfText(pdf).replace(/\s+/g, "")).toContain(THAI.replace(/\s+/g, ""));
    expect(foreignRequests).toBe(0);
  });

  it("fails clearly when the page does not answer 200 (here: no session cookie)", async () => {
    const failure = await renderPdf({ url: `${appUrl}/page`, cookies: [], owner: someone() }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PdfRenderError);
    expect((failure as PdfRenderError).reason).toBe("failed");
    expect((failure as PdfRenderError).message).toContain("401");
  });

  it("renders one page at a time", async () => {
    maxInFlight = 0;
    const pdfs = await Promise.all([1, 2, 3].map(() => renderPdf({ url: `${appUrl}/page`, cookies: [COOKIE], owner: someone() })));
    expect(pdfs.every((p) => p.subarray(0, 5).toString("latin1") === "%PDF-")).toBe(true);
    expect(maxInFlight).toBe(1);
  });

  it("times out on a page that never loads, and the next render works", async () => {
    const started = Date.now();
    const failure = await renderPdf({ url: `${appUrl}/slow`, cookies: [COOKIE], owner: someone() }, { timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect((failure as PdfRenderError).reason).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(10_000);
    const pdf = await renderPdf({ url: `${appUrl}/page`, cookies: [COOKIE], owner: someone() });
    expect(pdfText(pdf)).toContain("๗๗.๙๙");
  });

  it("refuses renders beyond the queue's limit as busy, and finishes the others", async () => {
    const blocker = renderPdf({ url: `${appUrl}/slow`, cookies: [COOKIE], owner: someone() }, { timeoutMs: 3_000 });
    const queued = Array.from({ length: MAX_WAITING + 2 }, () => renderPdf({ url: `${appUrl}/page`, cookies: [COOKIE], owner: someone() }));
    const results = await Promise.allSettled([blocker, ...queued]);
    const reasons = results.map((r) => (r.status === "rejected" ? (r.reason as PdfRenderError).reason : "ok"));
    expect(reasons[0]).toBe("timeout");
    expect(reasons.filter((r) => r === "busy")).toHaveLength(2);
    expect(reasons.filter((r) => r === "ok")).toHaveLength(MAX_WAITING);
  });

  it("refuses a user's second PDF while the first is printing, as theirs (a 429 page in Thai), and takes it once the first is done", async () => {
    const user = someone();
    const first = renderPdf({ url: `${appUrl}/page`, cookies: [COOKIE], owner: user });
    const second = await renderPdf({ url: `${appUrl}/page`, cookies: [COOKIE], owner: user }).catch((e: unknown) => e);
    expect((second as PdfRenderError).reason).toBe("yours");
    const page = pdfFailureResponse(second as PdfRenderError, "th", "/admin/rounds/1/report");
    expect(page.status).toBe(429);
    expect(page.headers.get("retry-after")).toBe("10");
    const html = await page.text();
    expect(html).toContain("กำลังสร้างไฟล์ PDF ของท่าน");
    expect(html.indexOf("ระบบกำลังสร้างไฟล์ PDF ที่ท่านขอไว้ก่อนหน้านี้")).toBeLessThan(html.indexOf("The PDF you asked for"));
    expect((await first).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const again = await renderPdf({ url: `${appUrl}/page`, cookies: [COOKIE], owner: user });
    expect(again.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("stops a render whose client has gone, and frees the renderer and the user's turn at once", async () => {
    const user = someone();
    const client = new AbortController();
    const started = Date.now();
    const gone = renderPdf({ url: `${appUrl}/slow`, cookies: [COOKIE], owner: user, signal: client.signal }).catch((e: unknown) => e);
    const waiting = renderPdf({ url: `${appUrl}/page`, cookies: [COOKIE], owner: someone() });
    await new Promise((r) => setTimeout(r, 500));
    client.abort();
    expect(((await gone) as Error).name).toBe("AbortError");
    expect((await waiting).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Well before the render's own 45 s timeout.
    expect(Date.now() - started).toBeLessThan(15_000);
    const again = await renderPdf({ url: `${appUrl}/page`, cookies: [COOKIE], owner: user });
    expect(again.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("forwards only well-formed cookies of the request", () => {
    expect(parseCookieHeader("prongsai_session=abc; lang=th; bad name=x; =nothing; flag")).toEqual([
      { name: "prongsai_session", value: "abc" },
      { name: "lang", value: "th" },
    ]);
    expect(parseCookieHeader(null)).toEqual([]);
  });
});
