/**
 * One JSON line per request, without personal data: time, method, the route path with tokens masked,
 * status and duration. Never the client address, the user agent, the query string (it may carry an
 * access code or ?next=) or a cookie.
 *
 * Except for respondents (issue 12): a line per answer, per code check or per survey page gives the time
 * of day of each answer — and with the order of the stored answers, which answer came when; a line for
 * the code check or the staff link marks an IIT respondent. Requests to the respondent paths are only
 * counted, one line per minute with the count and the statuses, and never one per request.
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

/**
 * The public complaint pages (issue 16): the form, the status page, the guideline and the statistics. A
 * line per complaint sent would give its time of day, and with the order of the stored cases, which case
 * came when: an anonymous complaint must stay anonymous. They are counted like the respondents' requests.
 */
const COMPLAINT_PATH = /^\/complaints(\/|\.data$|$)/;

/** The respondent paths: survey pages, answers, code checks, kiosk, QR codes, permanent links, complaints. */
export function isRespondentPath(path: string): boolean {
  return TOKEN_PATH.test(path) || COMPLAINT_PATH.test(matchedPath(path));
}

/** A path as React Router matches it (decoded, any case, repeated slashes as one): `/%43omplaints//x` is no way round. */
function matchedPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Not decodable: React Router refuses it (400), and the raw path is looked at as it is.
  }
  return decoded.replace(/\/{2,}/g, "/").toLowerCase();
}

export interface RespondentMinuteLine {
  /** The minute counted, "2026-12-03T09:21Z". */
  minute: string;
  respondentRequests: number;
  /** How many answered each status, e.g. {"200": 10, "410": 2}. */
  statuses: Record<string, number>;
}

/**
 * Counts respondent requests per minute and writes one line for each minute that had any, when the
 * minute is over (or at flush(), on shutdown). `write` gets the line without its newline.
 */
export function createRespondentCounter(write: (line: string) => void) {
  let minute: string | null = null;
  let statuses: Record<string, number> = {};
  let total = 0;
  const flush = () => {
    if (minute !== null && total > 0) write(JSON.stringify({ minute, respondentRequests: total, statuses } satisfies RespondentMinuteLine));
    minute = null;
    statuses = {};
    total = 0;
  };
  return {
    count(at: Date, status: number) {
      const at_ = `${at.toISOString().slice(0, 16)}Z`;
      if (minute !== at_) flush();
      minute = at_;
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      total += 1;
    },
    /** Writes the minute being counted if it is over by `now` (a timer calls this), or at once with no argument. */
    flush(now?: Date) {
      if (now && minute !== null && `${now.toISOString().slice(0, 16)}Z` === minute) return;
      flush();
    },
  };
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
