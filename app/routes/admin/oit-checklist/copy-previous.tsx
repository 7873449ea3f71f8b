import { Form } from "react-router";
import { CsrfInput } from "../../../components/csrf-input";
import type { OitChecklistPage } from "../../../services/oit-checklist/page.server";
import { formatCount } from "../../../text/format";
import type { Lang } from "../../../text/i18n";
import { say } from "./text";

/** Starting this round from the previous round's checklist, offered only while this round's is empty. */
export function CopyPrevious({ page }: { page: OitChecklistPage & { lang: Lang } }) {
  const { lang, copy } = page;
  if (!copy.previous) return null;
  const name = `${lang === "th" ? copy.previous.titleTh : copy.previous.titleEn} (${say(lang, "fiscalYear")} ${copy.previous.fiscalYear})`;
  return (
    <section className="card oit-copy" aria-labelledby="oit-copy-title">
      <h2 id="oit-copy-title">{say(lang, "copyTitle")}</h2>
      {!copy.empty ? (
        <p className="muted">{say(lang, "copyNotEmpty")}</p>
      ) : copy.previousItems === 0 ? (
        <p className="muted">{say(lang, "copyNoSource", { round: name })}</p>
      ) : (
        <Form
          method="post"
          onSubmit={(event) => {
            if (!window.confirm(say(lang, "copyConfirm"))) event.preventDefault();
          }}
        >
          <p>{say(lang, "copyLead", { round: name, n: formatCount(copy.previousItems, lang) })}</p>
          <CsrfInput />
          <input type="hidden" name="intent" value="copy-previous" />
          <button className="button button-secondary" type="submit">
            {say(lang, "copyButton")}
          </button>
        </Form>
      )}
    </section>
  );
}
