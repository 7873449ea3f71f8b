/**
 * The security headers of every response (app/server/app.server.ts): a Content-Security-Policy with a fresh nonce
 * per response, no framing, no MIME sniffing, no referrer, no powerful browser features, HSTS when the
 * installation is served over https; and which responses no cache may keep (mustNotBeStored).
 */
import { randomBytes } from "node:crypto";

/** 128 random bits per response, as the CSP spec asks of a nonce. */
export function createCspNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * What each page needs, and nothing more:
 * - scripts: our own bundles from /assets ('self') and React Router's inline hydration scripts, which
 *   carry the nonce (app/entry.server.tsx gives it to <ServerRouter nonce>, and from there to <Scripts>,
 *   <ScrollRestoration> and the streamed data). No 'unsafe-inline', no 'unsafe-eval': SurveyJS and
 *   Chart.js need neither.
 * - styles: our stylesheets ('self'), and inline style *attributes* (style-src-attr) because a few
 *   components size bars and colour level badges with a computed `style`; inline <style> elements stay
 *   refused. SurveyJS's theme CSS is the static /survey-theme.css (its generated <style> is switched off).
 * - images: 'self' and data: URLs (SurveyJS's stylesheet draws its checkmarks and arrows as data: SVG).
 * - fonts: the self-hosted Sarabun files only.
 * - connect: the answers endpoint and React Router's data requests, all same-origin.
 * - frame-ancestors 'none': no page is ever framed, the kiosk included. The kiosk runs as a full-screen
 *   top-level page on the counter's tablet (kiosk-app.tsx asks for full screen), so it needs no frame, and
 *   a framed survey or sign-in page is exactly what a clickjacking page would want.
 * - form-action 'self', base-uri 'none', object-src 'none': forms post to us only, no <base> rewrite,
 *   no plugins.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The headers set on every response, static files and errors included. Referrer-Policy same-origin:
 * survey URLs carry the link token (and a slip's QR may carry an access code), which must not leak to
 * any other site a page links to; our own server gets it (its request log keeps no Referer). Not
 * no-referrer: under it a browser sends `Origin: null` with a form's POST, and React Router refuses an
 * action from an Origin not the page's own, so every form posted before its scripts had loaded (or with
 * JavaScript off) failed with a 400. Permissions-Policy: no page uses the camera, microphone, location,
 * payment or USB; full screen is allowed for our own pages only (the kiosk).
 */
export function securityHeaders(nonce: string, options: { https: boolean } = { https: false }): Record<string, string> {
  return {
    // Only when PUBLIC_URL is https (issue 14): the installation is then reached through TLS (its own or a
    // proxy's), and a browser that saw it once never tries plain http for a year. On an http installation
    // (a test machine, an intranet without certificates) it would lock the browser out, so it is absent.
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), " +
      "accelerometer=(), gyroscope=(), magnetometer=(), display-capture=(), fullscreen=(self)",
    // No other site's window keeps a handle on ours (a survey opened from a link cannot be scripted).
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}

/**
 * The signed-in pages and the sign-in pages, with their data requests (`/admin.data`,
 * `/admin/rounds/1.data`) and resources (exports, the PDF, the OIT template): everything under /admin and
 * /operator, and /sign-in, /sign-out. The agency logo (/logo/:slug) is public and cached on purpose.
 */
const SIGNED_IN_OR_SIGN_IN = /^\/(admin|operator|sign-in|sign-out)(\.data$|\/|$)/;

/**
 * Whether a response must carry `Cache-Control: no-store` whatever its route says (issue 14): every
 * answer to a POST (or any method but GET and HEAD), and every signed-in or sign-in page. A browser then
 * keeps no copy of a report or a one-time password, and after sign-out its back button asks the server
 * again (and is sent to sign-in). The path is read as React Router matches it: decoded, case-insensitive,
 * repeated slashes as one, so that `/%61dmin` or `/Admin` is no way round it. The respondent pages keep
 * their own caching (app/server/respondent-page-cache.server.ts).
 */
export function mustNotBeStored(method: string, url: string): boolean {
  if (method !== "GET" && method !== "HEAD") return true;
  let path = url.split(/[?#]/, 1)[0] ?? "";
  try {
    path = decodeURIComponent(path);
  } catch {
    // Not decodable: React Router refuses it, and the raw path is checked as it is.
  }
  return SIGNED_IN_OR_SIGN_IN.test(path.replace(/\/{2,}/g, "/").toLowerCase());
}
