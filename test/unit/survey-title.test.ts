/**
 * The name a respondent is shown for an instrument (getSurveyTitle): the survey definition's own title,
 * the EIT's a satisfaction survey in plain words in both frameworks, while framework.json keeps the NACC's
 * official name for the admin pages and the report; and a framework whose survey has no Thai title is
 * refused, as any other problem of its folder.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtInFrameworksDir, readFrameworkFolder } from "../../app/lib/framework-files.server";
import { getFramework, getSurveyTitle } from "../../app/lib/frameworks.server";

describe("the survey's name as respondents see it", () => {
  for (const framework of ["ita-2565", "ita-2569"]) {
    it(`${framework}: the EIT is a satisfaction survey to visitors, its official name stays in framework.json`, () => {
      expect(getSurveyTitle(framework, "eit")).toEqual({ th: "แบบประเมินความพึงพอใจต่อการให้บริการ", en: "Service satisfaction survey" });
      expect(getFramework(framework).instruments.find((i) => i.code === "eit")?.title.th).toBe("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก");
      // Staff know the IIT by its official name.
      expect(getSurveyTitle(framework, "iit").th).toBe("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)");
    });
  }

  it("refuses a framework whose survey definition has no Thai title", () => {
    const dir = mkdtempSync(join(tmpdir(), "prongsai-title-"));
    try {
      const folder = join(dir, "ita-2565");
      cpSync(join(builtInFrameworksDir(), "ita-2565"), folder, { recursive: true });
      expect(readFrameworkFolder(folder).problems).toEqual([]);
      const eit = JSON.parse(readFileSync(join(folder, "eit.json"), "utf8")) as Record<string, unknown>;
      writeFileSync(join(folder, "eit.json"), JSON.stringify({ ...eit, title: { en: "Service satisfaction survey" } }));
      expect(readFrameworkFolder(folder).problems).toEqual(["eit.json › title: a Thai title is required (the name respondents see)"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
