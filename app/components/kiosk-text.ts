/**
 * The kiosk's own interface texts, Thai and English. The kiosk switches language in place (no
 * navigation, so there is no link to leave by), so these are picked from client state.
 */
import { defineTexts } from "../text/i18n";

export const kioskText = defineTexts({
  fullscreen: { th: "เต็มจอ", en: "Full screen" },
  pending: { th: "รอส่ง {n} รายการ", en: "{n} waiting to send" },
  pendingHint: {
    th: "คำตอบเก็บไว้ในเครื่องนี้แล้ว จะส่งเองเมื่อเชื่อมต่อเครือข่ายได้",
    en: "Answers are kept on this device and are sent once the network is back.",
  },
  roundClosed: {
    th: "รอบการประเมินปิดแล้ว: คำตอบ {n} รายการยังเก็บอยู่ในเครื่องนี้ ส่งไม่ได้จนกว่าผู้ดูแลจะเปิดรอบอีกครั้ง",
    en: "The assessment round is closed: {n} answers are kept on this device and cannot be sent until an administrator reopens the round.",
  },
  thanksBody: {
    th: "คำตอบของท่านถูกบันทึกแล้ว และจะช่วยให้หน่วยงานปรับปรุงการให้บริการ",
    en: "Your answers have been recorded and will help the agency improve its service.",
  },
  restartIn: { th: "แบบสอบถามจะเริ่มใหม่สำหรับท่านถัดไปในอีก {n} วินาที", en: "The survey starts again for the next person in {n} s." },
  restartNow: { th: "เริ่มใหม่ทันที", en: "Start again now" },
  pleaseWait: { th: "กรุณารอสักครู่", en: "Please wait a moment" },
  waitFor: { th: "เริ่มตอบได้ในอีก {n} วินาที", en: "You can start in {n} s." },
  idleTitle: { th: "ยังตอบอยู่ไหม?", en: "Are you still there?" },
  idleBody: {
    th: "ถ้าไม่แตะหน้าจอ คำตอบที่ตอบไว้จะถูกล้าง และแบบสอบถามจะเริ่มใหม่ในอีก {n} วินาที",
    en: "If nobody touches the screen, the answers so far are cleared and the survey starts again in {n} s.",
  },
  idleContinue: { th: "ตอบต่อ", en: "Continue" },
  notEnrolled: { th: "เครื่องนี้ยังไม่ได้ลงทะเบียนเป็นตู้ kiosk", en: "This tablet is not an enrolled kiosk" },
  notEnrolledHint: {
    th: "คำตอบจากเครื่องนี้นับเหมือนตอบจากโทรศัพท์ ผู้ดูแลลงทะเบียนเครื่องได้ที่หน้า “ส่วนราชการและจุดให้บริการ”",
    en: "Answers from this tablet count as from a phone; an administrator enrols it on the “Units and service counters” page.",
  },
});
