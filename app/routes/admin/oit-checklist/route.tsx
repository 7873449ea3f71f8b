/**
 * The OIT checklist of a round (issue 5, part 1): the framework's items in their sub-indicators, each
 * with what it must show, a pass / fail / unchecked choice, evidence links, a note, and who changed it
 * when; indicators 9 and 10 and the OIT score with the checking progress. One form per item, so that
 * saving one item writes that item only. Managers and admins edit; viewers read. The numbers come from
 * services/oit-checklist/page.server.ts, all changes from services/oit-checklist/commands.server.ts. Its
 * parts beside it: summary.tsx (scores and progress), copy-previous.tsx, item.tsx (an item as a form or,
 * for viewers, read only), text.ts.
 */
import { data, Link, redirect } from "react-router";
import { requireSignedInUser } from "../../../auth/admin-context.server";
import { requireCsrf } from "../../../auth/session.server";
import { getDb } from "../../../lib/db.server";
import { applyOitChecklistForm } from "../../../services/oit-checklist/commands.server";
import { getOitChecklistPage } from "../../../services/oit-checklist/page.server";
import { formatCount, formatScore } from "../../../text/format";
import { getRequestLang, pick } from "../../../text/i18n";
import "../../../styles/oit-checklist.css";
import { CopyPrevious } from "./copy-previous";
import { type Failure, ItemForm, ItemView } from "./item";
import { Summary } from "./summary";
import { say } from "./text";
import type { Route } from "./+types/route";
import { ProvisionalNote } from "../../../components/provisional-note";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const page = await getOitChecklistPage(db, user, Number(params.roundId));
  const url = new URL(request.url);
  return data(
    { lang: getRequestLang(request), saved: url.searchParams.get("saved"), copied: url.searchParams.get("copied"), ...page },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const db = getDb();
  const user = requireSignedInUser(context, "manager");
  const form = await request.formData();
  requireCsrf(user, form);
  const roundId = Number(params.roundId);
  const result = await applyOitChecklistForm(db, user, roundId, form, new Date());
  if (!result.ok) return data(result, { status: result.status });
  const base = `/admin/rounds/${roundId}/oit`;
  if (result.intent === "copy-previous") throw redirect(`${base}?copied=${result.copied}`);
  throw redirect(`${base}?saved=${encodeURIComponent(result.itemCode)}#item-${result.itemCode}`);
}

export function meta({ loaderData: data }: Route.MetaArgs) {
  if (!data) return [{ title: "โปร่งใส" }];
  const title = data.lang === "th" ? data.round.titleTh : data.round.titleEn;
  return [{ title: `${say(data.lang, "title")} · ${title}` }];
}

export default function OitChecklistPage({ loaderData, actionData }: Route.ComponentProps) {
  const page = loaderData;
  const { lang, round } = page;
  const failure = actionData && !actionData.ok ? (actionData as Failure) : undefined;
  return (
    <main className="page oit-page">
      <header>
        <h1>
          {say(lang, "title")}: {lang === "th" ? round.titleTh : round.titleEn}
        </h1>
        <p className="muted">{say(lang, "lead")}</p>
        <p>
          <Link to={`/admin/rounds/${round.id}`}>{say(lang, "dashboard")}</Link>
        </p>
      </header>
      {page.framework.provisional && <ProvisionalNote lang={lang} frameworkId={page.framework.id} />}
      {page.saved && (
        <p className="note" role="status">
          {say(lang, "saved", { code: page.saved })}
        </p>
      )}
      {page.copied && (
        <p className="note" role="status">
          {say(lang, "copied", { n: page.copied })}
        </p>
      )}
      {failure && !page.subIndicators.some((sub) => sub.items.some((item) => item.code === failure.values?.itemCode)) && (
        <p className="alert" role="alert" data-testid="oit-error">
          {pick(lang, failure.message)}
        </p>
      )}
      <Summary page={page} />
      {page.canEdit ? <CopyPrevious page={page} /> : <p className="note">{say(lang, "readOnly")}</p>}
      <nav className="oit-jump" aria-label={say(lang, "jump")}>
        {page.subIndicators.map((sub) => (
          <a key={sub.code} href={`#sub-${sub.code}`}>
            {sub.code} <span className="muted">{formatCount(sub.checked, lang)}/{formatCount(sub.total, lang)}</span>
          </a>
        ))}
      </nav>
      {page.subIndicators.map((sub) => (
        <section key={sub.code} id={`sub-${sub.code}`} className="oit-sub" aria-labelledby={`sub-${sub.code}-title`}>
          <div className="oit-sub-head">
            <h2 id={`sub-${sub.code}-title`}>
              {sub.code} {pick(lang, sub.title)}
            </h2>
            <span className="oit-sub-score" data-testid={`sub-score-${sub.code}`}>
              {formatScore(sub.score)}
            </span>
            <span className="muted">{say(lang, "progress", { checked: sub.checked, total: sub.total, passed: sub.passed })}</span>
          </div>
          {sub.items.map((item) =>
            page.canEdit ? (
              <ItemForm key={`${item.code}-${item.updatedAt ?? ""}`} item={item} roundId={round.id} lang={lang} maxUrls={page.limits.maxUrls} failure={failure?.values?.itemCode === item.code ? failure : undefined} links={page.complaintLinks} />
            ) : (
              <ItemView key={item.code} item={item} roundId={round.id} lang={lang} links={page.complaintLinks} />
            ),
          )}
        </section>
      ))}
    </main>
  );
}
