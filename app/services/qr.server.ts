/**
 * Respondent URLs and their QR codes. A QR code encodes the full public survey URL
 * `${PUBLIC_URL}/s/${token}`, rendered on the server as SVG by `qrcode` with a 4-module quiet zone (the
 * minimum ISO/IEC 18004 asks) and error correction level M (15 %: survives a smudge or a fold on a
 * printed poster while keeping the code coarse enough to scan from a distance).
 */
import QRCode from "qrcode";
import type { Db } from "../../db/client.server";
import { linkTokenExists } from "../../db/queries/links";
import { getPermanentLinkKind } from "../../db/queries/permanent-links";
import type { PermanentLinkKind } from "../../db/schema";
import { getEnv } from "../lib/env.server";

/** The same shape as the respondent pages accept (app/services/submit-response.server.ts). */
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const SVG_FILE = /^([A-Za-z0-9_-]{1,64})\.svg$/;

export function isWellFormedToken(token: string): boolean {
  return TOKEN.test(token);
}

/** The survey URL printed in QR codes and link lists. */
export function surveyUrl(token: string): string {
  return `${getEnv().PUBLIC_URL}/s/${token}`;
}

/** The kiosk URL: the same survey on a shared tablet, which starts over after each respondent. */
export function kioskUrl(token: string): string {
  return `${getEnv().PUBLIC_URL}/k/${token}`;
}

/** The survey URL without the scheme, short enough to type by hand from a poster: "host/s/token". */
export function shortSurveyUrl(token: string): string {
  return surveyUrl(token).replace(/^https?:\/\//, "");
}

/**
 * The permanent URL printed on a counter's poster (/c/) or the agency's staff slips (/staff/): it names
 * no round, so it stays valid for years (app/services/permanent-links.server.ts).
 */
export function permanentUrl(kind: PermanentLinkKind, token: string): string {
  return `${getEnv().PUBLIC_URL}${permanentPath(kind, token)}`;
}

export function permanentPath(kind: PermanentLinkKind, token: string): string {
  return kind === "counter" ? `/c/${token}` : `/staff/${token}`;
}

/** A permanent URL without the scheme, to type by hand from a poster: "host/c/token". */
export function shortPermanentUrl(kind: PermanentLinkKind, token: string): string {
  return permanentUrl(kind, token).replace(/^https?:\/\//, "");
}

export function qrPath(token: string): string {
  return `/qr/${token}.svg`;
}

/**
 * Rendered SVGs by the text they encode (which holds the token and PUBLIC_URL). A cache, not state:
 * every process can make the same SVG again, so nothing here needs sharing between processes
 * (ARCHITECTURE.md §5). Bounded, least recently used out first.
 */
const CACHE_LIMIT = 1_000;
const cache = new Map<string, string>();

export async function renderQrSvg(text: string): Promise<string> {
  const hit = cache.get(text);
  if (hit !== undefined) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const svg = await QRCode.toString(text, { type: "svg", margin: 4, errorCorrectionLevel: "M" });
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(text, svg);
  return svg;
}

/** The number of cached SVGs (for tests of the bound). */
export function qrCacheSize(): number {
  return cache.size;
}

/**
 * The QR code of the link (per-round or permanent) named by a `<token>.svg` file name, or undefined for a
 * malformed name or an unknown token. A paused link keeps its QR code: resuming it never needs a reprint.
 */
export async function getLinkQrSvg(db: Db, file: string | undefined): Promise<string | undefined> {
  const token = SVG_FILE.exec(file ?? "")?.[1];
  if (!token) return undefined;
  if (await linkTokenExists(db, token)) return renderQrSvg(surveyUrl(token));
  // A permanent link's code encodes its permanent URL, the one its poster prints.
  const kind = await getPermanentLinkKind(db, token);
  return kind ? renderQrSvg(permanentUrl(kind, token)) : undefined;
}
