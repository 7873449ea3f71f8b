/**
 * What an uploaded image is, decided from its bytes (issue 11: "a logo that is a renamed PDF" is refused).
 * A file's name and the browser's Content-Type say what the sender claims; the first bytes say what the
 * file is. Only the two formats every printer, PDF renderer and phone shows are accepted.
 */

export type LogoMediaType = "image/png" | "image/jpeg";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
}

/**
 * "image/png" when the bytes are a PNG (its signature, then the IHDR chunk with a non-zero width and
 * height), "image/jpeg" when they are a JPEG (start-of-image, a marker, and an end-of-image marker near the
 * end), null for anything else — a PDF, an SVG (which could carry script), a GIF, an empty or cut file.
 */
export function detectLogoType(bytes: Uint8Array): LogoMediaType | null {
  if (startsWith(bytes, PNG_SIGNATURE)) {
    // Bytes 8–11 are the first chunk's length (13), 12–15 its type, which must be IHDR.
    if (!startsWith(bytes, [0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52], 8) || bytes.length < 33) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return view.getUint32(16) > 0 && view.getUint32(20) > 0 ? "image/png" : null;
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff]) && bytes.length > 4) {
    // Cameras and editors may pad after the end marker; a cut upload has none.
    const tail = bytes.subarray(Math.max(0, bytes.length - 1024));
    for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return "image/jpeg";
  }
  return null;
}
