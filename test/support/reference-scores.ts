/**
 * The reference document's indicator table (khlong-phikrai-2565-measures.txt), ITA 2565: the ten
 * official indicator scores, as typed into the official-results form. Together they give 77.99 → B.
 * Shared by the report and official-results tests so the figures are written down once.
 */
export const REFERENCE_SCORES_2565: Record<string, string> = {
  "1": "91.70",
  "2": "86.67",
  "3": "86.70",
  "4": "79.64",
  "5": "83.11",
  "6": "75.76",
  "7": "80.18",
  "8": "73.62",
  "9": "78.06",
  "10": "68.75",
};
