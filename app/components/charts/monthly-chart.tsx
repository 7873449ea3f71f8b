/**
 * A score month by month over the round's fiscal year (October to September), as a line against the
 * pass mark (a second, dashed dataset). Points take their level's colour. A month without a shown score
 * (no answers, or hidden below k answers) has no point; the line bridges it with a dotted segment so
 * the trend stays readable without pretending the month was measured.
 */
import type { ChartConfiguration } from "chart.js";
import { useRef } from "react";
import { formatScore } from "../../text/format";
import { defineTexts, type Lang } from "../../text/i18n";
import { prefersReducedMotion } from "./chart-helpers";
import { useChart } from "./use-chart";

export interface MonthPoint {
  /** "ต.ค. 68" */
  label: string;
  score: number | null;
  color: string | null;
  level: string | null;
  /** Why there is no score: "ไม่มีผู้ตอบ", "ซ่อน …". */
  note?: string;
}

const say = defineTexts({
  passMark: { th: "เกณฑ์ผ่าน", en: "Pass mark" },
  level: { th: "ระดับ", en: "level" },
});

const LINE = "#1d4e89";
const PASS_COLOR = "#a61b1b";

export function MonthlyChart(props: { points: MonthPoint[]; passMark: number; seriesLabel: string; ariaLabel: string; lang: Lang }) {
  const { points, passMark, seriesLabel, ariaLabel, lang } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const passLabel = `${say(lang, "passMark")} ${formatScore(passMark)}`;
  const shown = points.flatMap((p) => (p.score === null ? [] : [p.score]));
  // The axis starts a little under the lowest score shown or the pass mark, so month-to-month moves are visible.
  const low = Math.max(0, Math.floor((Math.min(passMark, ...shown) - 10) / 10) * 10);

  const config: ChartConfiguration<"line", (number | null)[], string> = {
    type: "line",
    data: {
      labels: points.map((p) => p.label),
      datasets: [
        {
          label: seriesLabel,
          data: points.map((p) => p.score),
          borderColor: LINE,
          backgroundColor: LINE,
          borderWidth: 3,
          pointRadius: 6,
          pointHoverRadius: 8,
          pointBackgroundColor: points.map((p) => p.color ?? LINE),
          pointBorderColor: "#ffffff",
          pointBorderWidth: 2,
          spanGaps: true,
          segment: { borderDash: (ctx) => (ctx.p0.skip || ctx.p1.skip ? [3, 5] : undefined) },
        },
        {
          label: passLabel,
          data: points.map(() => passMark),
          borderColor: PASS_COLOR,
          backgroundColor: PASS_COLOR,
          borderWidth: 2,
          borderDash: [6, 4],
          pointRadius: 0,
          pointHoverRadius: 0,
        },
      ],
    },
    options: {
      responsive: true,
      ...(prefersReducedMotion() ? { animation: false as const } : {}),
      interaction: { mode: "index", intersect: false },
      scales: {
        y: { min: low, max: 100, ticks: { stepSize: 5 }, grid: { color: "#e4e8ec" } },
        // offset: the first and last months sit half a step in from the edges, not on them.
        x: { offset: true, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 8 }, grid: { display: false } },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxHeight: 3, boxWidth: 24 } },
        tooltip: {
          filter: (item) => item.datasetIndex === 0,
          callbacks: {
            label: (item) => {
              const point = points[item.dataIndex];
              if (!point || point.score === null) return point?.note ?? "–";
              return `${seriesLabel} ${formatScore(point.score)} · ${say(lang, "level")} ${point.level ?? "–"}`;
            },
          },
        },
      },
    },
  };

  useChart(canvas, config as unknown as ChartConfiguration, [JSON.stringify(points), passMark, seriesLabel, lang]);

  return (
    <div className="chart-box chart-box-line" data-testid="monthly-chart">
      <canvas ref={canvas} role="img" aria-label={ariaLabel} />
    </div>
  );
}
