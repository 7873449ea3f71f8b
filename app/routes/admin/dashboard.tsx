/**
 * The round dashboard (issue 4): one page for the mayor and the ปลัด — where the agency stands against
 * the pass mark, which indicator and which question pull it down, whether the EIT improves month by
 * month and at which counter, and how many more answers are needed. The numbers come from
 * services/dashboard.server.ts (tallies only); breakdowns below k answers are hidden there.
 */
import { data, Link } from "react-router";
import { IndicatorChart } from "../../components/charts/indicator-chart";
import { MonthlyChart } from "../../components/charts/monthly-chart";
import { ScoreBarsChart } from "../../components/charts/score-bars-chart";
import { LevelBadge } from "../../components/level-badge";
import { getDb } from "../../lib/db.server";
import { formatCount, formatDate, formatScore } from "../../text/format";
import { getRequestLang, type Lang } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireRound } from "../../auth/round-access.server";
import { getRoundDashboard, type BreakdownRowView, type RoundDashboard, type SampleView, type WeakAreaView } from "../../services/dashboard.server";
import type { Route } from "./+types/dashboard";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  const dashboard = await getRoundDashboard(db, round.id);
  if (!dashboard) throw data(null, { status: 404 });
  return data({ lang: getRequestLang(request), dashboard }, { headers: { "Cache-Control": "private, no-store" } });
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  const { lang, dashboard } = data;
  return [{ title: `${TEXT.dashboard[lang]} · ${lang === "th" ? dashboard.round.titleTh : dashboard.round.titleEn}` }];
}

