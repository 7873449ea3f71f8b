/**
 * A cache of the agency's public page (GET /agency/:slug and /agency/:slug/rounds/:roundId, issue 17), in
 * front of React Router (app/server/app.server.ts), on the pattern of the respondent page's cache
 * (./respondent-page-cache.server.ts). Why, and how unpublishing is "at once": docs/decisions/public-page.md.
 *
 * - Every view reads the agency's publication stamp (one indexed row: its status, the publication's
 *   version and whether anything is published; db/queries/publication.ts). Unknown, suspended or nothing
 *   published: React Router answers (its 404). So an unpublish, in whichever app process it was made,
 *   takes the page down at the next view everywhere: the version in the key no longer matches.
 * - A page is rendered once per agency, path, language and digits, and kept for PUBLIC_PAGE_FRESH_MS:
 *   the published figures (measures edited, a month of counter answers complete, complaint statistics)
 *   change without a new version, and reach the page within that time.
 * - Only what renders the same for everyone: GET, no query but lang and digits, no cookie but `lang`,
 *   no bot. Each response gets its own CSP nonce (the page is rendered with a placeholder).
 */
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { isbot } from "isbot";
import type { RequestHandler as ReactRouterRequestHandler } from "react-router";
import { randomBytes } from "node:crypto";
import { getPublicPageStamp } from "../../db/queries/publication";
import { getDb } from "../lib/db.server";
import { createRequestContext, type RequestInfo } from "../lib/request-context";
import { onPublicationChanged } from "../services/publication/events";
import { toFetchRequest } from "./fetch-request.server";

/** A few agencies × a few rounds × two languages × two digit forms; pages of ~60 KB. */
export const PUBLIC_PAGE_CACHE_SIZE = 400;
/** How long a rendered page is served before it is rendered again with today's figures. */
export const PUBLIC_PAGE_FRESH_MS = 60_000;

const PATH = /^\/agency\/([a-z0-9-]{2,63})(?:\/rounds\/(\d{1,9}))?$/;
const QUERY = /^(?:\?(?:lang=(?:th|en)|digits=(?:thai|arabic))(?:&(?:lang=(?:th|en)|digits=(?:thai|arabic)))?)?$/;
const LANG_COOKIE_ONLY = /^\s*lang=[^;]*;?\s*$/;

interface CachedPage {
  version: number;
  renderedAt: number;
  status: number;
  headers: [string, string][];
  parts: string[];
}

export interface PublicPageCacheOptions {
  handleRequest: ReactRouterRequestHandler;
  requestInfo: (req: ExpressRequest, nonce: string) => RequestInfo;
  size?: number;
  freshMs?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

/** The slug, path and query of a request this cache may answer, or null. */
export function cacheablePublicPageRequest(req: { method: string; originalUrl: string; headers: Record<string, string | string[] | undefined> }) {
  if (req.method !== "GET") return null;
  const queryAt = req.originalUrl.indexOf("?");
  const pathname = queryAt === -1 ? req.originalUrl : req.originalUrl.slice(0, queryAt);
  const search = queryAt === -1 ? "" : req.originalUrl.slice(queryAt);
  const match = PATH.exec(pathname);
  if (!match || !QUERY.test(search)) return null;
  const cookie = req.headers.cookie;
  if (cookie !== undefined && (typeof cookie !== "string" || !LANG_COOKIE_ONLY.test(cookie))) return null;
  const userAgent = req.headers["user-agent"];
  if (typeof userAgent === "string" && isbot(userAgent)) return null;
  return { slug: match[1]!, pathname, search, cookie: cookie ?? "" };
}

/** Express middleware answering the public pages from memory; everything else goes on to next(). */
export function createPublicPageCache(options: PublicPageCacheOptions) {
  const size = options.size ?? PUBLIC_PAGE_CACHE_SIZE;
  const freshMs = options.freshMs ?? PUBLIC_PAGE_FRESH_MS;
  const now = options.now ?? Date.now;
  const placeholder = `n0nce${randomBytes(12).toString("hex")}`;
  const pages = new Map<string, CachedPage>();

  // A change made in this process frees its pages at once (the others' go by the version).
  onPublicationChanged((change) => {
    for (const key of pages.keys()) if ((JSON.parse(key) as string[])[0] === change.slug) pages.delete(key);
  });

  const send = (res: ExpressResponse, page: CachedPage) => {
    res.status(page.status);
    for (const [name, value] of page.headers) res.append(name, value);
    res.end(page.parts.join(res.locals.cspNonce as string));
  };

  const middleware = async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const request = cacheablePublicPageRequest(req);
    if (!request) return next();
    try {
      const stamp = await getPublicPageStamp(getDb(), request.slug);
      if (!stamp || stamp.status !== "active" || stamp.version === null || (!stamp.complaintStatistics && stamp.publishedRounds === 0)) return next();
      // The cookie is part of the key: the language comes from the query, else from the lang cookie.
      const key = JSON.stringify([request.slug, request.pathname, request.search, request.cookie.trim()]);
      const cached = pages.get(key);
      if (cached && cached.version === stamp.version && now() - cached.renderedAt < freshMs) {
        pages.delete(key);
        pages.set(key, cached);
        return send(res, cached);
      }
      const renderedAt = now();
      const response = await options.handleRequest(toFetchRequest(req, res), createRequestContext(options.requestInfo(req, placeholder)));
      const page: CachedPage = {
        version: stamp.version,
        renderedAt,
        status: response.status,
        headers: [...response.headers.entries()],
        parts: (await response.text()).split(placeholder),
      };
      if (page.status === 200 && response.headers.get("content-type")?.startsWith("text/html")) {
        pages.set(key, page);
        if (pages.size > size) pages.delete(pages.keys().next().value!);
      } else pages.delete(key);
      send(res, page);
    } catch (error) {
      next(error);
    }
  };
  return Object.assign(middleware, { size: () => pages.size });
}
