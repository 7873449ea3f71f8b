/**
 * The measures plan of a round (issue 5, part 2): the agency's มาตรการ in its own numbering, with the
 * columns of the plan municipalities publish (มาตรการ/แนวทาง, วิธีการดำเนินการ, ผู้รับผิดชอบ,
 * ระยะเวลาดำเนินการ, การติดตามผล), status and overdue marks; then a proposed measure for every weak
 * area nobody has answered yet (accept, edit first, or dismiss), and the dismissed ones (undo).
 * Managers and admins change; viewers read. Reading: services/measures/page.server.ts; changes:
 * services/measures/commands.server.ts. Its parts beside it: measure-card.tsx, proposals.tsx, text.ts.
 */
import { data, Link, redirect } from "react-router";
import { requireSignedInUser } from "../../../auth/admin-context.server";
import { requireRound } from "../../../auth/round-access.server";
import { getDb } from "../../../lib/db.server";
import { postMeasuresForm } from "../../../services/measures/commands.server";
import { getMeasuresPage } from "../../../services/measures/page.server";
import { bangkokDate } from "../../../text/dates";
import { getRequestLang, pick } from "../../../text/i18n";
import "../../../styles/measures.css";
import { MeasureCard } from "./measure-card";
import { ProposalButton, ProposalCard } from "./proposals";
import { say } from "./text";
import type { Route } from "./+types/route";
import { toShownPrecision } from "../../../lib/shown-precision";
import { isFrameworkProvisional } from "../../../services/framework-status.server";
import { ProvisionalNote } from "../../../components/provisional-note";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  // Scores of the weak areas at the two decimals the page shows (issue 12).
  const page = toShownPrecision(await getMeasuresPage(db, user, round, bangkokDate(new Date())));
  const provisional = await isFrameworkProvisional(db, round.frameworkId);
  const flash = Object.fromEntries(["saved", "accepted", "deleted", "dismissed", "restored"].map((k) => [k, new URL(request.url).searchParams.get(k)]));
  return data(
    { lang: getRequestLang(request), round: { id: round.id, titleTh: round.titleTh, titleEn: round.titleEn, fiscalYear: round.fiscalYear, frameworkId: round.frameworkId, provisional }, flash, ...page },
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
  return [{ title: `${say(data.lang, "title")} · ${data.lang === "th" ? data.round.titleTh : data.round.titleEn}` }];
}

export default function MeasuresPage({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, round, measures, proposals, dismissed, counts, canEdit, flash } = loaderData;
  const base = `/admin/rounds/${round.id}/measures`;
  return (
    <main className="page measures-page">
      <header>
        <h1>
          {say(lang, "title")}
          <span className="measures-subtitle">{lang === "th" ? round.titleTh : round.titleEn}</span>
        </h1>
        <p className="muted">{say(lang, "lead")}</p>
        <p className="button-row">
          <Link to={`/admin/rounds/${round.id}`}>{say(lang, "dashboard")}</Link>
          {canEdit && (
            <Link className="button button-secondary" to={`${base}/edit`}>
              {say(lang, "add")}
            </Link>
          )}
        </p>
      </header>
      {round.provisional && <ProvisionalNote lang={lang} frameworkId={round.frameworkId} />}
      {flash.saved && <p className="note" role="status">{say(lang, "flashSaved")}</p>}
      {flash.accepted && <p className="note" role="status">{say(lang, "flashAccepted")}</p>}
      {flash.deleted && <p className="note" role="status">{say(lang, "flashDeleted")}</p>}
      {flash.dismissed && <p className="note" role="status">{say(lang, "flashDismissed", { code: flash.dismissed })}</p>}
      {flash.restored && <p className="note" role="status">{say(lang, "flashRestored", { code: flash.restored })}</p>}
      {actionData && !actionData.ok && (
        <p className="alert" role="alert" data-testid="measures-error">
          {pick(lang, actionData.message)}
        </p>
      )}
      {!canEdit && <p className="note">{say(lang, "readOnly")}</p>}

      <ul className="measure-counts" aria-label={say(lang, "title")}>
        <li>
          {say(lang, "planned")} <strong>{counts.planned}</strong>
        </li>
        <li>
          {say(lang, "inProgress")} <strong>{counts.inProgress}</strong>
        </li>
        <li>
          {say(lang, "done")} <strong>{counts.done}</strong>
        </li>
        <li className={counts.overdue > 0 ? "measure-counts-overdue" : undefined} data-testid="overdue-count">
          {say(lang, "overdue")} <strong>{counts.overdue}</strong>
        </li>
      </ul>

      {measures.length === 0 ? (
        <div className="card">
          <p>{say(lang, "none")}</p>
          {canEdit && <p className="muted">{say(lang, "noneHint")}</p>}
        </div>
      ) : (
        <ol className="measure-list">
          {measures.map((measure, index) => (
            <MeasureCard key={measure.id} measure={measure} lang={lang} canEdit={canEdit} base={base} first={index === 0} last={index === measures.length - 1} />
          ))}
        </ol>
      )}

      <section id="proposals" aria-labelledby="proposals-title">
        <h2 id="proposals-title">{say(lang, "proposals")}</h2>
        <p className="muted">{say(lang, "proposalsLead")}</p>
        {proposals.length === 0 ? (
          <p className="card">{say(lang, "noProposals")}</p>
        ) : (
          <ul className="proposal-list">
            {proposals.map((proposal) => (
              <ProposalCard key={proposal.code} proposal={proposal} lang={lang} canEdit={canEdit} base={base} />
            ))}
          </ul>
        )}
        {dismissed.length > 0 && (
          <details className="card dismissed" open={Boolean(flash.dismissed)}>
            <summary>
              {say(lang, "dismissed")} ({dismissed.length})
            </summary>
            <ul className="dismissed-list">
              {dismissed.map((d) => (
                <li key={d.code} data-code={d.code}>
                  <span>
                    {pick(lang, d.label)} <span className="muted">· {say(lang, d.stillWeak ? "stillWeak" : "noLongerWeak")}</span>
                  </span>
                  {canEdit && (
                    <ProposalButton intent="restore" code={d.code} label={say(lang, "restore")} className="small-button" />
                  )}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
    </main>
  );
}
