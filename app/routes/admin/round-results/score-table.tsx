/**
 * One table of scores (the instruments, or the indicators, of the round-results page): a row per part with
 * its score, level and number of answers. The caller says how each part is named and whether its answers
 * are counted (the OIT is a checklist: no answers).
 */
import type { ReactNode } from "react";
import { LevelBadge } from "../../../components/level-badge";
import type { Level } from "../../../scoring";
import { formatCount, formatScore } from "../../../text/format";
import type { Lang } from "../../../text/i18n";
import { say } from "./text";

export interface ScoreRow {
  code: string;
  label: ReactNode;
  score: number | null;
  level: Level | null;
  /** Null where the part has no answers to count. */
  answers: number | null;
}

export function ScoreTable(props: {
  lang: Lang;
  testId: "instruments" | "indicators";
  /** The data attribute each row carries its code in (tests and links find rows by it). */
  rowAttribute: "data-instrument" | "data-indicator";
  /** The first column's heading; blank for the instruments. */
  firstHeading: string;
  rows: ScoreRow[];
}) {
  const { lang, testId, rowAttribute, rows } = props;
  const cellPrefix = testId === "instruments" ? "instrument" : "indicator";
  return (
    <div className="table-scroll">
      <table className="scores" data-testid={testId}>
        <thead>
          <tr>
            <th>{props.firstHeading}</th>
            <th className="num">{say(lang, "score")}</th>
            <th>{say(lang, "level")}</th>
            <th className="num">{say(lang, "answers")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code} {...{ [rowAttribute]: row.code }}>
              <td>{row.label}</td>
              <td className="num" data-testid={`${cellPrefix}-${row.code}`}>
                {row.score === null ? <span className="not-assessed">{say(lang, "notAssessed")}</span> : formatScore(row.score)}
              </td>
              <td>
                <LevelBadge level={row.level} />
              </td>
              <td className="num">{row.answers === null ? "" : formatCount(row.answers, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
