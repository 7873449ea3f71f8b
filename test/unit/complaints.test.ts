/**
 * The pure parts of complaints (issue 16): what an attachment is by its bytes, a file name made safe and its
 * Content-Disposition, the tracking code's spelling and constant-time match, who sees which case, when a
 * case is overdue, and the statistics of a fiscal year.
 */
import { describe, expect, it } from "vitest";
import { secondFactorRequired } from "../../app/auth/second-factor.server";
import { attachmentDisposition, cleanFileName, detectAttachmentType } from "../../app/lib/attachment-type";
import { complaintListScope, complaintVisibility } from "../../app/services/complaints/access";
import { overdueOf } from "../../app/services/complaints/cases.server";
import { computeComplaintStatistics } from "../../app/services/complaints/statistics";
import { chooseFiscalYear } from "../../app/services/complaints/statistics.server";
import { formatTrackingCode, generateTrackingCode, hashTrackingCode, matchTrackingHash, normalizeTrackingCode } from "../../app/services/complaints/tracking-code.server";
import { makePdf, makePng } from "../support/complaints";

const text = (s: string) => new TextEncoder().encode(s);

describe("attachments", () => {
  it("are a PDF, a JPEG or a PNG by their bytes, whatever they are called", () => {
    expect(detectAttachmentType(makePdf())).toBe("application/pdf");
    expect(detectAttachmentType(makePng())).toBe("image/png");
    expect(detectAttachmentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]))).toBe("image/jpeg");
    // A PDF cut short has no end marker; an HTML page, an SVG, a GIF, nothing at all are none of the three.
    expect(detectAttachmentType(makePdf().slice(0, 200))).toBeNull();
    expect(detectAttachmentType(text("<!doctype html><script>alert(1)</script>"))).toBeNull();
    expect(detectAttachmentType(text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeNull();
    expect(detectAttachmentType(text("GIF89a\u0001\u0000\u0001\u0000"))).toBeNull();
    expect(detectAttachmentType(new Uint8Array())).toBeNull();
    expect(detectAttachmentType(text("%PDF-"))).toBeNull();
  });

  it("keep a clean name: no path, no control or direction character, at most 120 characters", () => {
    expect(cleanFileName("C:\\Users\\สมชาย\\ใบเสร็จ.pdf")).toBe("ใบเสร็จ.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("photo\u202egpj.exe")).toBe("photogpj.exe");
    expect(cleanFileName("a\r\nb\u0000.png")).toBe("ab.png");
    expect([...cleanFileName("ก".repeat(300))]).toHaveLength(120);
    expect(cleanFileName("\u0000\u0001")).toBe("");
  });

  it("download as attachments whose name cannot end the header or add one", () => {
    const header = attachmentDisposition(`x"; filename=evil.html`, `ใบเสร็จ"; a=b\r\nSet-Cookie: x.pdf`);
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('"').length).toBe(3);
    expect(decodeURIComponent(header.split("''")[1]!)).toBe(`ใบเสร็จ"; a=b\r\nSet-Cookie: x.pdf`);
  });
});

describe("tracking codes", () => {
  it("are printed in four groups and read back however a person types them", () => {
    const code = generateTrackingCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    const printed = formatTrackingCode(code);
    expect(printed).toMatch(/^.{4}-.{4}-.{4}-.{4}$/);
    expect(normalizeTrackingCode(printed)).toBe(code);
    expect(normalizeTrackingCode(` ${printed.toLowerCase().replace(/-/g, " ")} `)).toBe(code);
    // Crockford's reading: O is zero, I and L are one.
    expect(normalizeTrackingCode("O1IL-abcd")).toBe("0111ABCD");
  });

  it("match by the whole hash, and compare even when nothing was found", () => {
    const hash = hashTrackingCode("0123456789ABCDEF");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashTrackingCode("0123456789ABCDEF")).toBe(hash);
    const row = { id: 1, trackingHash: hash };
    const sameLookup = { id: 2, trackingHash: `${hash.slice(0, 16)}${"0".repeat(48)}` };
    expect(matchTrackingHash(hash, [sameLookup, row])).toBe(row);
    expect(matchTrackingHash(hash, [sameLookup])).toBeUndefined();
    expect(matchTrackingHash(hash, [])).toBeUndefined();
  });
});

