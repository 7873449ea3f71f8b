/**
 * One measure of a round's plan: ?measure=ID edits it (with its dated progress notes), ?from=CODE starts
 * from the proposal for a weak area (edit, then accept), neither starts a blank measure. The form has
 * the reference plan's columns: มาตรการ/แนวทาง, several ordered steps (add / remove), responsible
 * units, a free-text period with an optional due date (shown in the Buddhist Era), follow-up, the
 * indicators or items it answers, and its status. Viewers see the measure without the form. Its parts
 * beside it: form.tsx, notes.tsx, read-only.tsx, text.ts.
 */
import { data, Link, redirect } from "react-router";
import { requireSignedInUser } from "../../../auth/admin-context.server";
import { requireRound } from "../../../auth/round-access.server";
import { getDb } from "../../../lib/db.server";
import { postMeasuresForm } from "../../../services/measures/commands.server";
import { getMeasureFormPage } from "../../../services/measures/page.server";
import { bangkokDate } from "../../../text/dates";
import { getRequestLang, pick } from "../../../text/i18n";
import { formatMonthShort } from "../../../text/months";
import "../../../styles/measures.css";
import { type Failure, MeasureForm } from "./form";
import { Notes } from "./notes";
import { MeasureReadOnly } from "./read-only";
import { say } from "./text";
import type { Route } from "./+types/route";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  const url = new URL(request.url);
  const today = bangkokDate(new Date());
  const page = await getMeasureFormPage(
    db,
    user,
    round,
    { measure: url.searchParams.get("measure"), from: url.searchParams.get("from"), suggestion: url.searchParams.get("suggestion") },
    today,
  );
  return data(
    { lang: getRequestLang(request), round: { id: round.id, titleTh: round.titleTh, titleEn: round.titleEn }, today, noted: url.searchParams.get("noted"), ...page },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const result = await postMeasuresForm(getDb(), requireSignedInUser(context, "manager"), request, params.roundId, new Date());
  if (!result.ok) return data(result, { status: result.status });
  throw redirect(result.redirectTo);
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  const heading = data.mode === "edit" ? `${say(data.lang, "editTitle")} ${data.measure?.position ?? ""}` : say(data.lang, "newTitle");
  return [{ title: `${heading} · ${data.lang === "th" ? data.round.titleTh : data.round.titleEn}` }];
}

export default function MeasureEditPage({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, round, mode, measure, proposal, suggestion, fromSuggestions, canEdit, noted } = loaderData;
  const failure = actionData && !actionData.ok ? (actionData as Failure) : undefined;
  const heading = mode === "edit" && measure ? `${say(lang, "editTitle")} ${measure.position}` : say(lang, "newTitle");
  return (
    <main className="page page-narrow measure-edit-page">
      <p>
        <Link to={`/admin/rounds/${round.id}/measures`}>{say(lang, "back")}</Link>
      </p>
      <h1>
        {heading}
        <span className="measures-subtitle">{lang === "th" ? round.titleTh : round.titleEn}</span>
      </h1>
      {proposal && <p className="note">{say(lang, "fromProposal", { label: pick(lang, proposal.label) })}</p>}
      {suggestion && (
        <div className="note" data-testid="from-suggestion">
          <p>{say(lang, "fromSuggestion", { month: formatMonthShort(suggestion.month, lang) })}</p>
          <blockquote className="preserve">{suggestion.text}</blockquote>
        </div>
      )}
      {fromSuggestions.length > 0 && (
        <div className="note" data-testid="made-from-suggestions">
          <p>{say(lang, "madeFromSuggestion")}</p>
          {fromSuggestions.map((s) => (
            <blockquote key={s.id} className="preserve">
              {s.text}{" "}
              <Link to={`/admin/rounds/${round.id}/suggestions#suggestion-${s.id}`}>
                ({formatMonthShort(s.month, lang)} · {say(lang, "seeSuggestion")})
              </Link>
            </blockquote>
          ))}
        </div>
      )}
      {noted && (
        <p className="note" role="status">
          {say(lang, "noted")}
        </p>
      )}
      {failure && !failure.errors && !failure.noteErrors && (
        <p className="alert" role="alert">
          {pick(lang, failure.message)}
        </p>
      )}
      {canEdit ? (
        <MeasureForm loaderData={loaderData} failure={failure?.errors ? failure : undefined} />
      ) : measure ? (
        <MeasureReadOnly measure={measure} lang={lang} />
      ) : (
        <p className="note">{say(lang, "readOnlyNew")}</p>
      )}
      {measure && <Notes loaderData={loaderData} failure={failure?.noteErrors ? failure : undefined} />}
    </main>
  );
}
