/**
 * What the server refuses before a request reaches React Router (app/server/app.server.ts): bodies over the limit
 * or of unknown length, methods the Fetch API cannot carry, and URLs or Host headers that do not make a
 * URL. Each answer is a 4xx with the JSON shape of app/lib/http.ts (Thai first).
 */
import type { IncomingHttpHeaders } from "node:http";
import type { ApiError } from "../lib/http";

/**
 * The largest request body any endpoint reads. The survey answers (64 KB,
 * MAX_SUBMISSION_BYTES in app/services/submit-response.server.ts) and the code check (1 KB) have their
 * own smaller limits; the admin forms are a few KB. The uploads have their own (UPLOAD_PATHS, and the
 * complaint form's COMPLAINT_BODY_LIMIT).
 */
export const MAX_REQUEST_BODY_BYTES = 128 * 1024;

/**
 * The paths that take a file, each with its body limit: the agency settings with the logo (issue 11).
 * The logo may be 512 KB; the limit is higher so that a photo picked by mistake (a phone's is 2–6 MB)
 * reaches the form's own check, which says beside the field how large it was, instead of this guard's 413.
 */
const UPLOAD_PATHS = new Map<string, number>([["/admin/settings", 8 * 1024 * 1024]]);

/**
 * The public complaint form (issue 16): three files of at most 5 MB each, and its text (10,000 characters
 * of Thai are 30 KB in UTF-8; the multipart framing a few hundred bytes a part), so 15 MB and 256 KB. A
 * body over it is refused here, before it is read, with its own message; a single file over 5 MB within
 * it reaches the form's check, which names the file.
 */
export const COMPLAINT_BODY_LIMIT = 15 * 1024 * 1024 + 256 * 1024;
const COMPLAINT_FORM_PATH = /^\/complaints\/[^/]+$/;

/** The body limit of an upload path (its `.data` twin too), or undefined for a path that takes no file. */
function uploadLimitOf(pathname: string): number | undefined {
  // As React Router matches a path: any case, repeated slashes as one.
  const page = pathname.replace(/\/{2,}/g, "/").toLowerCase().replace(/\.data$/, "");
  return UPLOAD_PATHS.get(page) ?? (COMPLAINT_FORM_PATH.test(page) ? COMPLAINT_BODY_LIMIT : undefined);
}

const MULTIPART_TYPE = /^\s*multipart\/form-data\s*;/i;

/**
 * The JSON endpoints read their bodies through readBodyLimited (app/lib/http.ts), which counts the
 * bytes as they stream and answers 413 past its limit: there a body of unknown length (chunked) is
 * bounded too. Every other endpoint reads a form with request.formData(), which buffers whatever comes,
 * so it needs a declared length that this guard can check first.
 */
const STREAM_LIMITED_PATH = /^\/s\/[^/]+\/(answers|code)$/;

const FORM_TYPE = /^\s*application\/x-www-form-urlencoded\s*(;|$)/i;

/** Methods a route may see; Node parses others (TRACE, CONNECT, PROPFIND…) that the Fetch API refuses. */
const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export interface Refusal {
  status: number;
  body: ApiError;
  headers?: Record<string, string>;
}

function refusal(status: number, message: string, messageEn: string, headers?: Record<string, string>): Refusal {
  return { status, body: { status, message, messageEn }, headers };
}

/**
 * Why a request is refused before routing, or null. A body must announce its length (every browser
 * form and fetch with a string body does), so that a body over the limit is refused before a byte of it
 * is read, and a chunked upload cannot stream on without end — except on the JSON endpoints, whose
 * readers stop a chunked body at their own limit (STREAM_LIMITED_PATH).
 */
