import { MonthlyChart } from "../../../components/charts/monthly-chart";
import { ScoreBarsChart } from "../../../components/charts/score-bars-chart";
import { LevelBadge } from "../../../components/level-badge";
import type { BreakdownRowView, RoundDashboard } from "../../../services/dashboard.server";
import { formatCount, formatScore } from "../../../text/format";
import type { Lang } from "../../../text/i18n";
import { fill, TEXT, type TextKey } from "./text";

export function CounterSection({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  const tx = (key: TextKey) => TEXT[key][lang];
  const { counters, k, passMark } = dashboard;
  const shown = counters.filter((c) => c.eit?.score != null);
  const lowest = shown.length > 1 ? shown.reduce((a, b) => ((b.eit?.score ?? 0) < (a.eit?.score ?? 0) ? b : a)) : undefined;
  const name = (c: (typeof counters)[number]) =>
    `${c.name[lang]}${c.counterStatus === "paused" ? ` ${tx("paused")}` : c.counterStatus === "retired" ? ` ${tx("retired")}` : ""}`;
  return (
    <section className="card" aria-labelledby="dash-counters">
      <h2 id="dash-counters">{tx("counters")}</h2>
      <p className="muted">{tx("countersLead")}</p>
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
          passMarkLabel={`${tx("passMark")} ${formatScore(passMark)}`}
          levelWord={tx("level")}
          ariaLabel={`${tx("countersAria")} ${formatScore(passMark)}`}
          testId="counter-chart"
        />
      )}
      <BreakdownTable
        testId="counter-table"
        className="dash-breakdown-counters"
        firstHeader={tx("counter")}
        rows={counters.map((c) => ({ key: String(c.counterId), label: name(c), row: c, flag: c === lowest ? tx("lowest") : undefined }))}
        dashboard={dashboard}
        lang={lang}
      />
      <p className="muted small">{fill(tx("hiddenRule"), { k })}</p>
    </section>
  );
}

export function MonthSection({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  const tx = (key: TextKey) => TEXT[key][lang];
  const { months, k, passMark } = dashboard;
  return (
    <section className="card" aria-labelledby="dash-months">
      <h2 id="dash-months">{tx("months")}</h2>
      <p className="muted">{tx("monthsLead")}</p>
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
        ariaLabel={`${tx("monthsAria")} ${formatScore(passMark)}`}
        lang={lang}
      />
      <BreakdownTable
        testId="month-table"
        className="dash-breakdown-months"
        firstHeader={tx("month")}
        rows={months.map((m) => ({ key: m.month, label: m.label[lang], row: m }))}
        dashboard={dashboard}
        lang={lang}
      />
      <p className="muted small">{fill(tx("hiddenRule"), { k })}</p>
    </section>
  );
}

function hiddenNote(row: BreakdownRowView, k: number, lang: Lang): string {
  if (row.status === "small") return fill(TEXT.hiddenSmall[lang], { k });
  if (row.status === "complement") return TEXT.hiddenComplement[lang];
  if (row.status === "empty") return TEXT.empty[lang];
  return TEXT.notAssessed[lang];
}

/** The same, short enough for the space of a bar on a phone. */
function chartNote(row: BreakdownRowView, k: number, lang: Lang): string {
  if (row.status === "small") return fill(TEXT.chartSmall[lang], { k });
  if (row.status === "complement") return TEXT.chartComplement[lang];
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
  const tx = (key: TextKey) => TEXT[key][lang];
  const codes = dashboard.eitIndicators.map((i) => i.code);
  return (
    <div className="table-scroll">
      <table className={`scores dash-breakdown ${className}`} data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{firstHeader}</th>
            <th scope="col" className="num">
              {tx("answers")}
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
              <td className="num">{row.answers === null ? fill(tx("fewer"), { k: dashboard.k }) : formatCount(row.answers, lang)}</td>
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
