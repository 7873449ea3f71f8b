/**
 * How soon a phone on a weak network can answer the respondent page's first question, and how many bytes
 * cross the wire before it can (issue 18; docs/decisions/respondent-page-html-form.md). Not a test and not
 * part of `npm run bench`: a measurement to decide by, run by hand against one or more builds, e.g. the
 * build before the HTML form and the build after:
 *
 *   tsx test/measure/respondent-first-answer.ts /path/to/app-copy [/path/to/another] [--runs 3]
 *
 * Each path is a folder holding build/ and surveys/ (and a node_modules link), as test/bench/support.ts
 * copies one. Chromium (Debian's) is throttled through the DevTools protocol as the issue says: 400 kbps
 * down and up, 400 ms round trip (Network.emulateNetworkConditions), CPU 4× slower
 * (Emulation.setCPUThrottlingRate), on a 390 px phone screen, empty cache each run.
 *
 * "Answerable" is the moment the first answer choice is on the screen and works: for the HTML form, the
 * first radio button drawn (it works without any script); for the SurveyJS page, SurveyJS's survey drawn
 * (before that, nothing on the page takes an answer). Polled in the page every animation frame by a
 * script injected ahead of the page's own (it runs whether or not the page's scripts have arrived), and
 * timed from the navigation's start. The bytes are the encoded (on-the-wire) sizes of every response
 * finished by then, headers included, as the protocol reports them (Network.loadingFinished).
 * "Enhanced" is when the page's own scripts have run: the form's count shown, or SurveyJS drawn.
 */
import { existsSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import type { CDPSession } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { createRoundFixture } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { printTable, ROOT, startProcessServer } from "../bench/support";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const THROTTLE = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const CPU_SLOWDOWN = 4;

/** The first choice a visitor can tap: the form's first radio, or SurveyJS's survey once drawn. */
const ANSWERABLE = 'form[data-testid="survey-form"] input[type="radio"], .sd-root-modern .sd-page';
/** The page's own scripts have run: the form's count, or SurveyJS's survey. */
const ENHANCED = '[data-testid="form-count"], .sd-root-modern .sd-page';

function pollScript(selector: string, key: string): string {
  return `(() => {
    const seen = () => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return false; const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const poll = () => { if (seen()) window[${JSON.stringify(key)}] = performance.now(); else requestAnimationFrame(poll); };
    requestAnimationFrame(poll);
  })();`;
}

interface Run {
  answerableMs: number;
  enhancedMs: number;
  bytesBeforeAnswerable: number;
  bytesTotal: number;
  requestsBeforeAnswerable: number;
}

async function measureOnce(browserUrl: string, path: string): Promise<Run> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", THROTTLE);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    const finished: { at: number; bytes: number }[] = [];
    cdp.on("Network.loadingFinished", (event: { timestamp: number; encodedDataLength: number }) => finished.push({ at: event.timestamp, bytes: event.encodedDataLength }));
    let startedAt = 0;
    cdp.on("Network.requestWillBeSent", (event: { timestamp: number; type?: string }) => {
      if (event.type === "Document" && startedAt === 0) startedAt = event.timestamp;
    });
    await page.addInitScript(pollScript(ANSWERABLE, "__answerableAt") + pollScript(ENHANCED, "__enhancedAt"));
    await page.goto(`${browserUrl}${path}`, { waitUntil: "commit", timeout: 120_000 });
    await page.waitForFunction(() => (window as unknown as { __enhancedAt?: number }).__enhancedAt !== undefined, undefined, { timeout: 120_000, polling: 200 });
    await page.waitForLoadState("networkidle", { timeout: 120_000 });
    const marks = await page.evaluate(() => {
      const w = window as unknown as { __answerableAt: number; __enhancedAt: number };
      return { answerable: w.__answerableAt, enhanced: w.__enhancedAt, navigationStart: performance.timeOrigin };
    });
    // The protocol's timestamps are seconds on a monotonic clock; the page's are ms from its time origin,
    // which is the navigation's start: the document request's timestamp.
    const answerableAt = startedAt + marks.answerable / 1000;
    const before = finished.filter((f) => f.at <= answerableAt);
    const run = {
      answerableMs: marks.answerable,
      enhancedMs: marks.enhanced,
      bytesBeforeAnswerable: before.reduce((n, f) => n + f.bytes, 0),
      bytesTotal: finished.reduce((n, f) => n + f.bytes, 0),
      requestsBeforeAnswerable: before.length,
    };
    await context.close();
    return run;
  } finally {
    await browser.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf("--runs");
  const runs = runsAt === -1 ? 3 : Number(args[runsAt + 1]);
  const folders = args.filter((a, i) => a !== "--runs" && i !== runsAt + 1);
  if (folders.length === 0) throw new Error("give one or more app folders (each with build/ and surveys/)");
  const t = await createTestDb();
  const rows: Record<string, string | number>[] = [];
  try {
    const round = await createRoundFixture(t.db, "measure-first-answer");
    for (const folder of folders) {
      if (!existsSync(join(folder, "node_modules"))) symlinkSync(join(ROOT, "node_modules"), join(folder, "node_modules"));
      const server = await startProcessServer({
        script: join(folder, "build/server/index.js"),
        args: ["serve"],
        cwd: folder,
        env: { DATABASE_URL: t.path },
        readyPath: "/healthz",
      });
      try {
        for (const [instrument, token] of [["eit", round.eitToken], ["iit", round.iitToken]] as const) {
          const results: Run[] = [];
          for (let i = 0; i < runs; i++) results.push(await measureOnce(server.url, `/s/${token}`));
          const m = (key: keyof Run) => median(results.map((r) => r[key]));
          rows.push({
            build: folder,
            page: instrument,
            "answerable (s)": (m("answerableMs") / 1000).toFixed(1),
            "KB on the wire before": (m("bytesBeforeAnswerable") / 1024).toFixed(1),
            "requests before": m("requestsBeforeAnswerable"),
            "scripts ran (s)": (m("enhancedMs") / 1000).toFixed(1),
            "KB on the wire, whole page": (m("bytesTotal") / 1024).toFixed(1),
          });
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await t.close();
  }
  console.log(`median of ${runs} runs each; 400 kbps, 400 ms RTT, CPU ×${CPU_SLOWDOWN}; 390 px phone`);
  printTable(rows);
}

await main();
