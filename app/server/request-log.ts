/**
 * One JSON line per request, without personal data: time, method, the route path with tokens masked,
 * status and duration. Never the client address, the user agent, the query string (it may carry an
 * access code or ?next=) or a cookie.
 */

/**
 * The path segments after these prefixes are link tokens (/s/:token, /k/:token, /qr/:token.svg, and the
 * permanent /c/:token and /staff/:token of issue 11).
 */
const TOKEN_PATH = /^\/(s|k|qr|c|staff)\/[^/]+/;
const MAX_PATH_CHARS = 200;

/** "/s/Ab3…/answers" → "/s/:token/answers"; long junk paths are cut, so a log line stays a line. */
export function maskPath(path: string): string {
  const masked = path.replace(TOKEN_PATH, (_, prefix: string) => `/${prefix}/:token`);
  return masked.length > MAX_PATH_CHARS ? `${masked.slice(0, MAX_PATH_CHARS)}…` : masked;
}

export interface RequestLogLine {
  time: string;
  method: string;
  path: string;
  status: number;
  ms: number;
}

export function formatRequestLog(entry: { at: Date; method: string; path: string; status: number; ms: number }): string {
  const line: RequestLogLine = {
    time: entry.at.toISOString(),
    method: entry.method,
    path: maskPath(entry.path),
    status: entry.status,
    ms: Math.round(entry.ms * 10) / 10,
  };
  return JSON.stringify(line);
}
