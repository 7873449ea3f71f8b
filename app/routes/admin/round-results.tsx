import { LevelBadge } from "../../components/level-badge";
import { getDb } from "../../lib/db.server";
import { formatCount, formatScore } from "../../text/format";
import { defineTexts, getRequestLang, type Lang, pick } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireRound } from "../../auth/round-access.server";
import { getRoundResults } from "../../services/round-results.server";
import type { Route } from "./+types/round-results";
import { toShownPrecision } from "../../lib/shown-precision";
import { RatingBadge } from "../../components/rating-badge";
import { ProvisionalNote } from "../../components/provisional-note";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  return { lang: getRequestLang(request), ...toShownPrecision((await getRoundResults(db, round.id))!) };
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  return [{ title: `${say(data.lang, "results")} · ${data.lang === "th" ? data.round.titleTh : data.round.titleEn}` }];
}

const say = defineTexts({
  results: { th: "ผลการประเมิน", en: "Results" },
  total: { th: "คะแนนรวม ITA", en: "ITA total" },
  partial: { th: "คะแนนเท่าที่วัดได้", en: "Score measured so far" },
  instrumentsPending: {
    th: "ยังประเมินไม่ครบทุกเครื่องมือ คะแนนนี้รวมเฉพาะ {instruments} (ถ่วงน้ำหนักใหม่) ไม่ใช่คะแนน ITA ฉบับเต็ม",
    en: "Not every instrument is assessed yet: this score covers {instruments} only (weights re-normalised), not the full ITA score.",
  },
  passMark: { th: "เกณฑ์ผ่าน", en: "Pass mark" },
  instruments: { th: "เครื่องมือการประเมิน", en: "Instruments" },
  indicators: { th: "ตัวชี้วัด", en: "Indicators" },
  indicator: { th: "ตัวชี้วัด", en: "Indicator" },
  score: { th: "คะแนน", en: "Score" },
  level: { th: "ระดับ", en: "Level" },
  answers: { th: "จำนวนผู้ตอบ", en: "Responses" },
  notAssessed: { th: "ยังไม่ได้ประเมิน", en: "not yet assessed" },
  weakAreas: { th: "จุดที่ต้องปรับปรุง (ต่ำกว่าเกณฑ์ผ่าน เรียงจากต่ำสุด)", en: "Weak areas (under the pass mark, weakest first)" },
  noWeakAreas: { th: "ไม่มีตัวชี้วัดหรือข้อคำถามที่ต่ำกว่าเกณฑ์", en: "No indicator or question is under the pass mark." },
  sample: { th: "จำนวนผู้ตอบเทียบกับขั้นต่ำ", en: "Responses against the minimum sample" },
  minimum: { th: "ขั้นต่ำ", en: "minimum" },
});

export default function RoundResultsPage({ loaderData }: Route.ComponentProps) {
  const { lang, round, framework, scores, headline, weakAreas, samples } = loaderData;
  const measured = headline.instruments.map((code) => code.toUpperCase()).join(", ") || "-";
  return (
    <>
      <main className="page">
        <h1>
          {say(lang, "results")}: {lang === "th" ? round.titleTh : round.titleEn}
        </h1>
        {loaderData.provisional && <ProvisionalNote lang={lang} frameworkId={framework.id} />}
        <section className="card total" aria-label={say(lang, "total")}>
          <div>
            <div>{headline.full ? say(lang, "total") : say(lang, "partial")}</div>
            <div className="big" data-testid="total-score">
              {formatScore(headline.score)}
            </div>
          </div>
          <RatingBadge rating={loaderData.rating} lang={lang} />
          <div className="muted">
            {say(lang, "passMark")} {formatScore(framework.passMark)}
          </div>
          {!headline.full && (
            <p className="note">
              {say(lang, "instrumentsPending", { instruments: measured })}
            </p>
          )}
        </section>

        <h2>{say(lang, "instruments")}</h2>
        <table className="scores" data-testid="instruments">
          <thead>
            <tr>
              <th></th>
              <th className="num">{say(lang, "score")}</th>
              <th>{say(lang, "level")}</th>
              <th className="num">{say(lang, "answers")}</th>
            </tr>
          </thead>
          <tbody>
            {scores.instruments.map((instrument) => {
              const meta = framework.instruments.find((i) => i.code === instrument.code)!;
              return (
                <tr key={instrument.code} data-instrument={instrument.code}>
                  <td>
                    {meta.abbreviation} · {pick(lang, meta.title)} ({Math.round(meta.weight * 100)}%)
                  </td>
                  <td className="num" data-testid={`instrument-${instrument.code}`}>
                    {instrument.score === null ? <span className="not-assessed">{say(lang, "notAssessed")}</span> : formatScore(instrument.score)}
                  </td>
                  <td>
                    <LevelBadge level={instrument.level} />
                  </td>
                  <td className="num">{meta.kind === "survey" ? formatCount(instrument.answers, lang) : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>

        <h2>{say(lang, "indicators")}</h2>
        <table className="scores" data-testid="indicators">
          <thead>
            <tr>
              <th>{say(lang, "indicator")}</th>
              <th className="num">{say(lang, "score")}</th>
              <th>{say(lang, "level")}</th>
              <th className="num">{say(lang, "answers")}</th>
            </tr>
          </thead>
          <tbody>
            {scores.indicators.map((indicator) => {
              const meta = framework.indicators.find((i) => i.code === indicator.code)!;
              return (
                <tr key={indicator.code} data-indicator={indicator.code}>
                  <td>
                    {indicator.code}. {pick(lang, meta.title)} ({indicator.instrument.toUpperCase()})
                  </td>
                  <td className="num" data-testid={`indicator-${indicator.code}`}>
                    {indicator.score === null ? <span className="not-assessed">{say(lang, "notAssessed")}</span> : formatScore(indicator.score)}
                  </td>
                  <td>
                    <LevelBadge level={indicator.level} />
                  </td>
                  <td className="num">{indicator.instrument === "oit" ? "" : formatCount(indicator.answers, lang)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>

        <h2>{say(lang, "sample")}</h2>
        <ul>
          <SampleLine label="IIT" lang={lang} {...samples.iit} minimumLabel={say(lang, "minimum")} />
          <SampleLine label="EIT" lang={lang} {...samples.eit} minimumLabel={say(lang, "minimum")} />
        </ul>

        <h2>{say(lang, "weakAreas")}</h2>
        {weakAreas.length === 0 ? (
          <p>{say(lang, "noWeakAreas")}</p>
        ) : (
          <ol className="weak-list" data-testid="weak-areas">
            {weakAreas.map((area) => (
              <li key={`${area.kind}-${area.code}`} data-code={area.code}>
                <strong>
                  {area.kind === "indicator" ? `${say(lang, "indicator")} ${area.code}` : area.code}: {pick(lang, area.title)}
                </strong>{" "}
                — {formatScore(area.score)}
                <div className="muted">{pick(lang, area.low)}</div>
              </li>
            ))}
          </ol>
        )}
      </main>
    </>
  );
}

function SampleLine(props: { label: string; answers: number; minimum: number; lang: Lang; minimumLabel: string }) {
  const { label, answers, minimum, lang, minimumLabel } = props;
  return (
    <li data-testid={`sample-${label.toLowerCase()}`}>
      {label}: {formatCount(answers, lang)} / {minimumLabel} {formatCount(minimum, lang)}
      {answers >= minimum ? " ✓" : ""}
    </li>
  );
}
