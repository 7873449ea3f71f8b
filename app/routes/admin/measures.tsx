/**
 * The measures plan of a round (issue 5, part 2): the agency's มาตรการ in its own numbering, with the
 * columns of the plan municipalities publish (มาตรการ/แนวทาง, วิธีการดำเนินการ, ผู้รับผิดชอบ,
 * ระยะเวลาดำเนินการ, การติดตามผล), status and overdue marks; then a proposed measure for every weak
 * area nobody has answered yet (accept, edit first, or dismiss), and the dismissed ones (undo).
 * Managers and admins change; viewers read. Reading: services/measures.server.ts; changes:
 * services/measure-actions.server.ts.
 */
import { data, Form, Link, redirect } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { dueText, OverdueBadge, StatusBadge } from "../../components/measure-parts";
import { bangkokDate } from "../../text/dates";
import { getDb } from "../../lib/db.server";
import { formatDate, formatScore } from "../../text/format";
import { defineTexts, getRequestLang, type Lang, pick } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireRound } from "../../auth/round-access.server";
import { postMeasuresForm } from "../../services/measure-actions.server";
import { getMeasuresPage, type MeasureView, type Proposal } from "../../services/measures.server";
import "../../styles/measures.css";
import type { Route } from "./+types/measures";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  const page = await getMeasuresPage(db, user, round, bangkokDate(new Date()));
  const flash = Object.fromEntries(["saved", "accepted", "deleted", "dismissed", "restored"].map((k) => [k, new URL(request.url).searchParams.get(k)]));
  return data(
    { lang: getRequestLang(request), round: { id: round.id, titleTh: round.titleTh, titleEn: round.titleEn, fiscalYear: round.fiscalYear }, flash, ...page },
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

const say = defineTexts({
  title: { th: "มาตรการส่งเสริมคุณธรรมและความโปร่งใส", en: "Integrity and transparency measures" },
  lead: {
    th: "มาตรการที่หน่วยงานกำหนดเพื่อแก้ไขจุดที่ต้องปรับปรุงของรอบนี้ เรียงตามลำดับที่หน่วยงานกำหนด พร้อมสถานะและความคืบหน้าตลอดปี",
    en: "The measures the agency sets to fix this round's weak areas, in the agency's own order, with their status and progress through the year.",
  },
  dashboard: { th: "กลับไปแดชบอร์ด", en: "Back to the dashboard" },
  add: { th: "เพิ่มมาตรการ", en: "Add a measure" },
  planned: { th: "วางแผน", en: "Planned" },
  inProgress: { th: "กำลังดำเนินการ", en: "In progress" },
  done: { th: "แล้วเสร็จ", en: "Done" },
  overdue: { th: "เลยกำหนด", en: "Overdue" },
  none: { th: "ยังไม่มีมาตรการในรอบนี้", en: "No measure in this round yet." },
  noneHint: { th: "เริ่มจากข้อเสนอด้านล่าง หรือกด “เพิ่มมาตรการ”", en: "Start from the proposals below, or press “Add a measure”." },
  measure: { th: "มาตรการ/แนวทาง", en: "Measure" },
  steps: { th: "วิธีการดำเนินการ", en: "How it is carried out" },
  units: { th: "ผู้รับผิดชอบ", en: "Responsible" },
  period: { th: "ระยะเวลาดำเนินการ", en: "Period" },
  followUp: { th: "การติดตามผล", en: "Follow-up" },
  targets: { th: "ตอบตัวชี้วัด/ข้อ", en: "Answers" },
  noTargets: { th: "ไม่ได้ระบุ", en: "not linked" },
  latestNote: { th: "ความคืบหน้าล่าสุด", en: "Latest progress" },
  notes: { th: "บันทึกความคืบหน้า {n} รายการ", en: "{n} progress notes" },
  edit: { th: "แก้ไข / บันทึกความคืบหน้า", en: "Edit / add progress" },
  view: { th: "ดูรายละเอียด", en: "Details" },
  up: { th: "เลื่อนขึ้น", en: "Move up" },
  down: { th: "เลื่อนลง", en: "Move down" },
  delete: { th: "ลบ", en: "Delete" },
  confirmDelete: { th: "ลบมาตรการที่ {n} “{title}” และบันทึกความคืบหน้าทั้งหมดใช่หรือไม่", en: "Delete measure {n} “{title}” and all its progress notes?" },
  proposals: { th: "ข้อเสนอมาตรการสำหรับจุดที่ต้องปรับปรุง", en: "Proposed measures for weak areas" },
  proposalsLead: {
    th: "ตัวชี้วัดและข้อที่คะแนนต่ำกว่าเกณฑ์ และรายการ OIT ที่ไม่ผ่าน ซึ่งยังไม่มีมาตรการรองรับ ระบบเสนอมาตรการตามแนวทางของกรอบการประเมิน (บันทึกเป็นภาษาไทยตามเอกสารทางการ)",
    en: "Indicators and questions under the pass mark, and failing OIT items, that no measure answers yet. Each comes with a proposed measure from the framework's advice (saved in Thai, as the official plan is written).",
  },
  noProposals: { th: "ไม่มีข้อเสนอค้างอยู่ ทุกจุดที่ต้องปรับปรุงมีมาตรการหรือถูกข้ามไว้แล้ว", en: "No open proposal: every weak area has a measure or was dismissed." },
  score: { th: "คะแนน", en: "score" },
  failing: { th: "ไม่ผ่าน", en: "failing" },
  proposed: { th: "มาตรการที่เสนอ", en: "Proposed measure" },
  proposedSteps: { th: "ดูวิธีการดำเนินการที่เสนอ", en: "See the proposed steps" },
  noUnit: { th: "ไม่พบส่วนราชการที่ตรงกับ “{hint}” ต้องเลือกผู้รับผิดชอบก่อนรับ", en: "No unit matches “{hint}”: choose the responsible unit before accepting." },
  accept: { th: "รับข้อเสนอ", en: "Accept" },
  editFirst: { th: "แก้ไขก่อนรับ", en: "Edit, then accept" },
  dismiss: { th: "ข้าม", en: "Dismiss" },
  dismissed: { th: "ข้อเสนอที่ข้ามไว้", en: "Dismissed proposals" },
  stillWeak: { th: "ยังต่ำกว่าเกณฑ์", en: "still weak" },
  noLongerWeak: { th: "ไม่ต่ำกว่าเกณฑ์แล้ว", en: "no longer weak" },
  restore: { th: "นำกลับมาเสนอ", en: "Bring back" },
  flashSaved: { th: "บันทึกมาตรการแล้ว", en: "The measure was saved." },
  flashAccepted: { th: "รับข้อเสนอเป็นมาตรการแล้ว สามารถแก้ไขรายละเอียดหรือกำหนดวันครบกำหนดได้", en: "The proposal is now a measure; you can edit it or set a due date." },
  flashDeleted: { th: "ลบมาตรการแล้ว", en: "The measure was deleted." },
  flashDismissed: { th: "ข้ามข้อเสนอของ {code} แล้ว (นำกลับมาได้ที่ด้านล่าง)", en: "The proposal for {code} was dismissed (it can be brought back below)." },
  flashRestored: { th: "นำข้อเสนอของ {code} กลับมาแล้ว", en: "The proposal for {code} is back." },
  readOnly: { th: "บัญชีผู้ดูผลดูมาตรการได้อย่างเดียว การเพิ่มหรือแก้ไขทำได้โดยผู้จัดการหรือผู้ดูแลระบบ", en: "Viewers can read only; managers and administrators add and edit measures." },
});

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

function MeasureCard({ measure, lang, canEdit, base, first, last }: { measure: MeasureView; lang: Lang; canEdit: boolean; base: string; first: boolean; last: boolean }) {
  const latest = measure.notes.at(-1);
  return (
    <li className={`card measure-card${measure.overdue ? " measure-card-overdue" : ""}`} id={`measure-${measure.id}`} data-measure-id={measure.id}>
      <div className="measure-head">
        <h3>
          <span className="measure-number">{measure.position}.</span> <span className="measure-title">{measure.title}</span>
        </h3>
        <div className="measure-badges">
          <StatusBadge status={measure.status} lang={lang} />
          {measure.overdue && measure.dueOn && <OverdueBadge dueOn={measure.dueOn} lang={lang} />}
        </div>
      </div>
      <dl className="measure-columns">
        <div className="measure-steps-col">
          <dt>{say(lang, "steps")}</dt>
          <dd>
            <ol className="measure-steps">
              {measure.steps.map((step, n) => (
                <li key={n} className="preserve">
                  {step}
                </li>
              ))}
            </ol>
          </dd>
        </div>
        <div>
          <dt>{say(lang, "units")}</dt>
          <dd>{measure.units.map((u) => (lang === "th" ? u.nameTh : u.nameEn)).join(", ")}</dd>
        </div>
        <div>
          <dt>{say(lang, "period")}</dt>
          <dd>
            <span className="preserve">{measure.period}</span>
            {measure.dueOn && <span className="measure-due">{dueText(measure.dueOn, lang)}</span>}
          </dd>
        </div>
        <div>
          <dt>{say(lang, "followUp")}</dt>
          <dd className="preserve">{measure.followUp}</dd>
        </div>
        <div className="measure-targets-col">
          <dt>{say(lang, "targets")}</dt>
          <dd>
            {measure.targetLabels.length === 0 ? (
              <span className="muted">{say(lang, "noTargets")}</span>
            ) : (
              <ul className="target-chips">
                {measure.targetLabels.map((t) => (
                  <li key={t.code} title={pick(lang, t.label)}>
                    {pick(lang, t.label)}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      {latest && (
        <p className="measure-latest">
          <strong>{say(lang, "latestNote")}</strong> ({formatDate(latest.notedOn, lang)}): <span className="preserve">{latest.text}</span>
          {measure.notes.length > 1 && <span className="muted"> · {say(lang, "notes", { n: measure.notes.length })}</span>}
        </p>
      )}
      <div className="button-row measure-tools">
        <Link className="button button-secondary" to={`${base}/edit?measure=${measure.id}`}>
          {say(lang, canEdit ? "edit" : "view")}
        </Link>
        {canEdit && (
          <>
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="move" />
              <input type="hidden" name="measureId" value={measure.id} />
              <button className="small-button" type="submit" name="direction" value="up" disabled={first} aria-label={`${say(lang, "up")} ${measure.position}`}>
                ↑ {say(lang, "up")}
              </button>
              <button className="small-button" type="submit" name="direction" value="down" disabled={last} aria-label={`${say(lang, "down")} ${measure.position}`}>
                ↓ {say(lang, "down")}
              </button>
            </Form>
            <Form
              method="post"
              onSubmit={(event) => {
                if (!window.confirm(say(lang, "confirmDelete", { n: measure.position, title: measure.title }))) event.preventDefault();
              }}
            >
              <CsrfInput />
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="measureId" value={measure.id} />
              <button className="button button-danger" type="submit">
                {say(lang, "delete")}
              </button>
            </Form>
          </>
        )}
      </div>
    </li>
  );
}

function ProposalCard({ proposal, lang, canEdit, base }: { proposal: Proposal; lang: Lang; canEdit: boolean; base: string }) {
  const score = proposal.kind === "checklist-item" ? say(lang, "failing") : `${say(lang, "score")} ${formatScore(proposal.score)}`;
  return (
    <li className="card proposal-card" data-code={proposal.code}>
      <div className="proposal-head">
        <h3>{pick(lang, proposal.label)}</h3>
        <span className="proposal-score">{score}</span>
      </div>
      <p className="muted">{pick(lang, proposal.low)}</p>
      <p>
        <strong>{say(lang, "proposed")}:</strong> {pick(lang, proposal.adviceTitle)}
      </p>
      <details>
        <summary>{say(lang, "proposedSteps")}</summary>
        <ol className="measure-steps">
          {proposal.draft.steps.map((step, n) => (
            <li key={n} className="preserve" lang="th">
              {step}
            </li>
          ))}
        </ol>
        <p>
          <strong>{say(lang, "units")}:</strong> {proposal.unitNames.map((u) => pick(lang, u)).join(", ") || pick(lang, proposal.draft.unitHint)} ·{" "}
          <strong>{say(lang, "period")}:</strong> {proposal.draft.period}
        </p>
        <p>
          <strong>{say(lang, "followUp")}:</strong> <span lang="th">{proposal.draft.followUp}</span>
        </p>
      </details>
      {proposal.unitNames.length === 0 && <p className="field-error">{say(lang, "noUnit", { hint: pick(lang, proposal.draft.unitHint) })}</p>}
      {canEdit && (
        <div className="button-row">
          {proposal.unitNames.length > 0 && (
            <ProposalButton intent="accept" code={proposal.code} label={say(lang, "accept")} className="button" />
          )}
          <Link className="button button-secondary" to={`${base}/edit?from=${encodeURIComponent(proposal.code)}`}>
            {say(lang, "editFirst")}
          </Link>
          <ProposalButton intent="dismiss" code={proposal.code} label={say(lang, "dismiss")} className="small-button" />
        </div>
      )}
    </li>
  );
}

/** One button that posts an intent about a proposal (accept, dismiss, restore) by its weak area's code. */
function ProposalButton({ intent, code, label, className }: { intent: "accept" | "dismiss" | "restore"; code: string; label: string; className: string }) {
  return (
    <Form method="post" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="code" value={code} />
      <button className={className} type="submit">
        {label}
      </button>
    </Form>
  );
}
