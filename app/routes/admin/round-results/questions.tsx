/**
 * Results by question: the month range form, what the change is compared with, and each IIT and EIT
 * question's answers per option as a horizontal stacked bar (HTML, drawn by the server: about seventy
 * bars need no canvas, print as they are and read without JavaScript), its score and its change.
 */
import { Form } from "react-router";
import type { FieldView, FiguresView, InstrumentView, OptionView, QuestionResultsView, QuestionView } from "../../../services/question-results.server";
import { formatCount, formatScore, roundHalfUp } from "../../../text/format";
import type { Lang } from "../../../text/i18n";
import { say } from "./text";

/**
 * Segment colours by the option's rank from the worst score to the best: red, orange, light green,
 * green, with the text colour each needs (contrast ≥ 4.5:1). A scale of two options takes the ends.
 */
const RAMP = [
  { background: "#b3261e", color: "#ffffff" },
  { background: "#f0a35e", color: "#1b1f24" },
  { background: "#a5d17a", color: "#1b1f24" },
  { background: "#2e7d32", color: "#ffffff" },
] as const;

export function segmentColour(rank: number, options: number) {
  const at = options <= 1 ? RAMP.length - 1 : Math.round((rank * (RAMP.length - 1)) / (options - 1));
  return RAMP[at]!;
}

/** A share of a count in percent, one decimal: "40.0". */
function percent(count: number, of: number): string {
  return of === 0 ? "0.0" : ((count * 100) / of).toFixed(1);
}

/** "+2.15", "−1.20", "0.00" */
export function formatChange(change: number): string {
  const text = roundHalfUp(change, 2);
  if (text.startsWith("-")) return `−${text.slice(1)}`;
  return text === "0.00" ? text : `+${text}`;
}