export function checkRequest(input: {
  method: string;
  url: string;
  /**
   * Express's req.protocol and req.hostname: behind a trusted proxy, from X-Forwarded-Proto and -Host.
   * The hostname is undefined without a Host header, or when X-Forwarded-Host is empty before a comma.
   */
  protocol: string;
  hostname: string | undefined;
  headers: IncomingHttpHeaders;
}): Refusal | null {
  if (!ALLOWED_METHODS.has(input.method)) {
    return refusal(405, "ไม่รองรับวิธีการส่งคำขอนี้", "This request method is not supported.", { Allow: [...ALLOWED_METHODS].join(", ") });
  }
  // A trusted proxy says http or https in X-Forwarded-Proto; anything else is a forged or broken header.
  if (input.protocol !== "http" && input.protocol !== "https") {
    return refusal(400, "ที่อยู่หรือส่วนหัวของคำขอไม่ถูกต้อง", "The request URL or Host header is malformed.");
  }
  // toFetchRequest (app/server/fetch-request.server.ts) calls req.hostname.split(): without a host that is a TypeError, a 500.
  if (!input.hostname) {
    return refusal(400, "ที่อยู่หรือส่วนหัวของคำขอไม่ถูกต้อง", "The request URL or Host header is malformed.");
  }
  let pathname: string;
  try {
    // As toFetchRequest builds the request's URL (its hostname cut at / ? # @ and backslash): a Host such
    // as "a b" would otherwise make it throw, a 500.
    const url = new URL(`${input.protocol}://${input.hostname.split(/[\\/?#@]/)[0] || "localhost"}${input.url}`);
    // Express and the router decode the path; a broken escape such as "/s/%E0%A4%A" must be a 400 here.
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return refusal(400, "ที่อยู่หรือส่วนหัวของคำขอไม่ถูกต้อง", "The request URL or Host header is malformed.");
  }
  const declared = input.headers["content-length"];
  const chunked = input.headers["transfer-encoding"] !== undefined;
  if (chunked && declared === undefined && !STREAM_LIMITED_PATH.test(pathname)) {
    return refusal(411, "ต้องระบุขนาดของข้อมูลที่ส่ง (Content-Length)", "The request must declare its Content-Length.");
  }
  // A form sent by React Router's client goes to the route's data URL (single fetch: /admin/settings.data),
  // a form sent without JavaScript to the page's own path: both are the same upload.
  const uploadLimit = uploadLimitOf(pathname);
  const limit = uploadLimit ?? MAX_REQUEST_BODY_BYTES;
  if (declared !== undefined && Number(declared) > limit && limit === COMPLAINT_BODY_LIMIT) {
    return refusal(
      413,
      "ไฟล์แนบและข้อความรวมกันใหญ่เกินไป แนบได้ไม่เกิน 3 ไฟล์ ไฟล์ละไม่เกิน 5 MB กรุณาเลือกไฟล์ที่เล็กลงแล้วส่งอีกครั้ง",
      "The files and text together are too large: at most 3 files of 5 MB each. Choose smaller files and send again.",
    );
  }
  if (declared !== undefined && Number(declared) > limit) {
    return refusal(
      413,
      `ข้อมูลที่ส่งมีขนาดใหญ่เกินไป (เกิน ${limit / 1024} KB)`,
      `The request body is too large (over ${limit / 1024} KB).`,
    );
  }
  // Every endpoint but the two JSON ones reads a form (request.formData()), and the app's forms are all
  // sent URL-encoded; formData() throws on anything else (text/plain, JSON, a multipart body that does
  // not parse), which would be a 500; the upload paths read theirs through readUploadForm. The JSON endpoints check their own
  // type (415).
  const bodyMethod = input.method !== "GET" && input.method !== "HEAD" && input.method !== "OPTIONS";
  const contentType = input.headers["content-type"] ?? "";
  if (uploadLimit !== undefined && bodyMethod && MULTIPART_TYPE.test(contentType)) return null;
  if (bodyMethod && !STREAM_LIMITED_PATH.test(pathname) && !FORM_TYPE.test(contentType)) {
    return refusal(
      415,
      "ต้องส่งข้อมูลเป็นแบบฟอร์ม (application/x-www-form-urlencoded)",
      "The body must be a URL-encoded form (application/x-www-form-urlencoded).",
    );
  }
  return null;
}
