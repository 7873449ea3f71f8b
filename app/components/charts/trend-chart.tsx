/**
 * A score across Buddhist Era fiscal years: the official result (solid line) next to what the agency's
 * own rounds measured (dashed line), points in the colour of their level, the levels as faint bands,
 * the pass mark as a thin dashed line in the legend, and every value written with two decimals. Only this folder imports
 * chart.js (ARCHITECTURE.md §2); the chart is drawn through useChart, which sets the Thai font.
 */
import type { ChartConfiguration, Plugin, ScriptableContext } from "chart.js";
import { useRef } from "react";
import { formatScore } from "../../text/format";
import { useChart } from "./use-chart";

export interface TrendChartLevel {
  code: string;
  min: number;
  color: string;
}

export interface TrendChartProps {
  /** Read by screen readers with `summary`; the visible title is the caller's heading. */
  title: string;
  summary: string;
  /** B.E. fiscal years, e.g. "2567". */
  labels: string[];
  official: (number | null)[];
  officialLevels: (string | null)[];
  measured: (number | null)[];
  measuredLevels: (string | null)[];
  /**
   * Per point, a colour instead of the level's: the total's ratings, each year by its own framework's
   * rule (AA–F up to 2565, ผ่าน … from 2566), whose labels `officialLevels`/`measuredLevels` then carry.
   */
  officialColors?: (string | null)[];
  measuredColors?: (string | null)[];
  /** Per point: the measured value is a partial total (drawn hollow, marked in the tooltip). */
  measuredPartial: boolean[];
  passMark: number;
  levels: TrendChartLevel[];
  text: { official: string; measured: string; partial: string; passMark: string; level: string; year: string };
  height: number;
  testId?: string;
}

const OFFICIAL_COLOR = "#1d4e89";
const MEASURED_COLOR = "#7a3e9d";
const PASS_COLOR = "#4a5560";

/** Faint level bands behind the lines, each with its level's letter at the right edge. */
function levelBandsPlugin(levels: TrendChartLevel[]): Plugin<"line"> {
  return {
    id: "prongsaiLevelBands",
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const y = scales.y!;
      const sorted = [...levels].sort((a, b) => a.min - b.min);
      ctx.save();
      sorted.forEach((level, index) => {
        const upper = sorted[index + 1]?.min ?? 100;
        const top = Math.max(chartArea.top, y.getPixelForValue(upper));
        const bottom = Math.min(chartArea.bottom, y.getPixelForValue(level.min));
        if (bottom <= top) return;
        ctx.globalAlpha = 0.08;
        ctx.fillStyle = level.color;
        ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
        ctx.globalAlpha = 0.9;
        ctx.font = `600 11px ${String(chart.options.font?.family ?? "sans-serif")}`;
        ctx.textAlign = "right";
        ctx.textBaseline = "top";
        if (bottom - top >= 13) ctx.fillText(level.code, chartArea.right - 3, top + 1);
      });
      ctx.restore();
    },
  };
}

/** Every point's value with two decimals: the official one above the point, the measured one below. */
const valueLabelsPlugin: Plugin<"line"> = {
  id: "prongsaiValueLabels",
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.font = `600 12px ${String(chart.options.font?.family ?? "sans-serif")}`;
    ctx.textAlign = "center";
    chart.data.datasets.forEach((dataset, datasetIndex) => {
      const meta = chart.getDatasetMeta(datasetIndex);
      if (meta.hidden) return;
      const below = datasetIndex === 1;
      if (datasetIndex > 1) return; // the pass mark
      ctx.textBaseline = below ? "top" : "bottom";
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#ffffff"; // a halo, so a label stays legible over a line
      ctx.fillStyle = below ? MEASURED_COLOR : OFFICIAL_COLOR;
      meta.data.forEach((element, index) => {
        const value = dataset.data[index];
        if (typeof value !== "number") return;
        const text = formatScore(value);
        const y = below ? element.y + 9 : element.y - 9;
        ctx.strokeText(text, element.x, y);
        ctx.fillText(text, element.x, y);
      });
    });
    ctx.restore();
  },
};

