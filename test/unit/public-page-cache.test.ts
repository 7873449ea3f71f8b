/**
 * Which requests the public page's cache (app/server/public-page-cache.server.ts) may answer from memory:
 * only what renders the same for everyone — GET of /agency/:slug or /agency/:slug/rounds/:roundId, with no
 * query but lang and digits (valid values), no cookie but `lang`, not a bot. Everything else goes on to React
 * Router, which renders it (or refuses it) itself.
 */
import { describe, expect, it } from "vitest";
import { cacheablePublicPageRequest } from "../../app/server/public-page-cache.server";

const CHROME = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
const request = (originalUrl: string, headers: Record<string, string | undefined> = {}, method = "GET") => ({ method, originalUrl, headers: { "user-agent": CHROME, ...headers } });

describe("cacheablePublicPageRequest", () => {
  it.each([
    ["/agency/town", "town", "/agency/town", ""],
    ["/agency/town?lang=en", "town", "/agency/town", "?lang=en"],
    ["/agency/town/rounds/12", "town", "/agency/town/rounds/12", ""],
    ["/agency/tambon-x/rounds/12?lang=th&digits=arabic", "tambon-x", "/agency/tambon-x/rounds/12", "?lang=th&digits=arabic"],
    ["/agency/town/rounds/12?digits=thai", "town", "/agency/town/rounds/12", "?digits=thai"],
  ])("answers %s from memory", (url, slug, pathname, search) => {
    expect(cacheablePublicPageRequest(request(url))).toEqual({ slug, pathname, search, cookie: "" });
    expect(cacheablePublicPageRequest(request(url, { cookie: "lang=en" }))?.cookie).toBe("lang=en");
  });

  it.each([
    "/agency/town?digits=roman",
    "/agency/town?source=official",
    "/agency/town?lang=fr",
    "/agency/town?render=each",
    "/agency/town?lang=en&lang=th&digits=thai",
    "/agency/town.data",
    "/agency/Town",
    "/agency/t",
    "/agency/town/",
    "/agency/town/rounds/",
    "/agency/town/rounds/abc",
    "/agency/town/rounds/1234567890",
    "/agency/town/rounds/1/x",
    "/agency/%74own",
    "/complaints/town",
  ])("leaves %s to React Router", (url) => {
    expect(cacheablePublicPageRequest(request(url))).toBeNull();
  });

  it("leaves a POST, a session or any other cookie, and a bot to React Router", () => {
    expect(cacheablePublicPageRequest(request("/agency/town", {}, "POST"))).toBeNull();
    expect(cacheablePublicPageRequest(request("/agency/town", {}, "HEAD"))).toBeNull();
    expect(cacheablePublicPageRequest(request("/agency/town", { cookie: "prongsai_session=abc" }))).toBeNull();
    expect(cacheablePublicPageRequest(request("/agency/town", { cookie: "lang=th; other=1" }))).toBeNull();
    expect(cacheablePublicPageRequest(request("/agency/town", { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" }))).toBeNull();
  });
});
