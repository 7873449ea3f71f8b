/**
 * PDF of a printable page, rendered by headless Chromium on the server (issue 5, part 3). Chromium lays
 * out Thai with HarfBuzz, so vowels and tone marks sit where they belong; JavaScript PDF libraries place
 * them wrongly. Chromium loads the page the way a person's browser would — from this server, over the
 * loopback address, with the requesting user's cookies — so the PDF is exactly the printable page,
 * with the same sign-in check and the same agency scoping.
 *
 * One render at a time, each within RENDER_TIMEOUT_MS, in a fair order (app/services/pdf-queue.ts): one
 * PDF per user at a time, agencies in turn, at most MAX_WAITING waiting (MAX_WAITING_PER_AGENCY of one
 * agency); a render whose requester has gone is dropped or stopped. The browser stays warm between
 * renders and is closed after IDLE_CLOSE_MS without work or after MAX_RENDERS_PER_BROWSER renders, so a
 * long-running server does not hold Chromium's memory for nothing or let it grow.
 */
import { accessSync, constants } from "node:fs";
import type { Browser } from "playwright-core";
import { getEnv } from "../lib/env.server";
import { createPdfQueue, type PdfOwner, PdfQueueRefused } from "./pdf-queue";

/** Debian's Chromium runs as root in containers: no sandbox; nothing here needs a GPU or the network. */
const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const RENDER_TIMEOUT_MS = 45_000;
const LAUNCH_TIMEOUT_MS = 30_000;
/** Renders that may wait behind the running one; more are refused as busy. */
export const MAX_WAITING = 6;
/** Of those, from one agency: a third of the queue, so that two busy agencies still leave room for a third. */
export const MAX_WAITING_PER_AGENCY = 2;
const IDLE_CLOSE_MS = 60_000;
const MAX_RENDERS_PER_BROWSER = 100;

/**
 * "yours": the user's previous PDF is still waiting or printing (a 429); the others are the server's
 * (a 503): no Chromium, the queue full, too slow, or a failure.
 */
export type PdfFailure = "unavailable" | "busy" | "yours" | "timeout" | "failed";

/** Why no PDF could be made; the route answers with a message for each (pdfFailureResponse). */
export class PdfRenderError extends Error {
  constructor(
    readonly reason: PdfFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "PdfRenderError";
  }
}

export interface PdfRequest {
  /** The page to print, on this server (see `loopbackOrigin`). */
  url: string;
  /** Cookies to send with it (the user's session), set for the page's origin only. */
  cookies: { name: string; value: string }[];
  /** Who asks: one PDF per user at a time, agencies in turn. */
  owner: PdfOwner;
  /** The HTTP request's signal: when its client goes away, a waiting render is dropped and a running one stopped. */
  signal?: AbortSignal;
}

/** Whether the configured Chromium exists and can be run. */
export function isChromiumInstalled(path = getEnv().CHROMIUM_PATH): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where Chromium reaches this server: its own loopback address and port (never the public address,
 * which may sit behind a proxy or not resolve from inside the host). Under the development server,
 * whose port Vite chooses, the request's own origin.
 */
