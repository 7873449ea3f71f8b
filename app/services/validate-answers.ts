/**
 * Checks a respondent's answers against the framework: every answer belongs to a known field of the
 * instrument, every value is one of the field's scale options, and every field is answered (all ITA
 * questions are required). Pure; messages are Thai first.
 */
import type { Field, Framework, InstrumentCode } from "../scoring/framework";

export type Answers = Record<string, number>;

export type FieldErrors = Record<string, { th: string; en: string }>;

export type AnswerCheck = { ok: true; answers: Answers } | { ok: false; errors: FieldErrors };

/**
 * The answer fields of one survey instrument, in question order. Worked out once per framework and
 * instrument (a framework is fixed data; every submission asks), so the list is shared and frozen.
 */
export function listInstrumentFields(framework: Framework, instrument: InstrumentCode): readonly Field[] {
  let byInstrument = instrumentFields.get(framework);
  if (!byInstrument) instrumentFields.set(framework, (byInstrument = new Map()));
  let fields = byInstrument.get(instrument);
  if (!fields) {
    const indicators = new Set(framework.indicators.filter((i) => i.instrument === instrument).map((i) => i.code));
    fields = Object.freeze(framework.items.filter((item) => indicators.has(item.indicator)).flatMap((item) => item.fields));
    byInstrument.set(instrument, fields);
  }
  return fields;
}

const instrumentFields = new WeakMap<Framework, Map<InstrumentCode, readonly Field[]>>();

/** The values each field's scale allows, by field name, in question order. */
type FieldIndex = Map<string, readonly number[]>;

// Frameworks are fixed data loaded once (app/lib/frameworks.server.ts): every submission checks
// against the same index instead of rebuilding it.
const fieldIndexes = new WeakMap<Framework, Map<InstrumentCode, FieldIndex>>();

function fieldIndexOf(framework: Framework, instrument: InstrumentCode): FieldIndex {
  let byInstrument = fieldIndexes.get(framework);
  if (!byInstrument) fieldIndexes.set(framework, (byInstrument = new Map()));
  let index = byInstrument.get(instrument);
  if (!index) {
    index = new Map(
      listInstrumentFields(framework, instrument).map((field) => [field.name, framework.scales[field.scale]?.options.map((o) => o.value) ?? []]),
    );
    byInstrument.set(instrument, index);
  }
  return index;
}

export function checkAnswers(framework: Framework, instrument: InstrumentCode, raw: Record<string, unknown>): AnswerCheck {
  const fields = fieldIndexOf(framework, instrument);
  const errors: FieldErrors = {};
  const answers: Answers = {};

  for (const [name, value] of Object.entries(raw)) {
    const allowed = fields.get(name);
    if (!allowed) {
      errors[name] = { th: `ไม่มีคำถาม "${name}" ในแบบสอบถามนี้`, en: `There is no question "${name}" in this questionnaire.` };
      continue;
    }
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
