import { Form, useNavigation } from "react-router";
import { CsrfInput } from "../../../components/csrf-input";
import type { OitActionResult } from "../../../services/oit-checklist/commands.server";
import type { ComplaintLinks, OitItemState } from "../../../services/oit-checklist/page.server";
import { type Lang, pick } from "../../../text/i18n";
import { formatChangedAt, say } from "./text";

/** A refused save: its message, the field errors and the values sent, shown again in the item's form. */
export type Failure = Extract<OitActionResult, { ok: false }>;

/**
 * O25/O26-like items ask for what Prongsai itself produces (the analysis of the ITA result and its
 * measures; the report on the measures): links to them, to publish on the agency's website, whose page
 * address is then the evidence.
 */
function ProducedHere({ item, roundId, lang, links }: { item: OitItemState; roundId: number; lang: Lang; links: ComplaintLinks }) {
  const base = `/admin/rounds/${roundId}`;
  if (item.producedHere === "complaint-guideline" || item.producedHere === "complaint-channel" || item.producedHere === "complaint-statistics") {
    const url = item.producedHere === "complaint-guideline" ? links.guideline : item.producedHere === "complaint-channel" ? links.channel : links.statistics;
    const text =
      item.producedHere === "complaint-guideline"
        ? say(lang, "producedComplaintGuideline")
        : item.producedHere === "complaint-channel"
          ? say(lang, "producedComplaintChannel")
          : say(lang, "producedComplaintStatistics", { year: links.fiscalYear });
    return (
      <div className="note oit-produced" data-testid={`produced-${item.code}`}>
        <p>{text}</p>
        <p className="link-url">{url}</p>
        <p>
          <a href={url}>{say(lang, "openPage")}</a>
          {item.producedHere === "complaint-statistics" && (
            <>
              {" "}
              · <a href={links.statisticsCsv}>{say(lang, "downloadCsv")}</a>
            </>
          )}
        </p>
      </div>
    );
  }
  const isReport = item.producedHere === "report";
  const published = isReport ? links.publicPage.report : links.publicPage.measures;
  return (
    <div className="note oit-produced" data-testid={`produced-${item.code}`}>
      <p>{say(lang, isReport ? "producedReport" : "producedMeasures")}</p>
      <p>
        {item.producedHere === "report" ? (
          <>
            <a href={`${base}/report`}>{say(lang, "openReport")}</a> · <a href={`${base}/report.pdf`}>{say(lang, "downloadPdf")}</a>
          </>
        ) : (
          <>
            <a href={`${base}/measures`}>{say(lang, "openMeasures")}</a> · <a href={`${base}/report`}>{say(lang, "openReport")}</a> ·{" "}
            <a href={`${base}/report.pdf`}>{say(lang, "downloadPdf")}</a>
          </>
        )}
      </p>
      <p data-testid={`public-page-${item.code}`} data-published={published ? "yes" : "no"}>
        {published ? say(lang, "publicPagePublished", { what: say(lang, isReport ? "publicPageReport" : "publicPageMeasures") }) : say(lang, "publicPageNotYet")}
      </p>
      <p className="link-url">{links.publicPage.url}</p>
      {published ? (
        <p>
          <a href={links.publicPage.url}>{say(lang, "openPage")}</a>
        </p>
      ) : (
        <p>{links.publicPage.canPublish ? <a href="/admin/publication">{say(lang, "publishIt")}</a> : say(lang, "askAdminToPublish")}</p>
      )}
    </div>
  );
}

function ItemHead({ item, roundId, lang, links }: { item: OitItemState; roundId: number; lang: Lang; links: ComplaintLinks }) {
  return (
    <>
      <div className="oit-item-head">
        <span className="oit-code">{item.code}</span>
        <h3>{lang === "th" ? item.titleTh : item.titleEn}</h3>
        {!item.confirmed && (
          <span className="oit-unconfirmed" title={say(lang, "unconfirmedHint")} data-testid={`unconfirmed-${item.code}`}>
            {say(lang, "unconfirmed")}
          </span>
        )}
        <span className={`oit-status oit-status-${item.status}`} data-testid={`status-${item.code}`}>
          {say(lang, item.status)}
        </span>
      </div>
      <p className="oit-requirement">
        <span className="muted">{say(lang, "mustShow")}:</span> {lang === "th" ? item.requirementTh : item.requirementEn}
      </p>
      {item.producedHere && <ProducedHere item={item} roundId={roundId} lang={lang} links={links} />}
    </>
  );
}

