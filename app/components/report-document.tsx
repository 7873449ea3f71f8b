/**
 * The printed report (issue 5, part 3) in the structure of the reference document
 * (../shared/reference/khlong-phikrai-2565-measures.txt): heading, section ๑ (the result, its level and
 * meaning, the recommendations, the indicator table with the issue to fix for each weak indicator),
 * section ๒ (the measures table). Plain markup for print: the A4 rules are in app/styles/report.css.
 *
 * Digits: Thai (๐–๙) by default, as official documents print them, or Arabic; every number and every
 * piece of prose typed by the agency is written in the chosen digits. Item codes (i20, o23) stay as the
 * framework writes them: they are identifiers, not numbers.
 */
import { type Digits, formatDate, formatScore, withDigits } from "../text/format";
import { defineTexts, type Lang } from "../text/i18n";
import type { ReportIndicator, ReportInstrument, ReportMeasure, ReportTarget, RoundReport } from "../services/report.server";
import { ProvisionalNote } from "./provisional-note";

const say = defineTexts({
  heading: { th: "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {year}", en: "Measures to promote integrity and transparency, fiscal year {year} B.E." },
  fiscalYearSpan: { th: "", en: "(October {start} – September {end})" },
  section1: { th: "การวิเคราะห์ผลการประเมิน ITA ของ{org} ประจำปีงบประมาณ พ.ศ. {year}", en: "Analysis of the ITA result of {org}, fiscal year {year} B.E." },
  resultOfficial: {
    th: "จากผลการประเมิน ITA ในปีงบประมาณ พ.ศ. {year} ของ{org} พบว่า มีผลคะแนน {score} อยู่ในระดับ {level}",
    en: "In the ITA of fiscal year {year} B.E., {org} scored {score}, level {level}.",
  },
  resultMeasured: {
    th: "จากผลการวัดตามหลักเกณฑ์การประเมิน ITA ในปีงบประมาณ พ.ศ. {year} ของ{org} พบว่า มีผลคะแนน {score} อยู่ในระดับ {level}",
    en: "Measured by the ITA method in fiscal year {year} B.E., {org} scores {score}, level {level}.",
  },
  resultPartial: {
    th: "จากผลการวัดตามหลักเกณฑ์การประเมิน ITA ในปีงบประมาณ พ.ศ. {year} ของ{org} พบว่า มีผลคะแนนเบื้องต้น {score} (ระดับ {level}) จาก{instruments} เท่านั้น เนื่องจากยังประเมินแบบวัดอื่นไม่ครบ จึงยังไม่ใช่คะแนนรวม ITA",
    en: "Measured by the ITA method in fiscal year {year} B.E., {org} has a provisional score of {score} (level {level}) from {instruments} only: the other instruments are not fully assessed yet, so this is not the ITA total.",
  },
  resultNone: { th: "ยังไม่มีผลคะแนนของ{org} ในปีงบประมาณ พ.ศ. {year}", en: "{org} has no score yet for fiscal year {year} B.E." },
  sourceOfficial: {
    th: "ที่มาของคะแนน: ผลการประเมินอย่างเป็นทางการของสำนักงาน ป.ป.ช. ที่หน่วยงานบันทึกไว้ (ปรับปรุงล่าสุด {date})",
    en: "Source of the scores: the NACC's official result as entered by the agency (last updated {date}).",
  },
  sourceMeasured: {
    th: "ที่มาของคะแนน: วัดด้วยระบบโปร่งใส — IIT จากคำตอบ {iit} ชุด, EIT จากคำตอบ {eit} ชุด, OIT จากการตรวจรายการ {checked} จาก {total} ข้อ (ยังไม่ใช่ผลอย่างเป็นทางการ)",
    en: "Source of the scores: measured with Prongsai — IIT from {iit} responses, EIT from {eit} responses, OIT from {checked} of {total} checklist items checked (not the official result).",
  },
  officialMissing: {
    th: "ยังไม่ได้บันทึกผลการประเมินอย่างเป็นทางการของปีงบประมาณ พ.ศ. {year} จึงแสดงคะแนนที่วัดด้วยระบบโปร่งใสแทน",
    en: "No official result is entered for fiscal year {year} B.E., so the scores measured with Prongsai are shown.",
  },
  adviceLead: { th: "มีข้อเสนอแนะ ดังนี้", en: "Recommendations:" },
  advice: {
    th: "หน่วยงานของท่านได้ผลคะแนนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปี {year} จำนวน {score} คะแนน จากคะแนนเต็ม {full} คะแนน โดยมีผลการประเมินระดับ {level} หมายถึง {meaning}",
    en: "The agency scored {score} out of {full} in the Integrity and Transparency Assessment of {year} B.E., level {level}. This means: {meaning}",
  },
  advicePartial: {
    th: "หน่วยงานของท่านได้ผลคะแนนเบื้องต้น {score} คะแนน จากคะแนนเต็ม {full} คะแนน (ระดับ {level}) ซึ่งยังไม่รวมแบบวัดที่ยังประเมินไม่ครบ ระดับ {level} หมายถึง {meaning}",
    en: "The agency has a provisional score of {score} out of {full} (level {level}), without the instruments not yet fully assessed. Level {level} means: {meaning}",
  },
  disclose: { th: "ทั้งนี้ ประเด็นที่ควรมีการเปิดเผย หรือบริหารจัดการให้ดียิ่งขึ้น ได้แก่", en: "What the agency should publish or manage better:" },
  publish: { th: "แสดง", en: "Publish " },
  noFailing: {
    th: "รายการเปิดเผยข้อมูลสาธารณะ (OIT) ที่ตรวจแล้วผ่านครบทุกข้อ",
    en: "Every public-disclosure (OIT) item checked so far passes.",
  },
  unchecked: {
    th: "ยังไม่ได้ตรวจรายการเปิดเผยข้อมูลสาธารณะ (OIT) อีก {n} ข้อ จาก {total} ข้อ",
    en: "{n} of the {total} public-disclosure (OIT) items are not checked yet.",
  },
  uncheckedInIndicator: { th: "ยังไม่ได้ตรวจอีก {n} ข้อ", en: "{n} items are not checked yet." },
  byIndicator: { th: "โดยวิเคราะห์ผลการประเมินแต่ละตัวชี้วัด ได้ดังนี้", en: "Indicator by indicator:" },
  colIndicator: { th: "ตัวชี้วัดของการประเมิน ITA", en: "ITA indicator" },
  colScore: { th: "คะแนน", en: "Score" },
  colIssue: { th: "ประเด็นที่ต้องแก้ไข/ปรับปรุง/รักษาระดับ", en: "Issue to fix, improve or maintain" },
  notAssessed: { th: "ยังไม่มีผลคะแนน", en: "Not assessed yet" },
  notAssessedOit: { th: "ยังตรวจรายการไม่ครบ (ยังไม่ได้ตรวจ {n} ข้อ)", en: "Checklist not complete ({n} items not checked)" },
  keep: { th: "ผ่านเกณฑ์ ({pass} คะแนนขึ้นไป) ควรรักษาระดับ", en: "Passes ({pass} or more): maintain the level." },
  issueSurvey: { th: "ผลคะแนน {instrument} มีประเด็นที่ต้องปรับปรุงในเรื่อง{title} ในประเด็น", en: "The {instrument} score needs improvement in {title}, namely:" },
  issueSurveyFallback: { th: "ผลคะแนน {instrument} มีประเด็นที่ต้องปรับปรุงในเรื่อง{title} กล่าวคือ {low}", en: "The {instrument} score needs improvement in {title}: {low}" },
  issueChecklist: {
    th: "ผลคะแนน {instrument} พบว่ายังไม่ได้มีการเปิดเผยข้อมูลอย่างถูกต้อง ครบถ้วน ตามประเด็นการประเมิน และองค์ประกอบด้านข้อมูลที่ต้องนำมาเปิดเผย ในข้อ",
    en: "The {instrument} check found items not published correctly and completely, as the criteria and their required elements ask:",
  },
  issueChecklistFallback: { th: "ผลคะแนน {instrument} มีประเด็นที่ต้องปรับปรุงในเรื่อง{title} กล่าวคือ {low}", en: "The {instrument} score needs improvement in {title}: {low}" },
  especially: { th: "โดยเฉพาะ", en: "especially" },
  section2: { th: "ข้อเสนอแนะในการพัฒนาคุณธรรมและความโปร่งใสในปีงบประมาณ พ.ศ. {year}", en: "Measures to develop integrity and transparency in fiscal year {year} B.E." },
  measuresLead: {
    th: "จากการวิเคราะห์ข้อมูลการประเมินทั้ง {count} ส่วน อันได้แก่ {instruments} {org}จึงกำหนดมาตรการในการส่งเสริมคุณธรรมและความโปร่งใส เพื่อรองรับการประเมินคุณธรรมและความโปร่งใสในปีงบประมาณ พ.ศ. {year} ดังนี้",
    en: "Having analysed the {count} parts of the assessment — {instruments} — {org} sets the following measures to promote integrity and transparency for the assessment of fiscal year {year} B.E.:",
  },
  colMeasure: { th: "มาตรการ/แนวทาง", en: "Measure" },
  colSteps: { th: "วิธีการดำเนินการ", en: "How it is carried out" },
  colUnits: { th: "ผู้รับผิดชอบ", en: "Responsible" },
  colPeriod: { th: "ระยะเวลาดำเนินการ", en: "Period" },
  colFollowUp: { th: "การติดตามผล", en: "Follow-up" },
  answers: { th: "ตอบ:", en: "Answers:" },
  due: { th: "กำหนดแล้วเสร็จ {date}", en: "due {date}" },
  statusLabel: { th: "สถานะ:", en: "Status:" },
  planned: { th: "วางแผนแล้ว", en: "Planned" },
  "in-progress": { th: "กำลังดำเนินการ", en: "In progress" },
  done: { th: "ดำเนินการแล้วเสร็จ", en: "Done" },
  overdue: { th: "(เลยกำหนด)", en: "(overdue)" },
  progress: { th: "ความคืบหน้า", en: "Progress" },
  noMeasures: { th: "ยังไม่ได้กำหนดมาตรการสำหรับปีงบประมาณนี้", en: "No measures have been set for this fiscal year yet." },
  indicatorTarget: { th: "ตัวชี้วัดที่ {code} {title}", en: "Indicator {code} {title}" },
  made: { th: "จัดทำด้วยระบบโปร่งใส เมื่อวันที่ {date}", en: "Made with Prongsai on {date}." },
  district: { th: "อำเภอ", en: "District" },
  province: { th: "จังหวัด", en: "Province" },
  and: { th: " และ", en: " and " },
});