describe("who sees a complaint", () => {
  const admin = { role: "admin" as const, unitId: null };
  const finance = { role: "complaints" as const, unitId: 3 };
  const viewer = { role: "viewer" as const, unitId: null };
  const manager = { role: "manager" as const, unitId: null };
  it.each([
    [admin, null, "case-and-contact"],
    [admin, 4, "case-and-contact"],
    [finance, null, "case"],
    [finance, 3, "case-and-contact"],
    [finance, 4, "none"],
    [{ role: "complaints" as const, unitId: null }, 3, "none"],
    [viewer, null, "none"],
    [manager, 3, "none"],
  ] as const)("%o, a case of unit %s: %s", (user, unitId, expected) => {
    expect(complaintVisibility(user, { unitId })).toBe(expected);
  });
  it("an agency that requires a second factor of its admins and managers requires it of its complaint handlers too", () => {
    expect(secondFactorRequired({ required: 1, role: "complaints" })).toBe(true);
    expect(secondFactorRequired({ required: 1, role: "viewer" })).toBe(false);
    expect(secondFactorRequired({ required: 0, role: "complaints" })).toBe(false);
  });
  it("lists: all for admins, a handler's own and unassigned, none for the others", () => {
    expect(complaintListScope(admin)).toBe("all");
    expect(complaintListScope(finance)).toEqual({ unitId: 3 });
    expect(complaintListScope(viewer)).toBeNull();
    expect(complaintListScope(manager)).toBeNull();
  });
});

describe("overdue", () => {
  const c = { acknowledgeDueOn: "2027-03-30", decideDueOn: "2027-05-14" };
  it.each([
    ["received", "2027-03-30", null],
    ["received", "2027-03-31", { acknowledge: true, decide: false, days: 1 }],
    ["under-review", "2027-04-20", null],
    ["in-progress", "2027-05-20", { acknowledge: false, decide: true, days: 6 }],
    ["received", "2027-05-15", { acknowledge: true, decide: true, days: 1 }],
    ["closed", "2028-01-01", null],
  ] as const)("a %s case on %s", (status, today, expected) => {
    expect(overdueOf({ ...c, status }, today)).toEqual(expected);
  });
});

describe("statistics of a fiscal year", () => {
  const range = { fiscalYear: 2570, startsOn: "2026-10-01", endsOn: "2027-09-30" };
  it("count received = finished + in progress, by type and by month, outcomes of the finished", () => {
    const s = computeComplaintStatistics(
      [
        { kind: "bribery", status: "closed", outcome: "upheld", receivedOn: "2026-10-01" },
        { kind: "bribery", status: "in-progress", outcome: null, receivedOn: "2026-10-31" },
        { kind: "other", status: "received", outcome: null, receivedOn: "2027-09-30" },
        { kind: "gone-type", status: "closed", outcome: "withdrawn", receivedOn: "2027-02-14" },
        { kind: "bribery", status: "closed", outcome: "upheld", receivedOn: "2026-09-30" }, // the year before
      ],
      range,
    );
    expect([s.received, s.finished, s.inProgress, s.none]).toEqual([4, 2, 2, false]);
    expect(s.byKind.find((k) => k.code === "bribery")).toEqual({ code: "bribery", received: 2, finished: 1, inProgress: 1 });
    // A type no longer offered still counts, under its own code.
    expect(s.byKind.find((k) => k.code === "gone-type")).toEqual({ code: "gone-type", received: 1, finished: 1, inProgress: 0 });
    expect(s.byMonth.map((m) => m.month)).toEqual(["2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06", "2027-07", "2027-08", "2027-09"]);
    expect(s.byMonth[0]).toEqual({ month: "2026-10", received: 2, finished: 1, inProgress: 1 });
    expect(s.byOutcome).toEqual([
      { code: "upheld", count: 1 },
      { code: "not-upheld", count: 0 },
      { code: "referred", count: 0 },
      { code: "withdrawn", count: 1 },
    ]);
  });
  it("say none for a year without a complaint, every row zero", () => {
    const s = computeComplaintStatistics([], range);
    expect([s.received, s.finished, s.inProgress, s.none]).toEqual([0, 0, 0, true]);
    expect(s.byKind.every((k) => k.received === 0)).toBe(true);
    expect(s.byMonth).toHaveLength(12);
  });
  it("choose the year asked for, or the current one for junk", () => {
    expect(chooseFiscalYear("2569", "2027-03-15")).toBe(2569);
    expect(chooseFiscalYear(null, "2027-03-15")).toBe(2570);
    expect(chooseFiscalYear("2026-10-01", "2026-10-01")).toBe(2570);
    for (const junk of ["", "abcd", "1999", "9999", "25690", "-2569", " 2569"]) expect(chooseFiscalYear(junk, "2027-03-15"), junk).toBe(2570);
  });
});
