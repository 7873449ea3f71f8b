/**
 * The public complaint form as posted (multipart: it carries files), checked at the boundary (issue 16):
 * every wrong field at once, each with a Thai and an English message, and the status that tells the story —
 * 413 for a file over 5 MB, 415 for a file that is not a PDF, a JPEG or a PNG by its bytes (an HTML page
 * named .pdf, an SVG), 400 for anything else (a fourth file, a missing description, text over 10,000
 * characters, a field sent twice). Nothing is stored unless everything passes.
 */
import { createHash } from "node:crypto";
import type { ComplaintAttachmentType } from "../../../db/schema";
import { cleanFileName, detectAttachmentType, extensionOf } from "../../lib/attachment-type";
import { stripJpegMetadata, stripPngMetadata } from "../../lib/image-metadata";
import { HttpError } from "../../lib/http";
import { COMPLAINT_LIMITS, isComplaintKind, type ComplaintKind } from "./kinds";

type Localized = { th: string; en: string };
export type FieldErrors = Record<string, Localized>;

export interface ComplaintAttachmentInput {
  position: number;
  fileName: string;
  mediaType: ComplaintAttachmentType;
  bytes: Uint8Array;
  sha256: string;
}

export interface ComplaintInput {
  formKey: string;
  kind: ComplaintKind;
  what: string;
  happened: string;
  place: string;
  persons: string;
  /** null: anonymous (whatever contact fields were also sent, none is kept). */
  contact: { name: string; phone: string; email: string } | null;
  attachments: ComplaintAttachmentInput[];
}

/** The text fields, to show the form again as it was after a refusal (never the files). */
export const TEXT_FIELDS = ["formKey", "kind", "what", "happened", "place", "persons", "identity", "contactName", "contactPhone", "contactEmail"] as const;

const FORM_KEY = /^[A-Za-z0-9_-]{16,64}$/;
const PHONE = /^[0-9+()\-\s.]{6,40}$/;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

const M = {
  repeated: { th: "ส่งข้อมูลช่องเดียวกันมาซ้ำ กรุณาส่งจากแบบฟอร์มอีกครั้ง", en: "A field was sent more than once; please send the form again." },
  notText: { th: "ข้อมูลในช่องนี้ไม่ถูกต้อง", en: "This field is not valid." },
  formKey: { th: "แบบฟอร์มนี้หมดอายุ กรุณาเปิดหน้าแบบฟอร์มใหม่แล้วส่งอีกครั้ง", en: "This form has expired; please open the form again and send it." },
  kind: { th: "กรุณาเลือกประเภทของเรื่องที่ร้องเรียน", en: "Please choose what the complaint is about." },
  whatMissing: { th: "กรุณาเล่าเรื่องที่เกิดขึ้น", en: "Please tell what happened." },
  whatLong: { th: `เล่าเรื่องได้ไม่เกิน ${COMPLAINT_LIMITS.textMax.toLocaleString("en")} ตัวอักษร`, en: `At most ${COMPLAINT_LIMITS.textMax.toLocaleString("en")} characters.` },
  happenedMissing: { th: "กรุณาบอกว่าเกิดขึ้นเมื่อใด (โดยประมาณก็ได้)", en: "Please say when it happened (roughly is fine)." },
  placeMissing: { th: "กรุณาบอกว่าเกิดขึ้นที่ใด", en: "Please say where it happened." },
  shortLong: { th: `ช่องนี้ยาวได้ไม่เกิน ${COMPLAINT_LIMITS.shortMax} ตัวอักษร`, en: `At most ${COMPLAINT_LIMITS.shortMax} characters here.` },
  personsLong: { th: `ช่องนี้ยาวได้ไม่เกิน ${COMPLAINT_LIMITS.personsMax.toLocaleString("en")} ตัวอักษร`, en: `At most ${COMPLAINT_LIMITS.personsMax.toLocaleString("en")} characters here.` },
  identity: { th: "กรุณาเลือกว่าจะไม่ระบุตัวตน หรือให้ข้อมูลติดต่อกลับ", en: "Please choose: anonymous, or with contact details." },
  nameMissing: { th: "กรุณากรอกชื่อ หรือเลือกไม่ระบุตัวตน", en: "Please give your name, or choose to stay anonymous." },
  nameLong: { th: `ชื่อยาวได้ไม่เกิน ${COMPLAINT_LIMITS.nameMax} ตัวอักษร`, en: `At most ${COMPLAINT_LIMITS.nameMax} characters.` },
  reachMissing: { th: "กรุณากรอกหมายเลขโทรศัพท์หรืออีเมลอย่างน้อยหนึ่งช่อง", en: "Please give a phone number or an e-mail address." },
  phone: { th: "หมายเลขโทรศัพท์ไม่ถูกต้อง (ตัวเลข 9–15 หลัก)", en: "The phone number is not valid (9–15 digits)." },
  email: { th: "อีเมลไม่ถูกต้อง", en: "The e-mail address is not valid." },
  tooManyFiles: {
    th: `แนบไฟล์ได้ไม่เกิน ${COMPLAINT_LIMITS.files} ไฟล์`,
    en: `At most ${COMPLAINT_LIMITS.files} files.`,
  },
} as const satisfies Record<string, Localized>;

const INVALID: Localized = {
  th: "ข้อมูลบางช่องยังไม่ถูกต้อง กรุณาแก้ไขช่องที่มีข้อความสีแดง เรื่องยังไม่ได้ถูกส่ง",
  en: "Some fields are not valid; please correct the ones marked in red. The complaint has not been sent.",
};