/** The report's lookup: a text in the document's digits, the numbers filled into it included. */
function sayInDigits(d: (text: string) => string): typeof say {
  return (lang, key, ...values) => d(say(lang, key, ...values));
}

export interface ReportDocumentProps {
  report: RoundReport;
  lang: Lang;
  digits: Digits;
  /**
   * Which sections to show; both by default (the printed report). The public page shows those the agency
   * published: the analysis (the source line and section ๑) and the measures (section ๒).
   */
  parts?: { analysis: boolean; measures: boolean };
  /** Show each measure's dated progress notes under its status (the public page); the printed plan has none. */
  notes?: boolean;
}

/** Thai administrative names as official documents print them: อำเภอ…, จังหวัด… (กรุงเทพมหานคร and เขต… as they are). */
function place(districtTh: string, provinceTh: string, lang: Lang): string {
  const district = /^(อำเภอ|เขต|กิ่งอำเภอ)/.test(districtTh) ? districtTh : `${say("th", "district")}${districtTh}`;
  const province = /^(จังหวัด|กรุงเทพมหานคร)/.test(provinceTh) ? provinceTh : `${say("th", "province")}${provinceTh}`;
  return lang === "th" ? `${district} ${province}` : `${district}, ${province}`;
}

export function ReportDocument({ report, lang, digits, parts = { analysis: true, measures: true }, notes = false }: ReportDocumentProps) {
  const d = (text: string) => withDigits(text, digits);
  const tx = sayInDigits(d);
  const score = (value: number | null) => d(formatScore(value));
  const date = (iso: string) => formatDate(iso, lang, { month: "long", digits });
  const org = report.organization.name[lang];
  const year = report.round.fiscalYear;
  const { total } = report;
  // The rating by the framework's rule (AA–F up to 2565, ผ่าน … from 2566; official: as published).
  const levelCode = total.rating ? total.rating.label[lang] : (total.level?.code ?? "–");
  const shortfall = total.rating?.reason ? ` (${d(total.rating.reason[lang])})` : "";
  const instrumentNames = (codes: readonly string[]) =>
    codes.map((code) => report.instruments.find((i) => i.code === code)?.abbreviation ?? code.toUpperCase()).join(say(lang, "and"));

  let result: string;
  if (total.score === null) result = tx(lang, "resultNone", { org, year });
  else if (total.partial) result = tx(lang, "resultPartial", { org, year, score: formatScore(total.score), level: levelCode, instruments: instrumentNames(total.instruments) });
  else result = tx(lang, report.source.shown === "official" ? "resultOfficial" : "resultMeasured", { org, year, score: formatScore(total.score), level: levelCode });
  if (total.score !== null) result += shortfall;

  const unchecked = report.measured.checklist.total - report.measured.checklist.checked;

  return (
    <article className="report-doc" lang={lang} data-digits={digits} data-source={report.source.shown}>
      <header className="report-head">
        {report.organization.logoUrl && <img className="report-logo" src={report.organization.logoUrl} alt="" />}
        <h1>{tx(lang, "heading", { year })}</h1>
        {lang === "en" && <p className="report-span">{say("en", "fiscalYearSpan", { start: year - 544, end: year - 543 })}</p>}
        <p className="report-org">
          {org}
          {lang === "en" ? ", " : " "}
          {d(place(report.organization.districtTh, report.organization.provinceTh, lang))}
        </p>
      </header>

      {report.round.provisional && parts.analysis && <ProvisionalNote lang={lang} frameworkId={report.round.frameworkId} />}
      {parts.analysis && (
        <p className="report-source" data-testid="report-source">
          {report.source.officialMissing && <span className="report-source-missing">{tx(lang, "officialMissing", { year })} </span>}
          {report.source.shown === "official"
            ? tx(lang, "sourceOfficial", { date: report.source.officialUpdatedOn ? date(report.source.officialUpdatedOn) : "–" })
            : tx(lang, "sourceMeasured", {
                iit: report.measured.iitAnswers,
                eit: report.measured.eitAnswers,
                checked: report.measured.checklist.checked,
                total: report.measured.checklist.total,
              })}
        </p>
      )}

      {parts.analysis && (
        <section className="report-section" aria-labelledby="report-s1">
          <h2 id="report-s1">
            {d("1.")} {tx(lang, "section1", { org, year })}
          </h2>
          <p className="report-para" data-testid="report-result">
            {result}
          </p>

          {total.score !== null && total.level && (
            <>
              <p className="report-para report-lead">{tx(lang, "adviceLead")}</p>
              <p className="report-para report-indent" data-testid="report-advice">
                {tx(lang, total.partial ? "advicePartial" : "advice", {
                  year,
                  score: formatScore(total.score),
                  full: 100,
                  level: levelCode,
                  meaning: total.level.meaning?.[lang] ?? total.level.title[lang],
                })}
                {report.recommendations.length > 0 && ` ${tx(lang, "disclose")}`}
              </p>
            </>
          )}
          {report.recommendations.length > 0 ? (
            <ul className="report-bullets" data-testid="report-recommendations">
              {report.recommendations.map((r) => (
                <li key={r.code} data-code={r.code}>
                  {d(publishText(r.requirement[lang], lang))} <span className="report-code">({r.code} {d(r.title[lang])})</span>
                </li>
              ))}
            </ul>
          ) : (
            report.measured.checklist.checked > 0 && <p className="report-para report-indent">{tx(lang, "noFailing")}</p>
          )}
          {unchecked > 0 && <p className="report-para report-indent report-note">{tx(lang, "unchecked", { n: unchecked, total: report.measured.checklist.total })}</p>}

          <p className="report-para report-lead">{tx(lang, "byIndicator")}</p>
          <table className="report-table report-indicators" data-testid="report-indicators">
            <colgroup>
              <col className="report-col-indicator" />
              <col className="report-col-score" />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{tx(lang, "colIndicator")}</th>
                <th scope="col">{tx(lang, "colScore")}</th>
                <th scope="col">{tx(lang, "colIssue")}</th>
              </tr>
            </thead>
            {report.instruments.map((instrument) => (
              <tbody key={instrument.code}>
                <tr className="report-group">
                  <th scope="rowgroup" colSpan={1}>
                    {instrument.title[lang]} ({instrument.abbreviation})
                  </th>
                  <td className="report-num" data-label={tx(lang, "colScore")}>{score(instrument.score)}</td>
                  <td className="report-group-empty" />
                </tr>
                {instrument.indicators.map((indicator) => (
                  <tr key={indicator.code} data-indicator={indicator.code} data-weak={indicator.weak ? "true" : "false"}>
                    <th scope="row">
                      {d(`${indicator.code}.`)} {indicator.title[lang]}
                    </th>
                    <td className="report-num" data-label={tx(lang, "colScore")}>{score(indicator.score)}</td>
                    <td data-label={tx(lang, "colIssue")}>
                      <IndicatorIssue indicator={indicator} instrument={instrument} passMark={report.passMark} lang={lang} d={d} />
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </section>
      )}

      {parts.measures && (
        <section className="report-section report-measures-section" aria-labelledby="report-s2">
          <h2 id="report-s2">
            {d("2.")} {tx(lang, "section2", { year })}
          </h2>
          <p className="report-para report-indent">
            {tx(lang, "measuresLead", {
              count: report.instruments.length,
              org,
              year,
              instruments: report.instruments.map((i) => `${i.title[lang]} (${i.abbreviation})`).join(lang === "th" ? " " : ", "),
            })}
          </p>
          <table className="report-table report-measures" data-testid="report-measures">
            <colgroup>
              <col className="report-col-measure" />
              <col className="report-col-steps" />
              <col className="report-col-units" />
              <col className="report-col-period" />
              <col className="report-col-follow" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{tx(lang, "colMeasure")}</th>
                <th scope="col">{tx(lang, "colSteps")}</th>
                <th scope="col">{tx(lang, "colUnits")}</th>
                <th scope="col">{tx(lang, "colPeriod")}</th>
                <th scope="col">{tx(lang, "colFollowUp")}</th>
              </tr>
            </thead>
            <tbody>
              {report.measures.length === 0 && (
                <tr>
                  <td colSpan={5} className="report-empty">
                    {tx(lang, "noMeasures")}
                  </td>
                </tr>
              )}
              {report.measures.map((measure, index) => (
                <MeasureRow key={measure.id} measure={measure} number={index + 1} lang={lang} d={d} date={date} notes={notes} />
              ))}
            </tbody>
          </table>
        </section>
      )}

      <footer className="report-made">{tx(lang, "made", { date: date(report.generatedOn) })}</footer>
    </article>
  );
}

/**
 * "แสดง" + what the item must show, as the reference's bullets read ("แสดงผลการดำเนินงาน…"), without
 * saying it twice when the requirement already starts with แสดง / การแสดง. In English, "Publish " and
 * the requirement in lower case.
 */
function publishText(requirement: string, lang: Lang): string {
  if (lang === "en") return say("en", "publish") + (/^[A-Z](?![A-Z])/.test(requirement) ? requirement[0]!.toLowerCase() + requirement.slice(1) : requirement);
  if (requirement.startsWith("แสดง")) return requirement;
  if (requirement.startsWith("การแสดง")) return requirement.slice("การ".length);
  return say("th", "publish") + requirement;
}

interface IssueProps {
  indicator: ReportIndicator;
  instrument: ReportInstrument;
  passMark: number;
  lang: Lang;
  d: (text: string) => string;
}

/** The issue column of one indicator: keep the level, not assessed, or what to fix and why. */
function IndicatorIssue({ indicator, instrument, passMark, lang, d }: IssueProps) {
  const tx = sayInDigits(d);
  const checklist = instrument.kind === "checklist";
  const uncheckedNote = checklist && indicator.unchecked > 0 ? <p className="report-note">{tx(lang, "uncheckedInIndicator", { n: indicator.unchecked })}</p> : null;

  if (indicator.score === null) {
    return <p>{checklist && indicator.unchecked > 0 ? tx(lang, "notAssessedOit", { n: indicator.unchecked }) : tx(lang, "notAssessed")}</p>;
  }
  if (!indicator.weak) return <p className="report-keep">{tx(lang, "keep", { pass: passMark })}</p>;

  // In English the indicator's name sits mid-sentence: "needs improvement in use of government assets".
  const title = lang === "en" && /^[A-Z](?![A-Z])/.test(indicator.title.en) ? indicator.title.en[0]!.toLowerCase() + indicator.title.en.slice(1) : indicator.title[lang];
  const values = { instrument: instrument.abbreviation, title };
  if (indicator.weakItems.length === 0) {
    return (
      <>
        <p data-testid="report-issue">{tx(lang, checklist ? "issueChecklistFallback" : "issueSurveyFallback", { ...values, low: indicator.fallback?.[lang] ?? "" })}</p>
        {uncheckedNote}
      </>
    );
  }
  return (
    <>
      <p data-testid="report-issue">{tx(lang, checklist ? "issueChecklist" : "issueSurvey", values)}</p>
      <ul className="report-issue-items">
        {indicator.weakItems.map((item) => (
          <li key={item.code} data-code={item.code}>
            {checklist ? (
              <>
                <span className="report-code">{item.code}</span> {d(item.title[lang])}
              </>
            ) : (
              <>
                {d(item.title[lang])}
                {item.subItems.length > 0 && ` (${say(lang, "especially")} ${d(item.subItems.map((s) => s[lang]).join(", "))})`}
                {" — "}
                {d(item.low[lang])}
              </>
            )}
          </li>
        ))}
      </ul>
      {uncheckedNote}
    </>
  );
}

interface MeasureRowProps {
  measure: ReportMeasure;
  number: number;
  lang: Lang;
  d: (text: string) => string;
  date: (iso: string) => string;
  notes: boolean;
}

function MeasureRow({ measure, number, lang, d, date, notes }: MeasureRowProps) {
  const tx = sayInDigits(d);
  // data-label: the column's heading, which a narrow screen shows above each cell (app/styles/public-page.css).
  return (
    <tr data-measure={measure.id}>
      <td data-label={tx(lang, "colMeasure")}>
        <p className="report-measure-title">
          {d(`${number}.`)} {d(measure.title)}
        </p>
        {measure.targets.length > 0 && (
          <p className="report-targets">
            {tx(lang, "answers")} {measure.targets.map((t) => targetText(t, lang, d)).join("; ")}
          </p>
        )}
      </td>
      <td data-label={tx(lang, "colSteps")}>
        {measure.steps.length === 1 ? (
          <p className="report-multiline">{d(measure.steps[0]!)}</p>
        ) : (
          <ol className="report-steps">
            {measure.steps.map((step, i) => (
              <li key={i}>
                <span className="report-step-number">{d(`${i + 1}.`)}</span>
                <span className="report-multiline">{d(step)}</span>
              </li>
            ))}
          </ol>
        )}
      </td>
      <td data-label={tx(lang, "colUnits")}>
        {measure.units.map((unit, i) => (
          <p key={i}>{d(unit[lang])}</p>
        ))}
      </td>
      <td data-label={tx(lang, "colPeriod")}>
        <p className="report-multiline">{d(measure.period)}</p>
        {measure.dueOn && <p className="report-due">{tx(lang, "due", { date: date(measure.dueOn) })}</p>}
      </td>
      <td data-label={tx(lang, "colFollowUp")}>
        <p className="report-multiline">{d(measure.followUp)}</p>
        <p className="report-status" data-status={measure.status}>
          {say(lang, "statusLabel")} {say(lang, measure.status)}
          {measure.overdue && measure.status !== "done" && ` ${say(lang, "overdue")}`}
        </p>
        {notes && measure.notes.length > 0 && (
          <div className="report-progress" data-testid="report-progress">
            <p className="report-progress-head">{tx(lang, "progress")}</p>
            <ul>
              {measure.notes.map((note, i) => (
                <li key={i}>
                  <span className="report-progress-date">{date(note.notedOn)}</span> <span className="report-multiline">{d(note.text)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </td>
    </tr>
  );
}

function targetText(target: ReportTarget, lang: Lang, d: (text: string) => string): string {
  if (target.kind === "indicator" && target.title) return d(say(lang, "indicatorTarget", { code: target.code, title: target.title[lang] }));
  return target.title ? `${target.code} ${d(target.title[lang])}` : target.code;
}