export function loopbackOrigin(request: Request): string {
  const env = getEnv();
  if (env.NODE_ENV === "development") return new URL(request.url).origin;
  const host = ["0.0.0.0", "::", "localhost", ""].includes(env.HOST) ? "127.0.0.1" : env.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT}`;
}

/** The name=value pairs of a Cookie header. */
export function parseCookieHeader(header: string | null): { name: string; value: string }[] {
  if (!header) return [];
  return header
    .split(";")
    .map((part) => part.trim())
    .map((part) => {
      const at = part.indexOf("=");
      return at > 0 ? { name: part.slice(0, at).trim(), value: part.slice(at + 1).trim() } : null;
    })
    .filter((c): c is { name: string; value: string } => c !== null && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(c.name));
}

// --- the warm browser

let browser: Browser | undefined;
let rendersOnBrowser = 0;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

async function getBrowser(): Promise<Browser> {
  if (browser?.isConnected() && rendersOnBrowser < MAX_RENDERS_PER_BROWSER) return browser;
  await closeBrowser();
  const executablePath = getEnv().CHROMIUM_PATH;
  if (!isChromiumInstalled(executablePath)) {
    throw new PdfRenderError("unavailable", `Chromium is not installed at ${executablePath}`);
  }
  try {
    // Loaded on the first PDF, not at start: Playwright is ~25 MB of the server's resident memory, and
    // most servers never print a report (docs/performance.md: what bounds export memory).
    const { chromium } = await import("playwright-core");
    // No signal handlers of Playwright's own: its SIGINT handler would exit the process before the
    // server's graceful shutdown; Chromium is still killed when the process exits.
    const launched = await chromium.launch({
      executablePath,
      args: LAUNCH_ARGS,
      timeout: LAUNCH_TIMEOUT_MS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    launched.on("disconnected", () => {
      if (browser === launched) browser = undefined;
    });
    browser = launched;
    rendersOnBrowser = 0;
    return launched;
  } catch (error) {
    throw new PdfRenderError("unavailable", `Chromium at ${executablePath} did not start`, { cause: error });
  }
}

/** Closes the warm browser, if any (idle, recycled, after a timeout, or when the server stops). */
export async function closeBrowser(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  const open = browser;
  browser = undefined;
  await open?.close().catch(() => undefined);
}

function closeWhenIdle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void closeBrowser(), IDLE_CLOSE_MS);
  // An idle browser must not keep a stopping process alive.
  idleTimer.unref();
}

// --- one render at a time, in a fair order

const queue = createPdfQueue({ maxWaiting: MAX_WAITING, maxWaitingPerAgency: MAX_WAITING_PER_AGENCY, onIdle: closeWhenIdle });

/**
 * Prints `request.url` to an A4 PDF: the page's own @page rules decide the size and margins
 * (preferCSSPageSize), backgrounds are printed, and printing waits for the fonts (Sarabun) to load.
 * `timeoutMs` (default RENDER_TIMEOUT_MS) bounds the whole render, from the page load to the PDF.
 *
 * @throws PdfRenderError "unavailable" (no Chromium), "yours" (this user's previous PDF is not done),
 *   "busy" (too many waiting), "timeout", or "failed" (the page did not answer 200, or Chromium failed);
 *   the signal's reason when the client went away.
 */
export async function renderPdf(request: PdfRequest, options: { timeoutMs?: number } = {}): Promise<Buffer> {
  try {
    return await queue.submit(request.owner, () => renderWithTimeout(request, options.timeoutMs ?? RENDER_TIMEOUT_MS), request.signal);
  } catch (error) {
    if (error instanceof PdfQueueRefused) throw new PdfRenderError(error.reason, error.message);
    throw error;
  }
}

async function renderWithTimeout(request: PdfRequest, timeoutMs: number): Promise<Buffer> {
  if (idleTimer) clearTimeout(idleTimer);
  const current = await getBrowser();
  rendersOnBrowser += 1;
  const context = await current.newContext({ locale: "th-TH", timezoneId: "Asia/Bangkok" });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfRenderError("timeout", `the PDF took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  // Nobody waits for this PDF any more: stop (closing the context below ends the page) and free the renderer.
  let onAbort: (() => void) | undefined;
  const abandoned = new Promise<never>((_, reject) => {
    onAbort = () => reject(request.signal?.reason);
    request.signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    if (request.signal?.aborted) throw request.signal.reason;
    return await Promise.race([printPage(context, request, timeoutMs), timeout, abandoned]);
  } catch (error) {
    if (request.signal?.aborted) throw error;
    // A render that timed out may have left Chromium stuck: start the next one with a fresh browser.
    if (error instanceof PdfRenderError && error.reason === "timeout") await closeBrowser();
    if (error instanceof PdfRenderError) throw error;
    throw new PdfRenderError("failed", "Chromium could not print the page", { cause: error });
  } finally {
    clearTimeout(timer);
    if (onAbort) request.signal?.removeEventListener("abort", onAbort);
    await context.close().catch(() => undefined);
  }
}

