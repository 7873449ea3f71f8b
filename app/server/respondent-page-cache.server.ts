/**
 * A cache of the respondent page's HTML (GET /s/:token), in front of React Router (app/server/app.server.ts).
 * Why it stays, what keeps it equal to the route, and when to delete it: docs/decisions/respondent-page-cache.md.
 *
 * Why: every view of the survey page ran React Router (a Fetch Request, matching, the loaders, the
 * encoding of the 18 KB survey definition) and React's render of the whole document, 0.02–0.09 of the
 * speed of a static file (docs/performance.md). The page is the same for every respondent of a link
 * in one language, so it is rendered once per link and language and then served from memory.
 *
 * What keeps it exact:
 * - The link is read on every request, through the same query and accepting check as the page's loader
 *   (getAcceptingLinkOrNull). A link that does not accept answers (unknown, paused,
 *   its round closed, its counter paused) is never served from here: React Router renders its 404 or
 *   paused page at once. The key holds every field of the link, so renaming an agency or a counter, or
 *   changing the access mode, renders a new page. A new framework or build is a new process.
 * - Only what renders the same for everyone is cached: GET, no query but ?lang=th|en (an access code
 *   in the query, or anything else, goes to React Router), no cookie but `lang`, no bot user agent (bots
 *   get the whole document at once from entry.server.tsx). The language is read as the route reads it
 *   (langOf, getRequestLang's own rule), and the query is part of the key because ?lang= also sets the lang cookie.
 * - Each response has its own CSP nonce: the page is rendered with a placeholder nonce and the response's
 *   fresh nonce is put in its place in every copy. So has the form's submission id and start stamp
 *   (app/services/form-view.server.ts), rendered with placeholders of their own. Status and headers are React Router's own, replayed
 *   as app/server/react-router-handler.server.ts replays them (the security headers are already set).
 */
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { isbot } from "isbot";
import type { RequestHandler as ReactRouterRequestHandler } from "react-router";
import { randomBytes } from "node:crypto";
import { getDb } from "../lib/db.server";
import { langOf } from "../text/i18n";
import { createRequestContext, type RequestInfo } from "../lib/request-context";
import { getAcceptingLinkOrNull } from "../services/respondent-page-state.server";
import { newFormView } from "../services/form-view.server";
import { toFetchRequest } from "./fetch-request.server";

/** Pages of ~33 KB: 500 entries are at most ~17 MB, more links than one process serves at once. */
export const RESPONDENT_PAGE_CACHE_SIZE = 500;

const PATH = /^\/s\/([A-Za-z0-9_-]{1,64})$/;
const CACHEABLE_QUERIES = new Set(["", "?lang=th", "?lang=en"]);
const LANG_COOKIE_ONLY = /^\s*lang=[^;]*;?\s*$/;

/** What each view fills in: its CSP nonce, and the form's submission id and start stamp. */
type Slot = "nonce" | "submissionId" | "startStamp";

interface CachedPage {
  status: number;
  headers: [string, string][];
  /**
   * The HTML as rendered with the placeholders, split around them, in UTF-8: each view joins the bytes with
   * its own nonce, submission id and start stamp, instead of measuring and encoding ~40 KB of Thai text
   * again (a profile of the respondent page benchmark had Buffer.byteLength of the page string at 8 % of
   * the server's time).
   */
  parts: Buffer[];
  /** What goes between parts[i] and parts[i + 1]. */
  slots: Slot[];
  /** The bytes of the parts, for Content-Length (the slots' are added per view). */
  partsBytes: number;
}

export interface RespondentPageCacheOptions {
  /** React Router's handler, shared with the server's catch-all route. */
  handleRequest: ReactRouterRequestHandler;
  /** The request's context, given the nonce to render with. */
  requestInfo: (req: ExpressRequest, nonce: string) => RequestInfo;
  size?: number;
}

