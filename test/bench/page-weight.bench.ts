/**
 * What a phone downloads to show the respondent page /s/:token: every JS and CSS file, gzip -9 bytes,
 * as headless Chromium (Debian's, through test/support/browser.ts) requests them on a phone-sized screen
 * until the page is idle with its form (drawn by the server, docs/decisions/respondent-page-html-form.md)
 * on screen — the files the HTML names (modulepreload, script, stylesheet)
 * and any the scripts import on the way. The baseline is the list the served HTML names: a difference
 * means a dynamic import. Target: at most 430 KB gzip, none of it admin code (no admin route module nor
 * a chunk only they import, no Chart.js), and the first screen of the survey painted before any script
 * runs — checked by opening the page again with JavaScript switched off.
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { getSurveyJson } from "../../app/lib/frameworks.server";
import { launchBrowser } from "../support/browser";
import { createRoundFixture } from "../support/fixtures";
import { SCREENSHOTS } from "../support/paths";
import { createTestDb } from "../support/test-db";
import { buildPrivateCopy, printTable, startBuiltServer, type BenchServer } from "./support";

const LIMIT_KB = 430;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
/** A string only Chart.js holds (its error for a reused canvas). */
const CHART_JS_MARK = "Canvas is already in use";

interface Downloaded {
  url: string;
  kind: "js" | "css";
  bytes: number;
  gzipBytes: number;
  /** Brotli at its best level, for comparison (the server compresses on the fly, at quality 4). */
  brotliBytes: number;
  /** What actually crossed the wire from our server to Chromium, and in which encoding. */
  wireBytes: number;
  encoding: string;
  named: boolean;
  text: string;
}

