/**
 * Small HTTP helpers for endpoints: JSON errors with a Thai and an English message, and a body reader
 * that stops at a size limit instead of buffering whatever a client sends.
 */

export interface ApiError {
  status: number;
  /** Thai first: the message a person reads. */
  message: string;
  messageEn: string;
  fields?: Record<string, { th: string; en: string }>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messageTh: string,
    readonly messageEn: string,
    readonly fields?: ApiError["fields"],
  ) {
    super(messageEn);
  }

  toApiError(): ApiError {
    const body: ApiError = { status: this.status, message: this.messageTh, messageEn: this.messageEn };
    if (this.fields) body.fields = this.fields;
    return body;
  }

  toResponse(): Response {
    return Response.json(this.toApiError(), { status: this.status, headers: { "Cache-Control": "no-store" } });
  }
}

const DRAIN_FACTOR = 16;

export function bodyTooLarge(limitBytes: number): HttpError {
  return new HttpError(
    413,
    `ข้อมูลที่ส่งมีขนาดใหญ่เกินไป (เกิน ${Math.round(limitBytes / 1024)} KB)`,
    `The request body is too large (over ${Math.round(limitBytes / 1024)} KB).`,
  );
}

/** Reads a request body as text, refusing with 413 once it passes `limitBytes`. */
export async function readBodyLimited(request: Request, limitBytes: number): Promise<string> {
  const tooLarge = () => bodyTooLarge(limitBytes);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      // Read on (and discard) a little longer, so the client gets its 413 instead of a reset
      // connection; past DRAIN_FACTOR × the limit, cut the hostile upload off.
      if (total > limitBytes * DRAIN_FACTOR) {
        await reader.cancel();
        throw tooLarge();
      }
      continue;
    }
    chunks.push(value);
  }
  if (total > limitBytes) throw tooLarge();
  return decodeUtf8Body(chunks, total);
}

/** The chunks of a body, `total` bytes in all, as text; a 400 when they are not UTF-8. */
export function decodeUtf8Body(chunks: readonly Uint8Array[], total: number): string {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "ข้อมูลที่ส่งไม่ใช่ข้อความ UTF-8", "The request body is not valid UTF-8.");
  }
}

/**
 * request.formData(), or null when the body is not a form that can be read (a body sent as text/plain
 * or JSON, junk bytes): the caller answers 400 instead of the 500 that the thrown TypeError would be.
 */
export async function readFormData(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}