function ChangedBy({ item, lang }: { item: OitItemState; lang: Lang }) {
  return (
    <p className="muted small oit-changed" data-testid={`changed-${item.code}`}>
      {item.updatedAt
        ? say(lang, "changedBy", { who: item.updatedBy ?? say(lang, "someone"), when: formatChangedAt(item.updatedAt, lang) })
        : say(lang, "neverChanged")}
    </p>
  );
}

function EvidenceLinks({ urls, lang }: { urls: string[]; lang: Lang }) {
  if (urls.length === 0) return <p className="muted small">{say(lang, "noEvidence")}</p>;
  return (
    <ul className="oit-links">
      {urls.map((url) => (
        <li key={url}>
          <a href={url} target="_blank" rel="noopener noreferrer nofollow">
            {url}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** What a viewer sees of an item: the same facts, nothing to change. */
export function ItemView({ item, roundId, lang, links }: { item: OitItemState; roundId: number; lang: Lang; links: ComplaintLinks }) {
  return (
    <article className={`card oit-item oit-item-${item.status}`} id={`item-${item.code}`} data-code={item.code}>
      <ItemHead item={item} roundId={roundId} lang={lang} links={links} />
      <h4 className="oit-label">{say(lang, "evidence")}</h4>
      <EvidenceLinks urls={item.evidenceUrls} lang={lang} />
      {item.note && (
        <>
          <h4 className="oit-label">{say(lang, "note")}</h4>
          <p className="oit-note" data-testid={`note-${item.code}`}>
            {item.note}
          </p>
        </>
      )}
      <ChangedBy item={item} lang={lang} />
    </article>
  );
}

/** One item's own form: saving it writes this item only. */
export function ItemForm({
  item,
  roundId,
  lang,
  maxUrls,
  failure,
  links,
}: {
  item: OitItemState;
  roundId: number;
  lang: Lang;
  maxUrls: number;
  failure: Failure | undefined;
  links: ComplaintLinks;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("itemCode") === item.code;
  const values = failure?.values ?? { status: item.status, evidenceUrls: item.evidenceUrls.join("\n"), note: item.note };
  const errors = failure?.errors ?? {};
  const id = (name: string) => `${item.code}-${name}`;
  const error = (name: string) =>
    errors[name] ? (
      <span className="field-error" id={`${id(name)}-error`}>
        {pick(lang, errors[name])}
      </span>
    ) : null;
  const invalid = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${id(name)}-error` } : {});
  return (
    <Form method="post" preventScrollReset className={`card oit-item oit-item-${item.status}`} id={`item-${item.code}`} data-code={item.code} noValidate>
      <ItemHead item={item} roundId={roundId} lang={lang} links={links} />
      {failure && (
        <p className="alert" role="alert">
          {pick(lang, failure.message)}
        </p>
      )}
      <CsrfInput />
      <input type="hidden" name="intent" value="save-item" />
      <input type="hidden" name="itemCode" value={item.code} />
      <fieldset className="oit-choice" {...invalid("status")}>
        <legend>{say(lang, "result")}</legend>
        {(["pass", "fail", "unchecked"] as const).map((status) => (
          <label key={status} className={`oit-choice-${status}`}>
            <input type="radio" name="status" value={status} defaultChecked={values.status === status} />
            <span>{say(lang, status)}</span>
          </label>
        ))}
        {error("status")}
      </fieldset>
      <label className="oit-field">
        <span className="oit-label">{say(lang, "evidence")}</span>
        <span className="muted small" id={id("evidence-hint")}>
          {say(lang, "evidenceHint", { max: maxUrls })}
        </span>
        <textarea
          id={id("evidenceUrls")}
          name="evidenceUrls"
          rows={Math.min(maxUrls, Math.max(2, item.evidenceUrls.length + 1))}
          inputMode="url"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          placeholder="https://"
          defaultValue={values.evidenceUrls}
          {...invalid("evidenceUrls")}
        />
        {error("evidenceUrls")}
      </label>
      {item.evidenceUrls.length > 0 && <EvidenceLinks urls={item.evidenceUrls} lang={lang} />}
      <label className="oit-field">
        <span className="oit-label">{say(lang, "note")}</span>
        <textarea id={id("note")} name="note" rows={2} defaultValue={values.note} {...invalid("note")} />
        {error("note")}
      </label>
      <div className="oit-item-foot">
        <ChangedBy item={item} lang={lang} />
        <button className="button" type="submit" disabled={busy}>
          {busy ? say(lang, "saving") : say(lang, "save", { code: item.code })}
        </button>
      </div>
    </Form>
  );
}
