/**
 * The kiosk's own interface texts, Thai and English. The kiosk switches language in place (no
 * navigation, so there is no link to leave by), so these are picked from client state.
 */
import type { Lang } from "../text/i18n";

const texts = {
  fullscreen: { th: "เต็มจอ", en: "Full screen" },
  pending: {
    th: (n: number) => `รอส่ง ${n} รายการ`,
    en: (n: number) => `${n} waiting to send`,
  },
  pendingHint: {
    th: "คำตอบเก็บไว้ในเครื่องนี้แล้ว จะส่งเองเมื่อเชื่อมต่อเครือข่ายได้",
    en: "Answers are kept on this device and are sent once the network is back.",
  },
  thanksBody: {
    th: "คำตอบของท่านถูกบันทึกแล้ว และจะช่วยให้หน่วยงานปรับปรุงการให้บริการ",
    en: "Your answers have been recorded and will help the agency improve its service.",
  },
  restartIn: {
    th: (n: number) => `แบบสอบถามจะเริ่มใหม่สำหรับท่านถัดไปในอีก ${n} วินาที`,
    en: (n: number) => `The survey starts again for the next person in ${n} s.`,
  },
  restartNow: { th: "เริ่มใหม่ทันที", en: "Start again now" },
  pleaseWait: { th: "กรุณารอสักครู่", en: "Please wait a moment" },
  waitFor: {
    th: (n: number) => `เริ่มตอบได้ในอีก ${n} วินาที`,
    en: (n: number) => `You can start in ${n} s.`,
  },
  idleTitle: { th: "ยังตอบอยู่ไหม?", en: "Are you still there?" },
  idleBody: {
    th: (n: number) => `ถ้าไม่แตะหน้าจอ คำตอบที่ตอบไว้จะถูกล้าง และแบบสอบถามจะเริ่มใหม่ในอีก ${n} วินาที`,
    en: (n: number) => `If nobody touches the screen, the answers so far are cleared and the survey starts again in ${n} s.`,
  },
  idleContinue: { th: "ตอบต่อ", en: "Continue" },
} as const;

type Texts = typeof texts;
type Plain = { [K in keyof Texts]: Texts[K]["th"] extends string ? K : never }[keyof Texts];
type Counted = { [K in keyof Texts]: Texts[K]["th"] extends (n: number) => string ? K : never }[keyof Texts];

export function kioskText(lang: Lang, key: Plain): string {
  return texts[key][lang];
}

export function kioskCount(lang: Lang, key: Counted, n: number): string {
  return texts[key][lang](n);
}
