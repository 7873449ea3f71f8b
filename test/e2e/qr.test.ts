/**
 * /qr/<token>.svg against the BUILT server: the SVG, rendered to PNG by Chromium and read back by a real
 * QR decoder (Debian's zbarimg, package zbar-tools), says exactly the link's public URL
 * `${PUBLIC_URL}/s/${token}`; unknown and hostile names are a 404; a paused link keeps its QR code.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoundFixture, type RoundFixture } from "../support/fixtures";
import { launchBrowser } from "../support/browser";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";

let t: TestDb;
let server: RunningServer;
let round: RoundFixture;
let browser: Browser;
let work: string;

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  server = await startServer({ databasePath: t.path });
  browser = await launchBrowser();
  work = mkdtempSync(join(tmpdir(), "prongsai-qr-"));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await t?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Renders an SVG at 600×600 CSS px in Chromium and decodes it with zbarimg; returns the decoded texts. */
async function decodeSvg(svg: string, name: string): Promise<string[]> {
  const page = await browser.newPage({ viewport: { width: 600, height: 600 } });
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff"><div style="width:600px;height:600px">${svg}</div></body></html>`);
    await page.addStyleTag({ content: "svg { display: block; width: 100%; height: 100%; }" });
    const png = join(work, `${name}.png`);
    writeFileSync(png, await page.screenshot({ type: "png" }));
    const out = execFileSync("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return out.split("\n").filter((line) => line !== "");
  } finally {
    await page.close();
  }
}

describe("/qr/<token>.svg", () => {
  it("is an SVG whose QR code decodes to exactly the link's public URL", async () => {
    for (const token of [round.eitToken, round.iitToken]) {
      const response = await fetch(`${server.url}/qr/${token}.svg`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/svg+xml");
      expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
      const svg = await response.text();
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg).not.toMatch(/<script|on\w+=/i);
      // The test server's PUBLIC_URL is its own address (test/support/server.ts).
      expect(await decodeSvg(svg, token)).toEqual([`${server.url}/s/${token}`]);
    }
  });

  it("keeps a paused link's QR code (no reprint when it is resumed)", async () => {
    const response = await fetch(`${server.url}/qr/${round.pausedToken}.svg`);
    expect(response.status).toBe(200);
    expect(await decodeSvg(await response.text(), "paused")).toEqual([`${server.url}/s/${round.pausedToken}`]);
  });

  it("answers the same bytes twice (served from the cache the second time)", async () => {
    const first = await (await fetch(`${server.url}/qr/${round.eitToken}.svg`)).text();
    const second = await (await fetch(`${server.url}/qr/${round.eitToken}.svg`)).text();
    expect(second).toBe(first);
  });

  it("answers 404 for an unknown token", async () => {
    const response = await fetch(`${server.url}/qr/NoSuchToken12.svg`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).not.toContain("svg");
  });

  const hostile = [
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E.svg",
    "..%2F..%2F..%2Fetc%2Fpasswd.svg",
    "..%5C..%5Cwindows.svg",
    "x%00.svg",
    "x'%20OR%20'1'%3D'1.svg",
    "%E0%B8%81%E0%B8%82.svg",
    `${"A".repeat(65)}.svg`,
    ".svg",
    "TOKEN", // no .svg
    "TOKEN.svg.svg",
    "TOKEN.SVG",
    "TOKEN.png",
    "TOKEN%20.svg",
    "TOKEN.svg%0d%0aSet-Cookie:%20x=1",
  ];

  it.each(hostile)("answers 404 for /qr/%s", async (file) => {
    const response = await fetch(`${server.url}/qr/${file.replaceAll("TOKEN", round.eitToken)}`, { redirect: "manual" });
    expect(response.status).toBe(404);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("content-type")).not.toContain("svg");
  });
});
