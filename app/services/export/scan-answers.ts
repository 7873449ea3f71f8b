/**
 * Reads a response's stored answers, the JSON text {"i1_1":4,…}, without JSON.parse: the CSV export
 * (./csv.server.ts) goes through up to a million of them.
 *
 * Why not JSON.parse: it makes an object and a string per field for every row; over a million rows they
 * outlive V8's young generation and pile up in the old one until a full collection, and the export's
 * memory grew with the number of responses. Scanning the text makes no object and no substring, so it
 * stays flat (`npm run bench -- export`, docs/performance.md "What bounds export memory"). The XLSX
 * writer keeps JSON.parse: exceljs's own cost per row dwarfs it there.
 *
 * It relies on the shape answers are stored in, which app/services/validate-answers.ts (checkAnswers)
 * admits and app/services/submit-response.server.ts stores with JSON.stringify: one flat object of field
 * name → whole number, names without escapes. Only that shape is read right: if stored answers ever hold
 * text or nested objects, change this with them, or go back to JSON.parse.
 */

/** Where a field goes in a row, found by its name. */
export interface AnswerFieldIndex {
  /** Field position by a 32-bit hash of its name; null when two names collide (then `byName` is used). */
  byHash: Map<number, number> | null;
  byName: Map<string, number>;
}

/** A 32-bit hash of a field name, computed the same way while scanning the text (no substring made). */
function hashName(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
  return h;
}

/** The index of these field names, each at its position in the list. */
export function indexAnswerFields(names: readonly string[]): AnswerFieldIndex {
  const byHash = new Map(names.map((name, i) => [hashName(name), i]));
  return { byHash: byHash.size === names.length ? byHash : null, byName: new Map(names.map((name, i) => [name, i])) };
}

const QUOTE = 34;
const COLON = 58;
const MINUS = 45;

/**
 * Calls `found(position, value)` for every answer in `text` whose field is in `fields`, in the order of
 * the text; answers of other fields are skipped.
 */
export function scanAnswers(text: string, fields: AnswerFieldIndex, found: (position: number, value: number) => void): void {
  const n = text.length;
  let i = 0;
  for (;;) {
    const open = text.indexOf('"', i);
    if (open < 0) return;
    let h = 0;
    let close = open + 1;
    for (; close < n && text.charCodeAt(close) !== QUOTE; close++) h = (Math.imul(h, 31) + text.charCodeAt(close)) | 0;
    let k = close + 1;
    while (k < n && (text.charCodeAt(k) === COLON || text.charCodeAt(k) === 32)) k++;
    const negative = text.charCodeAt(k) === MINUS;
    if (negative) k++;
    let value = 0;
    const digitsFrom = k;
    for (; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
    }
    if (k > digitsFrom) {
      const index = fields.byHash ? fields.byHash.get(h) : fields.byName.get(text.slice(open + 1, close));
      if (index !== undefined) found(index, negative ? -value : value);
    }
    i = k > close ? k : close + 1;
  }
}
