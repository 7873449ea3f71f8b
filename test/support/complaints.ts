/**
 * Complaints in tests (issue 16): small real files made here — a PDF with a correct cross-reference table
 * that viewers open, a PNG drawn pixel by pixel with its CRCs and zlib stream — and the public form as the
 * browser sends it (FormData with File parts).
 */
import { crc32, deflateSync } from "node:zlib";

/** A one-page PDF saying `text` (ASCII), with offsets computed, as a PDF writer makes it. */
export function makePdf(text = "Evidence: receipt no. 42"): Uint8Array<ArrayBuffer> {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    (() => {
      const stream = `BT /F1 14 Tf 24 72 Td (${text.replace(/[()\\]/g, "")}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A `width` × `height` RGB PNG with a colour gradient (a "photo"), valid to the CRC. */
export function makePng(width = 64, height = 48): Uint8Array<ArrayBuffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // no filter
    for (let x = 0; x < width; x++) rows.push((x * 4) & 255, (y * 5) & 255, 160);
  }
  return Uint8Array.from(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.from(rows))), chunk("IEND", new Uint8Array())]),
  );
}

/** Files that lie about what they are (issue 16, "must be shown"). */
export const LYING_FILES = {
  htmlNamedPdf: () => new File([`<!doctype html><script>alert(document.cookie)</script><p>evidence</p>`], "evidence.pdf", { type: "application/pdf" }),
  svg: () => new File([`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`], "photo.png", { type: "image/png" }),
  /** A real PDF of 6 MB (padded with a comment before its end), over the 5 MB limit. */
  sixMegabytes: () => {
    const pdf = makePdf();
    const padding = new Uint8Array(6 * 1024 * 1024).fill(0x20);
    padding[0] = 0x25; // "%": a comment line
    return new File([pdf.slice(0, 9), padding, pdf.slice(9)], "big.pdf", { type: "application/pdf" });
  },
};

export interface ComplaintFields {
  formKey?: string;
  kind?: string;
  what?: string;
  happened?: string;
  place?: string;
  persons?: string;
  identity?: "anonymous" | "named";
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
}

let keys = 0;

/** A fresh form key (what the form page gives each visit). */
export function newFormKey(): string {
  keys += 1;
  return `test-form-key-${process.pid}-${keys}`.padEnd(22, "x");
}

/** The public form as a browser posts it: the fields (sensible defaults) and the files. */
export function complaintForm(fields: ComplaintFields = {}, files: File[] = []): FormData {
  const form = new FormData();
  const values: Required<Omit<ComplaintFields, "contactName" | "contactPhone" | "contactEmail">> & ComplaintFields = {
    formKey: newFormKey(),
    kind: "bribery",
    what: "เจ้าหน้าที่ที่ห้องการเงินเรียกเงิน 500 บาทเพื่อเร่งออกใบอนุญาต",
    happened: "12 มีนาคม 2570 ช่วงบ่าย",
    place: "ห้องการเงินของเทศบาล",
    persons: "",
    identity: "anonymous",
    ...fields,
  };
  for (const [name, value] of Object.entries(values)) if (value !== undefined) form.append(name, value);
  for (const file of files) form.append("attachment", file);
  return form;
}

export function pdfFile(name = "receipt.pdf"): File {
  return new File([makePdf()], name, { type: "application/pdf" });
}

export function pngFile(name = "photo.png"): File {
  return new File([makePng()], name, { type: "image/png" });
}
