/**
 * The rule a new password must meet (issue 14): at least MINIMUM_PASSWORD_LENGTH characters, not one of the
 * 10,000 most common passwords (./common-passwords/list.json, compared without case), not the username,
 * and not one character repeated. Length counts characters as a person types them (Thai included), not
 * bytes. Pure: the caller hashes and stores.
 */
import commonPasswords from "./common-passwords/list.json";

export const MINIMUM_PASSWORD_LENGTH = 12;
/** Beyond this, scrypt still works but a person is pasting something else: refused, with a message. */
export const MAXIMUM_PASSWORD_LENGTH = 200;

const COMMON = new Set<string>(commonPasswords as string[]);

export interface PasswordProblem {
  th: string;
  en: string;
}

/** Why a new password is refused, or null when it meets the rule. */
export function checkNewPassword(password: string, context: { username: string }): PasswordProblem | null {
  const length = [...password].length;
  if (length < MINIMUM_PASSWORD_LENGTH) {
    return {
      th: `รหัสผ่านต้องยาวอย่างน้อย ${MINIMUM_PASSWORD_LENGTH} ตัวอักษร (ขณะนี้ ${length}) เช่น ใช้หลายคำต่อกัน`,
      en: `The password needs at least ${MINIMUM_PASSWORD_LENGTH} characters (it has ${length}); several words together work well.`,
    };
  }
  if (length > MAXIMUM_PASSWORD_LENGTH) {
    return { th: `รหัสผ่านยาวได้ไม่เกิน ${MAXIMUM_PASSWORD_LENGTH} ตัวอักษร`, en: `The password may have at most ${MAXIMUM_PASSWORD_LENGTH} characters.` };
  }
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) {
    return { th: "รหัสผ่านนี้อยู่ในรายการรหัสผ่านที่ใช้กันมากที่สุด ผู้อื่นเดาได้ง่าย กรุณาเลือกรหัสอื่น", en: "This password is among the most common ones and easy to guess; choose another." };
  }
  const username = context.username.toLowerCase();
  // A short username (3 letters) could sit inside any passphrase by chance; from 4 on it is a real hint.
  if (lower === username || (username.length >= 4 && lower.includes(username))) {
    return { th: "รหัสผ่านต้องไม่มีชื่อผู้ใช้อยู่ในนั้น", en: "The password must not contain the username." };
  }
  if (new Set(lower).size <= 2) {
    return { th: "รหัสผ่านใช้ตัวอักษรซ้ำกันเกือบทั้งหมด กรุณาเลือกรหัสที่หลากหลายกว่านี้", en: "The password repeats one or two characters; choose a more varied one." };
  }
  return null;
}
