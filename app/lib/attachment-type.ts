/**
 * What a complaint's attachment is, decided from its bytes (issue 16): a PDF, a JPEG or a PNG, nothing
 * else. The file's name and the browser's Content-Type say what the sender claims — an HTML page named
 * "evidence.pdf", an SVG (which can carry script) named "photo.png" — the bytes say what it is.
 */
import type { ComplaintAttachmentType } from "../../db/schema";
import { detectLogoType } from "./image-type";

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const EOF_MARK = [0x25, 0x25, 0x45, 0x4f, 0x46]; // "%%EOF"

function hasAt(bytes: Uint8Array, at: number, marker: number[]): boolean {
  return marker.every((b, i) => bytes[at + i] === b);
}

/**
 * "application/pdf" when the file starts with "%PDF-" and has an end-of-file marker ("%%EOF") in its last
 * kilobyte (a cut upload has none; generators may add a line or two after it); "image/jpeg" or
 * "image/png" as app/lib/image-type.ts decides them; null for anything else.
 */
export function detectAttachmentType(bytes: Uint8Array): ComplaintAttachmentType | null {
  if (bytes.length >= 16 && hasAt(bytes, 0, PDF_HEADER)) {
    for (let i = bytes.length - EOF_MARK.length; i >= Math.max(0, bytes.length - 1024); i--) if (hasAt(bytes, i, EOF_MARK)) return "application/pdf";
    return null;
  }
  return detectLogoType(bytes);
}

/** The extension a file of that type is saved with. */
export function extensionOf(mediaType: ComplaintAttachmentType): string {
  return mediaType === "application/pdf" ? "pdf" : mediaType === "image/png" ? "png" : "jpg";
}

/**
 * A file name as a device sent it, made safe to keep and to show: the last part of a path only, no
 * control or format character (a right-to-left override could make "gpj.exe" read "exe.jpg"), at most
 * 120 characters; "" when nothing is left.
 */
export function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? "";
  return [...last.replace(/[\p{Cc}\p{Cf}]/gu, "").trim()].slice(0, 120).join("");
}

/**
 * The Content-Disposition of a download: `attachment` (never shown in the browser's own page), an ASCII
 * name for old clients and the real name encoded as RFC 5987 says (filename*=UTF-8''…), so that no quote,
 * semicolon or line break in a complainant's file name can end the header or add one.
 */
export function attachmentDisposition(asciiName: string, utf8Name: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\;]/g, "_");
  const encoded = encodeURIComponent(utf8Name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