function fileTooLarge(name: string, bytes: number): Localized {
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return { th: `ไฟล์ "${name}" ใหญ่เกินไป (${mb} MB) แต่ละไฟล์ได้ไม่เกิน 5 MB`, en: `"${name}" is too large (${mb} MB); each file may be at most 5 MB.` };
}

function fileWrongType(name: string): Localized {
  return {
    th: `ไฟล์ "${name}" ไม่ใช่ PDF, JPEG หรือ PNG (ตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์)`,
    en: `"${name}" is not a PDF, JPEG or PNG file (checked from its content, not its name).`,
  };
}

/** Text as a person typed it: line ends as \n, no control character but line breaks and tabs, trimmed. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").trim();
}

/** Characters as a person counts them (code points), not UTF-16 units. */
export function characterCount(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/**
 * The complaint of a posted form, or an HttpError (400, 413 or 415) with a message per field. `form` is
 * what request.formData() gave; its files are read here.
 */
export async function parseComplaintForm(form: FormData): Promise<ComplaintInput> {
  const errors: FieldErrors = {};
  const text = (name: string): string => {
    const all = form.getAll(name);
    if (all.length > 1) errors[name] = M.repeated;
    const value = all[0];
    if (value === undefined) return "";
    if (typeof value !== "string") {
      errors[name] = M.notText;
      return "";
    }
    return cleanText(value);
  };

  const formKey = text("formKey");
  if (!errors.formKey && !FORM_KEY.test(formKey)) errors.formKey = M.formKey;
  const kind = text("kind");
  if (!errors.kind && !isComplaintKind(kind)) errors.kind = M.kind;
  const what = text("what");
  if (!errors.what && what === "") errors.what = M.whatMissing;
  else if (characterCount(what) > COMPLAINT_LIMITS.textMax) errors.what = M.whatLong;
  const happened = text("happened");
  if (!errors.happened && happened === "") errors.happened = M.happenedMissing;
  else if (characterCount(happened) > COMPLAINT_LIMITS.shortMax) errors.happened = M.shortLong;
  const place = text("place");
  if (!errors.place && place === "") errors.place = M.placeMissing;
  else if (characterCount(place) > COMPLAINT_LIMITS.shortMax) errors.place = M.shortLong;
  const persons = text("persons");
  if (characterCount(persons) > COMPLAINT_LIMITS.personsMax) errors.persons = M.personsLong;

  const identity = text("identity");
  let contact: ComplaintInput["contact"] = null;
  if (!errors.identity && identity !== "anonymous" && identity !== "named") errors.identity = M.identity;
  // Read either way, so that a field sent twice or as a file is refused even when the choice is anonymous.
  const name = text("contactName");
  const phone = text("contactPhone");
  const email = text("contactEmail");
  if (identity === "named") {
    if (!errors.contactName && name === "") errors.contactName = M.nameMissing;
    else if (characterCount(name) > COMPLAINT_LIMITS.nameMax) errors.contactName = M.nameLong;
    if (!errors.contactPhone && !errors.contactEmail && phone === "" && email === "") errors.contactPhone = M.reachMissing;
    const digits = phone.replace(/\D/g, "").length;
    if (phone !== "" && (!PHONE.test(phone) || digits < 9 || digits > 15)) errors.contactPhone = M.phone;
    if (email !== "" && (email.length > COMPLAINT_LIMITS.emailMax || !EMAIL.test(email))) errors.contactEmail = M.email;
    contact = { name, phone, email };
  }

  // Files: a file input left empty sends a part with no name and no bytes; those are not attachments.
  const parts = form.getAll("attachment");
  const files = parts.filter((p): p is File => typeof p !== "string" && (p.size > 0 || p.name !== ""));
  if (parts.some((p) => typeof p === "string" && p !== "")) errors.attachment = M.notText;
  let status = 400;
  const attachments: ComplaintAttachmentInput[] = [];
  if (files.length > COMPLAINT_LIMITS.files) {
    errors.attachment = M.tooManyFiles;
  } else {
    for (const [index, file] of files.entries()) {
      const shownName = cleanFileName(file.name) || `file-${index + 1}`;
      if (file.size > COMPLAINT_LIMITS.fileBytes) {
        errors.attachment = fileTooLarge(shownName, file.size);
        status = 413;
        break;
      }
      const sent = new Uint8Array(await file.arrayBuffer());
      const mediaType = detectAttachmentType(sent);
      // A photo is kept without what the camera wrote in it (where and when, the phone): app/lib/image-metadata.ts.
      const bytes = mediaType === "image/jpeg" ? stripJpegMetadata(sent) : mediaType === "image/png" ? stripPngMetadata(sent) : sent;
      if (!mediaType || !bytes) {
        errors.attachment = fileWrongType(shownName);
        status = 415;
        break;
      }
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      // A name that no longer says what the file is gets the extension of what it is.
      const withExtension = new RegExp(`\\.${extensionOf(mediaType)}$|\\.jpeg$`, "i").test(shownName) ? shownName : `${shownName}.${extensionOf(mediaType)}`;
      attachments.push({ position: index + 1, fileName: withExtension, mediaType, bytes, sha256 });
    }
  }

  if (Object.keys(errors).length > 0) {
    const onlyFiles = Object.keys(errors).every((k) => k === "attachment");
    const message = onlyFiles ? errors.attachment! : INVALID;
    throw new HttpError(onlyFiles ? status : 400, message.th, message.en, errors);
  }
  return { formKey, kind: kind as ComplaintKind, what, happened, place, persons, contact, attachments };
}
