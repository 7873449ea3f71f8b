import { Link } from "react-router";
import { TrendChart } from "../../components/charts/trend-chart";
import { LevelBadge } from "../../components/level-badge";
import { getDb } from "../../lib/db.server";
import { formatCount, formatScore } from "../../text/format";
import { defineTexts, getRequestLang, type Lang, pick } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { getTrends, type TrendSeries } from "../../services/trends.server";
import type { Route } from "./+types/trends";
import { toShownPrecision } from "../../lib/shown-precision";
import { RatingBadge } from "../../components/rating-badge";
import { ProvisionalNote } from "../../components/provisional-note";
import type { RatingView } from "../../services/rating-view";

export async function loader({ request, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  return { lang: getRequestLang(request), ...toShownPrecision(await getTrends(db, user.organizationId)) };
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: say(data?.lang ?? "th", "metaTitle") }];
}

const say = defineTexts({
  metaTitle: { th: "แนวโน้มผลการประเมิน · โปร่งใส", en: "Trends · Prongsai" },
  seriesTitle: { th: "แนวโน้ม {title}", en: "{title} trend" },
  title: { th: "แนวโน้มผลการประเมิน ITA รายปีงบประมาณ", en: "ITA trends by fiscal year" },
  lead: {
    th: "เส้นทึบคือผลประเมินทางการของสำนักงาน ป.ป.ช. เส้นประคือคะแนนที่วัดได้จากแบบสอบถามของหน่วยงานเอง สีของจุดบนคะแนนรวมคือผลการประเมินของแต่ละปีตามเกณฑ์ของปีนั้น (AA–F ถึงปี 2565, ผ่าน … ตั้งแต่ 2566)",
    en: "Solid lines are the NACC's official results; dashed lines are the scores measured by the agency's own surveys. The total's point colours are each year's rating by that year's rule (AA–F up to 2565, ผ่าน … from 2566).",
  },
  official: { th: "ผลทางการ (ป.ป.ช.)", en: "Official (NACC)" },
  measured: { th: "วัดได้จากแบบสอบถาม", en: "Measured by our surveys" },
  partialMark: { th: "(บางส่วน: ยังไม่รวม OIT)", en: "(partial: OIT not included)" },
  passMark: { th: "เกณฑ์ผ่าน", en: "Pass mark" },
  level: { th: "ระดับ", en: "level" },
  year: { th: "ปีงบประมาณ พ.ศ.", en: "Fiscal year (B.E.)" },
  total: { th: "คะแนนรวม ITA", en: "ITA total" },
  indicators: { th: "รายตัวชี้วัด", en: "By indicator" },
  partialNote: {
    th: "คะแนนรวมที่วัดได้ยังไม่รวม OIT (ยังไม่ได้ประเมิน) จึงเป็นคะแนนบางส่วนจาก IIT และ EIT ที่ถ่วงน้ำหนักใหม่ ไม่ใช่คะแนน ITA ฉบับเต็ม จุดที่เป็นคะแนนบางส่วนแสดงเป็นจุดกลวง",
    en: "The measured total does not include OIT (not yet assessed): it is a partial IIT+EIT score with re-normalised weights, not the full ITA total. Partial points are drawn hollow.",
  },
  partialShort: {
    th: "จุดกลวง = คะแนนบางส่วนจาก IIT และ EIT (ยังไม่รวม OIT) ไม่ใช่คะแนน ITA ฉบับเต็ม",
    en: "Hollow points: partial IIT+EIT scores (OIT not included), not full ITA totals.",
  },
  compareTitle: { th: "ปีนี้เทียบกับผลทางการปีที่แล้ว", en: "This year so far against last year's official result" },
  compareNoOfficial: {
    th: "ยังไม่มีผลประเมินทางการของปีก่อนหน้ารอบนี้ — บันทึกได้ที่หน้าผลประเมินทางการ",
    en: "No official result before this round's year yet — enter one on the official results page.",
  },
  item: { th: "รายการ", en: "Item" },
  officialYear: { th: "ผลทางการ พ.ศ.", en: "Official" },
  officialShort: { th: "ทางการ", en: "Official" },
  measuredNow: { th: "วัดได้", en: "Measured" },
  ratingsCaption: {
    th: "ผลการประเมินรายปี ตามเกณฑ์ของกรอบการประเมินของปีนั้น (ทางการ: ตามที่ประกาศ)",
    en: "The rating of each year, by the rule of that year's framework (official: as published)",
  },
  thisYear: { th: "ปีนี้", en: "now" },
  difference: { th: "ผลต่าง", en: "Difference" },
  notAssessed: { th: "ยังไม่ได้ประเมิน", en: "not yet assessed" },
  roundsTitle: { th: "คะแนนที่วัดได้ของทุกรอบ", en: "Measured scores of every round" },
  round: { th: "รอบการประเมิน", en: "Round" },
  answers: { th: "ผู้ตอบ IIT / EIT", en: "IIT / EIT responses" },
  download: { th: "ดาวน์โหลดคำตอบ", en: "Download responses" },
  empty: {
    th: "ยังไม่มีข้อมูลให้แสดงแนวโน้ม เริ่มจากบันทึกผลประเมินทางการของปีที่ผ่านมา",
    en: "Nothing to show yet. Start by entering the official results of past years.",
  },
  enterOfficial: { th: "บันทึกผลประเมินทางการ", en: "Enter official results" },
  noData: { th: "ไม่มีข้อมูล", en: "no data" },
  open: { th: "เปิดรับคำตอบ", en: "open" },
  closed: { th: "ปิดแล้ว", en: "closed" },
});

