/** The detailed results page's texts, shared by the page and its parts. */
import { defineTexts } from "../../../text/i18n";

export const say = defineTexts({
  results: { th: "ผลการประเมิน", en: "Results" },
  total: { th: "คะแนนรวม ITA", en: "ITA total" },
  partial: { th: "คะแนนเท่าที่วัดได้", en: "Score measured so far" },
  instrumentsPending: {
    th: "ยังประเมินไม่ครบทุกเครื่องมือ คะแนนนี้รวมเฉพาะ {instruments} (ถ่วงน้ำหนักใหม่) ไม่ใช่คะแนน ITA ฉบับเต็ม",
    en: "Not every instrument is assessed yet: this score covers {instruments} only (weights re-normalised), not the full ITA score.",
  },
  passMark: { th: "เกณฑ์ผ่าน", en: "Pass mark" },
  instruments: { th: "เครื่องมือการประเมิน", en: "Instruments" },
  indicators: { th: "ตัวชี้วัด", en: "Indicators" },
  indicator: { th: "ตัวชี้วัด", en: "Indicator" },
  indicatorNumbered: { th: "ตัวชี้วัดที่ {code}", en: "Indicator {code}" },
  score: { th: "คะแนน", en: "Score" },
  level: { th: "ระดับ", en: "Level" },
  answers: { th: "จำนวนผู้ตอบ", en: "Responses" },
  notAssessed: { th: "ยังไม่ได้ประเมิน", en: "not yet assessed" },
  weakAreas: { th: "จุดที่ต้องปรับปรุง (ต่ำกว่าเกณฑ์ผ่าน เรียงจากต่ำสุด)", en: "Weak areas (under the pass mark, weakest first)" },
  noWeakAreas: { th: "ไม่มีตัวชี้วัดหรือข้อคำถามที่ต่ำกว่าเกณฑ์", en: "No indicator or question is under the pass mark." },
  sample: { th: "จำนวนผู้ตอบเทียบกับขั้นต่ำ", en: "Responses against the minimum sample" },
  minimum: { th: "ขั้นต่ำ", en: "minimum" },
  wholeRoundNote: {
    th: "ตารางข้างต้นเป็นผลของทั้งรอบ ผลรายข้อคำถามด้านล่างเลือกช่วงเดือนได้",
    en: "The tables above cover the whole round; the results by question below can be limited to some months.",
  },
  downloads: { th: "ดาวน์โหลด", en: "Downloads" },
  questionsCsv: { th: "รายการคำถามและตัวเลือก (CSV) สำหรับอ่านคู่กับไฟล์คำตอบ", en: "Questions and answer options (CSV), to read with the answers file" },

  // results by question
  byQuestion: { th: "ผลรายข้อคำถาม", en: "Results by question" },
  byQuestionLead: {
    th: "จำนวนผู้ตอบแต่ละตัวเลือก คะแนนของข้อ และการเปลี่ยนแปลง แถบเรียงจากคำตอบที่ได้คะแนนต่ำสุด (ซ้าย) ไปสูงสุด (ขวา) ข้อที่ต่ำกว่าเกณฑ์ผ่าน {passMark} มีเครื่องหมาย ▼",
    en: "How many chose each option, the question's score and its change. Each bar runs from the answer scoring lowest (left) to highest (right); questions under the pass mark of {passMark} are marked ▼.",
  },
  range: { th: "ช่วงเดือน", en: "Months" },
  from: { th: "ตั้งแต่", en: "From" },
  to: { th: "ถึง", en: "To" },
  show: { th: "แสดงช่วงนี้", en: "Show these months" },
  wholeRound: { th: "ทั้งรอบ", en: "Whole round" },
  showing: { th: "แสดง: {range}", en: "Showing: {range}" },
  showingWhole: { th: "แสดง: ทั้งรอบ ({range})", en: "Showing: the whole round ({range})" },
  rangeAppliesTo: {
    th: "ช่วงเดือนนี้ใช้กับทุกส่วนด้านล่าง: จำนวนผู้ตอบแต่ละตัวเลือก คะแนน การเปลี่ยนแปลง และตาราง EIT รายจุดบริการ",
    en: "These months apply to everything below: answers per option, scores, changes and the EIT table by counter.",
  },
  comparedMonth: { th: "การเปลี่ยนแปลงเทียบกับเดือนก่อนหน้า: {label}", en: "Change compared with the month before: {label}" },
  comparedRound: {
    th: "การเปลี่ยนแปลงเทียบกับช่วงเดียวกันของรอบก่อนหน้าที่ใช้กรอบการประเมินเดียวกัน: {label}",
    en: "Change compared with the same months of the previous round of the same framework: {label}",
  },
  compareFirstMonth: {
    th: "ไม่มีการเปรียบเทียบ: เป็นเดือนแรกของรอบ (เลือกหนึ่งเดือนเพื่อเทียบกับเดือนก่อนหน้า หลายเดือนเพื่อเทียบกับรอบก่อนหน้า)",
    en: "No comparison: this is the round's first month (one month compares with the month before, several months with the previous round).",
  },
  compareNoRound: {
    th: "ไม่มีการเปรียบเทียบ: ยังไม่มีรอบก่อนหน้าที่ใช้กรอบการประเมินเดียวกัน (เลือกหนึ่งเดือนเพื่อเทียบกับเดือนก่อนหน้า)",
    en: "No comparison: there is no earlier round of the same framework (choose one month to compare with the month before).",
  },
  compareNoMonths: {
    th: "ไม่มีการเปรียบเทียบ: รอบก่อนหน้าที่ใช้กรอบการประเมินเดียวกันไม่มีเดือนเดียวกันนี้",
    en: "No comparison: the previous round of the same framework has none of these months.",
  },
  instrumentInRange: { th: "{instrument} ในช่วงนี้", en: "{instrument} in these months" },
  answerSets: { th: "{n} ชุดคำตอบ", en: "{n} answer sets" },
  before: { th: "เดิม", en: "before" },
  change: { th: "เปลี่ยนแปลง", en: "Change" },
  noComparison: { th: "ไม่มีค่าเปรียบเทียบ", en: "nothing to compare with" },
  comparisonEmpty: { th: "ช่วงที่เปรียบเทียบไม่มีผู้ตอบ", en: "no answers in the months compared" },
  comparisonSmall: { th: "ช่วงที่เปรียบเทียบมีผู้ตอบน้อยกว่า {k} คน จึงซ่อน", en: "hidden: fewer than {k} answered in the months compared" },
  comparisonUneven: {
    th: "ช่วงที่เปรียบเทียบถูกซ่อน (บางเดือนมีผู้ตอบน้อยกว่าเกณฑ์)",
    en: "the months compared are hidden (some month has too few answers)",
  },
  belowMark: { th: "ต่ำกว่าเกณฑ์", en: "under the pass mark" },
  people: { th: "ผู้ตอบ {n} คน", en: "{n} answered" },
  optionCount: { th: "{label} {n} คน ({pct}%)", en: "{label}: {n} ({pct}%)" },
  hiddenEmpty: { th: "ยังไม่มีผู้ตอบในช่วงนี้", en: "No answers in these months yet." },
  hiddenSmall: {
    th: "ซ่อน: ในช่วงนี้มีผู้ตอบน้อยกว่า {k} คน เพื่อไม่ให้ระบุตัวผู้ตอบได้",
    en: "Hidden: fewer than {k} people answered in these months, so that nobody can be singled out.",
  },
  hiddenUneven: {
    th: "ซ่อน: บางเดือนของรอบมีผู้ตอบน้อยกว่า {k} คน ช่วงที่ตัดบางเดือนออกอาจนำไปลบกันเพื่อหาคำตอบของเดือนนั้นได้ จึงแสดงได้เฉพาะทั้งรอบ",
    en: "Hidden: some month of the round has fewer than {k} answers; a range leaving months out could be subtracted from another to reveal them, so only the whole round is shown.",
  },

  // counter × question
  counterTable: { th: "EIT รายจุดให้บริการ × ข้อคำถาม", en: "EIT by service counter × question" },
  counterTableLead: {
    th: "คะแนนแต่ละข้อที่แต่ละจุดให้บริการในช่วงเดือนที่เลือก ช่องที่ต่ำกว่าเกณฑ์ผ่าน {passMark} มีพื้นสีแดงและเครื่องหมาย ▼",
    en: "Each question's score at each service counter in the chosen months; cells under the pass mark of {passMark} are shaded red and marked ▼.",
  },
  question: { th: "ข้อคำถาม", en: "Question" },
  answerSetsRow: { th: "ผู้ตอบ", en: "Answer sets" },
  fewer: { th: "น้อยกว่า {k}", en: "fewer than {k}" },
  none: { th: "ไม่มี", en: "none" },
  keyHiddenSmall: { th: "– ¹ ซ่อน: ผู้ตอบน้อยกว่า {k} คน", en: "– ¹ hidden: fewer than {k} answers" },
  keyHiddenComplement: {
    th: "– ² ซ่อน: เพื่อไม่ให้นำผลรวมของข้อไปลบหาช่องที่ซ่อนได้",
    en: "– ² hidden: otherwise the question's total minus this cell would reveal a hidden one",
  },
  keyEmpty: { th: "ไม่มี: ไม่มีผู้ตอบที่จุดนี้ในช่วงนี้", en: "none: nobody answered at this counter in these months" },
  keyWeak: { th: "▼ ต่ำกว่าเกณฑ์ผ่าน {passMark}", en: "▼ under the pass mark of {passMark}" },
  hiddenSmallCell: { th: "ซ่อน: ผู้ตอบน้อยกว่า {k} คน", en: "hidden: fewer than {k} answers" },
  hiddenComplementCell: { th: "ซ่อน: กันการคำนวณย้อน", en: "hidden: protects a hidden cell" },
  scrollHint: {
    th: "ถ้าตารางกว้างกว่าหน้าจอ เลื่อนตารางไปทางซ้าย–ขวาเพื่อดูทุกจุดบริการ",
    en: "If the table is wider than the screen, scroll it sideways to see every counter.",
  },
  noCounters: { th: "รอบนี้ยังไม่มีจุดให้บริการที่มีลิงก์ EIT", en: "This round has no service counter with an EIT link yet." },
});
