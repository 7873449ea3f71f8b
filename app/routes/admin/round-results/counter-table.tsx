/**
 * The EIT by service counter × question: a row per question (its code links to its bars above, its short
 * title beside it), a column per counter, so that the question titles fit and a phone scrolls only the
 * counters sideways, the first column staying in view. Weak cells (under the pass mark) are shaded and
 * marked ▼ (not by colour alone); hidden cells show "–" with a footnote mark explained under the table.
 */
import type { CounterCellView, QuestionResultsView } from "../../../services/question-results.server";
import { formatCount, formatScore } from "../../../text/format";
import type { Lang } from "../../../text/i18n";
import { hiddenText } from "./questions";
import { say } from "./text";

export function CounterQuestionTable({ view, lang }: { view: QuestionResultsView; lang: Lang }) {
  const { counters, k, passMark } = view;
  const mark = formatScore(passMark);
  // The key explains the marks the table uses.
  const present = new Set([...counters.rows.flatMap((row) => row.cells.map((cell) => cell.status)), ...counters.columns.map((c) => c.status)]);
  return (
    <section className="qr-counters" aria-labelledby="qr-counters" data-testid="counter-question" data-status={counters.status}>
      <h3 id="qr-counters">{say(lang, "counterTable")}</h3>
      <p className="muted">{say(lang, "counterTableLead", { passMark: mark })}</p>
      {counters.status !== "shown" ? (
        <p className="qr-hidden" data-testid="counter-question-hidden">
          {hiddenText(counters.status, k, lang)}
        </p>
      ) : counters.columns.length === 0 ? (
        <p className="qr-hidden">{say(lang, "noCounters")}</p>
      ) : (
        <>
          {counters.columns.length > 2 && <p className="qr-scroll-hint small muted">{say(lang, "scrollHint")}</p>}
          <div className="table-scroll qr-table-scroll">
            <table className="scores qr-table" data-testid="counter-question-table">
              <thead>
                <tr>
                  <th scope="col">{say(lang, "question")}</th>
                  {counters.columns.map((c) => (
                    <th scope="col" className="num" key={String(c.counterId)} data-counter={String(c.counterId)} data-status={c.status}>
                      {c.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr className="qr-answers-row">
                  <th scope="row">{say(lang, "answerSetsRow")}</th>
                  {counters.columns.map((c) => (
                    <td className="num" key={String(c.counterId)} data-status={c.status}>
                      {c.status === "complement" ? (
                        <span className="qr-hidden-cell" title={say(lang, "hiddenComplementCell")}>
                          –<sup>2</sup>
                        </span>
                      ) : c.answers === null ? (
                        say(lang, "fewer", { k })
                      ) : c.answers === 0 ? (
                        say(lang, "none")
                      ) : (
                        formatCount(c.answers, lang)
                      )}
                    </td>
                  ))}
                </tr>
                {counters.rows.map((row) => (
                  <tr key={row.item} data-item={row.item}>
                    <th scope="row">
                      <a href={`#q-${row.item}`} className="qr-code-link">
                        {row.item}
                      </a>{" "}
                      <span className="qr-row-title">{row.title}</span>
                    </th>
                    {row.cells.map((cell, n) => (
                      <Cell key={String(counters.columns[n]!.counterId)} cell={cell} k={k} lang={lang} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="qr-key small muted" data-testid="counter-question-key">
            <li>{say(lang, "keyWeak", { passMark: mark })}</li>
            {present.has("small") && <li>{say(lang, "keyHiddenSmall", { k })}</li>}
            {present.has("complement") && <li>{say(lang, "keyHiddenComplement")}</li>}
            {present.has("empty") && <li>{say(lang, "keyEmpty")}</li>}
          </ul>
        </>
      )}
    </section>
  );
}

function Cell({ cell, k, lang }: { cell: CounterCellView; k: number; lang: Lang }) {
  if (cell.status === "shown") {
    const weak = cell.pass === false;
    return (
      <td className={`num${weak ? " qr-weak" : ""}`} data-status="shown" data-weak={weak ? "true" : "false"}>
        {weak && (
          <span className="qr-weak-mark" aria-label={say(lang, "belowMark")}>
            ▼{" "}
          </span>
        )}
        {formatScore(cell.score)}
      </td>
    );
  }
  if (cell.status === "empty") {
    return (
      <td className="num muted" data-status="empty">
        {say(lang, "none")}
      </td>
    );
  }
  const small = cell.status === "small";
  return (
    <td className="num qr-hidden-cell" data-status={cell.status} title={small ? say(lang, "hiddenSmallCell", { k }) : say(lang, "hiddenComplementCell")}>
      –<sup>{small ? "1" : "2"}</sup>
    </td>
  );
}
