/** The OIT checklist page's texts, shared by the page and its parts. */
import { formatDate } from "../../../text/format";
import { defineTexts, type Lang } from "../../../text/i18n";

export const say = defineTexts({
  title: { th: "รายการตรวจ OIT", en: "OIT checklist" },
  lead: {
    th: "ตรวจว่าเว็บไซต์ของหน่วยงานเผยแพร่ข้อมูลครบตามแต่ละข้อหรือไม่ ข้อที่ผ่านได้ 100 คะแนน ไม่ผ่านได้ 0 คะแนน คะแนนตัวชี้วัดย่อยคือค่าเฉลี่ยของข้อในตัวชี้วัดย่อย และคะแนนตัวชี้วัดคือค่าเฉลี่ยของตัวชี้วัดย่อย เมื่อตรวจครบทุกข้อ คะแนนรวมบนแดชบอร์ดจะเป็นคะแนน ITA ฉบับเต็ม",
    en: "Check whether the agency's website publishes what each item requires. A passing item scores 100, a failing one 0; a sub-indicator is the mean of its items and an indicator the mean of its sub-indicators. Once every item is checked, the dashboard's total is the full ITA score.",
  },
  dashboard: { th: "กลับไปแดชบอร์ด", en: "Back to the dashboard" },
  oit: { th: "คะแนน OIT", en: "OIT score" },
  progress: { th: "ตรวจแล้ว {checked} จาก {total} ข้อ · ผ่าน {passed} ข้อ", en: "{checked} of {total} items checked · {passed} passing" },
  notComplete: { th: "คะแนนจะคำนวณเมื่อตรวจครบทุกข้อ", en: "The score is computed once every item is checked." },
  indicator: { th: "ตัวชี้วัดที่", en: "Indicator" },
  subIndicator: { th: "ตัวชี้วัดย่อย", en: "Sub-indicator" },
  checked: { th: "ตรวจแล้ว", en: "Checked" },
  passedCol: { th: "ผ่าน", en: "Passing" },
  score: { th: "คะแนน", en: "Score" },
  jump: { th: "ไปยังตัวชี้วัดย่อย", en: "Go to a sub-indicator" },
  mustShow: { th: "ต้องแสดง", en: "Must show" },
  result: { th: "ผลการตรวจ", en: "Result" },
  pass: { th: "ผ่าน", en: "Pass" },
  fail: { th: "ไม่ผ่าน", en: "Fail" },
  unchecked: { th: "ยังไม่ตรวจ", en: "Not checked" },
  evidence: { th: "ลิงก์หลักฐาน", en: "Evidence links" },
  evidenceHint: {
    th: "หน้าเว็บไซต์ของหน่วยงานที่แสดงข้อมูลข้อนี้ บรรทัดละ 1 ลิงก์ (http:// หรือ https://) ไม่เกิน {max} ลิงก์",
    en: "The pages of the agency's website that show this item, one per line (http:// or https://), at most {max}.",
  },
  noEvidence: { th: "ยังไม่มีลิงก์หลักฐาน", en: "No evidence link yet" },
  unconfirmed: { th: "ยังไม่ยืนยัน", en: "unconfirmed" },
  unconfirmedHint: {
    th: "ชื่อหรือเนื้อหาของรายการนี้ยังไม่ได้ยืนยันจากคู่มือการประเมินของปีนี้ โปรดตรวจสอบกับคู่มือ ITA ของ ป.ป.ช.",
    en: "This item's title or content is not confirmed by this year's manual; check it against the NACC's ITA manual.",
  },
  producedReport: {
    th: "โปร่งใสจัดทำหลักฐานของข้อนี้ให้แล้ว: รายงานผลการวิเคราะห์การประเมิน ITA จุดที่ต้องพัฒนา และมาตรการ ดาวน์โหลดไปเผยแพร่บนเว็บไซต์ของหน่วยงาน แล้ววางลิงก์ของหน้านั้นเป็นหลักฐานด้านล่าง",
    en: "Prongsai produces this item's evidence: the analysis of the ITA result, its weak areas and the measures. Publish it on the agency's website, then enter that page's link below as the evidence.",
  },
  producedMeasures: {
    th: "โปร่งใสจัดทำหลักฐานของข้อนี้ให้แล้ว: แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใสพร้อมความคืบหน้า และรายงาน ดาวน์โหลดไปเผยแพร่บนเว็บไซต์ของหน่วยงาน แล้ววางลิงก์ของหน้านั้นเป็นหลักฐานด้านล่าง",
    en: "Prongsai produces this item's evidence: the integrity measures plan with its progress, and the report. Publish it on the agency's website, then enter that page's link below as the evidence.",
  },
  openReport: { th: "เปิดรายงาน", en: "Open the report" },
  downloadPdf: { th: "ดาวน์โหลด PDF", en: "Download the PDF" },
  openMeasures: { th: "เปิดแผนมาตรการ", en: "Open the measures plan" },
  publicPagePublished: {
    th: "หรือใช้หน้าสาธารณะของหน่วยงาน ซึ่งเผยแพร่{what}ของรอบนี้อยู่แล้ว ลิงก์หน้านี้จากเว็บไซต์ของหน่วยงาน หรือวางลิงก์นี้เป็นหลักฐาน:",
    en: "Or use the agency's public page, which already publishes this round's {what}: link it from the agency's website, or enter this link as the evidence:",
  },
  publicPageReport: { th: "ผลการวิเคราะห์", en: "analysis" },
  publicPageMeasures: { th: "มาตรการและความคืบหน้า", en: "measures and their progress" },
  publicPageNotYet: {
    th: "หรือเผยแพร่ในหน้าสาธารณะของหน่วยงาน (ไม่ต้องดาวน์โหลด) แล้วใช้ลิงก์ของหน้านั้นเป็นหลักฐาน:",
    en: "Or publish it on the agency's public page (nothing to download), then use that page's link as the evidence:",
  },
  publishIt: { th: "เลือกเผยแพร่", en: "Choose what to publish" },
  askAdminToPublish: { th: "ผู้ดูแลระบบของหน่วยงานเป็นผู้เลือกเผยแพร่", en: "The agency's administrator chooses what to publish." },
  producedComplaintGuideline: {
    th: "โปร่งใสมีหน้านี้ให้แล้ว: แนวปฏิบัติการจัดการเรื่องร้องเรียนของหน่วยงาน (ขั้นตอน ส่วนงานที่รับผิดชอบ ระยะเวลา) ซึ่งพิมพ์เป็นเอกสารได้ ลิงก์หน้านี้จากเว็บไซต์ของหน่วยงาน แล้ววางลิงก์ของหน้าเว็บไซต์นั้นเป็นหลักฐานด้านล่าง",
    en: "Prongsai has this page: the agency's complaint-handling guideline (steps, responsible units, time limits), printable as a document. Link it from the agency's website, then enter that page's link below as the evidence.",
  },
  producedComplaintChannel: {
    th: "โปร่งใสมีช่องทางนี้ให้แล้ว: แบบฟอร์มแจ้งเรื่องร้องเรียนออนไลน์ของหน่วยงาน (ไม่ระบุตัวตนได้ มีรหัสติดตามเรื่อง) ลิงก์หน้านี้จากเว็บไซต์ของหน่วยงาน แล้ววางลิงก์ของหน้าเว็บไซต์นั้นเป็นหลักฐานด้านล่าง",
    en: "Prongsai has this channel: the agency's online complaint form (anonymous if wished, with a tracking code). Link it from the agency's website, then enter that page's link below as the evidence.",
  },
  producedComplaintStatistics: {
    th: "โปร่งใสจัดทำหลักฐานของข้อนี้ให้แล้ว: สถิติเรื่องร้องเรียนของปีงบประมาณ {year} (ทั้งหมด แล้วเสร็จ อยู่ระหว่างดำเนินการ และระบุว่าไม่มีเรื่องเมื่อไม่มี) เป็นหน้าเว็บที่พิมพ์ได้และไฟล์ CSV ลิงก์จากเว็บไซต์ของหน่วยงาน แล้ววางลิงก์ของหน้าเว็บไซต์นั้นเป็นหลักฐานด้านล่าง",
    en: "Prongsai produces this item's evidence: the complaint statistics of fiscal year {year} (received, finished, in progress, and \"none\" said when there were none), as a printable page and a CSV file. Link them from the agency's website, then enter that page's link below as the evidence.",
  },
  openPage: { th: "เปิดหน้า", en: "Open the page" },
  downloadCsv: { th: "ดาวน์โหลด CSV", en: "Download the CSV" },
  note: { th: "หมายเหตุ", en: "Note" },
  save: { th: "บันทึกข้อ {code}", en: "Save {code}" },
  saving: { th: "กำลังบันทึก…", en: "Saving…" },
  saved: { th: "บันทึกข้อ {code} แล้ว", en: "{code} was saved." },
  copied: { th: "คัดลอกผลการตรวจจากรอบก่อนหน้าแล้ว {n} ข้อ กรุณาตรวจสอบว่าลิงก์และข้อมูลยังเป็นปัจจุบัน", en: "{n} items were copied from the previous round. Check that the links and information are still current." },
  changedBy: { th: "แก้ไขล่าสุดโดย {who} เมื่อ {when}", en: "Last changed by {who} on {when}" },
  someone: { th: "ผู้ใช้ที่ถูกลบแล้ว", en: "a deleted user" },
  neverChanged: { th: "ยังไม่มีผู้ตรวจข้อนี้", en: "Nobody has checked this item yet" },
  copyTitle: { th: "เริ่มจากผลการตรวจของรอบก่อนหน้า", en: "Start from the previous round's checklist" },
  copyLead: {
    th: "คัดลอกผลการตรวจ ลิงก์หลักฐาน และหมายเหตุทุกข้อจาก {round} ({n} ข้อ) มาเป็นจุดเริ่มต้นของรอบนี้ ทำได้เฉพาะเมื่อรอบนี้ยังไม่มีการตรวจข้อใดเลย และจะไม่เขียนทับข้อมูลที่มีอยู่",
    en: "Copy the result, evidence links and note of every item from {round} ({n} items) as this round's starting point. Only possible while this round has no item checked; it never overwrites anything.",
  },
  copyButton: { th: "คัดลอกจากรอบก่อนหน้า", en: "Copy from the previous round" },
  copyConfirm: { th: "คัดลอกผลการตรวจ OIT จากรอบก่อนหน้ามายังรอบนี้ใช่หรือไม่", en: "Copy the previous round's OIT checklist into this round?" },
  copyNotEmpty: {
    th: "รอบนี้มีการตรวจแล้ว จึงคัดลอกจากรอบก่อนหน้าไม่ได้ (เพื่อไม่ให้เขียนทับข้อมูลที่บันทึกไว้)",
    en: "This round already has checked items, so the previous round's checklist cannot be copied (nothing entered is overwritten).",
  },
  copyNoSource: { th: "{round} ยังไม่มีผลการตรวจ OIT ให้คัดลอก", en: "{round} has no OIT checklist to copy." },
  readOnly: {
    th: "บัญชีผู้ดูผลดูรายการตรวจได้อย่างเดียว การบันทึกผลทำได้โดยผู้จัดการหรือผู้ดูแลระบบ",
    en: "Viewers can read only; managers and administrators record the checks.",
  },
  fiscalYear: { th: "ปีงบประมาณ พ.ศ.", en: "fiscal year" },
});

const TIME = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Bangkok",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An ISO instant as the Bangkok date (Buddhist Era in Thai) and time: "5 มี.ค. 2569 14:30 น." */
export function formatChangedAt(iso: string, lang: Lang): string {
  const parts = Object.fromEntries(TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const day = formatDate(`${parts.year}-${parts.month}-${parts.day}`, lang);
  return lang === "th" ? `${day} ${parts.hour}:${parts.minute} น.` : `${day}, ${parts.hour}:${parts.minute}`;
}
