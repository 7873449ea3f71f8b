/**
 * The build's files as the BUILT server sends them (app/server/static-files.server.ts,
 * docs/decisions/build-time-compression.md): the Brotli (quality 11) or gzip (level 9) copy that
 * app/build.mjs wrote beside each file, chosen by the request's Accept-Encoding, with the file's own
 * type, the copy's length and encoding, `Vary: Accept-Encoding`, a year's `immutable` caching for the
 * hashed names under /assets/ and the security headers of every response; decompressed, the bytes are the
 * file's. The server's on-the-fly compression never touches them (no second encoding), and still
 * compresses the pages.
 */
import { readFileSync, statSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseContentCoding } from "../../app/server/static-files.server";
import { createRoundFixture, type RoundFixture } from "../support/fixtures";
import { type RunningServer, startServer } from "../support/server";
import { createTestDb, type TestDb } from "../support/test-db";

const CLIENT = "build/client";

let t: TestDb;
let server: RunningServer;
let round: RoundFixture;

beforeAll(async () => {
  t = await createTestDb();
  round = await createRoundFixture(t.db);
  server = await startServer({ databasePath: t.path });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await t?.close();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request whose body comes back as sent (fetch would decompress it, and choose its own Accept-Encoding). */
function raw(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<RawResponse> {
  const url = new URL(path, server.url);
  return new Promise((done, fail) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.end();
  });
}

/** The files the respondent page names under /assets/: its scripts and stylesheets. */
async function assetsOfTheSurveyPage(): Promise<string[]> {
  const html = (await raw(`/s/${round.eitToken}`)).body.toString("utf8");
  return [...new Set([...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!))];
}

function largest(paths: string[]): string {
  return [...paths].sort((a, b) => statSync(join(CLIENT, b)).size - statSync(join(CLIENT, a)).size)[0]!;
}

function expectSecurityHeaders(response: RawResponse) {
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
  expect(response.headers["x-frame-options"]).toBe("DENY");
}

describe("files compressed at build time", () => {
  it("sends a hashed script as Brotli to a client that accepts it, gzip to one that accepts only gzip, and as it is otherwise", async () => {
    const asset = largest((await assetsOfTheSurveyPage()).filter((p) => p.endsWith(".js")));
    const file = readFileSync(join(CLIENT, asset));
    const cases: [string | undefined, "br" | "gzip" | undefined][] = [
      ["gzip, deflate, br, zstd", "br"],
      ["br", "br"],
      ["gzip, deflate", "gzip"],
      ["gzip", "gzip"],
      ["br;q=0, gzip", "gzip"],
      ["gzip;q=1, br;q=0.5", "gzip"],
      ["*", "br"],
      ["identity", undefined],
      ["deflate", undefined],
      ["*;q=0, identity", undefined],
      [undefined, undefined],
    ];
    for (const [acceptEncoding, expected] of cases) {
      const response = await raw(asset, acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding });
      const label = `Accept-Encoding: ${acceptEncoding ?? "(none)"}`;
      expect(response.status, label).toBe(200);
      expect(response.headers["content-encoding"], label).toBe(expected);
      expect(response.headers["content-type"], label).toMatch(/^(application|text)\/javascript; charset=utf-8$/i);
      expect(response.headers.vary, label).toBe("Accept-Encoding");
      expect(response.headers["cache-control"], label).toBe("public, max-age=31536000, immutable");
      expect(Number(response.headers["content-length"]), label).toBe(response.body.length);
      expectSecurityHeaders(response);
      const decoded = expected === "br" ? brotliDecompressSync(response.body) : expected === "gzip" ? gunzipSync(response.body) : response.body;
      expect(decoded.equals(file), label).toBe(true);
      // The copy made at build time, sent as it is: Brotli at quality 11 and gzip -9, not the quality 4 of the on-the-fly compression.
      if (expected) expect(response.body.equals(readFileSync(join(CLIENT, `${asset}.${expected === "br" ? "br" : "gz"}`))), label).toBe(true);
    }
  });

  it("sends stylesheets the same way, with their own type", async () => {
    const css = (await assetsOfTheSurveyPage()).filter((p) => p.endsWith(".css"));
    expect(css.length).toBeGreaterThan(0);
    for (const asset of css) {
      const file = readFileSync(join(CLIENT, asset));
      const br = await raw(asset, { "accept-encoding": "gzip, deflate, br" });
      expect(br.headers["content-type"], asset).toBe("text/css; charset=utf-8");
      expect(br.headers["content-encoding"], asset).toBe("br");
      expect(brotliDecompressSync(br.body).equals(file), asset).toBe(true);
      const gzip = await raw(asset, { "accept-encoding": "gzip" });
      expect(gzip.headers["content-encoding"], asset).toBe("gzip");
      expect(gunzipSync(gzip.body).equals(file), asset).toBe(true);
    }
  });

  it("answers HEAD with the GET's headers and no body, and a repeated request with 304 by the copy's own ETag", async () => {
    const asset = largest((await assetsOfTheSurveyPage()).filter((p) => p.endsWith(".js")));
    const get = await raw(asset, { "accept-encoding": "br" });
    const head = await raw(asset, { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ["content-type", "content-encoding", "content-length", "vary", "cache-control", "etag"]) expect(head.headers[name], name).toBe(get.headers[name]);
    const gzip = await raw(asset, { "accept-encoding": "gzip" });
    // Two representations, two tags: a cache that holds the gzip copy must not revalidate it with the Brotli copy's.
    expect(gzip.headers.etag).not.toBe(get.headers.etag);
    const again = await raw(asset, { "accept-encoding": "br", "if-none-match": String(get.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("keeps an hour's caching for the files without a hash in their name, and sends a font (compressed already) as it is", async () => {
    const favicon = await raw("/favicon.svg", { "accept-encoding": "gzip, br" });
    expect(favicon.status).toBe(200);
    expect(favicon.headers["cache-control"]).toBe("public, max-age=3600");
    expect(favicon.headers["content-type"]).toBe("image/svg+xml");
    const decoded = favicon.headers["content-encoding"] === "br" ? brotliDecompressSync(favicon.body) : favicon.body;
    expect(decoded.equals(readFileSync(join(CLIENT, "favicon.svg")))).toBe(true);
    expectSecurityHeaders(favicon);

    const css = (await assetsOfTheSurveyPage()).find((p) => /\/root-[^/]+\.css$/.test(p))!;
    const font = /url\((\/assets\/sarabun-thai-400-normal-[^)]+\.woff2)\)/.exec(readFileSync(join(CLIENT, css), "utf8"))?.[1];
    expect(font).toBeTruthy();
    const woff2 = await raw(font!, { "accept-encoding": "gzip, deflate, br" });
    expect(woff2.status).toBe(200);
    expect(woff2.headers["content-type"]).toBe("font/woff2");
    expect(woff2.headers["content-encoding"]).toBeUndefined();
    expect(woff2.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(woff2.body.equals(readFileSync(join(CLIENT, font!)))).toBe(true);
  });

  it("leaves the pages to the on-the-fly compression, and a path that is no file of the build to the routes", async () => {
    const page = await raw(`/s/${round.eitToken}`, { "accept-encoding": "gzip, deflate, br" });
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(page.body).toString("utf8")).toContain("<html");
    for (const path of ["/assets/no-such-file.js", "/assets/%E0%A4%A.js", "/assets/../package.json", "/build/server/index.js"]) {
      const missing = await raw(path, { "accept-encoding": "br" });
      expect(missing.status, path).toBeGreaterThanOrEqual(400);
      expect(missing.status, path).toBeLessThan(500);
      expect(missing.body.toString("utf8"), path).not.toContain("createRequestHandler");
    }
  });
});

describe("choosing the coding", () => {
  it("prefers Brotli at equal weight, follows the client's weights, and falls back to the file", () => {
    expect(chooseContentCoding("gzip, deflate, br", ["br", "gzip"])).toBe("br");
    expect(chooseContentCoding("gzip, deflate, br", ["gzip"])).toBe("gzip");
    expect(chooseContentCoding("gzip, deflate, br", [])).toBe("identity");
    expect(chooseContentCoding("br;q=0.4, gzip;q=0.8", ["br", "gzip"])).toBe("gzip");
    expect(chooseContentCoding("x-gzip", ["br", "gzip"])).toBe("gzip");
    expect(chooseContentCoding("*;q=0.5, br;q=0", ["br", "gzip"])).toBe("gzip");
    expect(chooseContentCoding("BR", ["br", "gzip"])).toBe("br");
    expect(chooseContentCoding("", ["br", "gzip"])).toBe("identity");
    expect(chooseContentCoding(undefined, ["br", "gzip"])).toBe("identity");
  });
});
