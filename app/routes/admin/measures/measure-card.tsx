import { Form, Link } from "react-router";
import { CsrfInput } from "../../../components/csrf-input";
import { dueText, OverdueBadge, StatusBadge } from "../../../components/measure-parts";
import type { MeasureView } from "../../../services/measures/page.server";
import { formatDate } from "../../../text/format";
import { type Lang, pick } from "../../../text/i18n";
import { say } from "./text";

/** One measure in the plan's columns, with its latest progress note; managers also move and delete it. */
export function MeasureCard({ measure, lang, canEdit, base, first, last }: { measure: MeasureView; lang: Lang; canEdit: boolean; base: string; first: boolean; last: boolean }) {
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
