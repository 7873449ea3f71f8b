/**
 * Browser pages that never navigate away while React Router's route discovery is fetching.
 *
 * React Router fetches route manifests (`/__manifest?paths=…`) for the links and forms a page shows, "lazy
 * route discovery" (react-router's lib/dom/ssr/fog-of-war.ts): once after hydration, and again 100 ms after
 * links appear. Those eager fetches carry no abort signal, so when a test navigates the document away while
 * one is in flight (page.goto, a reload, a click on a link that loads a new document) the fetch fails, and
 * if the failure reaches the page before the page is gone React Router logs
 * `console.error("Failed to fetch manifest patches", …)`. That fails the test (ARCHITECTURE.md §3.8)
 * although the app did nothing wrong. On a quiet machine Chromium mostly drops the old document first; on
 * a busy one it did not (test/e2e/trends-browser.test.ts, which once worked around it by itself).
 *
 * So every page of a browser from launchBrowser() (test/support/browser.ts) carries a tracker, injected
 * before the page's own scripts, that wraps window.fetch for `/__manifest` requests: it counts those in
 * flight until their body has arrived (React Router reads it as JSON afterwards), and it can hold new eager
 * ones back behind a gate. Before each Playwright action that may navigate (goto, reload, goBack,
 * goForward; click, dblclick, tap and press on the page or a locator; the keyboard's press and the mouse's
 * click) the guard waits until no manifest fetch is in flight and, in the same turn of the page's event
 * loop, closes the gate, so that nothing can start between the check and the navigation (React Router's
 * 100 ms debounce would otherwise leave a window). It opens the gate again when the action returns: by
 * then a navigation the action started has committed (Playwright waits for that), and the old document
 * is gone with whatever it held back. A manifest fetch that React Router makes for a navigation it is
 * performing (patchRoutesOnNavigation, with an abort signal) is never held back, so a click can always
 * complete; it is waited for like any other before the next action.
 *
 * Delete this file when React Router stops logging an eager manifest fetch that failed because the page
 * was being left (fetchPatches' catch in fog-of-war.ts), or when route discovery is switched to "initial"
 * (react-router.config.ts `routeDiscovery`): then no `/__manifest` request is made at all.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from "playwright-core";

/** The page-side tracker's global; only this file and the injected script know it. */
const TRACKER = "__prongsaiRouteDiscovery";

/**
 * The page-side tracker, plain JavaScript (a string, not a function: the test transpiler's helpers
 * must not end up inside code that runs in the page). Runs in every document before the page's scripts.
 */
const TRACKER_SCRIPT = `(() => {
  if (window.${TRACKER}) return;
  const realFetch = window.fetch.bind(window);
  // Statuses whose Response may not have a body.
  const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);
  const gates = new Set();
  const held = [];
  const tracker = {
    inFlight: 0,
    // Closes the gate and returns its token, or null while a manifest fetch is in flight.
    closeIfQuiet() {
      if (tracker.inFlight > 0) return null;
      const token = String(Math.random()).slice(2) + String(Date.now());
      gates.add(token);
      return token;
    },
    open(token) {
      if (!gates.delete(token) || gates.size > 0) return;
      for (const start of held.splice(0)) start();
    },
  };
  function isManifest(input) {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    try {
      return new URL(url, location.href).pathname.endsWith("/__manifest");
    } catch {
      return false;
    }
  }
  // In flight until the whole body is here: React Router calls response.json() after the fetch resolves.
  async function tracked(input, init) {
    tracker.inFlight++;
    try {
      const response = await realFetch(input, init);
      const body = nullBodyStatuses.has(response.status) ? null : await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } finally {
      tracker.inFlight--;
    }
  }
  window.fetch = function fetch(input, init) {
    if (!isManifest(input)) return realFetch(input, init);
    // Eager discovery has no signal; a navigation's own discovery has one and is never held.
    if (gates.size > 0 && !(init && init.signal)) {
      return new Promise((resolve, reject) => held.push(() => tracked(input, init).then(resolve, reject)));
    }
    return tracked(input, init);
  };
  window.${TRACKER} = tracker;
})();`;

const guardedPages = new WeakSet<Page>();

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Waits until the page has no manifest fetch in flight and closes its gate; returns the gate's token
 * (null when the document has no tracker: about:blank before the first navigation, a PDF, an image).
 */
