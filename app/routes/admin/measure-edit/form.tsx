import { useEffect, useRef, useState } from "react";
import { Form, Link, useNavigation } from "react-router";
import { CsrfInput } from "../../../components/csrf-input";
import { measureStatusText } from "../../../components/measure-parts";
import type { MeasureActionResult } from "../../../services/measures/commands.server";
import { isIsoDate, LIMITS, MEASURE_STATUSES, type MeasureFieldErrors, type MeasureFormValues } from "../../../services/measures/form";
import type { TargetChoiceGroup } from "../../../services/measures/page.server";
import { formatDate } from "../../../text/format";
import { type Lang, pick } from "../../../text/i18n";
import { say } from "./text";
import type { Route } from "./+types/route";

/** A refused post: its message, and the field errors and values of the measure or of the note. */
export type Failure = Extract<MeasureActionResult, { ok: false }>;

let stepKey = 0;

/** The measure's own form (new, from a proposal, or editing); steps are added and removed in place. */
export function MeasureForm({ loaderData, failure }: { loaderData: Route.ComponentProps["loaderData"]; failure: Failure | undefined }) {
  const { lang, mode, measure, proposal, units, targetGroups } = loaderData;
  const values: MeasureFormValues = failure?.values ?? loaderData.values;
  const errors: MeasureFieldErrors = failure?.errors ?? {};
  const busy = useNavigation().state === "submitting";
  const formRef = useRef<HTMLFormElement>(null);
  const [steps, setSteps] = useState(() => (values.steps.length > 0 ? values.steps : [""]).map((text) => ({ key: ++stepKey, text })));
  const [dueOn, setDueOn] = useState(values.dueOn);
  // After a refused save, start over from what was sent and take the person to the first field to correct.
  useEffect(() => {
    if (!failure) return;
    setSteps((failure.values?.steps.length ? failure.values.steps : [""]).map((text) => ({ key: ++stepKey, text })));
    setDueOn(failure.values?.dueOn ?? "");
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [failure]);

  const error = (name: keyof MeasureFieldErrors) =>
    errors[name] ? (
      <span className="field-error" id={`${name}-error`}>
        {pick(lang, errors[name])}
      </span>
    ) : null;
  const invalid = (name: keyof MeasureFieldErrors) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  const chosenUnits = new Set(values.unitIds);
  const chosenTargets = new Set(values.targets);

  return (
    <Form method="post" className="card measure-form" ref={formRef} noValidate key={failure ? JSON.stringify(failure.values) : "form"}>
      {failure && (
        <div className="alert" role="alert">
          <p>{pick(lang, failure.message)}</p>
          <ul>
            {Object.entries(failure.errors ?? {}).map(([name, message]) => (
              <li key={name}>
                <a href={`#field-${name}`}>{pick(lang, message)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <CsrfInput />
      <input type="hidden" name="intent" value={mode === "edit" ? "update" : "create"} />
      {measure && <input type="hidden" name="measureId" value={measure.id} />}
      {proposal && <input type="hidden" name="from" value={proposal.code} />}
      {loaderData.suggestion && <input type="hidden" name="suggestion" value={loaderData.suggestion.id} />}

      <label className="measure-field" id="field-title">
        <span className="measure-label">{say(lang, "title")}</span>
        <textarea name="title" rows={2} maxLength={LIMITS.title} defaultValue={values.title} {...invalid("title")} />
        {error("title")}
      </label>

      <fieldset className="measure-field" id="field-steps" {...invalid("steps")}>
        <legend className="measure-label">{say(lang, "steps")}</legend>
        <p className="muted small">{say(lang, "stepsHint")}</p>
        <ol className="step-inputs">
          {steps.map((step, n) => (
            <li key={step.key}>
              <label>
                <span className="sr-only">{say(lang, "step", { n: n + 1 })}</span>
                <textarea name="step" rows={3} maxLength={LIMITS.step} defaultValue={step.text} aria-label={say(lang, "step", { n: n + 1 })} />
              </label>
              {steps.length > 1 && (
                <button type="button" className="small-button" onClick={() => setSteps((all) => all.filter((s) => s.key !== step.key))}>
                  {say(lang, "removeStep", { n: n + 1 })}
                </button>
              )}
            </li>
          ))}
        </ol>
        {steps.length < LIMITS.steps && (
          <button type="button" className="small-button" onClick={() => setSteps((all) => [...all, { key: ++stepKey, text: "" }])}>
            {say(lang, "addStep")}
          </button>
        )}
        {error("steps")}
      </fieldset>

      <fieldset className="measure-field" id="field-units" {...invalid("units")}>
        <legend className="measure-label">{say(lang, "units")}</legend>
        <p className="muted small">{say(lang, "unitsHint")}</p>
        {units.length === 0 && <p>{say(lang, "noUnits")}</p>}
        <div className="check-grid">
          {units.map((unit) => (
            <label key={unit.id} className="check">
              <input type="checkbox" name="unit" value={unit.id} defaultChecked={chosenUnits.has(String(unit.id))} />
              <span>
                {lang === "th" ? unit.nameTh : unit.nameEn} {unit.status === "retired" && <span className="muted">{say(lang, "retired")}</span>}
              </span>
            </label>
          ))}
        </div>
        {error("units")}
      </fieldset>

      <div className="measure-when">
        <label className="measure-field" id="field-period">
          <span className="measure-label">{say(lang, "period")}</span>
          <input name="period" maxLength={LIMITS.period} defaultValue={values.period} {...invalid("period")} />
          <span className="muted small">{say(lang, "periodHint")}</span>
          {error("period")}
        </label>
        <label className="measure-field" id="field-dueOn">
          <span className="measure-label">{say(lang, "dueOn")}</span>
          <input type="date" name="dueOn" value={dueOn} onChange={(e) => setDueOn(e.target.value)} {...invalid("dueOn")} />
          <span className="muted small" data-testid="due-be">
            {isIsoDate(dueOn) ? say(lang, "dueBe", { date: formatDate(dueOn, lang) }) : say(lang, "dueHint")}
          </span>
          {error("dueOn")}
        </label>
      </div>

      <label className="measure-field" id="field-followUp">
        <span className="measure-label">{say(lang, "followUp")}</span>
        <textarea name="followUp" rows={3} maxLength={LIMITS.followUp} defaultValue={values.followUp} {...invalid("followUp")} />
        {error("followUp")}
      </label>

      <fieldset className="measure-field" id="field-targets" {...invalid("targets")}>
        <legend className="measure-label">{say(lang, "targets")}</legend>
        <p className="muted small">{say(lang, "targetsHint")}</p>
        <TargetChoices groups={targetGroups} chosen={chosenTargets} lang={lang} />
        {error("targets")}
      </fieldset>

      <fieldset className="measure-field" id="field-status" {...invalid("status")}>
        <legend className="measure-label">{say(lang, "status")}</legend>
        <div className="check-grid">
          {MEASURE_STATUSES.map((status) => (
            <label key={status} className="check">
              <input type="radio" name="status" value={status} defaultChecked={values.status === status} />
              <span>{measureStatusText(lang, status)}</span>
            </label>
          ))}
        </div>
        {error("status")}
      </fieldset>

      <div className="button-row">
        <button className="button" type="submit" disabled={busy}>
          {busy ? say(lang, "saving") : say(lang, proposal ? "saveProposal" : "save")}
        </button>
        <Link to={`/admin/rounds/${loaderData.round.id}/measures${measure ? `#measure-${measure.id}` : ""}`}>{say(lang, "cancel")}</Link>
      </div>
      {measure?.updatedByName && <p className="muted small">{say(lang, "lastChange", { who: measure.updatedByName })}</p>}
    </Form>
  );
}

function TargetChoices({ groups, chosen, lang }: { groups: TargetChoiceGroup[]; chosen: ReadonlySet<string>; lang: Lang }) {
  return (
    <div className="target-groups">
      {groups.map((group) => {
        const count = group.choices.filter((c) => chosen.has(c.code)).length;
        return (
          <details key={group.label.th} className="target-group" open={count > 0}>
            <summary>
              {pick(lang, group.label)} {count > 0 && <span className="target-count">{say(lang, "chosen", { n: count })}</span>}
            </summary>
            <div className="check-list">
              {group.choices.map((choice) => (
                <label key={choice.code} className={`check check-${choice.kind}`}>
                  <input type="checkbox" name="target" value={choice.code} defaultChecked={chosen.has(choice.code)} />
                  <span>{pick(lang, choice.label)}</span>
                </label>
              ))}
            </div>
          </details>
        );
      })}
    </div>
  );
}
