import { Link } from "react-router";
import { LevelBadge } from "../../../components/level-badge";
import { RatingBadge } from "../../../components/rating-badge";
import type { RoundDashboard, SampleView } from "../../../services/dashboard.server";
import { formatCount, formatScore } from "../../../text/format";
import type { Lang } from "../../../text/i18n";
import { say } from "./text";

export function Summary({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  const { total, passMark } = dashboard;
  return (
    <section className="dash-summary" aria-label={total.full ? say(lang, "total") : say(lang, "partial")}>
      <div className="card dash-total">
        <div className="dash-total-label">{total.full ? say(lang, "total") : say(lang, "partial")}</div>
        <div className="dash-total-score">
          <span className="big" data-testid="total-score">
            {formatScore(total.score)}
          </span>
        </div>
        <div className="dash-rating">
          <RatingBadge rating={total.rating} lang={lang} />
        </div>
        <div className={total.pass ? "dash-pass" : "dash-fail"}>
          {total.pass === null ? say(lang, "notAssessed") : total.pass ? `✓ ${say(lang, "reached")}` : say(lang, "notReached")} {formatScore(passMark)}
        </div>
        {!total.full && (
          <p className="note">
            {say(lang, "oitPending")}{" "}
            <Link to={`/admin/rounds/${dashboard.round.id}/oit`} data-testid="oit-progress">
              {say(lang, "oitProgress", { checked: formatCount(dashboard.oitProgress.checked, lang), total: formatCount(dashboard.oitProgress.total, lang) })}
            </Link>
          </p>
        )}
      </div>
      <div className="dash-instruments">
        {dashboard.instruments.map((instrument) => (
          <div className="card dash-instrument" key={instrument.code} data-testid={`instrument-${instrument.code}`}>
            <div className="dash-instrument-name">
              <strong>{instrument.abbreviation}</strong> <span className="muted">({say(lang, "weight")} {Math.round(instrument.weight * 100)}%)</span>
            </div>
            <div className="muted dash-instrument-title">{instrument.title[lang]}</div>
            {instrument.score === null ? (
              <div className="not-assessed">{say(lang, "notAssessed")}</div>
            ) : (
              <div className="dash-instrument-score">
                <span className={instrument.pass ? "" : "below"}>{formatScore(instrument.score)}</span> <LevelBadge level={instrument.level} />
              </div>
            )}
            {instrument.kind === "checklist" && <OitProgressLine dashboard={dashboard} lang={lang} />}
          </div>
        ))}
      </div>
    </section>
  );
}

/** The checking progress of the OIT checklist (checked / all items), linked to the checklist page. */
function OitProgressLine({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  const { checked, total } = dashboard.oitProgress;
  const share = total > 0 ? checked / total : 0;
  return (
    <div className="dash-oit-progress" data-testid="instrument-oit-progress">
      <div className="dash-meter" aria-hidden="true">
        <span className={checked === total ? "done" : ""} style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <Link to={`/admin/rounds/${dashboard.round.id}/oit`}>
        {say(lang, "oitProgress", { checked: formatCount(checked, lang), total: formatCount(total, lang) })}
      </Link>
    </div>
  );
}

export function Samples({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  const { samples, round } = dashboard;
  const iitRule = say(lang, "iitRule", { p: samples.iitRule.percent, m: samples.iitRule.minimum });
  return (
    <section className="card" aria-labelledby="dash-sample">
      <h2 id="dash-sample">{say(lang, "sample")}</h2>
      <div className="dash-samples">
        <SampleRow
          testId="sample-iit"
          label="IIT"
          detail={`${say(lang, "staff")} ${formatCount(round.staffHeadCount, lang)} ${say(lang, "people")} · ${iitRule} · ${say(lang, "iitGroups", { k: dashboard.k })}`}
          sample={samples.iit}
          lang={lang}
        />
        <SampleRow
          testId="sample-eit"
          label="EIT"
          detail={[samples.eitGroup?.[lang], say(lang, "eitGroups", { k: dashboard.k })].filter(Boolean).join(" · ")}
          sample={samples.eit}
          lang={lang}
        />
      </div>
    </section>
  );
}

function SampleRow(props: { testId: string; label: string; detail: string; sample: SampleView; lang: Lang }) {
  const { testId, label, detail, sample, lang } = props;
  const share = sample.minimum > 0 ? Math.min(1, sample.answers / sample.minimum) : 1;
  return (
    <div className="dash-sample" data-testid={testId}>
      <div className="dash-sample-head">
        <strong>{label}</strong>
        <span>
          <span className="dash-sample-count">{formatCount(sample.answers, lang)}</span> / {say(lang, "minimum")} {formatCount(sample.minimum, lang)}
        </span>
      </div>
      <div className="dash-meter" aria-hidden="true">
        <span className={sample.remaining === 0 ? "done" : ""} style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <div className="muted">{detail}</div>
      <div className={sample.remaining === 0 ? "dash-pass" : "dash-fail"} data-testid={`${testId}-remaining`}>
        {sample.remaining === 0 ? `✓ ${say(lang, "enough")}` : `${say(lang, "more")} ${formatCount(sample.remaining, lang)} ${say(lang, "moreUnit")}`}
      </div>
    </div>
  );
}