export function TrendChart(props: TrendChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const values = [...props.official, ...props.measured].filter((v): v is number => v !== null);
  // Start the axis a little under the lowest value (never above the pass mark), so differences of a
  // few points stay visible; 0–100 would flatten them.
  const lowest = values.length > 0 ? Math.min(...values, props.passMark) : 0;
  const yMin = Math.max(0, Math.floor((lowest - 6) / 10) * 10);
  const levelColor = (code: string | null) => props.levels.find((l) => l.code === code)?.color ?? "#888888";
  const officialColors = props.officialLevels.map((code, n) => props.officialColors?.[n] ?? levelColor(code));
  const measuredColors = props.measuredLevels.map((code, n) => props.measuredColors?.[n] ?? levelColor(code));

  const config: ChartConfiguration<"line"> = {
    type: "line",
    data: {
      labels: props.labels,
      datasets: [
        {
          label: props.text.official,
          data: props.official,
          borderColor: OFFICIAL_COLOR,
          backgroundColor: OFFICIAL_COLOR,
          borderWidth: 3,
          pointRadius: 6,
          pointHoverRadius: 8,
          pointBackgroundColor: officialColors,
          pointBorderColor: "#ffffff",
          pointBorderWidth: 2,
          spanGaps: true,
        },
        {
          label: props.text.measured,
          data: props.measured,
          borderColor: MEASURED_COLOR,
          backgroundColor: MEASURED_COLOR,
          borderWidth: 3,
          borderDash: [8, 5],
          pointStyle: "rectRot",
          pointRadius: 7,
          pointHoverRadius: 9,
          pointBackgroundColor: (ctx: ScriptableContext<"line">) => (props.measuredPartial[ctx.dataIndex] ? "#ffffff" : measuredColors[ctx.dataIndex]!),
          pointBorderColor: (ctx: ScriptableContext<"line">) => measuredColors[ctx.dataIndex] ?? MEASURED_COLOR,
          pointBorderWidth: 3,
          spanGaps: true,
        },
        {
          label: props.text.passMark,
          data: props.labels.map(() => props.passMark),
          borderColor: PASS_COLOR,
          backgroundColor: PASS_COLOR,
          borderWidth: 1.5,
          borderDash: [4, 4],
          pointRadius: 0,
          pointHitRadius: 0,
          pointHoverRadius: 0,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      layout: { padding: { top: 22, right: 8, left: 4, bottom: 4 } },
      interaction: { mode: "index", intersect: false },
      scales: {
        x: {
          title: { display: true, text: props.text.year },
          grid: { display: false },
          offset: true,
        },
        y: {
          min: yMin,
          max: 100,
          ticks: { stepSize: 10 },
        },
      },
      plugins: {
        legend: {
          position: "bottom",
          labels: { boxWidth: 28, boxHeight: 3, padding: 12 },
        },
        tooltip: {
          filter: (item) => item.datasetIndex < 2,
          callbacks: {
            title: (items) => `${props.text.year} ${items[0]?.label ?? ""}`,
            label: (item) => {
              const value = item.raw;
              if (typeof value !== "number") return "";
              const measured = item.datasetIndex === 1;
              const level = (measured ? props.measuredLevels : props.officialLevels)[item.dataIndex];
              const partial = measured && props.measuredPartial[item.dataIndex] ? ` ${props.text.partial}` : "";
              return `${item.dataset.label ?? ""}: ${formatScore(value)}${level ? ` (${props.text.level} ${level})` : ""}${partial}`;
            },
          },
        },
      },
    },
    plugins: [levelBandsPlugin(props.levels), valueLabelsPlugin],
  };

  useChart(canvas, config as ChartConfiguration, [JSON.stringify([props.labels, props.official, props.measured, props.measuredPartial, props.text])]);

  return (
    <div className="trend-chart" style={{ height: props.height }}>
      <canvas ref={canvas} role="img" aria-label={`${props.title}. ${props.summary}`} data-testid={props.testId}>
        {props.summary}
      </canvas>
    </div>
  );
}
