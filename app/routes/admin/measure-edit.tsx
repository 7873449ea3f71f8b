/**
 * One measure of a round's plan: ?measure=ID edits it (with its dated progress notes), ?from=CODE starts
 * from the proposal for a weak area (edit, then accept), neither starts a blank measure. The form has
 * the reference plan's columns: มาตรการ/แนวทาง, several ordered steps (add / remove), responsible
 * units, a free-text period with an optional due date (shown in the Buddhist Era), follow-up, the
 * indicators or items it answers, and its status. Viewers see the measure without the form.
 */
import { useEffect, useRef, useState } from "react";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { dueText, measureStatusText, OverdueBadge, StatusBadge } from "../../components/measure-parts";
import { bangkokDate } from "../../text/dates";
import { getDb } from "../../lib/db.server";
import { formatDate } from "../../text/format";
import { defineTexts, getRequestLang, type Lang, pick } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import { requireRound } from "../../auth/round-access.server";
import { postMeasuresForm, type MeasureActionResult } from "../../services/measure-actions.server";
import { isIsoDate, LIMITS, MEASURE_STATUSES, type MeasureFieldErrors, type MeasureFormValues } from "../../services/measure-form";
import { getMeasureFormPage, type MeasureView, type TargetChoiceGroup } from "../../services/measures.server";
import "../../styles/measures.css";
import type { Route } from "./+types/measure-edit";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const user = requireSignedInUser(context);
  const round = await requireRound(db, user, params.roundId);
  const url = new URL(request.url);
  const today = bangkokDate(new Date());
  const page = await getMeasureFormPage(db, user, round, { measure: url.searchParams.get("measure"), from: url.searchParams.get("from") }, today);
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

const say = defineTexts({
  newTitle: { th: "เพิ่มมาตรการ", en: "New measure" },
  editTitle: { th: "มาตรการที่", en: "Measure" },
  fromProposal: { th: "เริ่มจากข้อเสนอสำหรับ {label} แก้ไขได้ตามต้องการแล้วกดบันทึกเพื่อรับข้อเสนอ", en: "Starting from the proposal for {label}. Change anything, then save to accept it." },
  back: { th: "กลับไปรายการมาตรการ", en: "Back to the measures" },
  title: { th: "มาตรการ/แนวทาง", en: "Measure (มาตรการ/แนวทาง)" },
  steps: { th: "วิธีการดำเนินการ", en: "How it is carried out (steps)" },
  stepsHint: { th: "ขั้นตอนละ 1 ช่อง ตามลำดับ แต่ละขั้นตอนเขียนได้หลายบรรทัด", en: "One box per step, in order; a step may span several lines." },
  step: { th: "ขั้นตอนที่ {n}", en: "Step {n}" },
  addStep: { th: "+ เพิ่มขั้นตอน", en: "+ Add a step" },
  removeStep: { th: "ลบขั้นตอนที่ {n}", en: "Remove step {n}" },
  units: { th: "ผู้รับผิดชอบ", en: "Responsible units" },
  unitsHint: { th: "เลือกได้มากกว่า 1 ส่วนราชการ", en: "Choose one or more units." },
  retired: { th: "(เลิกใช้แล้ว)", en: "(retired)" },
  noUnits: { th: "หน่วยงานยังไม่มีส่วนราชการ เพิ่มได้ที่หน้า “จุดให้บริการ”", en: "The agency has no unit yet; add one on the counters page." },
  period: { th: "ระยะเวลาดำเนินการ", en: "Period" },
  periodHint: { th: "เขียนตามแผน เช่น ตลอดปี ๖๕ หรือ ม.ค.-มี.ค.๖๕", en: "As the plan writes it, e.g. “ตลอดปี ๖๕” (all year 2022)." },
  dueOn: { th: "วันครบกำหนด (ถ้ามี)", en: "Due date (optional)" },
  dueHint: { th: "ใช้ติดตามมาตรการที่เลยกำหนด", en: "Used to flag overdue measures." },
  dueBe: { th: "ตรงกับ {date}", en: "That is {date}" },
  followUp: { th: "การติดตามผล", en: "Follow-up" },
  targets: { th: "ตัวชี้วัด/ข้อที่มาตรการนี้ตอบ", en: "Indicators and items this measure answers" },
  targetsHint: { th: "เลือกตัวชี้วัด ข้อคำถาม IIT/EIT หรือรายการ OIT ที่มาตรการนี้แก้ไข", en: "Choose the indicators, IIT/EIT questions or OIT items the measure fixes." },
  chosen: { th: "เลือกแล้ว {n}", en: "{n} chosen" },
  status: { th: "สถานะ", en: "Status" },
  save: { th: "บันทึกมาตรการ", en: "Save the measure" },
  saveProposal: { th: "บันทึกและรับข้อเสนอ", en: "Save and accept" },
  saving: { th: "กำลังบันทึก…", en: "Saving…" },
  cancel: { th: "ยกเลิก", en: "Cancel" },
  notes: { th: "บันทึกความคืบหน้า", en: "Progress notes" },
  noNotes: { th: "ยังไม่มีบันทึกความคืบหน้า", en: "No progress note yet." },
  noteDate: { th: "วันที่", en: "Date" },
  noteText: { th: "ความคืบหน้า", en: "Progress" },
  addNote: { th: "เพิ่มบันทึกความคืบหน้า", en: "Add a progress note" },
  deleteNote: { th: "ลบบันทึก", en: "Delete note" },
  confirmDeleteNote: { th: "ลบบันทึกความคืบหน้านี้ใช่หรือไม่", en: "Delete this progress note?" },
  noted: { th: "เพิ่มบันทึกความคืบหน้าแล้ว", en: "The progress note was added." },
  by: { th: "โดย", en: "by" },
  lastChange: { th: "แก้ไขล่าสุดโดย {who}", en: "Last changed by {who}" },
  readOnly: { th: "บัญชีผู้ดูผลดูมาตรการได้อย่างเดียว", en: "Viewers can read only." },
  readOnlyNew: { th: "บัญชีผู้ดูผลเพิ่มมาตรการไม่ได้ การเพิ่มหรือแก้ไขทำได้โดยผู้จัดการหรือผู้ดูแลระบบ", en: "Viewers cannot add measures; managers and administrators do." },
});

