/**
 * A complaint's photo without what the camera wrote about it (issue 16): a phone's JPEG carries in its
 * EXIF block where and when it was taken and the phone's make and serial, which can name an anonymous
 * complainant. Before a photo is stored, the segments and chunks that hold such data are dropped and the
 * picture itself is kept byte for byte.
 *
 * - JPEG: APP1 (EXIF, XMP), APP3–APP13 and APP15 (maker notes, IPTC/Photoshop) and comments go; APP0
 *   (JFIF), APP2 (the ICC colour profile) and APP14 (Adobe's colour transform) stay, because without them
 *   the colours change. Everything from the start of scan on is copied as it is. The EXIF orientation goes
 *   with EXIF, so a photo held sideways may show sideways: the handler can turn it.
 * - PNG: the text chunks (tEXt, zTXt, iTXt), eXIf and tIME go; the picture's chunks stay.
 *
 * A file whose structure does not read as its type says gives null: it is refused, not stored unread.
 * PDFs are not rewritten (their metadata is the author's own document properties); the form says so.
 */

const JPEG_KEPT_APP = new Set([0xe0, 0xe2, 0xee]);
const PNG_DROPPED_CHUNKS = new Set(["tEXt", "zTXt", "iTXt", "eXIf", "tIME"]);
const PNG_SIGNATURE_LENGTH = 8;

/** The JPEG without its metadata segments, or null when its segments do not read. */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    // Fill bytes (0xFF repeated) before a marker are allowed.
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Start of scan: the compressed picture and whatever follows it, copied whole.
    if (marker === 0xda) {
      kept.push(bytes.subarray(at));
      return concat(kept);
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return null;
    const isMetadata = (marker >= 0xe1 && marker <= 0xef && !JPEG_KEPT_APP.has(marker)) || marker === 0xfe;
    if (!isMetadata) kept.push(bytes.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  return null;
}

/** The PNG without its text, EXIF and time chunks, or null when its chunks do not read. */
export function stripPngMetadata(bytes: Uint8Array): Uint8Array | null {
  const kept: Uint8Array[] = [bytes.subarray(0, PNG_SIGNATURE_LENGTH)];
  let at = PNG_SIGNATURE_LENGTH;
  while (at + 12 <= bytes.length) {
    const length = ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!;
    const end = at + 12 + length;
    if (end > bytes.length) return null;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!PNG_DROPPED_CHUNKS.has(type)) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === "IEND") return concat(kept);
  }
  return null;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