function seriesSummary(lang: Lang, series: TrendSeries): string {
  const part = (label: string, values: string[]) => (values.length > 0 ? `${label}: ${values.join(", ")}` : `${label}: ${say(lang, "noData")}`);
  const official = series.points.filter((p) => p.official !== null).map((p) => `${p.fiscalYear} ${formatScore(p.official)}`);
  const measured = series.points
    .filter((p) => p.measured !== null)
    .map((p) => `${p.fiscalYear} ${formatScore(p.measured)}${p.measuredPartial ? ` ${say(lang, "partialMark")}` : ""}`);
  return `${part(say(lang, "official"), official)}. ${part(say(lang, "measured"), measured)}.`;
}

function Difference({ value }: { value: number | null }) {
  if (value === null) return <span className="muted">–</span>;
  const text = formatScore(Math.abs(value));
  if (text === "0.00") return <span className="diff">0.00</span>;
  return value > 0 ? <span className="diff diff-up">▲ +{text}</span> : <span className="diff diff-down">▼ −{text}</span>;
}

export default function Trends({ loaderData }: Route.ComponentProps) {
  const { lang, series, comparison, rounds, years, passMark, levels } = loaderData;
  const chartText = {
    official: say(lang, "official"),
    measured: say(lang, "measured"),
    partial: say(lang, "partialMark"),
    passMark: `${say(lang, "passMark")} ${formatScore(passMark)}`,
    level: say(lang, "level"),
    year: say(lang, "year"),
  };
  const anyPartial = series[0]?.points.some((p) => p.measuredPartial) ?? false;
  // The total's points carry each year's rating by its own framework's rule; indicators their level.
  const label = (rating: RatingView | null, level: { code: string } | null) => (rating ? pick(lang, rating.label) : (level?.code ?? null));
  const chart = (s: TrendSeries, height: number) => (
    <TrendChart
      title={say(lang, "seriesTitle", { title: pick(lang, s.title) })}
      summary={seriesSummary(lang, s)}
      labels={s.points.map((p) => String(p.fiscalYear))}
      official={s.points.map((p) => p.official)}
      officialLevels={s.points.map((p) => label(p.officialRating, p.officialLevel))}
      officialColors={s.points.map((p) => p.officialRating?.color ?? null)}
      measured={s.points.map((p) => p.measured)}
      measuredLevels={s.points.map((p) => label(p.measuredRating, p.measuredLevel))}
      measuredColors={s.points.map((p) => p.measuredRating?.color ?? null)}
      measuredPartial={s.points.map((p) => p.measuredPartial)}
      passMark={passMark}
      levels={levels}
      text={chartText}
      height={height}
      testId={`trend-chart-${s.key}`}
    />
  );

  return (
    <main className="page trends-page">
      <h1>{say(lang, "title")}</h1>
      <p className="muted">{say(lang, "lead")}</p>
      {loaderData.provisionalFrameworks.map((id) => (
        <ProvisionalNote key={id} lang={lang} frameworkId={id} />
      ))}

      {years.length === 0 ? (
        <section className="card">
          <p>{say(lang, "empty")}</p>
          <Link className="button" to="/admin/official-results">
            {say(lang, "enterOfficial")}
          </Link>
        </section>
      ) : (
        <>
          {comparison && (
            <section className="card" aria-labelledby="compare-title" data-testid="comparison">
              <h2 id="compare-title">{say(lang, "compareTitle")}</h2>
              <p className="muted">
                {pick(lang, comparison.round.title)} ({say(lang, comparison.round.status)})
                {comparison.officialYear !== null && ` · ${say(lang, "officialYear")} ${comparison.officialYear}`}
              </p>
              {comparison.officialYear === null && (
                <p className="note">
                  {say(lang, "compareNoOfficial")} <Link to="/admin/official-results">{say(lang, "enterOfficial")}</Link>
                </p>
              )}
              <div className="table-scroll">
                <table className="scores compare-table">
                  <thead>
                    <tr>
                      <th>{say(lang, "item")}</th>
                      <th className="num">
                        {say(lang, "officialShort")} <span className="nowrap">{comparison.officialYear ?? ""}</span>
                      </th>
                      <th className="num">
                        {say(lang, "measuredNow")} <span className="nowrap">{say(lang, "thisYear")}</span>
                      </th>
                      <th className="num">{say(lang, "difference")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {comparison.rows.map((row) => (
                      <tr key={row.key} className={`compare-${row.kind}`} data-compare={row.key}>
                        <td>
                          {row.kind === "indicator" ? `${row.key}. ` : ""}
                          {pick(lang, row.title)}
                        </td>
                        <td className="num">{formatScore(row.official)}</td>
                        <td className="num">
                          {row.measured === null ? <span className="not-assessed">{say(lang, "notAssessed")}</span> : formatScore(row.measured)}
                          {row.measuredPartial && row.measured !== null && <span className="partial-mark">*</span>}
                        </td>
                        <td className="num">
                          <Difference value={row.difference} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {comparison.round.total.partial && <p className="muted small">* {say(lang, "partialNote")}</p>}
            </section>
          )}

          <section className="card" aria-labelledby="total-title">
            <h2 id="total-title">{say(lang, "total")}</h2>
            {series[0] && chart(series[0], 320)}
            {anyPartial && <p className="muted small">{say(lang, "partialShort")}</p>}
            {series[0] && <RatingsByYear points={series[0].points} lang={lang} />}
          </section>

          <h2>{say(lang, "indicators")}</h2>
          <div className="trend-grid">
            {series.slice(1).map((s) => (
              <section className="card trend-card" key={s.key} aria-labelledby={`trend-${s.key}`}>
                <h3 id={`trend-${s.key}`}>
                  {s.key}. {pick(lang, s.title)} <span className="muted">({s.instrument?.toUpperCase()})</span>
                </h3>
                {chart(s, 240)}
              </section>
            ))}
          </div>
        </>
      )}

      {rounds.length > 0 && (
        <section aria-labelledby="rounds-title">
          <h2 id="rounds-title">{say(lang, "roundsTitle")}</h2>
          <div className="table-scroll">
            <table className="scores" data-testid="measured-rounds">
              <thead>
                <tr>
                  <th>{say(lang, "round")}</th>
                  <th className="num">{say(lang, "year")}</th>
                  {rounds[0]!.instruments.map((i) => (
                    <th className="num" key={i.code}>
                      {i.abbreviation}
                    </th>
                  ))}
                  <th className="num">{say(lang, "total")}</th>
                  <th className="num">{say(lang, "answers")}</th>
                  <th>{say(lang, "download")}</th>
                </tr>
              </thead>
              <tbody>
                {rounds.map((round) => (
                  <tr key={round.id} data-round={round.id}>
                    <td>
                      <Link to={`/admin/rounds/${round.id}/results`}>{pick(lang, round.title)}</Link>
                    </td>
                    <td className="num">{round.fiscalYear}</td>
                    {round.instruments.map((i) => (
                      <td className="num" key={i.code}>
                        {i.score === null ? <span className="not-assessed">–</span> : formatScore(i.score)}
                      </td>
                    ))}
                    <td className="num">
                      {formatScore(round.total.score)}
                      {round.total.partial && round.total.score !== null && <span className="partial-mark"> *</span>}{" "}
                      <RatingBadge rating={round.total.rating} lang={lang} showReason={false} />
                    </td>
                    <td className="num">
                      {formatCount(round.answers.iit, lang)} / {formatCount(round.answers.eit, lang)}
                    </td>
                    <td className="downloads">
                      <a href={`/admin/rounds/${round.id}/responses.csv`} download>
                        CSV
                      </a>{" "}
                      <a href={`/admin/rounds/${round.id}/responses.xlsx`} download>
                        XLSX
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rounds.some((r) => r.total.partial) && <p className="muted small">* {say(lang, "partialNote")}</p>}
        </section>
      )}
    </main>
  );
}

/**
 * Each fiscal year's rating, by its own framework's rule (AA–F up to 2565, ผ่านดีเยี่ยม … from 2566): the
 * official one as published, the measured one with the reason it is not the rating above.
 */
function RatingsByYear({ points, lang }: { points: TrendSeries["points"]; lang: Lang }) {
  const rows = points.filter((p) => p.officialRating || p.measuredRating);
  if (rows.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="scores compact" data-testid="ratings-by-year">
        <caption className="muted">{say(lang, "ratingsCaption")}</caption>
        <thead>
          <tr>
            <th className="num">{say(lang, "year")}</th>
            <th>{say(lang, "officialShort")}</th>
            <th>{say(lang, "measuredNow")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.fiscalYear} data-year={p.fiscalYear}>
              <td className="num">{p.fiscalYear}</td>
              <td>
                {p.officialRating ? (
                  <>
                    {formatScore(p.official)} <RatingBadge rating={p.officialRating} lang={lang} showReason={false} />{" "}
                    <span className="muted small">· {p.officialFramework?.toUpperCase()}</span>
                  </>
                ) : (
                  <span className="not-assessed">–</span>
                )}
              </td>
              <td>
                {p.measuredRating ? (
                  <>
                    {formatScore(p.measured)}
                    {p.measuredPartial && <span className="partial-mark">*</span>} <RatingBadge rating={p.measuredRating} lang={lang} />{" "}
                    <span className="muted small">· {p.measuredFramework?.toUpperCase()}</span>
                  </>
                ) : (
                  <span className="not-assessed">–</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