type Failure = Extract<MeasureActionResult, { ok: false }>;

export default function MeasureEditPage({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, round, mode, measure, proposal, canEdit, noted } = loaderData;
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

function MeasureReadOnly({ measure, lang }: { measure: MeasureView; lang: Lang }) {
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

let stepKey = 0;

function MeasureForm({ loaderData, failure }: { loaderData: Route.ComponentProps["loaderData"]; failure: Failure | undefined }) {
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

function Notes({ loaderData, failure }: { loaderData: Route.ComponentProps["loaderData"]; failure: Failure | undefined }) {
  const { lang, measure, canEdit, today } = loaderData;
  const busy = useNavigation().state === "submitting";
  if (!measure) return null;
  const values = failure?.noteValues ?? { notedOn: today, text: "" };
  const errors = failure?.noteErrors ?? {};
  return (
    <section id="notes" className="card measure-notes" aria-labelledby="notes-title">
      <h2 id="notes-title">{say(lang, "notes")}</h2>
      {measure.notes.length === 0 ? (
        <p className="muted">{say(lang, "noNotes")}</p>
      ) : (
        <ol className="note-list">
          {measure.notes.map((note) => (
            <li key={note.id} data-note-id={note.id}>
              <div className="note-head">
                <strong>{formatDate(note.notedOn, lang)}</strong>
                {note.authorName && (
                  <span className="muted">
                    {say(lang, "by")} {note.authorName}
                  </span>
                )}
                {canEdit && (
                  <Form
                    method="post"
                    className="inline-form"
                    onSubmit={(event) => {
                      if (!window.confirm(say(lang, "confirmDeleteNote"))) event.preventDefault();
                    }}
                  >
                    <CsrfInput />
                    <input type="hidden" name="intent" value="delete-note" />
                    <input type="hidden" name="measureId" value={measure.id} />
                    <input type="hidden" name="noteId" value={note.id} />
                    <button className="link-button" type="submit">
                      {say(lang, "deleteNote")}
                    </button>
                  </Form>
                )}
              </div>
              <p className="preserve">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <Form method="post" className="note-form" key={`${measure.notes.length}-${failure ? "failed" : "ok"}`} noValidate>
          <h3>{say(lang, "addNote")}</h3>
          {failure && (
            <p className="alert" role="alert">
              {pick(lang, failure.message)}
            </p>
          )}
          <CsrfInput />
          <input type="hidden" name="intent" value="add-note" />
          <input type="hidden" name="measureId" value={measure.id} />
          <label className="measure-field">
            <span className="measure-label">{say(lang, "noteDate")}</span>
            <input type="date" name="notedOn" max={today} defaultValue={values.notedOn} aria-invalid={errors.notedOn ? true : undefined} />
            {errors.notedOn && <span className="field-error">{pick(lang, errors.notedOn)}</span>}
          </label>
          <label className="measure-field">
            <span className="measure-label">{say(lang, "noteText")}</span>
            <textarea name="text" rows={3} maxLength={LIMITS.note} defaultValue={values.text} aria-invalid={errors.text ? true : undefined} />
            {errors.text && <span className="field-error">{pick(lang, errors.text)}</span>}
          </label>
          <button className="button button-secondary" type="submit" disabled={busy}>
            {say(lang, "addNote")}
          </button>
        </Form>
      )}
    </section>
  );
}
