/**
 * The round's detailed results: the total, instruments, indicators, sample and weak areas of the whole
 * round (services/round-results.server.ts), then the results down to the question for a range of months
 * (services/question-results.server.ts; issue 15, item 5): answers per option, score and change of every
 * IIT and EIT question, and the EIT by counter × question. Its parts beside it: questions.tsx,
 * counter-table.tsx, text.ts. Every figure goes to the browser at the two decimals the page prints.
 */
import { data } from "react-router";
import { getDb } from "../../../lib/db.server";
import { HttpError } from "../../../lib/http";
import { formatCount, formatScore } from "../../../text/format";
import { getRequestLang, type Lang, pick } from "../../../text/i18n";
import { requireSignedInUser } from "../../../auth/admin-context.server";
import { requireRound } from "../../../auth/round-access.server";
import { hasRole } from "../../../auth/roles";
import { getQuestionResults } from "../../../services/question-results.server";
import { getRoundResults } from "../../../services/round-results.server";
import type { Route } from "./+types/route";
import { toShownPrecision } from "../../../lib/shown-precision";
import { RatingBadge } from "../../../components/rating-badge";
import { ProvisionalNote } from "../../../components/provisional-note";
import { CounterQuestionTable } from "./counter-table";
import { ScoreTable } from "./score-table";
import { InstrumentQuestions, RangeSection } from "./questions";
import { say } from "./text";
import "../../../styles/question-results.css";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  const lang = getRequestLang(request);
  const results = (await getRoundResults(db, round.id))!;
  let questions;
  try {
    questions = await getQuestionResults(db, round, new URL(request.url).searchParams, lang);
  } catch (error) {
    if (error instanceof HttpError) throw data({ message: error.messageTh, messageEn: error.messageEn }, { status: error.status });
    throw error;
  }
  // Managers and viewers export the EIT alone (app/services/export/access.server.ts): their list of questions too.
  const eitOnlyExport = !hasRole(user.role, "admin");
  return data(
    {
      lang,
      ...toShownPrecision({
        round: results.round,
        provisional: results.provisional,
        headline: results.headline,
        rating: results.rating,
        weakAreas: results.weakAreas,
        samples: results.samples,
        // What the page reads of the framework and the scores, not all of them (the page data is the page's weight).
        framework: { id: results.framework.id, passMark: results.framework.passMark, instruments: results.framework.instruments, indicators: results.framework.indicators },
        scores: { instruments: results.scores.instruments, indicators: results.scores.indicators },
      }),
      questions: toShownPrecision(questions),
      eitOnlyExport,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  return [{ title: `${say(data.lang, "results")} · ${data.lang === "th" ? data.round.titleTh : data.round.titleEn}` }];
}

export default function RoundResultsPage({ loaderData }: Route.ComponentProps) {
  const { lang, round, framework, scores, headline, weakAreas, samples, questions } = loaderData;
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
        <ScoreTable
          lang={lang}
          testId="instruments"
          rowAttribute="data-instrument"
          firstHeading=""
          rows={scores.instruments.map((instrument) => {
            const meta = framework.instruments.find((i) => i.code === instrument.code)!;
            return {
              code: instrument.code,
              label: `${meta.abbreviation} · ${pick(lang, meta.title)} (${Math.round(meta.weight * 100)}%)`,
              score: instrument.score,
              level: instrument.level,
              answers: meta.kind === "survey" ? instrument.answers : null,
            };
          })}
        />

        <h2>{say(lang, "indicators")}</h2>
        <ScoreTable
          lang={lang}
          testId="indicators"
          rowAttribute="data-indicator"
          firstHeading={say(lang, "indicator")}
          rows={scores.indicators.map((indicator) => ({
            code: indicator.code,
            label: `${indicator.code}. ${pick(lang, framework.indicators.find((i) => i.code === indicator.code)!.title)} (${indicator.instrument.toUpperCase()})`,
            score: indicator.score,
            level: indicator.level,
            answers: indicator.instrument === "oit" ? null : indicator.answers,
          }))}
        />

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
        <p className="muted">{say(lang, "wholeRoundNote")}</p>
        <p>
          <a href={`/admin/rounds/${round.id}/questions.csv${loaderData.eitOnlyExport ? "?instrument=eit" : ""}`} download data-testid="questions-csv">
            {say(lang, "questionsCsv")}
          </a>
        </p>

        <RangeSection view={questions} lang={lang}>
          {questions.instruments.map((instrument) => (
            <InstrumentQuestions key={instrument.code} instrument={instrument} view={questions} lang={lang} />
          ))}
          <CounterQuestionTable view={questions} lang={lang} />
        </RangeSection>
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
