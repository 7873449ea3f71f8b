/**
 * Horizontal bars of 0–100 scores against the pass mark: one bar per row (an indicator, a counter),
 * coloured by level as the level badges are, the score with two decimals at the end of each bar, and
 * the pass mark drawn as a dashed line by a small inline plugin (no annotation plugin needed). A row
 * without a score (not assessed, hidden) has no bar, only its note, never a bar of 0.
 */
import type { ChartConfiguration, Plugin } from "chart.js";
import { useRef } from "react";
import { formatScore } from "../../text/format";
import { canvasFont, isNarrowScreen, prefersReducedMotion, wrapLabel } from "./chart-helpers";
import { useChart } from "./use-chart";

export interface ScoreBar {
  /** The full label (tooltips, wide screens). */
  label: string;
  /** A shorter label for the axis on a phone; `label` when absent. */
  shortLabel?: string;
  /** 0–100, or null: no bar, `note` instead. */
  score: number | null;
  /** The level's colour (framework.levels[].color). */
  color: string | null;
  /** The level code, for the tooltip. */
  level: string | null;
  /** Shown in place of a bar when score is null: "ยังไม่ได้ประเมิน", "ซ่อน (ผู้ตอบน้อยกว่า 5 คน)". */
  note?: string;
}

export interface ScoreBarsChartProps {
  bars: ScoreBar[];
  passMark: number;
  /** "เกณฑ์ผ่าน 85" */
  passMarkLabel: string;
  /** "ระดับ" / "Level", for the tooltip. */
  levelWord: string;
  /** What the chart shows, for screen readers (the canvas is an image to them). */
  ariaLabel: string;
  testId?: string;
}

const PASS_COLOR = "#a61b1b";
const MUTED = "#4a5560";
const ROW_PX = 46;

/** The text, cut with an ellipsis if it is wider than `room` pixels on the canvas (a note on a narrow phone). */
function fitText(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  if (ctx.measureText(text).width <= room) return text;
  // Whole graphemes, so a Thai vowel or tone mark is never cut from its consonant.
  const chars = [...new Intl.Segmenter("th", { granularity: "grapheme" }).segment(text)].map((g) => g.segment);
  while (chars.length > 1 && ctx.measureText(`${chars.join("")}…`).width > room) chars.pop();
  return `${chars.join("")}…`;
}

export function ScoreBarsChart({ bars, passMark, passMarkLabel, levelWord, ariaLabel, testId }: ScoreBarsChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const narrow = isNarrowScreen();
  const labelWidth = narrow ? 14 : 34;

  const overlay: Plugin<"bar"> = {
    id: "prongsaiScoreOverlay",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const x = scales.x;
      const y = scales.y;
      if (!x || !y) return;
      ctx.save();
      // The pass mark: a dashed line across the rows, labelled above the plot.
      const px = x.getPixelForValue(passMark);
      ctx.strokeStyle = PASS_COLOR;
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top - 4);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = PASS_COLOR;
      ctx.font = canvasFont(13, 600);
      ctx.textBaseline = "bottom";
      ctx.textAlign = px > chartArea.left + (chartArea.right - chartArea.left) * 0.7 ? "right" : "left";
      ctx.fillText(passMarkLabel, ctx.textAlign === "right" ? px - 4 : px + 4, chartArea.top - 6);
      // The score at the end of each bar, or the note where there is no bar, on a white box so that
      // the pass-mark line never runs through the figures.
      ctx.textBaseline = "middle";
      ctx.textAlign = "left";
      bars.forEach((bar, index) => {
        const cy = y.getPixelForValue(index);
        ctx.font = bar.score === null ? canvasFont(13, 400, "italic") : canvasFont(13, 600);
        const left = bar.score === null ? x.getPixelForValue(0) + 6 : x.getPixelForValue(bar.score) + 4;
        const text = fitText(ctx, bar.score === null ? (bar.note ?? "–") : formatScore(bar.score), chart.width - left - 4);
        const width = ctx.measureText(text).width;
        ctx.fillStyle = "rgba(255, 255, 255, 0.92)";
        ctx.fillRect(left - 2, cy - 9, width + 4, 18);
        ctx.fillStyle = bar.score === null ? MUTED : "#1b1f24";
        ctx.fillText(text, left, cy);
      });
      ctx.restore();
    },
  };

  const config: ChartConfiguration<"bar", (number | null)[], string[]> = {
    type: "bar",
    data: {
      labels: bars.map((b) => wrapLabel(narrow ? (b.shortLabel ?? b.label) : b.label, labelWidth)),
      datasets: [
        {
          data: bars.map((b) => b.score),
          backgroundColor: bars.map((b) => b.color ?? MUTED),
          borderRadius: 4,
          barPercentage: 0.85,
          categoryPercentage: 0.85,
        },
      ],
    },
    options: {
      indexAxis: "y",
      responsive: true,
      ...(prefersReducedMotion() ? { animation: false as const } : {}),
      // Room for the pass-mark label above and the score labels right of a bar near 100.
      layout: { padding: { top: 24, right: 48 } },
      scales: {
        x: { min: 0, max: 100, ticks: { stepSize: 20 }, grid: { color: "#e4e8ec" } },
        y: { ticks: { autoSkip: false, font: { size: narrow ? 13 : 14 } }, grid: { display: false } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => bars[items[0]?.dataIndex ?? 0]?.label ?? "",
            label: (item) => {
              const bar = bars[item.dataIndex];
              if (!bar || bar.score === null) return bar?.note ?? "–";
              return `${formatScore(bar.score)} · ${levelWord} ${bar.level ?? "–"}`;
            },
          },
        },
      },
    },
    plugins: [overlay],
  };

  useChart(canvas, config as unknown as ChartConfiguration, [JSON.stringify(bars), passMark, passMarkLabel, narrow]);

  return (
    <div className="chart-box" style={{ height: bars.length * ROW_PX + 60 }} data-testid={testId}>
      <canvas ref={canvas} role="img" aria-label={ariaLabel} />
    </div>
  );
}
