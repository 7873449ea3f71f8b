/**
 * A small form behind a button that opens it (<details>): rename, retire, enrol… on the admin lists. It
 * posts the row's id under `idName`, the `intent` its action switches on, and the CSRF token.
 */
import type { ReactNode } from "react";
import { Form } from "react-router";
import { CsrfInput } from "./csrf-input";

export function DisclosedForm(props: {
  summary: string;
  idName: string;
  idValue: number;
  intent: string;
  submitLabel: string;
  /** A red button, for what cannot be undone. */
  danger?: boolean;
  children?: ReactNode;
}) {
  return (
    <details className="counter-more">
      <summary className="small-button">{props.summary}</summary>
      <Form method="post" className="counter-form">
        <CsrfInput />
        <input type="hidden" name={props.idName} value={props.idValue} />
        {props.children}
        <button className={props.danger ? "small-button counter-danger" : "small-button"} type="submit" name="intent" value={props.intent}>
          {props.submitLabel}
        </button>
      </Form>
    </details>
  );
}