const TEXT = {
  dashboard: { th: "แดชบอร์ดผลการประเมิน", en: "Score dashboard" },
  period: { th: "ช่วงเก็บข้อมูล", en: "Collection period" },
  resultsTable: { th: "ตารางผลการประเมินโดยละเอียด", en: "Detailed results table" },
  report: { th: "รายงานมาตรการส่งเสริมคุณธรรมและความโปร่งใส (พิมพ์/PDF)", en: "Integrity and transparency measures report (print/PDF)" },
  exportCsv: { th: "ดาวน์โหลดคำตอบ (CSV)", en: "Download answers (CSV)" },
  exportXlsx: { th: "ดาวน์โหลดคำตอบ (Excel)", en: "Download answers (Excel)" },
  total: { th: "คะแนนรวม ITA", en: "ITA total" },
  partial: { th: "คะแนนเท่าที่วัดได้ (IIT + EIT)", en: "Score measured so far (IIT + EIT)" },
  oitPending: {
    th: "ยังไม่ได้ประเมิน OIT คะแนนนี้จึงรวมเฉพาะ IIT และ EIT (ถ่วงน้ำหนักใหม่) ไม่ใช่คะแนน ITA ฉบับเต็ม",
    en: "OIT not yet assessed: this score covers IIT and EIT only (weights re-normalised), not the full ITA score.",
  },
  oitChecklist: { th: "รายการตรวจ OIT", en: "OIT checklist" },
  measures: { th: "มาตรการและความคืบหน้า", en: "Measures and progress" },
  overdueTitle: { th: "มาตรการที่เลยกำหนด {n} มาตรการ", en: "{n} overdue measures" },
  overdueLead: { th: "เลยวันครบกำหนดแล้วแต่ยังไม่แล้วเสร็จ", en: "Past their due date and not done." },
  overdueDue: { th: "ครบกำหนด", en: "due" },
  oitProgress: { th: "ตรวจ OIT แล้ว {checked} จาก {total} ข้อ", en: "OIT checked: {checked} of {total} items" },
  oitCheckNow: { th: "ตรวจรายการ OIT", en: "Check the OIT items" },
  passMark: { th: "เกณฑ์ผ่าน", en: "Pass mark" },
  reached: { th: "ผ่านเกณฑ์", en: "reaches the pass mark" },
  notReached: { th: "ยังไม่ถึงเกณฑ์", en: "under the pass mark" },
  notAssessed: { th: "ยังไม่ได้ประเมิน", en: "not yet assessed" },
  weight: { th: "น้ำหนัก", en: "weight" },
  level: { th: "ระดับ", en: "Level" },
  sample: { th: "จำนวนผู้ตอบเทียบกับขั้นต่ำ", en: "Responses against the minimum sample" },
  staff: { th: "บุคลากร", en: "staff" },
  people: { th: "คน", en: "" },
  minimum: { th: "ขั้นต่ำ", en: "minimum" },
  enough: { th: "ครบตามขั้นต่ำแล้ว", en: "minimum reached" },
  more: { th: "ต้องการอีก", en: "needed:" },
  moreUnit: { th: "คน", en: "more" },
  iitRule: { th: "ร้อยละ {p} ของบุคลากร อย่างน้อย {m} คน", en: "{p} % of staff, at least {m}" },
  indicators: { th: "คะแนนรายตัวชี้วัด", en: "Scores by indicator" },
  indicatorsLead: {
    th: "แท่งสีตามระดับคะแนน เส้นประสีแดงคือเกณฑ์ผ่าน",
    en: "Bars are coloured by level; the dashed red line is the pass mark.",
  },
  weakAreas: { th: "จุดที่ต้องปรับปรุง", en: "Weak areas" },
  weakLead: {
    th: "ตัวชี้วัด ข้อคำถาม และรายการ OIT ที่ต่ำกว่าเกณฑ์ผ่าน แต่ละกลุ่มเรียงจากต่ำสุด",
    en: "Indicators, questions and OIT items under the pass mark, each group weakest first.",
  },
  noWeakAreas: { th: "ไม่มีตัวชี้วัดหรือข้อคำถามที่ต่ำกว่าเกณฑ์", en: "No indicator or question is under the pass mark." },
  weakIndicators: { th: "ตัวชี้วัดที่ต่ำกว่าเกณฑ์", en: "Indicators under the pass mark" },
  weakQuestions: { th: "ข้อคำถาม IIT และ EIT ที่ต่ำกว่าเกณฑ์", en: "IIT and EIT questions under the pass mark" },
  weakChecklist: { th: "รายการ OIT ที่ยังไม่ผ่าน", en: "OIT checklist items not met" },
  weakChecklistLink: { th: "ไปที่รายการตรวจ OIT", en: "Open the OIT checklist" },
  indicator: { th: "ตัวชี้วัดที่", en: "Indicator" },
  item: { th: "ข้อ", en: "Question" },
  subItem: { th: "ข้อย่อย", en: "Sub-item" },
  ofItem: { th: "ของข้อ", en: "of question" },
  lowMeans: { th: "หมายความว่า", en: "What it means" },
  question: { th: "คำถาม", en: "Question asked" },
  counters: { th: "EIT รายจุดให้บริการ", en: "EIT by service counter" },
  countersLead: {
    th: "จุดให้บริการใดดึงคะแนน EIT ลง",
    en: "Which counter pulls the EIT score down.",
  },
  months: { th: "EIT รายเดือน", en: "EIT month by month" },
  monthsLead: { th: "คะแนน EIT ดีขึ้นหรือไม่ในแต่ละเดือนของปีงบประมาณ", en: "Is the EIT score getting better over the fiscal year?" },
  hiddenRule: {
    th: "เพื่อปกปิดตัวตนผู้ตอบ จะไม่แสดงผลของกลุ่มที่มีผู้ตอบน้อยกว่า {k} คน และกลุ่มที่อาจใช้คำนวณย้อนหาผลของกลุ่มนั้นได้",
    en: "To protect respondents, groups with fewer than {k} answers are hidden, and so is any group from which a hidden one could be worked out.",
  },
  counter: { th: "จุดให้บริการ", en: "Counter" },
  month: { th: "เดือน", en: "Month" },
  answers: { th: "ผู้ตอบ", en: "Answers" },
  hiddenSmall: { th: "ซ่อน: ผู้ตอบน้อยกว่า {k} คน", en: "hidden: fewer than {k} answers" },
  hiddenComplement: { th: "ซ่อน: เพื่อไม่ให้คำนวณย้อนหากลุ่มที่ซ่อนได้", en: "hidden: would reveal a hidden group" },
  chartSmall: { th: "ซ่อน (ผู้ตอบน้อยกว่า {k})", en: "hidden (fewer than {k})" },
  chartComplement: { th: "ซ่อน (กันการคำนวณย้อน)", en: "hidden (protects a small group)" },
  empty: { th: "ยังไม่มีผู้ตอบ", en: "no answers yet" },
  fewer: { th: "น้อยกว่า {k}", en: "fewer than {k}" },
  lowest: { th: "ต่ำสุด", en: "lowest" },
  paused: { th: "(หยุดชั่วคราว)", en: "(paused)" },
  retired: { th: "(เลิกใช้)", en: "(retired)" },
  monthsAria: { th: "กราฟคะแนน EIT รายเดือนเทียบเกณฑ์ผ่าน", en: "EIT score by month against the pass mark" },
  countersAria: { th: "กราฟคะแนน EIT รายจุดให้บริการเทียบเกณฑ์ผ่าน", en: "EIT score by service counter against the pass mark" },
} as const;

