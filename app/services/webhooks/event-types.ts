/**
 * The events a webhook may subscribe to (the NotifyEventType list of app/services/notify), with the
 * words the admin page shows for each. Pure: the page's component reads it too.
 */
import type { Localized } from "../../scoring/framework";
import type { NotifyEventType } from "../notify/events.server";

export const WEBHOOK_EVENT_LABELS = {
  "indicator.below-pass-mark": { th: "ตัวชี้วัดได้คะแนนต่ำกว่าเกณฑ์ผ่าน", en: "An indicator falls under the pass mark" },
  "counter.below-pass-mark": { th: "ความพึงพอใจของจุดให้บริการต่ำกว่าเกณฑ์ผ่าน", en: "A service counter's EIT falls under the pass mark" },
  "measure.overdue": { th: "มาตรการเลยกำหนดเสร็จ", en: "A measure passes its due date" },
  "round.minimum-sample-reached": { th: "รอบการประเมินได้จำนวนตัวอย่างขั้นต่ำแล้ว", en: "A round reaches its minimum sample" },
  "round.closing-soon": { th: "รอบการประเมินจะปิดใน 14 วัน", en: "A round closes in 14 days" },
  "complaint.received": { th: "มีเรื่องร้องเรียนใหม่", en: "A new complaint is received" },
  "publication.changed": { th: "หน้าเผยแพร่สาธารณะเปลี่ยน", en: "The public page changes" },
} as const satisfies Record<NotifyEventType, Localized>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_LABELS;

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_LABELS) as WebhookEventType[];

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === "string" && Object.hasOwn(WEBHOOK_EVENT_LABELS, value);
}
