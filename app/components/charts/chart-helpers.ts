/**
 * Small helpers shared by the chart components (app/components/charts/*): Thai label wrapping, the
 * font string for text drawn straight on the canvas, and the reduced-motion preference.
 */
import { Chart } from "chart.js";

/** Thai vowel and tone marks written above or below a consonant take no width of their own. */
const THAI_COMBINING = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g;

/** The number of characters that take horizontal space: "ทรัพย์สิน" is 6 wide, not 9. */
export function visibleLength(text: string): number {
  return text.replace(THAI_COMBINING, "").length;
}

/**
 * Splits a label into lines of at most about `maxChars` visible characters at word boundaries. Thai is written
 * without spaces between words, so the boundaries come from Intl.Segmenter's Thai word breaker (the
 * browser's ICU dictionary); a label is never cut inside a word. A single longer word stays whole.
 */
export function wrapLabel(text: string, maxChars: number): string[] {
  if (visibleLength(text) <= maxChars) return [text];
  const segments =
    typeof Intl !== "undefined" && "Segmenter" in Intl
      ? [...new Intl.Segmenter("th", { granularity: "word" }).segment(text)].map((s) => s.segment)
      : text.split(/(\s+)/);
  // Keep brackets and trailing punctuation with their word: "(IIT)" never splits into "(" and "IIT)".
  const words: string[] = [];
  let glueNext = false;
  for (const segment of segments) {
    if (words.length > 0 && (glueNext || /^[)\]}.,:;!?%]/.test(segment))) words[words.length - 1] += segment;
    else words.push(segment);
    glueNext = /[([{]$/.test(segment);
  }
  const lines: string[][] = [];
  let line: string[] = [];
  const width = (parts: string[]) => visibleLength(parts.join("").trim());
  for (const word of words) {
    // A line is never left with only a short start such as "7." on it.
    if (width(line) > 3 && width([...line, word]) > maxChars) {
      lines.push(line);
      line = [word];
    } else {
      line.push(word);
    }
  }
  if (width(line) > 0) lines.push(line);
  // Nor does a label end on a lone short word ("…นอกสถาน / ที่"): it takes the word before it along.
  const last = lines[lines.length - 1];
  const before = lines[lines.length - 2];
  if (last && before && width(last) <= 3 && before.length > 1) last.unshift(before.pop()!);
  return lines.map((parts) => parts.join("").trim()).filter((l) => l !== "");
}

/** A CSS font for ctx.font in the Thai font Chart.js uses (use-chart.ts sets the family). */
export function canvasFont(sizePx: number, weight: 400 | 600 = 400, style: "normal" | "italic" = "normal"): string {
  return `${style} ${weight} ${sizePx}px ${Chart.defaults.font.family ?? "sans-serif"}`;
}

/** No animation for people who asked their system for less motion (and for screenshots in tests). */
export function prefersReducedMotion(): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** Whether the chart is drawn on a narrow screen (a phone): shorter labels, wrapped narrower. */
export function isNarrowScreen(): boolean {
  return typeof window !== "undefined" && window.innerWidth < 640;
}
