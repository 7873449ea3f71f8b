/** The export's words, shared by its writers: the scores sheet, sheet names, column labels, file names. */
import { defineTexts } from "../../text/i18n";

export const say = defineTexts({
  // the file and its sheets
  filePrefix: { th: "คำตอบ", en: "responses" },
  scoresSheet: { th: "คะแนน", en: "Scores" },
  responsesSheet: { th: "คำตอบ", en: "Responses" },
  // the text column beside each answer's value: "i1_1 (ข้อความ)"
  labelSuffix: { th: " (ข้อความ)", en: " (text)" },
  // the scores sheet
  computedUpTo: { th: "คำนวณจากคำตอบที่ได้รับถึงวันที่ {date}", en: "Computed from the answers received up to {date}" },
  colCode: { th: "รหัส", en: "Code" },
  colItem: { th: "รายการ", en: "Item" },
  colScore: { th: "คะแนน", en: "Score" },
  colLevel: { th: "ระดับ", en: "Level" },
  rating: { th: "ผลการประเมิน", en: "Rating" },
  provisional: {
    th: "ฉบับชั่วคราว: กรอบการประเมิน {framework} ยังมีบางส่วนที่ไม่ได้ยืนยัน โปรดตรวจสอบกับคู่มือ ITA ของ ป.ป.ช. ประจำปีนี้",
    en: "Provisional: parts of the {framework} framework are not confirmed; check this year's NACC ITA manual.",
  },
  colResponses: { th: "จำนวนผู้ตอบ", en: "Responses" },
  indicator: { th: "ตัวชี้วัดที่", en: "Indicator" },
  notAssessed: { th: "ยังไม่ได้ประเมิน", en: "not yet assessed" },
  total: { th: "คะแนนรวม ITA", en: "ITA total" },
  partial: {
    th: "คะแนนเท่าที่วัดได้ ({made} ถ่วงน้ำหนักใหม่) ไม่ใช่คะแนน ITA ฉบับเต็ม",
    en: "Score measured so far ({made}, weights re-normalised), not the full ITA total",
  },
});
