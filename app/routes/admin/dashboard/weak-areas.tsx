import { Link } from "react-router";
import { LevelBadge } from "../../../components/level-badge";
import type { RoundDashboard, WeakAreaView } from "../../../services/dashboard.server";
import { formatCount, formatScore } from "../../../text/format";
import type { Lang } from "../../../text/i18n";
import { say } from "./text";

/** The weak areas, grouped by what fixes them, each group weakest first. */
export function WeakAreas({ dashboard, lang }: { dashboard: RoundDashboard; lang: Lang }) {
  return (
    <section className="card" aria-labelledby="dash-weak">
      <h2 id="dash-weak">{say(lang, "weakAreas")}</h2>
      <p className="muted">{say(lang, "weakLead")}</p>
      {dashboard.weakAreas.length === 0 ? (
        <p>{say(lang, "noWeakAreas")}</p>
      ) : (
        <div data-testid="weak-areas">
          {WEAK_AREA_GROUPS.map((group) => {
            const areas = dashboard.weakAreas.filter((area) => group.kinds.includes(area.kind));
            if (areas.length === 0) return null;
            return (
              <div key={group.title} className="dash-weak-group" data-group={group.title}>
                <h3>
                  {say(lang, group.title)} ({formatCount(areas.length, lang)})
                </h3>
                {group.title === "weakChecklist" && (
                  <p>
                    <Link to={`/admin/rounds/${dashboard.round.id}/oit`}>{say(lang, "weakChecklistLink")}</Link>
                  </p>
                )}
                <ol className="dash-weak">
                  {areas.map((area) => (
                    <WeakAreaItem key={`${area.kind}-${area.code}`} area={area} lang={lang} />
                  ))}
                </ol>
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}

/**
 * Weak areas by what fixes them: the indicators first (what the ITA report names), then the questions
 * people answered, then the OIT items the agency has not published. Each group weakest first. In one
 * list, every failing OIT item (scored 0) came before the first indicator or question.
 */
const WEAK_AREA_GROUPS: { title: "weakIndicators" | "weakQuestions" | "weakChecklist"; kinds: WeakAreaView["kind"][] }[] = [
  { title: "weakIndicators", kinds: ["indicator"] },
  { title: "weakQuestions", kinds: ["item", "field"] },
  { title: "weakChecklist", kinds: ["checklist-item"] },
];

function WeakAreaItem({ area, lang }: { area: WeakAreaView; lang: Lang }) {
  const what =
    area.kind === "indicator"
      ? `${say(lang, "indicator")} ${area.code}`
      : area.kind === "field"
        ? `${say(lang, "subItem")} ${area.code} ${say(lang, "ofItem")} ${area.parent ?? ""}`
        : area.kind === "item"
          ? `${say(lang, "item")} ${area.code}`
          : `OIT ${area.code}`;
  const context = area.kind === "indicator" ? "" : ` · ${say(lang, "indicator")} ${area.indicator} ${area.indicatorTitle[lang]}`;
  return (
    <li data-code={area.code} data-kind={area.kind} className={area.kind === "indicator" ? "dash-weak-indicator" : ""}>
      <div className="dash-weak-head">
        <span className="dash-weak-score">
          {formatScore(area.score)} <LevelBadge level={area.level} />
        </span>
        <span>
          <span className="dash-weak-what">
            {what}
            {context}
          </span>
          <strong className="dash-weak-title">{area.title[lang]}</strong>
        </span>
      </div>
      {area.question && (
        <p className="dash-weak-question">
          <span className="muted">{say(lang, "question")}:</span> “{area.question[lang]}”
        </p>
      )}
      <p className="dash-weak-low">
        <span className="muted">{say(lang, "lowMeans")}:</span> {area.low[lang]}
      </p>
    </li>
  );
}
