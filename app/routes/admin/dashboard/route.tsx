/**
 * The round dashboard (issue 4): one page for the mayor and the ปลัด — where the agency stands against
 * the pass mark, which indicator and which question pull it down, whether the EIT improves month by
 * month and at which counter, and how many more answers are needed. The numbers come from
 * services/dashboard.server.ts (tallies only); breakdowns below k answers are hidden there. Its parts
 * beside it: summary.tsx (total, instruments, sample sizes), weak-areas.tsx, breakdowns.tsx (EIT by
 * counter and by month), text.ts.
 */
import { data, Link } from "react-router";
import { requireSignedInUser } from "../../../auth/admin-context.server";
import { hasRole } from "../../../auth/roles";
import { requireRound } from "../../../auth/round-access.server";
import { IndicatorChart } from "../../../components/charts/indicator-chart";
import { getDb } from "../../../lib/db.server";
import { getRoundDashboard } from "../../../services/dashboard.server";
import { getOverdueComplaintsSummary } from "../../../services/complaints/cases.server";
import { formatCaseNumber, kindLabel } from "../../../services/complaints/kinds";
import { OverdueFlag } from "../complaints/overdue-flag";
import { formatCount, formatDate } from "../../../text/format";
import { getRequestLang, pick } from "../../../text/i18n";
import { CounterSection, MonthSection } from "./breakdowns";
import { Samples, Summary } from "./summary";
import { say } from "./text";
import { WeakAreas } from "./weak-areas";
import type { Route } from "./+types/route";
import { toShownPrecision } from "../../../lib/shown-precision";
import { ProvisionalNote } from "../../../components/provisional-note";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  const dashboard = await getRoundDashboard(db, round.id);
  if (!dashboard) throw data(null, { status: 404 });
  // Managers and viewers export the EIT alone (app/services/export/access.server.ts): the links say so.
  const eitOnlyExport = !hasRole(user.role, "admin");
  // Complaints past the agency's time limits (issue 16): the cases for those who handle them, a count for the others.
  const overdueComplaints = await getOverdueComplaintsSummary(db, user, new Date());
  return data({ lang: getRequestLang(request), dashboard: toShownPrecision(dashboard), eitOnlyExport, overdueComplaints }, { headers: { "Cache-Control": "private, no-store" } });
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  const { lang, dashboard } = data;
  return [{ title: `${say(lang, "dashboard")} · ${lang === "th" ? dashboard.round.titleTh : dashboard.round.titleEn}` }];
}

export default function DashboardPage({ loaderData }: Route.ComponentProps) {
  const { lang, dashboard, eitOnlyExport, overdueComplaints } = loaderData;
  const { round } = dashboard;
  const base = `/admin/rounds/${round.id}`;
  return (
    <main className="page dashboard">
      <header className="dash-head">
        <h1>
          {say(lang, "dashboard")}: {lang === "th" ? round.titleTh : round.titleEn}
        </h1>
        <p className="muted">
          {say(lang, "period")} {formatDate(round.startsOn, lang)} – {formatDate(round.endsOn, lang)}
        </p>
        <p className="dash-links">
          <Link to={`${base}/results`}>{say(lang, "resultsTable")}</Link>
          <Link to={`${base}/oit`}>{say(lang, "oitChecklist")}</Link>
          <Link to={`${base}/measures`}>{say(lang, "measures")}</Link>
          <Link to={`${base}/suggestions`}>{say(lang, "suggestions")}</Link>
          <a href={`${base}/report`}>{say(lang, "report")}</a>
          <a href={`${base}/responses.csv`} download title={eitOnlyExport ? say(lang, "exportEitOnlyWhy") : undefined}>
            {say(lang, eitOnlyExport ? "exportEitCsv" : "exportCsv")}
          </a>
          <a href={`${base}/responses.xlsx`} download title={eitOnlyExport ? say(lang, "exportEitOnlyWhy") : undefined}>
            {say(lang, eitOnlyExport ? "exportEitXlsx" : "exportXlsx")}
          </a>
          <a href={`${base}/questions.csv${eitOnlyExport ? "?instrument=eit" : ""}`} download title={say(lang, "exportQuestionsWhy")}>
            {say(lang, "exportQuestions")}
          </a>
        </p>
      </header>

      {dashboard.framework.provisional && <ProvisionalNote lang={lang} frameworkId={dashboard.framework.id} />}
      <Summary dashboard={dashboard} lang={lang} />
      {dashboard.overdueMeasures.length > 0 && (
        <section className="alert dash-overdue" aria-labelledby="dash-overdue" data-testid="overdue-measures">
          <h2 id="dash-overdue">{say(lang, "overdueTitle", { n: formatCount(dashboard.overdueMeasures.length, lang) })}</h2>
          <p className="muted">{say(lang, "overdueLead")}</p>
          <ul>
            {dashboard.overdueMeasures.map((m) => (
              <li key={m.id}>
                <Link to={`${base}/measures#measure-${m.id}`}>
                  {m.position}. {m.title}
                </Link>{" "}
                <span className="dash-flag">
                  {say(lang, "overdueDue")} {formatDate(m.dueOn, lang)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {overdueComplaints.count > 0 && (
        <section className="alert dash-overdue" aria-labelledby="dash-overdue-complaints" data-testid="overdue-complaints">
          <h2 id="dash-overdue-complaints">{say(lang, "complaintsOverdueTitle", { n: formatCount(overdueComplaints.count, lang) })}</h2>
          <p className="muted">{say(lang, "complaintsOverdueLead")}</p>
          {overdueComplaints.cases.length > 0 ? (
            <ul>
              {overdueComplaints.cases.map((c) => (
                <li key={c.id}>
                  <Link to={`/admin/complaints/${c.id}`}>{formatCaseNumber(c.id)}</Link> · {pick(lang, kindLabel(c.kind))}
                  {c.unitNameTh && ` · ${lang === "th" ? c.unitNameTh : c.unitNameEn || c.unitNameTh}`} <OverdueFlag lang={lang} overdue={c.overdue} />
                </li>
              ))}
            </ul>
          ) : (
            <p>{say(lang, "complaintsOverdueHandlers")}</p>
          )}
        </section>
      )}
      <Samples dashboard={dashboard} lang={lang} />

      <section className="card" aria-labelledby="dash-indicators">
        <h2 id="dash-indicators">{say(lang, "indicators")}</h2>
        <p className="muted">{say(lang, "indicatorsLead")}</p>
        <IndicatorChart indicators={dashboard.indicators} passMark={dashboard.passMark} lang={lang} />
      </section>

      <WeakAreas dashboard={dashboard} lang={lang} />

      <CounterSection dashboard={dashboard} lang={lang} />
      <MonthSection dashboard={dashboard} lang={lang} />
    </main>
  );
}