type TextKey = keyof typeof TEXT;

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));
}

export default function DashboardPage({ loaderData }: Route.ComponentProps) {
  const { lang, dashboard } = loaderData;
  const tx = (key: TextKey) => TEXT[key][lang];
  const { round } = dashboard;
  const base = `/admin/rounds/${round.id}`;
  return (
    <main className="page dashboard">
      <header className="dash-head">
        <h1>
          {tx("dashboard")}: {lang === "th" ? round.titleTh : round.titleEn}
        </h1>
        <p className="muted">
          {tx("period")} {formatDate(round.startsOn, lang)} – {formatDate(round.endsOn, lang)}
        </p>
        <p className="dash-links">
          <Link to={`${base}/results`}>{tx("resultsTable")}</Link>
          <Link to={`${base}/oit`}>{tx("oitChecklist")}</Link>
          <Link to={`${base}/measures`}>{tx("measures")}</Link>
          <a href={`${base}/report`}>{tx("report")}</a>
          <a href={`${base}/responses.csv`} download>
            {tx("exportCsv")}
          </a>
          <a href={`${base}/responses.xlsx`} download>
            {tx("exportXlsx")}
          </a>
        </p>
      </header>

      <Summary dashboard={dashboard} lang={lang} />
      {dashboard.overdueMeasures.length > 0 && (
        <section className="alert dash-overdue" aria-labelledby="dash-overdue" data-testid="overdue-measures">
          <h2 id="dash-overdue">{fill(tx("overdueTitle"), { n: formatCount(dashboard.overdueMeasures.length, lang) })}</h2>
          <p className="muted">{tx("overdueLead")}</p>
          <ul>
            {dashboard.overdueMeasures.map((m) => (
              <li key={m.id}>
                <Link to={`${base}/measures#measure-${m.id}`}>
                  {m.position}. {m.title}
                </Link>{" "}
                <span className="dash-flag">
                  {tx("overdueDue")} {formatDate(m.dueOn, lang)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Samples dashboard={dashboard} lang={lang} />

      <section className="card" aria-labelledby="dash-indicators">
        <h2 id="dash-indicators">{tx("indicators")}</h2>
        <p className="muted">{tx("indicatorsLead")}</p>
        <IndicatorChart indicators={dashboard.indicators} passMark={dashboard.passMark} lang={lang} />
      </section>

      <section className="card" aria-labelledby="dash-weak">
        <h2 id="dash-weak">{tx("weakAreas")}</h2>
        <p className="muted">{tx("weakLead")}</p>
        {dashboard.weakAreas.length === 0 ? (
          <p>{tx("noWeakAreas")}</p>
        ) : (
          <div data-testid="weak-areas">
            {WEAK_AREA_GROUPS.map((group) => {
              const areas = dashboard.weakAreas.filter((area) => group.kinds.includes(area.kind));
              if (areas.length === 0) return null;
              return (
                <div key={group.title} className="dash-weak-group" data-group={group.title}>
                  <h3>
                    {tx(group.title)} ({formatCount(areas.length, lang)})
                  </h3>
                  {group.title === "weakChecklist" && (
                    <p>
                      <Link to={`/admin/rounds/${dashboard.round.id}/oit`}>{tx("weakChecklistLink")}</Link>
                    </p>
                  )}
                  <ol className="dash-weak">
                    {areas.map((area) => (
                      <WeakAreaItem key={`${area.kind}-${area.code}`} area={area} lang={lang} />
                    ))}
                  </ol>
                </div>
              );
            })}
          </div>
        )}
      </section>

      <CounterSection dashboard={dashboard} lang={lang} />
      <MonthSection dashboard={dashboard} lang={lang} />
    </main>
  );
}

function Summary({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  const tx = (key: TextKey) => TEXT[key][lang];
  const { total, passMark } = dashboard;
  return (
    <section className="dash-summary" aria-label={total.full ? tx("total") : tx("partial")}>
      <div className="card dash-total">
        <div className="dash-total-label">{total.full ? tx("total") : tx("partial")}</div>
        <div className="dash-total-score">
          <span className="big" data-testid="total-score">
            {formatScore(total.score)}
          </span>
          <LevelBadge level={total.level} />
        </div>
        <div className={total.pass ? "dash-pass" : "dash-fail"}>
          {total.pass === null ? tx("notAssessed") : total.pass ? `✓ ${tx("reached")}` : tx("notReached")} {formatScore(passMark)}
        </div>
        {!total.full && (
          <p className="note">
            {tx("oitPending")}{" "}
            <Link to={`/admin/rounds/${dashboard.round.id}/oit`} data-testid="oit-progress">
              {fill(tx("oitProgress"), { checked: formatCount(dashboard.oitProgress.checked, lang), total: formatCount(dashboard.oitProgress.total, lang) })}
            </Link>
          </p>
        )}
      </div>
      <div className="dash-instruments">
        {dashboard.instruments.map((instrument) => (
          <div className="card dash-instrument" key={instrument.code} data-testid={`instrument-${instrument.code}`}>
            <div className="dash-instrument-name">
              <strong>{instrument.abbreviation}</strong> <span className="muted">({tx("weight")} {Math.round(instrument.weight * 100)}%)</span>
            </div>
            <div className="muted dash-instrument-title">{instrument.title[lang]}</div>
            {instrument.score === null ? (
              <div className="not-assessed">{tx("notAssessed")}</div>
            ) : (
              <div className="dash-instrument-score">
                <span className={instrument.pass ? "" : "below"}>{formatScore(instrument.score)}</span> <LevelBadge level={instrument.level} />
              </div>
            )}
            {instrument.kind === "checklist" && <OitProgressLine dashboard={dashboard} lang={lang} />}
          </div>
        ))}
      </div>
    </section>
  );
}

/** The checking progress of the OIT checklist (checked / all items), linked to the checklist page. */
function OitProgressLine({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  const { checked, total } = dashboard.oitProgress;
  const share = total > 0 ? checked / total : 0;
  return (
    <div className="dash-oit-progress" data-testid="instrument-oit-progress">
      <div className="dash-meter" aria-hidden="true">
        <span className={checked === total ? "done" : ""} style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <Link to={`/admin/rounds/${dashboard.round.id}/oit`}>
        {fill(TEXT.oitProgress[lang], { checked: formatCount(checked, lang), total: formatCount(total, lang) })}
      </Link>
    </div>
  );
}

function Samples({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  const tx = (key: TextKey) => TEXT[key][lang];
  const { samples, round } = dashboard;
  const iitRule = fill(tx("iitRule"), { p: samples.iitRule.percent, m: samples.iitRule.minimum });
  return (
    <section className="card" aria-labelledby="dash-sample">
      <h2 id="dash-sample">{tx("sample")}</h2>
      <div className="dash-samples">
        <SampleRow
          testId="sample-iit"
          label="IIT"
          detail={`${tx("staff")} ${formatCount(round.staffHeadCount, lang)} ${tx("people")} · ${iitRule}`}
          sample={samples.iit}
          lang={lang}
        />
        <SampleRow testId="sample-eit" label="EIT" detail={samples.eitGroup?.[lang] ?? ""} sample={samples.eit} lang={lang} />
      </div>
    </section>
  );
}

function SampleRow(props: { testId: string; label: string; detail: string; sample: SampleView; lang: Lang }) {
  const { testId, label, detail, sample, lang } = props;
  const tx = (key: TextKey) => TEXT[key][lang];
  const share = sample.minimum > 0 ? Math.min(1, sample.answers / sample.minimum) : 1;
  return (
    <div className="dash-sample" data-testid={testId}>
      <div className="dash-sample-head">
        <strong>{label}</strong>
        <span>
          <span className="dash-sample-count">{formatCount(sample.answers, lang)}</span> / {tx("minimum")} {formatCount(sample.minimum, lang)}
        </span>
      </div>
      <div className="dash-meter" aria-hidden="true">
        <span className={sample.remaining === 0 ? "done" : ""} style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <div className="muted">{detail}</div>
      <div className={sample.remaining === 0 ? "dash-pass" : "dash-fail"} data-testid={`${testId}-remaining`}>
        {sample.remaining === 0 ? `✓ ${tx("enough")}` : `${tx("more")} ${formatCount(sample.remaining, lang)} ${tx("moreUnit")}`}
      </div>
    </div>
  );
}

/**
 * Weak areas by what fixes them: the indicators first (what the ITA report names), then the questions
 * people answered, then the OIT items the agency has not published. Each group weakest first. In one
 * list, every failing OIT item (scored 0) came before the first indicator or question.
 */
const WEAK_AREA_GROUPS: { title: TextKey; kinds: WeakAreaView["kind"][] }[] = [
  { title: "weakIndicators", kinds: ["indicator"] },
  { title: "weakQuestions", kinds: ["item", "field"] },
  { title: "weakChecklist", kinds: ["checklist-item"] },
];

function WeakAreaItem({ area, lang }: { area: WeakAreaView; lang: Lang }) {
  const tx = (key: TextKey) => TEXT[key][lang];
  const what =
    area.kind === "indicator"
      ? `${tx("indicator")} ${area.code}`
      : area.kind === "field"
        ? `${tx("subItem")} ${area.code} ${tx("ofItem")} ${area.parent ?? ""}`
        : area.kind === "item"
          ? `${tx("item")} ${area.code}`
          : `OIT ${area.code}`;
  const context = area.kind === "indicator" ? "" : ` · ${tx("indicator")} ${area.indicator} ${area.indicatorTitle[lang]}`;
  return (
    <li data-code={area.code} data-kind={area.kind} className={area.kind === "indicator" ? "dash-weak-indicator" : ""}>
      <div className="dash-weak-head">
        <span className="dash-weak-score">
          {formatScore(area.score)} <LevelBadge level={area.level} />
        </span>
        <span>
          <span className="dash-weak-what">
            {what}
            {context}
          </span>
          <strong className="dash-weak-title">{area.title[lang]}</strong>
        </span>
      </div>
      {area.question && (
        <p className="dash-weak-question">
          <span className="muted">{tx("question")}:</span> “{area.question[lang]}”
        </p>
      )}
      <p className="dash-weak-low">
        <span className="muted">{tx("lowMeans")}:</span> {area.low[lang]}
      </p>
    </li>
  );
}

function CounterSection({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  const tx = (key: TextKey) => TEXT[key][lang];
  const { counters, k, passMark } = dashboard;
  const shown = counters.filter((c) => c.eit?.score != null);
  const lowest = shown.length > 1 ? shown.reduce((a, b) => ((b.eit?.score ?? 0) < (a.eit?.score ?? 0) ? b : a)) : undefined;
  const name = (c: (typeof counters)[number]) =>
    `${c.name[lang]}${c.counterStatus === "paused" ? ` ${tx("paused")}` : c.counterStatus === "retired" ? ` ${tx("retired")}` : ""}`;
  return (
    <section className="card" aria-labelledby="dash-counters">
      <h2 id="dash-counters">{tx("counters")}</h2>
      <p className="muted">{tx("countersLead")}</p>
      {counters.length > 0 && (
        <ScoreBarsChart
          bars={counters.map((c) => ({
            label: name(c),
            score: c.eit?.score ?? null,
            color: c.eit?.level?.color ?? null,
            level: c.eit?.level?.code ?? null,
            note: chartNote(c, k, lang),
          }))}
          passMark={passMark}
          passMarkLabel={`${tx("passMark")} ${formatScore(passMark)}`}
          levelWord={tx("level")}
          ariaLabel={`${tx("countersAria")} ${formatScore(passMark)}`}
          testId="counter-chart"
        />
      )}
      <BreakdownTable
        testId="counter-table"
        className="dash-breakdown-counters"
        firstHeader={tx("counter")}
        rows={counters.map((c) => ({ key: String(c.counterId), label: name(c), row: c, flag: c === lowest ? tx("lowest") : undefined }))}
        dashboard={dashboard}
        lang={lang}
      />
      <p className="muted small">{fill(tx("hiddenRule"), { k })}</p>
    </section>
  );
}

function MonthSection({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  const tx = (key: TextKey) => TEXT[key][lang];
  const { months, k, passMark } = dashboard;
  return (
    <section className="card" aria-labelledby="dash-months">
      <h2 id="dash-months">{tx("months")}</h2>
      <p className="muted">{tx("monthsLead")}</p>
      <MonthlyChart
        points={months.map((m) => ({
          label: m.label[lang],
          score: m.eit?.score ?? null,
          color: m.eit?.level?.color ?? null,
          level: m.eit?.level?.code ?? null,
          note: chartNote(m, k, lang),
        }))}
        passMark={passMark}
        seriesLabel="EIT"
        ariaLabel={`${tx("monthsAria")} ${formatScore(passMark)}`}
        lang={lang}
      />
      <BreakdownTable
        testId="month-table"
        className="dash-breakdown-months"
        firstHeader={tx("month")}
        rows={months.map((m) => ({ key: m.month, label: m.label[lang], row: m }))}
        dashboard={dashboard}
        lang={lang}
      />
      <p className="muted small">{fill(tx("hiddenRule"), { k })}</p>
    </section>
  );
}

function hiddenNote(row: BreakdownRowView, k: number, lang: Lang): string {
  if (row.status === "small") return fill(TEXT.hiddenSmall[lang], { k });
  if (row.status === "complement") return TEXT.hiddenComplement[lang];
  if (row.status === "empty") return TEXT.empty[lang];
  return TEXT.notAssessed[lang];
}

/** The same, short enough for the space of a bar on a phone. */
function chartNote(row: BreakdownRowView, k: number, lang: Lang): string {
  if (row.status === "small") return fill(TEXT.chartSmall[lang], { k });
  if (row.status === "complement") return TEXT.chartComplement[lang];
  return hiddenNote(row, k, lang);
}

interface BreakdownTableRow {
  key: string;
  label: string;
  row: BreakdownRowView;
  flag?: string;
}

/** EIT and its indicators per counter or per month; a hidden row says why instead of showing figures. */
function BreakdownTable(props: {
  testId: string;
  className: string;
  firstHeader: string;
  rows: BreakdownTableRow[];
  dashboard: RoundDashboard;
  lang: Lang;
}) {
  const { testId, className, firstHeader, rows, dashboard, lang } = props;
  const tx = (key: TextKey) => TEXT[key][lang];
  const codes = dashboard.eitIndicators.map((i) => i.code);
  return (
    <div className="table-scroll">
      <table className={`scores dash-breakdown ${className}`} data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{firstHeader}</th>
            <th scope="col" className="num">
              {tx("answers")}
            </th>
            <th scope="col" className="num">
              EIT
            </th>
            {dashboard.eitIndicators.map((i) => (
              <th scope="col" className="num" key={i.code}>
                {i.code}. {i.title[lang]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, label, row, flag }) => (
            <tr key={key} data-key={key} data-status={row.status}>
              <th scope="row">
                {label}
                {flag && <span className="dash-flag">{flag}</span>}
              </th>
              <td className="num">{row.answers === null ? fill(tx("fewer"), { k: dashboard.k }) : formatCount(row.answers, lang)}</td>
              {row.status === "shown" && row.eit ? (
                <>
                  <td className="num" data-testid="eit">
                    <span className={row.eit.pass === false ? "below" : ""}>{formatScore(row.eit.score)}</span> <LevelBadge level={row.eit.level} />
                  </td>
                  {codes.map((code) => {
                    const s = row.indicators[code];
                    return (
                      <td className="num" key={code} data-indicator={code}>
                        <span className={s?.pass === false ? "below" : ""}>{formatScore(s?.score)}</span>
                      </td>
                    );
                  })}
                </>
              ) : (
                <td colSpan={1 + codes.length} className="dash-hidden">
                  {hiddenNote(row, dashboard.k, lang)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
