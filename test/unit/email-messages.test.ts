/**
 * The e-mails' words (app/services/email/messages.ts): every value the agency or a visitor wrote is
 * escaped in the HTML part (a measure's title, a suggestion), Thai and English subjects, and a digest
 * for a user who may not read suggestions (texts null) names their count only.
 */
import { describe, expect, it } from "vitest";
import { renderAlert, renderDigest, type DigestPayload } from "../../app/services/email/messages";

const context = { lang: "th" as const, accountLink: "https://survey.example.go.th/admin/account" };

const digest: DigestPayload = {
  kind: "digest",
  week: "2026-11-30",
  agency: { th: "เทศบาลตำบลทดสอบ", en: "Test Municipality" },
  round: {
    title: { th: "รอบ <b>ทดสอบ</b>", en: "Round" },
    score: 87.125,
    full: false,
    rating: null,
    instruments: [{ abbreviation: "EIT", score: 90.005, answers: 120 }],
    samples: [{ instrument: "eit", answers: 120, minimum: 100 }],
    changes: [{ title: { th: "คุณภาพการให้บริการ", en: "Service" }, from: 80, to: 90, fromMonth: { th: "ต.ค. 68", en: "Oct 2025" }, toMonth: { th: "พ.ย. 68", en: "Nov 2025" } }],
    suggestions: { unread: 2, latestIds: ["a", "b"] },
    overdue: { count: 1, items: [{ title: 'ป้าย "ขั้นตอน" & <script>', dueOn: "2026-11-01" }] },
    link: "https://survey.example.go.th/admin/rounds/1",
  },
  link: "https://survey.example.go.th/admin",
};

describe("e-mail messages", () => {
  it("escapes what the agency and visitors wrote in the HTML, and keeps it as written in the text", () => {
    const mail = renderDigest(digest, ["<img src=x onerror=alert(1)>"], context);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img src=x");
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(mail.html).toContain("ป้าย &quot;ขั้นตอน&quot; &amp; &lt;script&gt;");
    expect(mail.html).not.toContain("<b>ทดสอบ</b>");
    expect(mail.text).toContain('ป้าย "ขั้นตอน" & <script> (กำหนด 1 พ.ย. 2569)');
    expect(mail.text).toContain("คะแนนเท่าที่ประเมินแล้ว (OIT ยังตรวจไม่ครบ): 87.13");
    expect(mail.text).toContain("คุณภาพการให้บริการ: 80.00 (ต.ค. 68) → 90.00 (พ.ย. 68)");
  });

  it("names the suggestions' count only when the recipient may not read them", () => {
    const mail = renderDigest(digest, null, context);
    expect(mail.text).toContain("ข้อเสนอแนะที่ยังไม่ได้อ่าน: 2 เรื่อง");
    expect(mail.text).not.toContain("“");
  });

  it("writes an alert in the recipient's language", () => {
    const alert = { type: "counter.below-pass-mark" as const, roundId: 1, roundTitle: { th: "รอบ ๒๕๖๙", en: "Round 2026" }, counterId: 3, counterName: { th: "จุดชำระภาษี", en: "Tax counter" }, score: 79.994, passMark: 85, link: "https://x.example/admin/rounds/1" };
    expect(renderAlert(alert, context).subject).toBe("แจ้งเตือน: ความพึงพอใจที่ จุดชำระภาษี ต่ำกว่าเกณฑ์ผ่าน");
    const english = renderAlert(alert, { ...context, lang: "en" });
    expect(english.subject).toBe("Alert: satisfaction at Tax counter is below the pass mark");
    expect(english.text).toContain("is 79.99, below the pass mark of 85.00.");
  });
});
