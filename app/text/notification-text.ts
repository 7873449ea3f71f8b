/** The names of the e-mail alerts (issue 17), shared by the notifications page and the account page. */
import type { EmailAlertType } from "../services/email/messages";

export const ALERT_LABELS: Record<EmailAlertType, { th: string; en: string }> = {
  "indicator.below-pass-mark": { th: "ตัวชี้วัดต่ำกว่าเกณฑ์ผ่าน (เมื่อผู้ตอบถึงจำนวนขั้นต่ำแล้ว)", en: "An indicator falls under the pass mark (once the sample reaches its minimum)" },
  "counter.below-pass-mark": { th: "คะแนน EIT ของจุดบริการต่ำกว่าเกณฑ์ผ่าน", en: "A counter's EIT score falls under the pass mark" },
  "measure.overdue": { th: "มาตรการเลยกำหนดเสร็จ", en: "A measure passes its due date" },
  "round.minimum-sample-reached": { th: "จำนวนผู้ตอบถึงขั้นต่ำของรอบ", en: "A round reaches its minimum sample" },
  "round.closing-soon": { th: "รอบการประเมินจะปิดภายใน 14 วัน", en: "A round closes within 14 days" },
  "complaint.received": { th: "มีเรื่องร้องเรียนใหม่ (เฉพาะผู้ที่เปิดเรื่องร้องเรียนได้)", en: "A new complaint (only to those who may open complaints)" },
};
