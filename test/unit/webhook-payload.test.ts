/** The body of a webhook delivery and its guard against personal data; what a receiver's status means (issue 17, item 3). */
import { describe, expect, it } from "vitest";
import { outcomeOfStatus, TEXT_MAX, webhookBody, webhookData } from "../../app/services/webhooks/payload";

describe("webhookData", () => {
  it("keeps counts, scores, codes, dates and links", () => {
    const data = {
      roundId: 7,
      score: 82.45,
      passMark: 85,
      counterCode: "C-12",
      dueOn: "2026-12-01",
      link: "https://survey.example.go.th/admin/rounds/7/measures",
      overdue: true,
      counts: { received: 3, finished: 1, byMonth: [1, 0, 2] },
      nothing: null,
    };
    expect(webhookData(data)).toEqual(data);
  });

  it("drops free text and what names a person, at any depth, and long strings", () => {
    const data = {
      suggestion: "ห้องน้ำสกปรก โทร 081-234-5678",
      suggestionText: "x",
      text: "x",
      note: "ภายใน",
      comments: ["a"],
      Message: "x",
      email: "a@example.go.th",
      contactEmail: "a@example.go.th",
      reporterPhone: "0812345678",
      phone: "0812345678",
      user_id: 4,
      displayName: "สมชาย",
      username: "somchai",
      complainant: { name: "x" },
      counter: { id: 3, name: "จุดชำระภาษี", note: "x", detail: { text: "deep" } },
      items: [{ measureId: 1, description: "x" }],
      long: "ก".repeat(TEXT_MAX + 1),
      edge: "ข".repeat(TEXT_MAX),
      notANumber: Number.NaN,
    };
    expect(webhookData(data)).toEqual({
      counter: { id: 3, name: "จุดชำระภาษี" },
      items: [{ measureId: 1 }],
      edge: "ข".repeat(TEXT_MAX),
    });
  });

  it("cuts nesting deeper than six levels", () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: 1 } } } } } }, top: 1 };
    // data is level 0; the object at level 6 (under f) is dropped with its key.
    expect(webhookData(deep)).toEqual({ a: { b: { c: { d: { e: {} } } } }, top: 1 });
  });

  it("builds the body: id, type, occurredAt, the agency, data", () => {
    const body = webhookBody(
      { id: "e-1", type: "complaint.received", occurredAt: "2026-12-03T01:00:00.000Z", data: { unitId: 2, text: "ลับ" } },
      { slug: "tambon-example", name: "เทศบาลตำบลตัวอย่าง" },
    );
    expect(body).toEqual({
      id: "e-1",
      type: "complaint.received",
      occurredAt: "2026-12-03T01:00:00.000Z",
      agency: { slug: "tambon-example", name: "เทศบาลตำบลตัวอย่าง" },
      data: { unitId: 2 },
    });
  });
});

describe("outcomeOfStatus", () => {
  it.each([
    [200, "sent"],
    [201, "sent"],
    [204, "sent"],
    [299, "sent"],
    [301, "give-up"],
    [302, "give-up"],
    [307, "give-up"],
    [400, "give-up"],
    [401, "give-up"],
    [403, "give-up"],
    [404, "give-up"],
    [408, "retry"],
    [410, "give-up"],
    [413, "give-up"],
    [429, "retry"],
    [500, "retry"],
    [502, "retry"],
    [503, "retry"],
    [504, "retry"],
  ])("HTTP %i → %s", (status, outcome) => {
    expect(outcomeOfStatus(status)).toBe(outcome);
  });
});
