/**
 * Checks a respondent's answers against the framework: every answer belongs to a known field of the
 * instrument, every value is one of the field's scale options, and every field is answered (all ITA
 * questions are required). Pure; messages are Thai first.
 */
import type { Field, Framework, InstrumentCode } from "../scoring/framework";

export type Answers = Record<string, number>;

export type FieldErrors = Record<string, { th: string; en: string }>;

export type AnswerCheck = { ok: true; answers: Answers } | { ok: false; errors: FieldErrors };

/** The answer fields of one survey instrument, in question order. */
export function listInstrumentFields(framework: Framework, instrument: InstrumentCode): Field[] {
  const indicators = new Set(framework.indicators.filter((i) => i.instrument === instrument).map((i) => i.code));
  return framework.items.filter((item) => indicators.has(item.indicator)).flatMap((item) => item.fields);
}

export function checkAnswers(framework: Framework, instrument: InstrumentCode, raw: Record<string, unknown>): AnswerCheck {
  const fields = new Map(listInstrumentFields(framework, instrument).map((f) => [f.name, f]));
  const errors: FieldErrors = {};
  const answers: Answers = {};

  for (const [name, value] of Object.entries(raw)) {
    const field = fields.get(name);
    if (!field) {
      errors[name] = { th: `ไม่มีคำถาม "${name}" ในแบบสอบถามนี้`, en: `There is no question "${name}" in this questionnaire.` };
      continue;
    }
    const scale = framework.scales[field.scale];
    const allowed = scale?.options.map((o) => o.value) ?? [];
    if (typeof value !== "number" || !allowed.includes(value)) {
      errors[name] = {
        th: `คำตอบของข้อ ${name} ไม่อยู่ในตัวเลือกที่กำหนด (${allowed.join(", ")})`,
        en: `The answer to ${name} is not one of the allowed choices (${allowed.join(", ")}).`,
      };
      continue;
    }
    answers[name] = value;
  }
  for (const name of fields.keys()) {
    if (!(name in raw)) errors[name] = { th: `กรุณาตอบข้อ ${name}`, en: `Please answer ${name}.` };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers };
}
