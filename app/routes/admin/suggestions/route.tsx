/**
 * The visitors' suggestions of a round (issue 15, item 4): what people wrote at the end of the EIT, by
 * counter and month, found by a search and filters, with the words that come up most in them, per counter
 * and per month. Viewers read; managers and admins mark a suggestion read or acted on with a note
 * (audited) and turn it into a measure (the measure form, prefilled, linked back to it). Only what the
 * answer pool released is here (groups of five per counter), never anything waiting.
 * Reading: services/suggestions/page.server.ts; changes: services/suggestions/commands.server.ts.
 */
import type { ReactNode } from "react";
import { data, Form, Link, redirect } from "react-router";
import { requireSignedInUser } from "../../../auth/admin-context.server";
import { requireRound } from "../../../auth/round-access.server";
import { CsrfInput } from "../../../components/csrf-input";
import { getDb } from "../../../lib/db.server";
import { postSuggestionsForm, type SuggestionActionResult } from "../../../services/suggestions/commands.server";
import { SUGGESTION_LIMITS, SUGGESTION_STATUSES } from "../../../services/suggestions/form";
import { getSuggestionsPage, type SuggestionView } from "../../../services/suggestions/page.server";
import { formatCount, formatDate } from "../../../text/format";
import { getRequestLang, type Lang, pick } from "../../../text/i18n";
import { formatMonthShort } from "../../../text/months";
import type { WordCount } from "../../../text/thai-words";
import "../../../styles/suggestions.css";
import { say } from "./text";
import type { Route } from "./+types/route";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  const url = new URL(request.url);
  const page = await getSuggestionsPage(db, user, round.id, url.searchParams);
  return data(
    { lang: getRequestLang(request), round: { id: round.id, titleTh: round.titleTh, titleEn: round.titleEn }, marked: url.searchParams.get("marked"), ...page },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const result = await postSuggestionsForm(getDb(), requireSignedInUser(context, "manager"), request, params.roundId, new Date());
  if (!result.ok) return data(result, { status: result.status });
  throw redirect(result.redirectTo);
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  return [{ title: `${say(data.lang, "title")} · ${data.lang === "th" ? data.round.titleTh : data.round.titleEn}` }];
}

type Failure = Extract<SuggestionActionResult, { ok: false }>;

