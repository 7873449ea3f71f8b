import { Form, Link } from "react-router";
import { CsrfInput } from "../../../components/csrf-input";
import type { Proposal } from "../../../services/measures/page.server";
import { formatScore } from "../../../text/format";
import { type Lang, pick } from "../../../text/i18n";
import { say } from "./text";

/** A weak area nobody has answered yet, with the framework's proposed measure: accept, edit first, or dismiss. */
export function ProposalCard({ proposal, lang, canEdit, base }: { proposal: Proposal; lang: Lang; canEdit: boolean; base: string }) {
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
export function ProposalButton({ intent, code, label, className }: { intent: "accept" | "dismiss" | "restore"; code: string; label: string; className: string }) {
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
