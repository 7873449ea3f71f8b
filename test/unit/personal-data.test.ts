/**
 * What a visitor's suggestion loses before it is sealed or stored (app/lib/personal-data.ts, issue 15
 * item 3): phone numbers, Thai citizen ids that pass their check digit, e-mail addresses and LINE ids;
 * a 13-digit number that fails the check, and everything else, stays as written.
 */
import { describe, expect, it } from "vitest";
import { isThaiCitizenId, PERSONAL_DATA_MARKER as X, scrubPersonalData, scrubTextAnswers } from "../../app/lib/personal-data";

/** A citizen id with a valid check digit, made from its first twelve digits (weights 13 … 2, mod 11). */
function withCheckDigit(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (13 - i);
  return twelve + String((11 - (sum % 11)) % 10);
}

const VALID_ID = withCheckDigit("110370012345");
/** The same twelve digits with the wrong last digit: an invoice or a parcel number, not an id. */
const INVALID_13 = VALID_ID.slice(0, 12) + String((Number(VALID_ID[12]) + 1) % 10);
const THAI_DIGITS = (text: string) => text.replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d)));

describe("isThaiCitizenId", () => {
  it("checks the mod-11 digit", () => {
    expect(VALID_ID).toBe("1103700123458");
    expect(isThaiCitizenId(VALID_ID)).toBe(true);
    expect(isThaiCitizenId(INVALID_13)).toBe(false);
    expect(isThaiCitizenId("3100600123452".slice(0, 12))).toBe(false);
    // a check of 10 or 11 is written 0 or 1
    for (const twelve of ["100000000001", "123456789012", "500000000000", "800000000009"]) expect(isThaiCitizenId(withCheckDigit(twelve))).toBe(true);
  });
});

