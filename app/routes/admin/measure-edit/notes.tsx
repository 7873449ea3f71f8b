import { Form, useNavigation } from "react-router";
import { CsrfInput } from "../../../components/csrf-input";
import { LIMITS } from "../../../services/measures/form";
import { formatDate } from "../../../text/format";
import { pick } from "../../../text/i18n";
import type { Failure } from "./form";
import { say } from "./text";
import type { Route } from "./+types/route";

/** The measure's dated progress notes; managers add and delete them. */
export function Notes({ loaderData, failure }: { loaderData: Route.ComponentProps["loaderData"]; failure: Failure | undefined }) {
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
