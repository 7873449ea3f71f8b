/**
 * The browser suites' guard against navigating while React Router's route discovery is fetching
 * (test/support/route-discovery-guard.ts), on a tiny page server of this file's own, so that the race is
 * made on purpose instead of waited for on a busy machine: its `/__manifest` answers after two seconds,
 * and the pages fetch it the way React Router's eager discovery does (no abort signal; console.error
 * "Failed to fetch manifest patches" when the fetch fails).
 *
 * Whether Chromium delivers that console message from a document being left depends on timing (on a quiet
 * machine it mostly does not), so the cases check what the guard controls, the order of requests: each
 * runs on a page without the guard too, where the manifest fetch must still be in flight when the page is
 * left. Otherwise the guarded case would pass for want of a race.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, type BrowserContext, chromium, type Page, type Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH } from "../support/browser";
import { guardRouteDiscovery } from "../support/route-discovery-guard";

const MANIFEST_DELAY_MS = 2_000;

const DISCOVER = `function discover() {
  return fetch("/__manifest?paths=%2Fnext").then((r) => r.json()).then(
    () => { document.body.dataset.discovered = "yes"; },
    (e) => console.error("Failed to fetch manifest patches", String(e)),
  );
}`;

const PAGES: Record<string, string> = {
  // Discovery starts while the page loads, as React Router's does once it has hydrated.
  "/on-load": `<script>${DISCOVER}; discover();</script><p>discovering</p>`,
  // Discovery starts on mousedown: after the guard's check and before the click's navigation, as a batch
  // that React Router's 100 ms debounce lets go at the wrong moment would.
  "/on-press": `<script>${DISCOVER}; addEventListener("mousedown", () => discover());</script>
    <a id="leave" href="/next">next page</a> <button id="stay" type="button">stay here</button>`,
  "/next": "<p>next</p>",
};

interface Hit {
  path: string;
  at: number;
  /** When the whole response was handed to the connection; never, when the browser gave up first. */
  finishedAt?: number;
}

/** What one page asked for, and whether each manifest fetch got its whole answer. */
interface Traffic {
  manifests: Request[];
  finished: Set<Request>;
  consoleErrors: string[];
}

describe("route discovery guard", () => {
  let server: Server;
  let origin: string;
  let browser: Browser;
  /** Contexts made before the browser was guarded, for the cases without the guard. */
  const unguardedContexts: BrowserContext[] = [];
  const hits: Hit[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const hit: Hit = { path: url.pathname, at: Date.now() };
      hits.push(hit);
      response.on("finish", () => (hit.finishedAt = Date.now()));
      const send = (status: number, type: string, body: string) => {
        response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
        response.end(body);
      };
      const page = PAGES[url.pathname];
      if (url.pathname === "/__manifest") setTimeout(() => send(200, "application/json", "{}"), MANIFEST_DELAY_MS);
      else if (page) send(200, "text/html; charset=utf-8", `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>${page}</body></html>`);
      else send(404, "text/plain", "not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-gpu"] });
    for (let i = 0; i < 2; i++) unguardedContexts.push(await browser.newContext());
    guardRouteDiscovery(browser); // what launchBrowser does
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A page of a fresh context, guarded as launchBrowser's are or not, and what it fetches and logs. */
  async function openPage(guarded: boolean): Promise<{ page: Page; traffic: Traffic; close: () => Promise<void> }> {
    const context = guarded ? await browser.newContext() : unguardedContexts.shift()!;
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const traffic: Traffic = { manifests: [], finished: new Set(), consoleErrors: [] };
    page.on("request", (request) => request.url().includes("/__manifest") && traffic.manifests.push(request));
    page.on("requestfinished", (request) => traffic.finished.add(request));
    page.on("console", (message) => message.type() === "error" && traffic.consoleErrors.push(message.text()));
    return { page, traffic, close: () => context.close() };
  }

  function lastHit(path: string): Hit {
    const hit = hits.findLast((h) => h.path === path);
    if (!hit) throw new Error(`the server saw no request for ${path}`);
    return hit;
  }

  it("page.goto waits for a manifest fetch in flight; without the guard it leaves the fetch behind", async () => {
    for (const guarded of [false, true]) {
      const { page, traffic, close } = await openPage(guarded);
      await page.goto(`${origin}/on-load`);
      await page.goto(`${origin}/next`);
      const manifest = lastHit("/__manifest");
      const next = lastHit("/next");
      expect(traffic.manifests, `guarded: ${guarded}`).toHaveLength(1);
      if (guarded) {
        expect(manifest.finishedAt, "the manifest was answered before the next page was asked for").toBeLessThanOrEqual(next.at);
        expect(traffic.finished.has(traffic.manifests[0]!)).toBe(true);
        expect(traffic.consoleErrors).toEqual([]);
      } else {
        expect(manifest.finishedAt ?? Infinity, "without the guard the next page is asked for while the manifest is in flight").toBeGreaterThan(next.at);
        expect(traffic.finished.has(traffic.manifests[0]!), "and the manifest fetch never completes").toBe(false);
      }
      await close();
    }
  });

  it("a click that navigates holds back a discovery fetch that starts after the check; without the guard it is cut", async () => {
    for (const guarded of [false, true]) {
      const { page, traffic, close } = await openPage(guarded);
      await page.goto(`${origin}/on-press`);
      await page.locator("#leave").click();
      await page.waitForURL(`${origin}/next`);
      if (guarded) {
        expect(traffic.manifests, "the held fetch never left the page").toEqual([]);
        expect(traffic.consoleErrors).toEqual([]);
      } else {
        expect(traffic.manifests, "without the guard the fetch starts").toHaveLength(1);
        expect(traffic.finished.has(traffic.manifests[0]!), "and is cut by the navigation").toBe(false);
      }
      await close();
    }
  });

  it("a click that stays on the page lets the held discovery fetch go once the click is done", async () => {
    const { page, traffic, close } = await openPage(true);
    await page.goto(`${origin}/on-press`);
    await page.locator("#stay").click();
    await page.waitForSelector("body[data-discovered=yes]");
    expect(traffic.manifests).toHaveLength(1);
    expect(traffic.consoleErrors).toEqual([]);
    await close();
  });
});
