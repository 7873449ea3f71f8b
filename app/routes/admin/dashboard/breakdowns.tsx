import { MonthlyChart } from "../../../components/charts/monthly-chart";
import { ScoreBarsChart } from "../../../components/charts/score-bars-chart";
import { LevelBadge } from "../../../components/level-badge";
import type { BreakdownRowView, RoundDashboard } from "../../../services/dashboard.server";
import { formatCount, formatScore } from "../../../text/format";
import type { Lang } from "../../../text/i18n";
import { say } from "./text";

export function CounterSection({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  const { counters, k, passMark } = dashboard;
  const shown = counters.filter((c) => c.eit?.score != null);
  const lowest = shown.length > 1 ? shown.reduce((a, b) => ((b.eit?.score ?? 0) < (a.eit?.score ?? 0) ? b : a)) : undefined;
  const name = (c: (typeof counters)[number]) =>
    `${c.name[lang]}${c.counterStatus === "paused" ? ` ${say(lang, "paused")}` : c.counterStatus === "retired" ? ` ${say(lang, "retired")}` : ""}`;
  return (
    <section className="card" aria-labelledby="dash-counters">
      <h2 id="dash-counters">{say(lang, "counters")}</h2>
      <p className="muted">{say(lang, "countersLead")}</p>
      {counters.length > 0 && (
        <ScoreBarsChart
          bars={counters.map((c) => ({
            label: name(c),
            score: c.eit?.score ?? null,
            color: c.eit?.level?.color ?? null,
            level: c.eit?.level?.code ?? null,
            note: chartNote(c, k, lang),
          }))}
          passMark={passMark}
          passMarkLabel={`${say(lang, "passMark")} ${formatScore(passMark)}`}
          levelWord={say(lang, "level")}
          ariaLabel={`${say(lang, "countersAria")} ${formatScore(passMark)}`}
          testId="counter-chart"
        />
      )}
      <BreakdownTable
        testId="counter-table"
        className="dash-breakdown-counters"
        firstHeader={say(lang, "counter")}
        rows={counters.map((c) => ({ key: String(c.counterId), label: name(c), row: c, flag: c === lowest ? say(lang, "lowest") : undefined }))}
        dashboard={dashboard}
        lang={lang}
      />
      <p className="muted small">{say(lang, "hiddenRule", { k })}</p>
    </section>
  );
}

export function MonthSection({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  const { months, k, passMark } = dashboard;
  return (
    <section className="card" aria-labelledby="dash-months">
      <h2 id="dash-months">{say(lang, "months")}</h2>
      <p className="muted">{say(lang, "monthsLead")}</p>
      <MonthlyChart
        points={months.map((m) => ({
          label: m.label[lang],
          score: m.eit?.score ?? null,
          color: m.eit?.level?.color ?? null,
          level: m.eit?.level?.code ?? null,
          note: chartNote(m, k, lang),
        }))}
        passMark={passMark}
        seriesLabel="EIT"
        ariaLabel={`${say(lang, "monthsAria")} ${formatScore(passMark)}`}
        lang={lang}
      />
      <BreakdownTable
        testId="month-table"
        className="dash-breakdown-months"
        firstHeader={say(lang, "month")}
        rows={months.map((m) => ({ key: m.month, label: m.label[lang], row: m }))}
        dashboard={dashboard}
        lang={lang}
      />
      <p className="muted small">{say(lang, "hiddenRule", { k })}</p>
    </section>
  );
}

function hiddenNote(row: BreakdownRowView, k: number, lang: Lang): string {
  if (row.status === "small") return say(lang, "hiddenSmall", { k });
  if (row.status === "complement") return say(lang, "hiddenComplement");
  if (row.status === "empty") return say(lang, "empty");
  return say(lang, "notAssessed");
}

/** The same, short enough for the space of a bar on a phone. */
function chartNote(row: BreakdownRowView, k: number, lang: Lang): string {
  if (row.status === "small") return say(lang, "chartSmall", { k });
  if (row.status === "complement") return say(lang, "chartComplement");
  return hiddenNote(row, k, lang);
}

interface BreakdownTableRow {
  key: string;
  label: string;
  row: BreakdownRowView;
  flag?: string;
}

/** EIT and its indicators per counter or per month; a hidden row says why instead of showing figures. */
function BreakdownTable(props: {
  testId: string;
  className: string;
  firstHeader: string;
  rows: BreakdownTableRow[];
  dashboard: RoundDashboard;
  lang: Lang;
}) {
  const { testId, className, firstHeader, rows, dashboard, lang } = props;
  const codes = dashboard.eitIndicators.map((i) => i.code);
  return (
    <div className="table-scroll">
      <table className={`scores dash-breakdown ${className}`} data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{firstHeader}</th>
            <th scope="col" className="num">
              {say(lang, "answers")}
            </th>
            <th scope="col" className="num">
              EIT
            </th>
            {dashboard.eitIndicators.map((i) => (
              <th scope="col" className="num" key={i.code}>
                {i.code}. {i.title[lang]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, label, row, flag }) => (
            <tr key={key} data-key={key} data-status={row.status}>
              <th scope="row">
                {label}
                {flag && <span className="dash-flag">{flag}</span>}
              </th>
              <td className="num">{row.answers === null ? say(lang, "fewer", { k: dashboard.k }) : formatCount(row.answers, lang)}</td>
              {row.status === "shown" && row.eit ? (
                <>
                  <td className="num" data-testid="eit">
                    <span className={row.eit.pass === false ? "below" : ""}>{formatScore(row.eit.score)}</span> <LevelBadge level={row.eit.level} />
                  </td>
                  {codes.map((code) => {
                    const s = row.indicators[code];
                    return (
                      <td className="num" key={code} data-indicator={code}>
                        <span className={s?.pass === false ? "below" : ""}>{formatScore(s?.score)}</span>
                      </td>
                    );
                  })}
                </>
              ) : (
                <td colSpan={1 + codes.length} className="dash-hidden">
                  {hiddenNote(row, dashboard.k, lang)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
