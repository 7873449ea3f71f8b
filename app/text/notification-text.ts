/**
 * The names of the events (issue 17), one table for every page that shows them: the webhooks page (every
 * event) and the e-mail alerts of the notifications and account pages (ALERT_LABELS: the events e-mail
 * sends, with what is particular to e-mail said beside).
 */
import type { Localized } from "../scoring/framework";
import type { EmailAlertType } from "../services/email/messages";
import type { NotifyEventType } from "../services/notify/events.server";

export const EVENT_LABELS = {
  // Detected only once the sample reaches its minimum (app/services/notify/detect.server.ts), whichever channel.
  "indicator.below-pass-mark": { th: "ตัวชี้วัดต่ำกว่าเกณฑ์ผ่าน (เมื่อผู้ตอบถึงจำนวนขั้นต่ำแล้ว)", en: "An indicator falls under the pass mark (once the sample reaches its minimum)" },
  "counter.below-pass-mark": { th: "คะแนน EIT ของจุดบริการต่ำกว่าเกณฑ์ผ่าน", en: "A counter's EIT score falls under the pass mark" },
  "measure.overdue": { th: "มาตรการเลยกำหนดเสร็จ", en: "A measure passes its due date" },
  "round.minimum-sample-reached": { th: "จำนวนผู้ตอบถึงขั้นต่ำของรอบ", en: "A round reaches its minimum sample" },
  "round.closing-soon": { th: "รอบการประเมินจะปิดภายใน 14 วัน", en: "A round closes within 14 days" },
  "complaint.received": { th: "มีเรื่องร้องเรียนใหม่", en: "A new complaint is received" },
  "publication.changed": { th: "หน้าเผยแพร่สาธารณะเปลี่ยน", en: "The public page changes" },
} as const satisfies Record<NotifyEventType, Localized>;

export const ALERT_LABELS: Record<EmailAlertType, Localized> = {
  "indicator.below-pass-mark": EVENT_LABELS["indicator.below-pass-mark"],
  "counter.below-pass-mark": EVENT_LABELS["counter.below-pass-mark"],
  "measure.overdue": EVENT_LABELS["measure.overdue"],
  "round.minimum-sample-reached": EVENT_LABELS["round.minimum-sample-reached"],
  "round.closing-soon": EVENT_LABELS["round.closing-soon"],
  // E-mail names no complaint to whoever may not open it (app/services/email/channel.server.ts).
  "complaint.received": { th: "มีเรื่องร้องเรียนใหม่ (เฉพาะผู้ที่เปิดเรื่องร้องเรียนได้)", en: "A new complaint (only to those who may open complaints)" },
};
