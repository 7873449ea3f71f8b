/**
 * The survey's first screen drawn by the server before SurveyJS runs: what SurveyJS shows first, in
 * the chosen language, with every text escaped except the framework's own html.
 */
import { describe, expect, it } from "vitest";
import { getSurveyJson } from "../../app/lib/frameworks.server";
import { getFirstScreenHtml, renderFirstScreenHtml } from "../../app/services/survey-first-screen.server";

describe("the survey's first screen as HTML", () => {
  it("shows the EIT's title (a satisfaction survey, in the visitor's words), description and welcome in Thai, and in English", () => {
    const th = getFirstScreenHtml("ita-2565", "eit", "th");
    expect(th).toContain("<h2>แบบประเมินความพึงพอใจต่อการให้บริการ</h2>");
    // The NACC's name of the instrument is for the admin pages and the report, not for visitors.
    expect(th).not.toContain("ผู้มีส่วนได้ส่วนเสีย");
    expect(th).toContain("สำหรับผู้รับบริการและผู้มาติดต่อหน่วยงาน");
    expect(th).toContain("<h3>ยินดีต้อนรับ</h3>");
    expect(th).not.toContain("Welcome");
    const en = getFirstScreenHtml("ita-2565", "eit", "en");
    expect(en).toContain("<h2>Service satisfaction survey</h2>");
    expect(en).not.toContain("EIT");
    expect(en).toContain("<h3>Welcome</h3>");
  });

  it("shows the IIT's anonymity note, and nothing of its second page", () => {
    const th = getFirstScreenHtml("ita-2565", "iit", "th");
    expect(th).toContain("ไม่ระบุตัวตน");
    const secondPage = (JSON.parse(getSurveyJson("ita-2565", "iit")) as { pages: { elements: { title: { default: string } }[] }[] }).pages[1]!;
    expect(th).not.toContain(secondPage.elements[0]!.title.default);
  });

  it("is rendered once per framework, instrument and language", () => {
    expect(getFirstScreenHtml("ita-2565", "eit", "th")).toBe(getFirstScreenHtml("ita-2565", "eit", "th"));
  });

  it("escapes titles and choices, draws panels and radio groups, and leaves unknown types out", () => {
    const html = renderFirstScreenHtml(
      {
        title: { default: "<script>x</script>", en: "E" },
        pages: [
          {
            elements: [
              { type: "panel", title: "A & B", elements: [{ type: "radiogroup", name: "q1", title: { default: "ข้อ 1" }, choices: [{ value: 1, text: { default: "น้อย" } }, 2] }] },
              { type: "matrixdynamic", name: "m", title: "not drawn" },
            ],
          },
        ],
      },
      "th",
    );
    expect(html).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("<h3>A &amp; B</h3>");
    expect(html).toContain("<strong>ข้อ 1</strong>");
    expect(html).toContain("<li>น้อย</li><li>2</li>");
    expect(html).not.toContain("not drawn");
  });
});