describe("scrubPersonalData", () => {
  it("removes a phone number, a valid id and an e-mail address, and keeps a 13-digit number that fails the check", () => {
    const text = `ติดต่อกลับที่ 081-234-5678 เลขบัตร ${VALID_ID} เลขพัสดุ ${INVALID_13} อีเมล somchai.k@example.co.th ครับ`;
    const scrubbed = scrubPersonalData(text);
    expect(scrubbed).toBe(`ติดต่อกลับที่ ${X} เลขบัตร ${X} เลขพัสดุ ${INVALID_13} อีเมล ${X} ครับ`);
    expect(scrubbed).not.toContain("5678");
    expect(scrubbed).not.toContain(VALID_ID);
    expect(scrubbed).not.toContain("@");
  });

  it.each([
    ["0812345678", "mobile, plain"],
    ["081-234-5678", "mobile, dashes"],
    ["081 234 5678", "mobile, spaces"],
    ["08-1234-5678", "mobile, other grouping"],
    ["081.234.5678", "mobile, dots"],
    ["091 234 5678", "mobile 09"],
    ["06 1234 5678", "mobile 06"],
    ["02-123-4567", "Bangkok landline"],
    ["021234567", "Bangkok landline, plain"],
    ["(02) 123 4567", "landline, brackets"],
    ["043-123-456", "provincial landline"],
    ["+66 81 234 5678", "+66 mobile"],
    ["+66812345678", "+66 mobile, plain"],
    ["+66-2-123-4567", "+66 landline"],
    ["66 81 234 5678", "66 without the plus"],
    ["+66 (0) 81 234 5678", "+66 (0)"],
  ])("removes %s (%s), in Arabic and in Thai digits", (phone) => {
    expect(scrubPersonalData(`โทร ${phone} นะครับ`)).toBe(`โทร ${X} นะครับ`);
    expect(scrubPersonalData(`โทร ${THAI_DIGITS(phone)} นะครับ`)).toBe(`โทร ${X} นะครับ`);
    // glued to Thai text on both sides, as Thai is written
    expect(scrubPersonalData(`เบอร์${phone}ค่ะ`)).toBe(`เบอร์${X}ค่ะ`);
  });

  it("removes a citizen id in its usual groupings, in Thai digits too, and keeps an invalid one in each", () => {
    const grouped = (id: string, sep: string) => [id.slice(0, 1), id.slice(1, 5), id.slice(5, 10), id.slice(10, 12), id.slice(12)].join(sep);
    for (const sep of ["-", " ", "."]) {
      expect(scrubPersonalData(`บัตร ${grouped(VALID_ID, sep)} ครับ`)).toBe(`บัตร ${X} ครับ`);
      expect(scrubPersonalData(`เลข ${grouped(INVALID_13, sep)} ครับ`)).toBe(`เลข ${grouped(INVALID_13, sep)} ครับ`);
    }
    expect(scrubPersonalData(`บัตร ${THAI_DIGITS(VALID_ID)}`)).toBe(`บัตร ${X}`);
    expect(scrubPersonalData(`เลข ${THAI_DIGITS(INVALID_13)}`)).toBe(`เลข ${THAI_DIGITS(INVALID_13)}`);
    // no part of a kept 13-digit number is taken for a phone number (its digits 2–10 look like a landline)
    const landlineInside = withCheckDigit("102345678901");
    const wrong = landlineInside.slice(0, 12) + String((Number(landlineInside[12]) + 1) % 10);
    expect(scrubPersonalData(`เลข ${grouped(wrong, " ")}`)).toBe(`เลข ${grouped(wrong, " ")}`);
  });

  it("removes e-mail addresses", () => {
    expect(scrubPersonalData("ส่งมาที่ a.b-c+tag@mail.example.go.th ได้")).toBe(`ส่งมาที่ ${X} ได้`);
    expect(scrubPersonalData("email:SOMCHAI99@GMAIL.COM")).toBe(`email:${X}`);
  });

  it("removes LINE ids written as such, and keeps the word LINE where no id follows", () => {
    expect(scrubPersonalData("line: somchai_99")).toBe(`line: ${X}`);
    expect(scrubPersonalData("Line:somchai")).toBe(`Line:${X}`);
    expect(scrubPersonalData("LINE ID abc.def")).toBe(`LINE ID ${X}`);
    expect(scrubPersonalData("line id: @shop123")).toBe(`line id: ${X}`);
    expect(scrubPersonalData("ID Line kk1234")).toBe(`ID Line ${X}`);
    expect(scrubPersonalData("ติดต่อไลน์ kk1234 ได้")).toBe(`ติดต่อไลน์ ${X} ได้`);
    expect(scrubPersonalData("ไลน์ไอดี: @myshop")).toBe(`ไลน์ไอดี: ${X}`);
    expect(scrubPersonalData("ไอดีไลน์ test12")).toBe(`ไอดีไลน์ ${X}`);
    expect(scrubPersonalData("แอดมาที่ @somchai99 นะ")).toBe(`แอดมาที่ ${X} นะ`);
    // what is not an id: the group chat, an English sentence, a short handle-like word
    expect(scrubPersonalData("ควรแจ้งในไลน์กลุ่มหมู่บ้าน")).toBe("ควรแจ้งในไลน์กลุ่มหมู่บ้าน");
    expect(scrubPersonalData("the queue line is long")).toBe("the queue line is long");
    expect(scrubPersonalData("ควรมีช่องทางติดต่อทางไลน์ของ อบต.")).toBe("ควรมีช่องทางติดต่อทางไลน์ของ อบต.");
  });

  it("keeps the numbers of ordinary suggestions", () => {
    for (const text of [
      "ปี 2566 รอนาน 2 ชั่วโมง ห้อง 203",
      "เปิด 08.30-16.30 น. ทุกวัน",
      "ค่าธรรมเนียม 1,000 บาท เก็บวันที่ 15/01/2567",
      "โครงการงบ 2,500,000 บาท เลขที่สัญญา 12/2566",
      "ปีงบประมาณ ๒๕๖๗ รอ ๓ วัน",
      "บ้านเลขที่ 99/1 หมู่ 4",
    ]) {
      expect(scrubPersonalData(text)).toBe(text);
    }
  });

  it("removes several in one text, side by side", () => {
    expect(scrubPersonalData("081 234 5678 02 123 4567")).toBe(`${X} ${X}`);
    expect(scrubPersonalData("โทร 0812345678/0898765432")).toBe(`โทร ${X}/${X}`);
    expect(scrubPersonalData("ปี 2566 0812345678")).toBe(`ปี 2566 ${X}`);
    expect(scrubPersonalData("")).toBe("");
  });
});

describe("scrubTextAnswers (the survey page, before the answers leave the device)", () => {
  it("scrubs the text answers and leaves the scored numbers as they are", () => {
    expect(scrubTextAnswers({ e1_1: 4, e2: 3, eit_suggestion: "โทร 0812345678 นะ" })).toEqual({ e1_1: 4, e2: 3, eit_suggestion: `โทร ${X} นะ` });
    expect(scrubTextAnswers({ e1_1: 1 })).toEqual({ e1_1: 1 });
  });
});