/** The text with every occurrence of the search marked (Latin letters in either case). */
function Highlighted({ text, search }: { text: string; search: string }) {
  if (search === "") return <>{text}</>;
  const lower = text.toLowerCase();
  const needle = search.toLowerCase();
  const parts: ReactNode[] = [];
  let at = 0;
  for (let found = lower.indexOf(needle); found >= 0 && needle !== ""; found = lower.indexOf(needle, at)) {
    parts.push(text.slice(at, found), <mark key={found}>{text.slice(found, found + needle.length)}</mark>);
    at = found + needle.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

function Words({ words, lang, testId }: { words: WordCount[]; lang: Lang; testId?: string }) {
  if (words.length === 0) return <span className="muted">{say(lang, "noWords")}</span>;
  return (
    <ol className="word-chips" data-testid={testId}>
      {words.map((w) => (
        <li key={w.word}>
          <span className="word">{w.word}</span> <span className="word-count">{formatCount(w.count, lang)}</span>
        </li>
      ))}
    </ol>
  );
}

/** The words that come up most in each group (a counter, a month), a row per group. */
function WordGroupTable(props: { heading: string; testId: string; lang: Lang; groups: { key: string; label: string; suggestions: number; words: WordCount[] }[] }) {
  const { lang } = props;
  return (
    <div>
      <h3>{props.heading}</h3>
      <table className="scores word-table" data-testid={props.testId}>
        <tbody>
          {props.groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">
                {g.label} <span className="muted">({formatCount(g.suggestions, lang)})</span>
              </th>
              <td>
                <Words words={g.words} lang={lang} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StatusBadge({ status, lang }: { status: SuggestionView["status"]; lang: Lang }) {
  return (
    <span className={`suggestion-status suggestion-status-${status}`} data-status={status}>
      {say(lang, `status-${status}`)}
    </span>
  );
}

function SuggestionCard(props: { suggestion: SuggestionView; lang: Lang; search: string; canEdit: boolean; roundId: number; failure: Failure | undefined; marked: boolean }) {
  const { suggestion: s, lang, search, canEdit, roundId, failure, marked } = props;
  const values = failure?.values ?? { status: s.status === "new" ? "read" : s.status, note: s.note };
  return (
    <li className={`card suggestion-card${marked ? " suggestion-marked" : ""}`} id={`suggestion-${s.id}`} data-testid="suggestion">
      <div className="suggestion-head">
        <span className="suggestion-where">
          {pick(lang, s.counter)} · {formatMonthShort(s.month, lang)}
        </span>
        <span className="suggestion-badges">
          <StatusBadge status={s.status} lang={lang} />
          {s.flagged && (
            <span className="suggestion-flagged" title={say(lang, "flaggedWhy")}>
              {say(lang, "flagged")}
            </span>
          )}
        </span>
      </div>
      <p className="suggestion-text preserve" data-testid="suggestion-text">
        <Highlighted text={s.text} search={search} />
      </p>
      {(s.note || s.updatedBy || s.measure) && (
        <dl className="suggestion-done">
          {s.note && (
            <>
              <dt>{say(lang, "note")}</dt>
              <dd className="preserve" data-testid="suggestion-note">
                {s.note}
              </dd>
            </>
          )}
          {s.measure && (
            <>
              <dt>{say(lang, "measure")}</dt>
              <dd>
                <Link to={`/admin/rounds/${roundId}/measures/edit?measure=${s.measure.id}`} data-testid="suggestion-measure">
                  {say(lang, "measureLink", { n: s.measure.position })}
                </Link>
              </dd>
            </>
          )}
          {s.updatedBy && s.updatedOn && (
            <>
              <dt>{say(lang, "lastChange")}</dt>
              <dd>
                {s.updatedBy} · {formatDate(s.updatedOn, lang)}
              </dd>
            </>
          )}
        </dl>
      )}
      {canEdit && (
        <details className="suggestion-tools" open={failure !== undefined}>
          <summary>{say(lang, "markSummary")}</summary>
          {failure && (
            <p className="alert" role="alert">
              {pick(lang, failure.message)}
            </p>
          )}
          <Form method="post" className="suggestion-form" preventScrollReset>
            <CsrfInput />
            <input type="hidden" name="intent" value="mark" />
            <input type="hidden" name="suggestionId" value={s.id} />
            <fieldset className="suggestion-status-choice" aria-invalid={failure?.errors?.status ? true : undefined}>
              <legend>{say(lang, "status")}</legend>
              {SUGGESTION_STATUSES.map((status) => (
                <label key={status} className="choice">
                  <input type="radio" name="status" value={status} defaultChecked={values.status === status} />
                  {say(lang, `status-${status}`)}
                </label>
              ))}
              {failure?.errors?.status && <span className="field-error">{pick(lang, failure.errors.status)}</span>}
            </fieldset>
            <label className="suggestion-note-field">
              <span>{say(lang, "noteLabel")}</span>
              <textarea name="note" rows={2} maxLength={SUGGESTION_LIMITS.note} defaultValue={values.note} aria-invalid={failure?.errors?.note ? true : undefined} />
              {failure?.errors?.note && <span className="field-error">{pick(lang, failure.errors.note)}</span>}
            </label>
            <div className="button-row">
              <button className="button" type="submit">
                {say(lang, "save")}
              </button>
              {!s.measure && (
                <Link className="button-secondary suggestion-to-measure" to={`/admin/rounds/${roundId}/measures/edit?suggestion=${s.id}`}>
                  {say(lang, "toMeasure")}
                </Link>
              )}
            </div>
          </Form>
        </details>
      )}
    </li>
  );
}

export default function SuggestionsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, round, query, facets, total, matching, suggestions, words, canEdit, marked, filtered } = loaderData;
  const failure = actionData && !actionData.ok ? (actionData as Failure) : undefined;
  const base = `/admin/rounds/${round.id}/suggestions`;
  const counterLabel = (c: (typeof facets.counters)[number]) => (c.nameTh === null ? say(lang, "generalLink") : (lang === "th" ? c.nameTh : c.nameEn || c.nameTh));
  return (
    <main className="page suggestions-page">
      <p>
        <Link to={`/admin/rounds/${round.id}`}>{say(lang, "back")}</Link>
      </p>
      <h1>
        {say(lang, "title")}
        <span className="suggestions-subtitle">{lang === "th" ? round.titleTh : round.titleEn}</span>
      </h1>
      <p className="muted">{say(lang, "lead")}</p>
      {marked && (
        <p className="note" role="status" data-testid="marked">
          {say(lang, "marked")}
        </p>
      )}
      {failure && !failure.id && (
        <p className="alert" role="alert">
          {pick(lang, failure.message)}
        </p>
      )}

      {total === 0 ? (
        <p className="card" data-testid="no-suggestions">
          {say(lang, "none")}
        </p>
      ) : (
        <>
          <Form method="get" className="card suggestion-filters" role="search" aria-label={say(lang, "filters")}>
            {lang === "en" && <input type="hidden" name="lang" value="en" />}
            <label className="suggestion-search">
              <span>{say(lang, "search")}</span>
              <input type="search" name="q" defaultValue={query.q} maxLength={SUGGESTION_LIMITS.search} placeholder={say(lang, "searchHint")} />
            </label>
            <label>
              <span>{say(lang, "counter")}</span>
              <select name="counter" defaultValue={query.counter}>
                <option value="">{say(lang, "allCounters")}</option>
                {facets.counters.map((c) => (
                  <option key={c.counterId ?? 0} value={c.counterId ?? 0}>
                    {counterLabel(c)} ({formatCount(c.count, lang)})
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{say(lang, "month")}</span>
              <select name="month" defaultValue={query.month}>
                <option value="">{say(lang, "allMonths")}</option>
                {facets.months.map((m) => (
                  <option key={m.month} value={m.month}>
                    {formatMonthShort(m.month, lang)} ({formatCount(m.count, lang)})
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{say(lang, "status")}</span>
              <select name="status" defaultValue={query.status}>
                <option value="">{say(lang, "allStatuses")}</option>
                {SUGGESTION_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {say(lang, `status-${status}`)} ({formatCount(facets.statuses.find((s) => s.status === status)?.count ?? 0, lang)})
                  </option>
                ))}
              </select>
            </label>
            <div className="button-row">
              <button className="button" type="submit">
                {say(lang, "find")}
              </button>
              {filtered && (
                <Link to={lang === "en" ? `${base}?lang=en` : base} className="suggestion-clear">
                  {say(lang, "clear")}
                </Link>
              )}
            </div>
          </Form>

          <p data-testid="suggestion-count">
            {filtered ? say(lang, "matching", { n: formatCount(matching, lang), total: formatCount(total, lang) }) : say(lang, "count", { total: formatCount(total, lang) })}
          </p>

          <section className="card" aria-labelledby="words-heading">
            <h2 id="words-heading">{say(lang, "words")}</h2>
            <p className="muted small">{say(lang, "wordsLead")}</p>
            <Words words={words.all} lang={lang} testId="top-words" />
            <div className="word-groups">
              <WordGroupTable
                heading={say(lang, "byCounter")}
                testId="words-by-counter"
                lang={lang}
                groups={words.byCounter.map((g) => ({ key: String(g.counterId), label: pick(lang, g.counter), suggestions: g.suggestions, words: g.words }))}
              />
              <WordGroupTable
                heading={say(lang, "byMonth")}
                testId="words-by-month"
                lang={lang}
                groups={words.byMonth.map((g) => ({ key: g.month, label: formatMonthShort(g.month, lang), suggestions: g.suggestions, words: g.words }))}
              />
            </div>
          </section>

          <section aria-labelledby="list-heading">
            <h2 id="list-heading">{say(lang, "list")}</h2>
            {matching > suggestions.length && <p className="note">{say(lang, "shownOnly", { n: formatCount(suggestions.length, lang), total: formatCount(matching, lang) })}</p>}
            {suggestions.length === 0 ? (
              <p>{say(lang, "noMatch")}</p>
            ) : (
              <ol className="suggestion-list">
                {suggestions.map((s) => (
                  <SuggestionCard
                    key={s.id}
                    suggestion={s}
                    lang={lang}
                    search={query.q}
                    canEdit={canEdit}
                    roundId={round.id}
                    failure={failure?.id === s.id ? failure : undefined}
                    marked={marked === s.id}
                  />
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </main>
  );
}