async function closeGate(page: Page, action: string): Promise<string | null> {
  try {
    const handle = await page.waitForFunction(
      (tracker) => {
        const found = (window as unknown as Record<string, { closeIfQuiet(): string | null } | undefined>)[tracker];
        if (!found) return { token: null };
        const token = found.closeIfQuiet();
        return token === null ? false : { token };
      },
      TRACKER,
      { polling: 20 },
    );
    const { token } = (await handle.jsonValue()) as { token: string | null };
    await handle.dispose();
    return token;
  } catch (error) {
    throw new Error(`before ${action} on ${page.url()}: waiting for React Router's route discovery (/__manifest) to finish: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The errors of evaluating in a document that is gone, and with it its gate. */
function isDocumentGone(error: unknown): boolean {
  return error instanceof Error && /Execution context was destroyed|has been closed|Frame was detached/i.test(error.message);
}

async function openGate(page: Page, token: string | null): Promise<void> {
  if (token === null || page.isClosed()) return;
  try {
    await page.evaluate(
      ({ tracker, token }) => (window as unknown as Record<string, { open(token: string): void } | undefined>)[tracker]?.open(token),
      { tracker: TRACKER, token },
    );
  } catch (error) {
    if (!isDocumentGone(error)) throw error;
  }
}

/** Runs a Playwright action that may navigate only while no manifest fetch is in flight (see the header). */
async function whenDiscoveryQuiet<T>(page: Page, action: string, run: () => Promise<T>): Promise<T> {
  const token = await closeGate(page, action);
  try {
    return await run();
  } finally {
    await openGate(page, token);
  }
}

/** Replaces `names` on `owner` (an object of `page`) by guarded versions. */
function guardMethods(page: Page, owner: object, prefix: string, names: readonly string[]): void {
  const methods = owner as Record<string, AnyMethod>;
  for (const name of names) {
    const original = methods[name];
    if (typeof original !== "function") throw new Error(`playwright-core has no ${prefix}${name} to guard`);
    methods[name] = (...args: unknown[]) => whenDiscoveryQuiet(page, `${prefix}${name}`, () => original.apply(owner, args));
  }
}

/** Locators are made anew on every call: their shared prototype is guarded once, for guarded pages only. */
let locatorPrototypeGuarded = false;

function guardLocatorPrototype(page: Page): void {
  if (locatorPrototypeGuarded) return;
  locatorPrototypeGuarded = true;
  const prototype = Object.getPrototypeOf(page.locator("html")) as Record<string, AnyMethod>;
  for (const name of ["click", "dblclick", "tap", "press"]) {
    const original = prototype[name];
    if (typeof original !== "function") throw new Error(`playwright-core's Locator has no ${name} to guard`);
    prototype[name] = function (this: Locator, ...args: unknown[]) {
      const owner = this.page();
      if (!guardedPages.has(owner)) return original.apply(this, args);
      return whenDiscoveryQuiet(owner, `locator.${name}(${String(this)})`, () => original.apply(this, args));
    };
  }
}

function guardPage(page: Page): Page {
  if (guardedPages.has(page)) return page;
  guardedPages.add(page);
  guardMethods(page, page, "page.", ["goto", "reload", "goBack", "goForward", "click", "dblclick", "tap", "press"]);
  guardMethods(page, page.keyboard, "page.keyboard.", ["press"]);
  guardMethods(page, page.mouse, "page.mouse.", ["click", "dblclick"]);
  guardLocatorPrototype(page);
  return page;
}

const guardedContexts = new WeakSet<BrowserContext>();

async function guardContext(context: BrowserContext): Promise<BrowserContext> {
  if (guardedContexts.has(context)) return context;
  guardedContexts.add(context);
  await context.addInitScript({ content: TRACKER_SCRIPT });
  for (const page of context.pages()) guardPage(page);
  // Pages opened by newPage and by the page itself (popups): the event comes before newPage resolves.
  context.on("page", guardPage);
  return context;
}

/**
 * Makes every page of `browser` (newContext → newPage, or newPage) wait for React Router's route
 * discovery before it navigates; see the header. A context without JavaScript is left alone: it has no
 * route discovery, and nothing in it could run the tracker.
 */
export function guardRouteDiscovery(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options?: BrowserContextOptions) => {
    const context = await newContext(options);
    return options?.javaScriptEnabled === false ? context : guardContext(context);
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options?: BrowserContextOptions) => {
    const page = await newPage(options);
    if (options?.javaScriptEnabled === false) return page;
    await guardContext(page.context());
    return guardPage(page);
  };
  return browser;
}
