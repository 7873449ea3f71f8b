/**
 * Checks a respondent's answers against the framework: every answer belongs to a known field of the
 * instrument, every value is one of the field's scale options, and every field is answered (all ITA
 * questions are required). The instrument's suggestion (framework.json › suggestion: optional free text,
 * EIT only) is taken apart from the answers, checked, and comes back with what identifies a person
 * already removed (app/lib/personal-data.ts), so that no caller can seal or store it unscrubbed; the
 * answers stay numbers only, which is all the tallies and scores ever see. Pure; messages are Thai first.
 */
import { PERSONAL_DATA_MARKER, scrubPersonalData } from "../lib/personal-data";
import type { Field, Framework, InstrumentCode, SuggestionQuestion } from "../scoring/framework";

export type Answers = Record<string, number>;

export type FieldErrors = Record<string, { th: string; en: string }>;

export type AnswerCheck =
  | {
      ok: true;
      answers: Answers;
      /** The suggestion as it may be kept: scrubbed, trimmed, "\n" line ends; null when none was written. */
      suggestion: string | null;
    }
  | { ok: false; errors: FieldErrors };

// Tabs and line breaks are text; other C0 controls and DEL are not (PostgreSQL's text cannot hold a NUL).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * The length of a suggestion as the visitor's textarea counted it. The survey page removes personal data
 * before sending (app/components/survey-runner.tsx), and a marker is longer than a short LINE id or a
 * phone number: each marker counts as one character, so that what the browser allowed the server takes.
 */
function writtenLength(text: string): number {
  return text.replaceAll(PERSONAL_DATA_MARKER, "\u2022").length;
}

/**
 * A suggestion as written, checked: text, at most the framework's maxLength characters (as the browser's
 * textarea counts them, before anything is removed; at most twice that with the markers written out), no
 * control character. Returns the text to keep (null for blank) or the error.
 */
export function checkSuggestion(question: SuggestionQuestion, value: unknown): { ok: true; text: string | null } | { ok: false; error: { th: string; en: string } } {
  if (typeof value !== "string") return { ok: false, error: { th: "ข้อเสนอแนะต้องเป็นข้อความ", en: "The suggestion must be text." } };
  const text = value.replace(/\r\n?/g, "\n");
  if (writtenLength(text) > question.maxLength || text.length > 2 * question.maxLength) {
    const max = new Intl.NumberFormat("en-US").format(question.maxLength);
    return { ok: false, error: { th: `ข้อเสนอแนะยาวได้ไม่เกิน ${max} ตัวอักษร`, en: `The suggestion may have at most ${max} characters.` } };
  }
  if (CONTROL.test(text)) return { ok: false, error: { th: "ข้อเสนอแนะมีอักขระควบคุมที่ไม่อนุญาต", en: "The suggestion contains control characters that are not allowed." } };
  const trimmed = text.trim();
  return { ok: true, text: trimmed === "" ? null : scrubPersonalData(trimmed) };
}

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
  // Without a prototype: an answer named "__proto__" must become an error of its own, where on a plain
  // object the assignment would set the prototype and leave no error (and the answers would pass).
  const errors: FieldErrors = Object.create(null) as FieldErrors;
  const answers: Answers = {};
  const question = framework.suggestion?.instrument === instrument ? framework.suggestion : undefined;
  let suggestion: string | null = null;

  for (const [name, value] of Object.entries(raw)) {
    if (question && name === question.name) {
      const checked = checkSuggestion(question, value);
      if (checked.ok) suggestion = checked.text;
      else errors[name] = checked.error;
      continue;
    }
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
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers, suggestion };
}