/** The token and query of a request this cache may answer, or null. */
export function cacheableRespondentRequest(req: { method: string; originalUrl: string; headers: Record<string, string | string[] | undefined> }) {
  if (req.method !== "GET") return null;
  const queryAt = req.originalUrl.indexOf("?");
  const pathname = queryAt === -1 ? req.originalUrl : req.originalUrl.slice(0, queryAt);
  const search = queryAt === -1 ? "" : req.originalUrl.slice(queryAt);
  const match = PATH.exec(pathname);
  if (!match || !CACHEABLE_QUERIES.has(search)) return null;
  const cookie = req.headers.cookie;
  if (cookie !== undefined && (typeof cookie !== "string" || !LANG_COOKIE_ONLY.test(cookie))) return null;
  const userAgent = req.headers["user-agent"];
  if (typeof userAgent === "string" && isbot(userAgent)) return null;
  return { token: match[1]!, search, cookie: cookie ?? "" };
}

/** Express middleware answering cacheable respondent pages; everything else goes on to next(). */
export function createRespondentPageCache(options: RespondentPageCacheOptions) {
  const size = options.size ?? RESPONDENT_PAGE_CACHE_SIZE;
  // Alphanumeric, so that no escaping anywhere in the document can change it; random per process, so
  // that no page text can contain it by chance.
  const placeholder = `n0nce${randomBytes(12).toString("hex")}`;
  // The form view's: an id of the submission id's shape, a stamp of any shape (the page only carries it).
  const viewPlaceholder = { submissionId: randomBytes(16).toString("hex"), startStamp: `st4mp${randomBytes(12).toString("hex")}` };
  const placeholders = new RegExp(`(${placeholder}|${viewPlaceholder.submissionId}|${viewPlaceholder.startStamp})`);
  const slotOf: Record<string, Slot> = { [placeholder]: "nonce", [viewPlaceholder.submissionId]: "submissionId", [viewPlaceholder.startStamp]: "startStamp" };
  const pages = new Map<string, CachedPage>();

  const send = (res: ExpressResponse, page: CachedPage) => {
    res.status(page.status);
    for (const [name, value] of page.headers) res.append(name, value);
    const view = newFormView();
    const values: Record<Slot, Buffer> = {
      nonce: Buffer.from(res.locals.cspNonce as string, "latin1"),
      submissionId: Buffer.from(view.submissionId, "latin1"),
      startStamp: Buffer.from(view.startStamp, "latin1"),
    };
    const body = Buffer.allocUnsafe(page.partsBytes + page.slots.reduce((n, slot) => n + values[slot].length, 0));
    let at = 0;
    page.parts.forEach((part, i) => {
      if (i > 0) at += values[page.slots[i - 1]!].copy(body, at);
      at += part.copy(body, at);
    });
    res.end(body);
  };

  const middleware = async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const request = cacheableRespondentRequest(req);
    if (!request) return next();
    try {
      const link = await getAcceptingLinkOrNull(getDb(), request.token);
      if (!link) return next();
      const lang = langOf(new URLSearchParams(request.search), request.cookie);
      const key = JSON.stringify([link, lang, request.search]);
      const cached = pages.get(key);
      if (cached) {
        // Most recently used last, so that the first key is the one to drop.
        pages.delete(key);
        pages.set(key, cached);
        return send(res, cached);
      }
      const response = await options.handleRequest(toFetchRequest(req, res), createRequestContext({ ...options.requestInfo(req, placeholder), formView: viewPlaceholder }));
      const pieces = (await response.text()).split(placeholders);
      const parts = pieces.filter((_, i) => i % 2 === 0).map((part) => Buffer.from(part, "utf8"));
      const page: CachedPage = {
        status: response.status,
        // The length is this server's to say (it differs by the slots'), as for any body it sends.
        headers: [...response.headers.entries()].filter(([name]) => name !== "content-length"),
        parts,
        slots: pieces.filter((_, i) => i % 2 === 1).map((piece) => slotOf[piece]!),
        partsBytes: parts.reduce((n, part) => n + part.length, 0),
      };
      // Only the survey page itself is kept (a link paused between the check and the render is not).
      if (page.status === 200 && response.headers.get("content-type")?.startsWith("text/html")) {
        pages.set(key, page);
        if (pages.size > size) pages.delete(pages.keys().next().value!);
      }
      send(res, page);
    } catch (error) {
      next(error);
    }
  };
  return Object.assign(middleware, { size: () => pages.size });
}