/** The files the HTML itself names: module preloads, module scripts, stylesheets. */
function namedInHtml(html: string): Set<string> {
  const urls = new Set<string>();
  for (const tag of html.match(/<(link|script)\b[^>]*>/g) ?? []) {
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    const href = /\b(?:href|src)="([^"]+)"/.exec(tag)?.[1];
    if (!href) continue;
    if (tag.startsWith("<script") || rel === "modulepreload" || rel === "stylesheet") urls.add(href);
  }
  // The module script's inline `import "…"` statements (React Router's entry and route modules).
  for (const match of html.matchAll(/import\s*(?:[^"';]*?from\s*)?"(\/[^"]+\.js)"/g)) urls.add(match[1]!);
  return urls;
}

/** The first thing SurveyJS shows on the survey: the title, and the first element of the first page. */
function firstScreenTexts(surveyJson: string): { title: string; first: string } {
  const survey = JSON.parse(surveyJson) as { title: { default: string }; pages: { elements: { html?: { default: string }; title?: { default: string } }[] }[] };
  const element = survey.pages[0]!.elements[0]!;
  const first = element.html ? element.html.default.replace(/<[^>]+>/g, " ").trim().split(/\s{2,}/)[0]! : element.title!.default;
  return { title: survey.title.default, first };
}

async function loadWithScripts(browser: Browser, server: BenchServer, path: string) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const responses: Promise<Downloaded | null>[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    const kind = url.pathname.endsWith(".js") ? "js" : url.pathname.endsWith(".css") ? "css" : null;
    if (!kind) return;
    responses.push(
      Promise.all([response.body(), response.request().sizes()]).then(([body, sizes]) => ({
        url: url.pathname + url.search,
        kind,
        bytes: body.length,
        gzipBytes: gzipSync(body, { level: 9 }).length,
        brotliBytes: brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
        wireBytes: sizes.responseBodySize,
        encoding: response.headers()["content-encoding"] ?? "identity",
        named: false,
        text: body.toString("utf8"),
      })),
    );
  });
  const document = await page.goto(`${server.url}${path}`);
  const html = (await document?.text()) ?? "";
  await page.locator('main form input[type="radio"]').first().waitFor({ state: "visible", timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  await context.close();
  const named = namedInHtml(html);
  const files = (await Promise.all(responses)).filter((f): f is Downloaded => f !== null).map((f) => ({ ...f, named: named.has(f.url) }));
  return { files, html, named };
}

type BuildManifest = {
  entry: { module: string; imports: string[] };
  routes: Record<string, { id: string; module: string; imports?: string[]; css?: string[] }>;
};

/**
 * The client files only admin routes use: each admin route's module, imports and CSS, less whatever the
 * entry, the root or a public route uses too. From the build's full manifest (the page's own
 * window.__reactRouterManifest holds only the routes it has discovered).
 */
async function listAdminOnlyFiles(): Promise<Set<string>> {
  const assets = join(await buildPrivateCopy(), "build/client/assets");
  const file = readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error(`no React Router manifest in ${assets}`);
  const text = readFileSync(join(assets, file), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as BuildManifest;
  const filesOf = (route: BuildManifest["routes"][string]) => [route.module, ...(route.imports ?? []), ...(route.css ?? [])];
  const routes = Object.values(manifest.routes);
  const { module: entryFile, imports: entryImports } = manifest.entry;
  const shared = new Set([entryFile, ...entryImports, ...routes.filter((r) => !r.id.startsWith("routes/admin/")).flatMap(filesOf)]);
  return new Set(routes.filter((r) => r.id.startsWith("routes/admin/")).flatMap(filesOf).filter((f) => !shared.has(f)));
}

/** The build's scripts that hold Chart.js: proof that the mark searched for is a real one. */
async function listChartJsFiles(): Promise<string[]> {
  const assets = join(await buildPrivateCopy(), "build/client/assets");
  return readdirSync(assets).filter((f) => f.endsWith(".js") && readFileSync(join(assets, f), "utf8").includes(CHART_JS_MARK));
}

async function paintedWithoutScripts(browser: Browser, server: BenchServer, path: string, texts: { title: string; first: string }) {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  const visible = async (text: string) => page.getByText(text, { exact: false }).first().isVisible().catch(() => false);
  const result = { title: await visible(texts.title), first: await visible(texts.first) };
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, "bench-respondent-no-javascript.png") });
  await context.close();
  return result;
}

export async function run(): Promise<void> {
  const t = await createTestDb();
  let server: BenchServer | undefined;
  let browser: Browser | undefined;
  try {
    const round = await createRoundFixture(t.db, "bench-weight");
    server = await startBuiltServer({ databasePath: t.path });
    browser = await launchBrowser();
    const path = `/s/${round.eitToken}`;
    const { files, named } = await loadWithScripts(browser, server, path);

    const adminOnly = await listAdminOnlyFiles();
    const adminDownloaded = files.filter((f) => adminOnly.has(f.url.split("?")[0]!));
    const chartDownloaded = files.filter((f) => f.kind === "js" && f.text.includes(CHART_JS_MARK));

    const sum = (list: Downloaded[], key: "bytes" | "gzipBytes" | "brotliBytes" | "wireBytes") => list.reduce((n, f) => n + f[key], 0);
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    printTable(
      [...files]
        .sort((a, b) => b.gzipBytes - a.gzipBytes)
        .map((f) => ({ file: f.url.replace(/^\/assets\//, ""), kind: f.kind, "KB": kb(f.bytes), "KB gzip -9": kb(f.gzipBytes), "KB sent (encoding)": `${kb(f.wireBytes)} (${f.encoding})`, "named in HTML": f.named ? "yes" : "no (dynamic)" })),
    );
    const js = files.filter((f) => f.kind === "js");
    const css = files.filter((f) => f.kind === "css");
    const namedFiles = files.filter((f) => f.named);
    const total = sum(files, "gzipBytes");
    printTable([
      { what: "JS", files: js.length, KB: kb(sum(js, "bytes")), "KB gzip -9": kb(sum(js, "gzipBytes")) },
      { what: "CSS", files: css.length, KB: kb(sum(css, "bytes")), "KB gzip -9": kb(sum(css, "gzipBytes")) },
      { what: "named in the HTML (baseline)", files: namedFiles.length, KB: kb(sum(namedFiles, "bytes")), "KB gzip -9": kb(sum(namedFiles, "gzipBytes")) },
      { what: "all the phone downloaded", files: files.length, KB: kb(sum(files, "bytes")), "KB gzip -9": kb(total) },
    ]);
    console.log(
      `sent by the server to this Chromium: ${kb(sum(files, "wireBytes"))} KB (${[...new Set(files.map((f) => f.encoding))].join(", ")}); the same files with Brotli at quality 11: ${kb(sum(files, "brotliBytes"))} KB`,
    );
    console.log(`files the HTML names that were not downloaded: ${[...named].filter((u) => !files.some((f) => f.url === u)).join(", ") || "none"}`);
    console.log(
      `admin code among them: ${adminDownloaded.length + chartDownloaded.length === 0 ? "none" : [...adminDownloaded, ...chartDownloaded].map((f) => f.url).join(", ")} (of ${adminOnly.size} admin-only files in the build's manifest; Chart.js, in ${(await listChartJsFiles()).join(", ") || "no file"}, searched for in every script)`,
    );

    const texts = firstScreenTexts(getSurveyJson("ita-2565", "eit"));
    const painted = await paintedWithoutScripts(browser, server, path, texts);
    console.log(
      `with JavaScript off: survey title "${texts.title}" ${painted.title ? "visible" : "NOT visible"}; first element "${texts.first}" ${painted.first ? "visible" : "NOT visible"} (screenshot test-results/screenshots/bench-respondent-no-javascript.png)`,
    );
    const noAdmin = adminDownloaded.length + chartDownloaded.length === 0;
    console.log(
      `JS + CSS: ${kb(total)} KB gzip (target ≤ ${LIMIT_KB} KB: ${total / 1024 <= LIMIT_KB ? "met" : "MISSED"}); ` +
        `no admin code: ${noAdmin ? "met" : "MISSED"}; first screen painted before the scripts run: ${painted.first ? "met" : "MISSED"}`,
    );
  } finally {
    await browser?.close();
    await server?.stop();
    await t.close();
  }
}
