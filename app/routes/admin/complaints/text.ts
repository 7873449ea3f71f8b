/** The words the signed-in complaint pages share (issue 16), Thai first; a page's own words stay beside it. */
import { defineTexts } from "../../../text/i18n";

export const say = defineTexts({
  title: { th: "เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", en: "Complaints of corruption and misconduct" },
  caseNumber: { th: "เรื่องเลขที่ {n}", en: "Case {n}" },
  number: { th: "เลขที่เรื่อง", en: "Case" },
  received: { th: "วันที่ได้รับ", en: "Received" },
  kind: { th: "ประเภท", en: "Type" },
  status: { th: "สถานะ", en: "Status" },
  unit: { th: "ส่วนราชการที่รับผิดชอบ", en: "Responsible unit" },
  unassigned: { th: "ยังไม่มอบหมาย", en: "Not assigned" },
  dueAcknowledge: { th: "ต้องรับเรื่องภายใน", en: "Acknowledge by" },
  dueDecide: { th: "ต้องแจ้งผลภายใน", en: "Decide by" },
  overdueAcknowledge: { th: "เลยกำหนดรับเรื่อง {days} วัน", en: "{days} days past acknowledgement" },
  overdueDecide: { th: "เลยกำหนดแจ้งผล {days} วัน", en: "{days} days past the decision" },
  overdueTitle: { th: "เรื่องที่เลยกำหนด ({n})", en: "Overdue ({n})" },
  anonymous: { th: "ไม่ระบุตัวตน", en: "Anonymous" },
  named: { th: "มีข้อมูลติดต่อ", en: "With contact details" },
  statistics: { th: "สถิติที่เผยแพร่", en: "Published statistics" },
  guideline: { th: "แนวปฏิบัติการจัดการเรื่องร้องเรียน", en: "Handling guideline" },
  publicForm: { th: "แบบฟอร์มร้องเรียนสาธารณะ", en: "Public complaint form" },
});

