/**
 * A complaint's photo loses what the camera wrote into it (app/lib/image-metadata.ts): a JPEG's EXIF, XMP
 * and comments and a PNG's text, eXIf and tIME chunks go; the picture's own bytes stay exactly as sent;
 * a file whose structure does not read is refused (null), never stored unread.
 */
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { stripJpegMetadata, stripPngMetadata } from "../../app/lib/image-metadata";
import { DEMO_LOGO_PNG } from "../../app/seed/demo-logo";

const segment = (marker: number, body: string | number[]) => {
  const bytes = typeof body === "string" ? [...Buffer.from(body, "latin1")] : body;
  const length = bytes.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...bytes];
};

/** A JPEG's structure: SOI, the given segments, a start of scan with "picture" bytes, EOI. */
const jpeg = (...segments: number[][]) =>
  Uint8Array.from([0xff, 0xd8, ...segments.flat(), ...segment(0xda, [1, 1, 0, 0, 63, 0]), 0x12, 0xff, 0x00, 0x34, 0xff, 0xd9]);

const JFIF = segment(0xe0, "JFIF\u0000\u0001\u0001\u0000\u0000\u0001\u0000\u0001\u0000\u0000");
const ICC = segment(0xe2, "ICC_PROFILE\u0000\u0001\u0001colours");
const QUANT = segment(0xdb, Array.from({ length: 65 }, (_, i) => i));
const EXIF = segment(0xe1, "Exif\u0000\u0000GPSLatitude 17.4138 GPSLongitude 102.7870 Make Samsung SerialNumber R58M");
const XMP = segment(0xe1, "http://ns.adobe.com/xap/1.0/\u0000<x:xmpmeta>CreateDate 2026-12-03T09:41:12</x:xmpmeta>");
const IPTC = segment(0xed, "Photoshop 3.0\u0000By-line Somchai");
const COMMENT = segment(0xfe, "taken at the district office");

describe("stripJpegMetadata", () => {
  it("drops EXIF, XMP, IPTC and comments, keeps JFIF, the colour profile, the tables and the scan byte for byte", () => {
    const stripped = stripJpegMetadata(jpeg(JFIF, EXIF, ICC, XMP, QUANT, IPTC, COMMENT))!;
    expect(Buffer.from(stripped)).toEqual(Buffer.from(jpeg(JFIF, ICC, QUANT)));
    const text = Buffer.from(stripped).toString("latin1");
    for (const gone of ["GPS", "Samsung", "2026-12-03", "Somchai", "district office"]) expect(text).not.toContain(gone);
  });

  it("leaves a JPEG without metadata as it was", () => {
    const clean = jpeg(JFIF, QUANT);
    expect(Buffer.from(stripJpegMetadata(clean)!)).toEqual(Buffer.from(clean));
  });

  it("refuses a JPEG whose segments do not read: a length past the end, no start of scan, garbage between segments", () => {
    const cut = jpeg(JFIF, EXIF).subarray(0, 30);
    expect(stripJpegMetadata(cut)).toBeNull();
    expect(stripJpegMetadata(Uint8Array.from([0xff, 0xd8, ...JFIF, ...QUANT]))).toBeNull();
    expect(stripJpegMetadata(Uint8Array.from([0xff, 0xd8, ...JFIF, 0x00, 0x11, ...QUANT]))).toBeNull();
    expect(stripJpegMetadata(Uint8Array.from([0x89, 0x50]))).toBeNull();
  });
});

/** A PNG chunk with its length and CRC. */
function chunk(type: string, data: string): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), Buffer.from(data, "latin1")]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The demo logo with chunks put in after its IHDR (8-byte signature + 25-byte IHDR chunk). */
const withChunks = (...chunks: Buffer[]) => Buffer.concat([DEMO_LOGO_PNG.subarray(0, 33), ...chunks, DEMO_LOGO_PNG.subarray(33)]);

describe("stripPngMetadata", () => {
  it("drops text, eXIf and tIME chunks and gives back the picture exactly as it was", () => {
    const tagged = withChunks(chunk("tEXt", "Author\u0000Somchai"), chunk("eXIf", "MM\u0000*GPS 17.41"), chunk("tIME", "\u0007\u00ea\u000c\u0003\t)\f"), chunk("iTXt", "Comment\u0000\u0000\u0000\u0000\u0000district office"));
    expect(Buffer.from(stripPngMetadata(tagged)!)).toEqual(Buffer.from(DEMO_LOGO_PNG));
  });

  it("refuses a cut PNG", () => {
    expect(stripPngMetadata(DEMO_LOGO_PNG.subarray(0, DEMO_LOGO_PNG.length - 6))).toBeNull();
  });
});
