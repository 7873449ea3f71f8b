/** Field names of the official-result form, shared by the page (browser) and the service (server). */

/** The form's field name of an indicator's score: score_1 … score_10. */
export function scoreFieldName(indicatorCode: string): string {
  return `score_${indicatorCode}`;
}
