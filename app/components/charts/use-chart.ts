/**
 * The seam to Chart.js: components/charts/* are its only importers (ARCHITECTURE.md §2). A chart is
 * made in an effect (the canvas exists only in the browser) and destroyed when its data changes.
 * The canvas ignores CSS fonts, so Thai labels need the font set on Chart.js itself.
 */
import { Chart, type ChartConfiguration, registerables } from "chart.js";
import { type RefObject, useEffect } from "react";

Chart.register(...registerables);
Chart.defaults.font.family = '"Sarabun", "Loma", "Garuda", sans-serif';
Chart.defaults.font.size = 14;
Chart.defaults.color = "#1b1f24";
Chart.defaults.maintainAspectRatio = false;

export function useChart(canvas: RefObject<HTMLCanvasElement | null>, config: ChartConfiguration, deps: unknown[]): void {
  useEffect(() => {
    if (!canvas.current) return;
    let chart: Chart | undefined;
    let cancelled = false;
    // Wait for the self-hosted Sarabun to load, or the first paint measures Thai in a fallback font.
    void document.fonts.ready.then(() => {
      if (!cancelled && canvas.current) chart = new Chart(canvas.current, config);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the chart depends on
  }, deps);
}
