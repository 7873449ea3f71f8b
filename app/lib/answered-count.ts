/**
 * How many questions (ข้อ) are answered, of how many, as the page titles number them ("ข้อ 1 จาก 15"): the
 * fields of one framework item (e.g. the two sub-questions e1_1 and e1_2 of e1) count as one question,
 * answered once all of them are; a field without an item counts on its own; an optional field (the EIT's
 * suggestion) is not counted. One rule for the SurveyJS kiosk (app/components/survey-progress.ts) and the
 * server-drawn form (app/services/survey-form.ts).
 */
export interface CountedField {
  name: string;
  /** The framework item the field belongs to, if any. */
  item: string | null;
  required: boolean;
  answered: boolean;
}

export function countAnsweredItems(fields: Iterable<CountedField>): { answered: number; total: number } {
  const complete = new Map<string, boolean>();
  for (const field of fields) {
    if (!field.required) continue;
    const key = field.item ? `item:${field.item}` : `field:${field.name}`;
    complete.set(key, (complete.get(key) ?? true) && field.answered);
  }
  let answered = 0;
  for (const done of complete.values()) if (done) answered++;
  return { answered, total: complete.size };
}
