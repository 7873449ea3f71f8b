/** The export's words, shared by its writers: the scores sheet, sheet names, column labels, file names. */
import { defineTexts } from "../../text/i18n";

export const say = defineTexts({
  // the file and its sheets
  filePrefix: { th: "คำตอบ", en: "responses" },
  scoresSheet: { th: "คะแนน", en: "Scores" },
  responsesSheet: { th: "คำตอบ", en: "Responses" },
  questionsSheet: { th: "คำถาม", en: "Questions" },
  questionsFile: { th: "คำถาม", en: "questions" },
  // the text column beside each answer's value: "i1_1 (ข้อความ)"
  labelSuffix: { th: " (ข้อความ)", en: " (text)" },
  // the list of columns and questions (codebook.server.ts)
  cbColumn: { th: "คอลัมน์", en: "Column" },
  cbTextColumn: { th: "คอลัมน์ข้อความของคำตอบ", en: "Column with the answer's wording" },
  cbInstrument: { th: "เครื่องมือ", en: "Instrument" },
  cbIndicator: { th: "ตัวชี้วัด", en: "Indicator" },
  cbQuestion: { th: "ข้อ", en: "Question" },
  cbWording: { th: "คำถาม (ตามที่ผู้ตอบเห็น)", en: "Question (as respondents read it)" },
  cbSubItem: { th: "ข้อย่อย", en: "Sub-item" },
  cbOptions: { th: "ตัวเลือก (ค่าที่บันทึก = ข้อความ)", en: "Options (stored value = wording)" },
  cbScores: { th: "คะแนนของแต่ละค่า (0–100)", en: "Score of each value (0–100)" },
  cbMetaInstrument: { th: "เครื่องมือที่ตอบ: IIT (บุคลากรภายใน) หรือ EIT (ผู้รับบริการ)", en: "The survey answered: IIT (staff) or EIT (service users)" },
  cbMetaFlag: {
    th: "ว่าง = นับในคะแนน; มีค่า = ชุดคำตอบที่ไม่นับในคะแนนและเหตุผล (too-fast ตอบเร็วเกินไป, identical ตอบตำแหน่งเดียวกันทุกข้อ, burst ส่งถี่จากที่อยู่เดียว)",
    en: "Empty = counted in the scores; otherwise the answer set is left out of the scores, and why (too-fast, identical: the same position everywhere, burst: many from one address)",
  },
  cbMetaAnsweredOn: {
    th: "วันที่นับชุดคำตอบ (EIT เท่านั้น: วันที่กลุ่มคำตอบของจุดบริการครบ 5 ชุด ไม่ใช่เวลาที่ตอบ)",
    en: "The day the answer set was counted (EIT only: the day its counter's group of five was complete, not when it was answered)",
  },
  cbMetaCounter: { th: "จุดให้บริการที่ผู้ตอบสแกน (EIT เท่านั้น)", en: "The service counter whose code was scanned (EIT only)" },
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
