import { describe, expect, it } from "vitest";
import { checkNewPassword, MINIMUM_PASSWORD_LENGTH } from "../../app/auth/password-policy";
import commonPasswords from "../../app/auth/common-passwords/list.json";

const user = { username: "somchai" };

describe("the new-password rule", () => {
  it("holds the 10,000 most common passwords, lower-case", () => {
    expect((commonPasswords as string[]).length).toBeGreaterThanOrEqual(10_000);
    expect(commonPasswords).toContain("password");
    expect(commonPasswords).toContain("qwerty");
  });

  it.each([
    ["under 12 characters", "Short1!pass", /อย่างน้อย 12 ตัวอักษร \(ขณะนี้ 11\)/],
    ["a common password, whatever its case", "MasterBating", /ใช้กันมากที่สุด/],
    ["a common password of 12 or more", "unbelievable", /ใช้กันมากที่สุด/],
    ["the username inside it", "my-somchai-2570", /ชื่อผู้ใช้/],
    ["one character repeated", "aaaaaaaaaaaaaaa", /ซ้ำกัน/],
    ["over 200 characters", "x1".repeat(101), /ไม่เกิน 200/],
  ])("refuses %s, in Thai first", (_case, password, message) => {
    const problem = checkNewPassword(password, user);
    expect(problem?.th).toMatch(message);
    expect(problem?.en.length).toBeGreaterThan(10);
  });

  it("accepts a passphrase of 12 or more characters, Thai ones counted as characters", () => {
    expect(checkNewPassword("horse battery staple", user)).toBeNull();
    expect(checkNewPassword("ข้าวมันไก่อร่อยมาก", user)).toBeNull();
    expect([..."ข้าวมันไก่อร่อยมาก"].length).toBeGreaterThanOrEqual(MINIMUM_PASSWORD_LENGTH);
  });
});
