/**
 * The indicators of a round (ITA-METHOD §1: ten in ITA 2565) as bars against the pass mark, coloured by
 * level; an indicator that is not assessed yet (the OIT ones until the checklist is done) says so
 * instead of showing a bar of 0.
 */
import { defineTexts, type Lang } from "../../text/i18n";
import type { Level, Localized } from "../../scoring/framework";
import { formatScore } from "../../text/format";
import { ScoreBarsChart } from "./score-bars-chart";

export interface IndicatorBarInput {
  code: string;
  instrument: string;
  title: Localized;
  score: number | null;
  level: Level | null;
}

const say = defineTexts({
  notAssessed: { th: "ยังไม่ได้ประเมิน", en: "not yet assessed" },
  passMark: { th: "เกณฑ์ผ่าน", en: "Pass mark" },
  level: { th: "ระดับ", en: "level" },
  aria: { th: "กราฟคะแนนรายตัวชี้วัดเทียบเกณฑ์ผ่าน", en: "Indicator scores against the pass mark" },
});

export function IndicatorChart({ indicators, passMark, lang }: { indicators: IndicatorBarInput[]; passMark: number; lang: Lang }) {
  const bars = indicators.map((i) => ({
    label: `${i.code}. ${i.title[lang]} (${i.instrument.toUpperCase()})`,
    shortLabel: `${i.code}. ${i.title[lang]}`,
    score: i.score,
    color: i.level?.color ?? null,
    level: i.level?.code ?? null,
    note: say(lang, "notAssessed"),
  }));
  const summary = indicators.map((i) => `${i.code}. ${i.title[lang]} ${i.score === null ? say(lang, "notAssessed") : formatScore(i.score)}`).join("; ");
  return (
    <ScoreBarsChart
      bars={bars}
      passMark={passMark}
      passMarkLabel={`${say(lang, "passMark")} ${formatScore(passMark)}`}
      levelWord={say(lang, "level")}
      ariaLabel={`${say(lang, "aria")} ${formatScore(passMark)}: ${summary}`}
      testId="indicator-chart"
    />
  );
}
