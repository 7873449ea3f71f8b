/**
 * /admin/complaints — the agency's complaint cases (issue 16, item 2) for its admins (all of them) and
 * complaint handlers (those not yet assigned, and their unit's): the overdue ones first, then every case,
 * newest day first. Links to the public form, the published statistics and the guideline.
 */
import { data, Link } from "react-router";
import { requireSignedInUser } from "../../../auth/admin-context.server";
import { getDb } from "../../../lib/db.server";
import { getComplaintListPage, type ComplaintListPage } from "../../../services/complaints/cases.server";
import { formatCaseNumber, kindLabel, OUTCOME_LABELS, STATUS_LABELS } from "../../../services/complaints/kinds";
import { formatCount, formatDate } from "../../../text/format";
import { defineTexts, getRequestLang, pick, type Lang } from "../../../text/i18n";
import { OverdueFlag } from "./overdue-flag";
import { say as cs } from "./text";
import type { Route } from "./+types/list";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireSignedInUser(context, "complaints");
  const page = await getComplaintListPage(getDb(), user, new Date());
  const url = new URL(request.url);
  return data({ lang: getRequestLang(request), done: url.searchParams.get("done"), ...page }, { headers: { "Cache-Control": "private, no-store" } });
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  return [{ title: cs(data?.lang ?? "th", "title") }];
}

const say = defineTexts({
  lead: {
    th: "เรื่องที่ประชาชนแจ้งผ่านแบบฟอร์มร้องเรียนของหน่วยงาน ผู้ดูแลระบบเห็นทุกเรื่อง ผู้รับผิดชอบเรื่องร้องเรียนเห็นเรื่องที่ยังไม่มอบหมายและเรื่องของส่วนราชการของตน",
    en: "Complaints sent through the agency's public form. Administrators see them all; complaint handlers see those not yet assigned and their own unit's.",
  },
  all: { th: "เรื่องทั้งหมด ({n})", en: "All complaints ({n})" },
  none: { th: "ยังไม่มีเรื่องร้องเรียน", en: "No complaints yet." },
  open: { th: "เปิดเรื่อง", en: "Open" },
  passedOn: { th: "มอบหมายเรื่องให้ส่วนราชการอื่นแล้ว เรื่องนี้จึงไม่อยู่ในรายการของท่าน", en: "The case was assigned to another unit, so it is no longer in your list." },
});

function StatusCell({ lang, c }: { lang: Lang; c: ComplaintListPage["cases"][number] }) {
  return (
    <>
      {pick(lang, STATUS_LABELS[c.status])}
      {c.outcome && <span className="muted small"> · {pick(lang, OUTCOME_LABELS[c.outcome])}</span>}
    </>
  );
}

/** The cases as cards: one reads on a phone as on a laptop, the number first, the lateness marked. */
function CaseList({ lang, cases, testId }: { lang: Lang; cases: ComplaintListPage["cases"]; testId: string }) {
  return (
    <ul className="case-cards" data-testid={testId}>
      {cases.map((c) => (
        <li key={c.id} data-case={c.id} className={c.overdue ? "case-card case-card-overdue" : "case-card"}>
          <p className="case-card-head">
            <Link to={`/admin/complaints/${c.id}`} className="case-card-number">
              {cs(lang, "caseNumber", { n: formatCaseNumber(c.id) })}
            </Link>
            <span className="muted small">
              {cs(lang, "received")} {formatDate(c.receivedOn, lang)}
              {c.anonymous === 1 && ` · ${cs(lang, "anonymous")}`}
            </span>
          </p>
          <p>{pick(lang, kindLabel(c.kind))}</p>
          <p>
            <strong>
              <StatusCell lang={lang} c={c} />
            </strong>
            {" · "}
            {c.unitId === null ? <span className="muted">{cs(lang, "unassigned")}</span> : lang === "th" ? c.unitNameTh : c.unitNameEn || c.unitNameTh}
          </p>
          {c.status !== "closed" && (
            <p className="small">
              {cs(lang, c.status === "received" ? "dueAcknowledge" : "dueDecide")} {formatDate(c.status === "received" ? c.acknowledgeDueOn : c.decideDueOn, lang)}{" "}
              <OverdueFlag lang={lang} overdue={c.overdue} />
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

export default function ComplaintList({ loaderData }: Route.ComponentProps) {
  const { lang, cases, overdue, isAdmin, agencySlug, done } = loaderData;
  const base = `/complaints/${encodeURIComponent(agencySlug)}`;
  return (
    <main className="page complaints-page">
      <h1>{cs(lang, "title")}</h1>
      <p className="muted">{say(lang, "lead")}</p>
      <p className="dash-links">
        <a href={base}>{cs(lang, "publicForm")}</a>
        <a href={`${base}/statistics`}>{cs(lang, "statistics")}</a>
        {isAdmin ? <Link to="/admin/complaints/guideline">{cs(lang, "guideline")}</Link> : <a href={`${base}/guideline`}>{cs(lang, "guideline")}</a>}
      </p>
      {done === "passed-on" && (
        <p className="note" role="status">
          {say(lang, "passedOn")}
        </p>
      )}
      {overdue.length > 0 && (
        <section className="alert" aria-labelledby="complaints-overdue" data-testid="complaints-overdue">
          <h2 id="complaints-overdue">{cs(lang, "overdueTitle", { n: formatCount(overdue.length, lang) })}</h2>
          <CaseList lang={lang} cases={overdue} testId="overdue-table" />
        </section>
      )}
      <h2>{say(lang, "all", { n: formatCount(cases.length, lang) })}</h2>
      {cases.length === 0 ? <p className="muted">{say(lang, "none")}</p> : <CaseList lang={lang} cases={cases} testId="complaint-table" />}
    </main>
  );
}
