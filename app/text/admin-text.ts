/** Words several signed-in pages share (navigation, sign-in, roles), Thai first; a page's own words live beside it. */
import { defineTexts, type Lang, type TextKey } from "./i18n";

export const at = defineTexts({
  signIn: { th: "เข้าสู่ระบบ", en: "Sign in" },
  signOut: { th: "ออกจากระบบ", en: "Sign out" },
  username: { th: "ชื่อผู้ใช้", en: "Username" },
  password: { th: "รหัสผ่าน", en: "Password" },
  agencyCode: { th: "รหัสหน่วยงาน", en: "Agency code" },
  agencyCodeNote: {
    th: "อยู่ท้ายลิงก์เข้าสู่ระบบที่ผู้ดูแลระบบของหน่วยงานให้ไว้ (?agency=…) เครื่องนี้จะจำไว้เมื่อเข้าสู่ระบบสำเร็จ",
    en: "It ends the sign-in link your agency's administrator gave you (?agency=…). This device remembers it once you have signed in.",
  },
  formUnreadable: {
    th: "อ่านข้อมูลในแบบฟอร์มที่ส่งมาไม่ได้ กรุณาลองใหม่จากหน้าเว็บ",
    en: "The form that was sent cannot be read: please try again from the page.",
  },
  signInLead: {
    th: "สำหรับผู้บริหารและเจ้าหน้าที่ของหน่วยงาน เพื่อดูผลการประเมินและจัดการแบบสอบถาม",
    en: "For the agency's management and staff: see the results and manage the surveys.",
  },
  navMenu: { th: "เมนูหลัก", en: "Main menu" },
  navRounds: { th: "รอบการประเมิน", en: "Rounds" },
  navCounters: { th: "ส่วนราชการและจุดให้บริการ", en: "Units and counters" },
  navTrends: { th: "แนวโน้ม", en: "Trends" },
  navOfficial: { th: "ผลประเมินทางการ", en: "Official results" },
  navUsers: { th: "ผู้ใช้งาน", en: "Users" },
  navAudit: { th: "บันทึกการใช้งาน", en: "Audit log" },
  navNotifications: { th: "การแจ้งเตือน", en: "Notifications" },
  navSettings: { th: "ตั้งค่าหน่วยงาน", en: "Agency settings" },
  navPublication: { th: "เผยแพร่ต่อสาธารณะ", en: "Public page" },
  navWebhooks: { th: "Webhook", en: "Webhooks" },
  navAccount: { th: "บัญชีของฉัน: รหัสผ่านและการออกจากระบบ", en: "My account: password and sign-out" },
  roleAdmin: { th: "ผู้ดูแลระบบ", en: "Administrator" },
  roleManager: { th: "ผู้จัดการ", en: "Manager" },
  roleViewer: { th: "ผู้ดูผล", en: "Viewer" },
  roleComplaints: { th: "ผู้รับผิดชอบเรื่องร้องเรียน", en: "Complaint handler" },
  navComplaints: { th: "เรื่องร้องเรียน", en: "Complaints" },
  forbidden: { th: "บัญชีของท่านไม่มีสิทธิ์ทำรายการนี้", en: "Your account may not do this." },
  save: { th: "บันทึก", en: "Save" },
});

export type AdminTextKey = TextKey<typeof at>;

export function roleLabel(lang: Lang, role: "admin" | "manager" | "viewer" | "complaints"): string {
  return at(lang, role === "admin" ? "roleAdmin" : role === "manager" ? "roleManager" : role === "complaints" ? "roleComplaints" : "roleViewer");
}
