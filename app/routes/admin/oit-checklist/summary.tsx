import { LevelBadge } from "../../../components/level-badge";
import type { OitChecklistPage } from "../../../services/oit-checklist/page.server";
import { formatCount, formatScore } from "../../../text/format";
import { type Lang, pick } from "../../../text/i18n";
import { say } from "./text";

function Meter({ checked, total }: { checked: number; total: number }) {
  const share = total > 0 ? checked / total : 0;
  return (
    <div className="dash-meter" aria-hidden="true">
      <span className={checked === total ? "done" : ""} style={{ width: `${(share * 100).toFixed(1)}%` }} />
    </div>
  );
}

/** The OIT score, indicators 9 and 10 and every sub-indicator, with how much is checked. */
export function Summary({ page }: { page: OitChecklistPage & { lang: Lang } }) {
  const { lang, oit } = page;
  return (
    <section className="oit-summary" aria-label={say(lang, "oit")}>
      <div className="card oit-total">
        <div className="oit-total-label">{say(lang, "oit")}</div>
        <div className="oit-total-score">
          <span className="big" data-testid="oit-score">
            {formatScore(oit.score)}
          </span>
          <LevelBadge level={oit.level} />
        </div>
        <Meter checked={oit.checked} total={oit.total} />
        <div data-testid="oit-progress">{say(lang, "progress", { checked: formatCount(oit.checked, lang), total: formatCount(oit.total, lang), passed: formatCount(oit.passed, lang) })}</div>
        {oit.score === null && <p className="muted small">{say(lang, "notComplete")}</p>}
      </div>
      {page.indicators.map((indicator) => (
        <div className="card oit-indicator" key={indicator.code} data-testid={`indicator-${indicator.code}`}>
          <div>
            <strong>
              {say(lang, "indicator")} {indicator.code}
            </strong>{" "}
            <span className="muted">{pick(lang, indicator.title)}</span>
          </div>
          <div className="oit-indicator-score">
            <span data-testid={`indicator-score-${indicator.code}`} className={indicator.pass === false ? "fail" : ""}>
              {formatScore(indicator.score)}
            </span>{" "}
            <LevelBadge level={indicator.level} />
          </div>
          <Meter checked={indicator.checked} total={indicator.total} />
          <div className="muted small">
            {say(lang, "progress", { checked: formatCount(indicator.checked, lang), total: formatCount(indicator.total, lang), passed: formatCount(indicator.passed, lang) })}
          </div>
        </div>
      ))}
      <div className="card oit-subtable">
        <div className="table-scroll">
          <table className="scores compact" data-testid="sub-indicator-table">
            <thead>
              <tr>
                <th scope="col">{say(lang, "subIndicator")}</th>
                <th scope="col" className="num">
                  {say(lang, "checked")}
                </th>
                <th scope="col" className="num">
                  {say(lang, "passedCol")}
                </th>
                <th scope="col" className="num">
                  {say(lang, "score")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.subIndicators.map((sub) => (
                <tr key={sub.code}>
                  <td>
                    <a href={`#sub-${sub.code}`}>{sub.code}</a> {pick(lang, sub.title)}
                  </td>
                  <td className="num">
                    {formatCount(sub.checked, lang)}/{formatCount(sub.total, lang)}
                  </td>
                  <td className="num">{formatCount(sub.passed, lang)}</td>
                  <td className="num">{formatScore(sub.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
