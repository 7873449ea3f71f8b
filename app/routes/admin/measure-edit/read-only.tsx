import { dueText, OverdueBadge, StatusBadge } from "../../../components/measure-parts";
import type { MeasureView } from "../../../services/measures/page.server";
import { type Lang, pick } from "../../../text/i18n";
import { say } from "./text";

/** A measure as a viewer sees it: every column of the plan, nothing to change. */
export function MeasureReadOnly({ measure, lang }: { measure: MeasureView; lang: Lang }) {
  return (
    <article className="card" id={`measure-${measure.id}`}>
      <p className="note">{say(lang, "readOnly")}</p>
      <h2 className="preserve">{measure.title}</h2>
      <p className="measure-badges">
        <StatusBadge status={measure.status} lang={lang} />
        {measure.overdue && measure.dueOn && <OverdueBadge dueOn={measure.dueOn} lang={lang} />}
      </p>
      <h3>{say(lang, "steps")}</h3>
      <ol className="measure-steps">
        {measure.steps.map((step, n) => (
          <li key={n} className="preserve">
            {step}
          </li>
        ))}
      </ol>
      <h3>{say(lang, "units")}</h3>
      <p>{measure.units.map((u) => (lang === "th" ? u.nameTh : u.nameEn)).join(", ")}</p>
      <h3>{say(lang, "period")}</h3>
      <p>
        <span className="preserve">{measure.period}</span>
        {measure.dueOn && <span className="measure-due">{dueText(measure.dueOn, lang)}</span>}
      </p>
      <h3>{say(lang, "followUp")}</h3>
      <p className="preserve">{measure.followUp}</p>
      <h3>{say(lang, "targets")}</h3>
      <ul className="target-chips">
        {measure.targetLabels.map((t) => (
          <li key={t.code}>{pick(lang, t.label)}</li>
        ))}
      </ul>
    </article>
  );
}
