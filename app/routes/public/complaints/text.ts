/** The words the public complaint pages share (issue 16), Thai first; each page's own words stay beside it. */
import { defineTexts } from "../../../text/i18n";

export const ct = defineTexts({
  channel: { th: "ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", en: "Reporting corruption and misconduct" },
  navForm: { th: "แจ้งเรื่องร้องเรียน", en: "File a complaint" },
  navStatus: { th: "ติดตามเรื่อง", en: "Follow a complaint" },
  navGuideline: { th: "ขั้นตอนการจัดการเรื่อง", en: "How complaints are handled" },
  navStatistics: { th: "สถิติเรื่องร้องเรียน", en: "Complaint statistics" },
  pagesNav: { th: "หน้าเรื่องร้องเรียน", en: "Complaint pages" },
  print: { th: "พิมพ์หน้านี้", en: "Print this page" },
  suspendedTitle: { th: "หน่วยงานนี้งดรับเรื่องทางช่องทางนี้ชั่วคราว", en: "This agency is not taking complaints here at the moment" },
  suspendedBody: {
    th: "การใช้งานระบบของหน่วยงานนี้ถูกระงับไว้ชั่วคราว กรุณาแจ้งเรื่องกับหน่วยงานโดยตรงทางโทรศัพท์ หนังสือ หรือด้วยตนเอง หรือแจ้งศูนย์ดำรงธรรม โทร 1567",
    en: "This agency's use of the system is suspended for now. Please contact the agency directly by phone, letter or in person, or the Damrongdhama Centre (call 1567).",
  },
  protectionTitle: { th: "การคุ้มครองผู้ร้องเรียนและข้อมูลของท่าน", en: "How you and your information are protected" },
  protectionAnonymous: {
    th: "ท่านแจ้งเรื่องได้โดยไม่ระบุตัวตน ระบบไม่เก็บชื่อ หมายเลข IP ข้อมูลอุปกรณ์ หรือเวลาที่ส่ง เก็บเพียงวันที่ได้รับเรื่อง และไม่บันทึกการเข้าหน้านี้ทีละครั้ง (นับเพียงจำนวนต่อนาที)",
    en: "You may report without giving your name. The system keeps no name, IP address, device information or time of sending — only the day the complaint was received — and does not log visits to this page one by one (only a count per minute).",
  },
  protectionContact: {
    th: "หากท่านให้ข้อมูลติดต่อ จะใช้เพื่อติดต่อท่านเรื่องนี้เท่านั้น ผู้เห็นได้มีเพียงผู้รับผิดชอบเรื่องของท่านและผู้ดูแลระบบของหน่วยงาน ทุกครั้งที่เปิดดูจะถูกบันทึกไว้ และจะลบโดยอัตโนมัติเมื่อเรื่องเสร็จสิ้นแล้ว {months} เดือน",
    en: "If you give contact details, they are used only to reach you about this complaint, seen only by those handling it and by the agency's administrators, every viewing is recorded, and they are deleted automatically {months} months after the case is closed.",
  },
  protectionFiles: {
    th: "ไฟล์หลักฐานเปิดได้เฉพาะผู้รับผิดชอบเรื่องร้องเรียนของหน่วยงาน ระบบลบข้อมูลที่กล้องบันทึกไว้ในรูปถ่าย (ตำแหน่งและเวลาที่ถ่าย รุ่นโทรศัพท์) ก่อนเก็บ แต่ไฟล์ PDF เก็บตามที่ส่งมา รวมถึงชื่อผู้สร้างเอกสารในคุณสมบัติของไฟล์ หากไม่ต้องการเปิดเผย ให้ส่งภาพที่แคปหน้าจอแทน",
    en: "Evidence files are opened only by those who handle complaints at the agency. What a camera writes into a photo (where and when it was taken, the phone) is removed before it is kept; a PDF is kept as sent, with any author name in its document properties: if that would reveal you, send a screenshot instead.",
  },
  trackingNote: {
    th: "เมื่อส่งเรื่องแล้ว ท่านจะได้รับรหัสติดตามเรื่อง ใช้ดูสถานะและคำตอบของหน่วยงานได้ที่หน้า “ติดตามเรื่อง”",
    en: "Once you send it, you get a tracking code: use it on the “Follow a complaint” page to see the status and the agency's replies.",
  },
});