/** One end of the range: a month of the round. Keyed by its value so that a new range resets it. */
function MonthSelect({ name, label, value, months }: { name: "from" | "to"; label: string; value: string; months: QuestionResultsView["months"] }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value} key={`${name}-${value}`}>
        {months.map((m) => (
          <option key={m.month} value={m.month}>
            {m.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function RangeSection({ view, lang, children }: { view: QuestionResultsView; lang: Lang; children: React.ReactNode }) {
  const { range, months, comparison } = view;
  return (
    <section className="card qr-section" aria-labelledby="qr-title" data-testid="question-results">
      <h2 id="qr-title">{say(lang, "byQuestion")}</h2>
      <p className="muted">{say(lang, "byQuestionLead", { passMark: formatScore(view.passMark) })}</p>
      <Form method="get" className="qr-range" aria-label={say(lang, "range")} preventScrollReset>
        <MonthSelect name="from" label={say(lang, "from")} value={range.from} months={months} />
        <MonthSelect name="to" label={say(lang, "to")} value={range.to} months={months} />
        <button type="submit" className="small-button">
          {say(lang, "show")}
        </button>
        {!range.whole && (
          <a className="qr-whole" href="?">
            {say(lang, "wholeRound")}
          </a>
        )}
      </Form>
      <p className="qr-showing" data-testid="range-label">
        <strong>{range.whole ? say(lang, "showingWhole", { range: range.label }) : say(lang, "showing", { range: range.label })}</strong>
      </p>
      <p className="muted small">{say(lang, "rangeAppliesTo")}</p>
      <p className="note qr-comparison" data-testid="comparison" data-kind={comparison.kind}>
        {comparison.kind === "previous-month"
          ? say(lang, "comparedMonth", { label: comparison.label ?? "" })
          : comparison.kind === "previous-round"
            ? say(lang, "comparedRound", { label: comparison.label ?? "" })
            : comparison.reason === "first-month"
              ? say(lang, "compareFirstMonth")
              : comparison.reason === "no-same-months"
                ? say(lang, "compareNoMonths")
                : say(lang, "compareNoRound")}
      </p>
      {children}
    </section>
  );
}

/** Why a range's figures are not shown. */
export function hiddenText(status: FiguresView["status"], k: number, lang: Lang): string {
  if (status === "empty") return say(lang, "hiddenEmpty");
  if (status === "small") return say(lang, "hiddenSmall", { k });
  return say(lang, "hiddenUneven", { k });
}

export function InstrumentQuestions({ instrument, view, lang }: { instrument: InstrumentView; view: QuestionResultsView; lang: Lang }) {
  const { figures, previous } = instrument;
  const heading = `${instrument.abbreviation} · ${instrument.title}`;
  return (
    <section className="qr-instrument" aria-labelledby={`qr-${instrument.code}`} data-testid={`questions-${instrument.code}`} data-status={figures.status}>
      <h3 id={`qr-${instrument.code}`}>{heading}</h3>
      {figures.status !== "shown" ? (
        <p className="qr-hidden" data-testid={`hidden-${instrument.code}`}>
          {hiddenText(figures.status, view.k, lang)}
        </p>
      ) : (
        <>
          <p className="qr-instrument-figures" data-testid={`figures-${instrument.code}`}>
            <span>{say(lang, "instrumentInRange", { instrument: instrument.abbreviation })}:</span>{" "}
            <strong>{say(lang, "answerSets", { n: formatCount(figures.answers ?? 0, lang) })}</strong> · {say(lang, "score")}{" "}
            <strong className={figures.pass === false ? "below" : ""}>{formatScore(figures.score)}</strong>
            {previous && (
              <span className="muted" data-testid={`previous-${instrument.code}`}>
                {" "}
                · {previous.status === "shown" ? `${say(lang, "before")} ${formatScore(previous.score)}` : comparisonMissing(previous.status, view.k, lang)}
              </span>
            )}
          </p>
          {instrument.indicators.map((indicator) => (
            <div className="qr-indicator" key={indicator.code} data-indicator={indicator.code}>
              <h4>
                {say(lang, "indicatorNumbered", { code: indicator.code })} {indicator.title}
              </h4>
              {indicator.questions.map((question) => (
                <Question key={question.item} question={question} view={view} lang={lang} previous={previous} />
              ))}
            </div>
          ))}
        </>
      )}
    </section>
  );
}

/** Why a question has no change to show: nothing to compare with, nobody answered then, or hidden. */
function comparisonMissing(status: FiguresView["status"] | undefined, k: number, lang: Lang): string {
  if (status === undefined || status === "shown") return say(lang, "noComparison");
  if (status === "empty") return say(lang, "comparisonEmpty");
  if (status === "small") return say(lang, "comparisonSmall", { k });
  return say(lang, "comparisonUneven");
}

function Question({ question, view, lang, previous }: { question: QuestionView; view: QuestionResultsView; lang: Lang; previous: FiguresView | null }) {
  const weak = question.pass === false;
  return (
    <article className={`qr-question${weak ? " weak" : ""}`} id={`q-${question.item}`} data-item={question.item} data-weak={weak ? "true" : "false"}>
      <header className="qr-question-head">
        <span className="qr-code">{question.item}</span>
        <p className="qr-wording">{question.wording}</p>
      </header>
      <p className="qr-figures">
        <span className="qr-score" data-testid="score">
          {say(lang, "score")} <strong className={weak ? "below" : ""}>{formatScore(question.score)}</strong>
          {weak && <span className="qr-weak-mark"> ▼ {say(lang, "belowMark")}</span>}
        </span>
        <span className="qr-change" data-testid="change">
          {question.change !== null ? (
            <>
              {say(lang, "change")}{" "}
              <strong className={question.change > 0 ? "up" : question.change < 0 ? "down" : ""}>
                {question.change > 0 ? "↑ " : question.change < 0 ? "↓ " : ""}
                {formatChange(question.change)}
              </strong>{" "}
              <span className="muted">
                ({say(lang, "before")} {formatScore(question.previousScore)})
              </span>
            </>
          ) : (
            <span className="muted">{comparisonMissing(previous?.status, view.k, lang)}</span>
          )}
        </span>
        <span className="qr-people" data-testid="answers">
          {say(lang, "people", { n: formatCount(question.answers, lang) })}
        </span>
      </p>
      {question.fields.map((field) => (
        <Distribution key={field.field} field={field} options={view.scales[field.scale] ?? []} lang={lang} />
      ))}
    </article>
  );
}

function Distribution({ field, options, lang }: { field: FieldView; options: OptionView[]; lang: Lang }) {
  const parts = options.map((option, rank) => ({
    option,
    count: field.counts[rank] ?? 0,
    share: percent(field.counts[rank] ?? 0, field.answers),
    colour: segmentColour(rank, options.length),
  }));
  const described = parts.map((p) => say(lang, "optionCount", { label: p.option.label, n: formatCount(p.count, lang), pct: p.share })).join("; ");
  return (
    <div className="qr-field" data-field={field.field} data-answers={field.answers}>
      {field.subItem !== null && (
        <p className="qr-subitem">
          {field.subItem}{" "}
          <span className="muted">
            · {say(lang, "score")} {formatScore(field.score)}
          </span>
        </p>
      )}
      <div className="qr-bar" role="img" aria-label={described}>
        {parts
          .filter((p) => p.count > 0)
          .map((p) => (
            <span
              key={p.option.value}
              className="qr-seg"
              style={{ width: `${p.share}%`, background: p.colour.background, color: p.colour.color }}
              title={say(lang, "optionCount", { label: p.option.label, n: formatCount(p.count, lang), pct: p.share })}
            >
              {Number(p.share) >= 8 ? `${Math.round(Number(p.share))}%` : ""}
            </span>
          ))}
      </div>
      <ul className="qr-legend">
        {parts.map((p) => (
          <li key={p.option.value} data-value={p.option.value} data-count={p.count}>
            <span className="qr-swatch" style={{ background: p.colour.background }} aria-hidden="true" />
            {p.option.label} <strong>{formatCount(p.count, lang)}</strong> <span className="muted">({p.share}%)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