async function printPage(context: Awaited<ReturnType<Browser["newContext"]>>, request: PdfRequest, timeoutMs: number): Promise<Buffer> {
  const origin = new URL(request.url).origin;
  await context.addCookies(request.cookies.map((c) => ({ name: c.name, value: c.value, url: origin })));
  const page = await context.newPage();
  // The page is ours and needs nothing from elsewhere; refusing every other origin keeps a link or
  // text someone typed into a measure from making the server fetch anything.
  await page.route("**/*", (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
  const response = await page.goto(request.url, { waitUntil: "load", timeout: timeoutMs });
  if (!response || response.status() !== 200) {
    throw new PdfRenderError("failed", `the page answered ${response?.status() ?? "nothing"}`);
  }
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
}

// --- when there is no PDF

const FAILURE_TEXT: Record<PdfFailure, { th: string; en: string }> = {
  unavailable: {
    th: "เซิร์ฟเวอร์นี้ยังไม่ได้ติดตั้งโปรแกรม Chromium ที่ใช้สร้างไฟล์ PDF กรุณาแจ้งผู้ดูแลระบบ (ติดตั้งแพ็กเกจ chromium หรือตั้งค่า CHROMIUM_PATH) ระหว่างนี้ท่านยังพิมพ์รายงานจากหน้ารายงานได้ หรือเลือกพิมพ์เป็น PDF จากเบราว์เซอร์",
    en: "This server has no Chromium to make the PDF with. Please tell the administrator (install the chromium package or set CHROMIUM_PATH). Meanwhile you can print the report page, or print it to PDF from your browser.",
  },
  busy: {
    th: "ขณะนี้มีการสร้างไฟล์ PDF หลายรายการพร้อมกัน กรุณาลองใหม่อีกครั้งในอีกสักครู่",
    en: "Several PDFs are being made right now. Please try again in a moment.",
  },
  yours: {
    th: "ระบบกำลังสร้างไฟล์ PDF ที่ท่านขอไว้ก่อนหน้านี้ กรุณารอสักครู่ให้ไฟล์นั้นเสร็จก่อน แล้วจึงขอใหม่อีกครั้ง",
    en: "The PDF you asked for a moment ago is still being made. Please wait for it to finish, then ask again.",
  },
  timeout: {
    th: "การสร้างไฟล์ PDF ใช้เวลานานเกินไป กรุณาลองใหม่อีกครั้ง",
    en: "Making the PDF took too long. Please try again.",
  },
  failed: {
    th: "สร้างไฟล์ PDF ไม่สำเร็จ กรุณาลองใหม่อีกครั้ง หากยังไม่สำเร็จ กรุณาแจ้งผู้ดูแลระบบ",
    en: "The PDF could not be made. Please try again; if it keeps failing, tell the administrator.",
  },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A small HTML page in Thai and English that says why there is no PDF and links back to the printable
 * page: 429 when the user's own previous PDF is still being made, 503 otherwise. Inline style attributes
 * only: the Content-Security-Policy refuses <style> elements.
 */
export function pdfFailureResponse(error: PdfRenderError, lang: "th" | "en", backHref: string): Response {
  if (error.reason === "failed") console.error("PDF:", error, error.cause);
  else console.warn(`PDF: ${error.reason}: ${error.message}`);
  const text = FAILURE_TEXT[error.reason];
  const [first, second] = lang === "th" ? [text.th, text.en] : [text.en, text.th];
  const title =
    error.reason === "yours"
      ? lang === "th"
        ? "กำลังสร้างไฟล์ PDF ของท่าน"
        : "Your PDF is being made"
      : lang === "th"
        ? "ยังสร้างไฟล์ PDF ไม่ได้"
        : "No PDF for now";
  const back = lang === "th" ? "← กลับไปหน้ารายงาน (พิมพ์ได้)" : "← Back to the printable report";
  const html = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body style="font-family: Sarabun, Loma, Garuda, 'Noto Sans Thai', sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.6; color: #1b1f24;">
<h1 style="font-size: 1.5rem;">${escapeHtml(title)}</h1>
<p style="font-size: 1.15rem;" data-testid="pdf-message">${escapeHtml(first)}</p>
<p lang="${lang === "th" ? "en" : "th"}" style="color: #4a5560;">${escapeHtml(second)}</p>
<p><a href="${escapeHtml(backHref)}">${escapeHtml(back)}</a></p>
</body>
</html>
`;
  return new Response(html, {
    status: error.reason === "yours" ? 429 : 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      ...(error.reason === "busy" || error.reason === "yours" || error.reason === "timeout" ? { "Retry-After": "10" } : {}),
    },
  });
}
