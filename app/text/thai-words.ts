/**
 * The words of Thai free text, for "the words that come up most" in visitors' suggestions (issue 15,
 * item 4). Thai is written without spaces between words, so words come from
 * `Intl.Segmenter("th", { granularity: "word" })` (ICU's dictionary; ARCHITECTURE.md §1: no LGPL
 * word-cutter), one text at a time (Node 20's segmenter is quadratic on long strings), and then:
 *
 * 1. normalised first: NFC, the decomposed sara am (ํ + า) as ำ, "เเ" typed for แ, elongation undone
 *    (ดีมากกกก → ดีมาก: a Thai consonant three times or more, a vowel or tone mark twice or more; Latin
 *    "goooood" → "good"), Latin lower-cased;
 * 2. abbreviations kept whole with their dots (อบต., ป.ป.ช.; ./thai-words/abbreviations.json, and any word
 *    of two or more dotted parts), where ICU would cut the dot off or glue them to the next word;
 * 3. compounds ICU cuts into parts merged back (จัด|ซื้อ|จัด|จ้าง → จัดซื้อจัดจ้าง;
 *    ./thai-words/compounds.json), longest first;
 * 4. ไม่ kept with the word it negates when that word is not a stop word (ไม่สุภาพ is not สุภาพ);
 * 5. stop words dropped (./thai-words/stop-words.json: PyThaiNLP's list, CC0, with the changes it
 *    records), and what is not a word: numbers, laughter (555+, ๕๕๕), single characters, punctuation.
 *
 * Pure: no I/O, no clock. The lists are data beside this file, read at import.
 */
import abbreviationData from "./thai-words/abbreviations.json";
import compoundData from "./thai-words/compounds.json";
import stopWordData from "./thai-words/stop-words.json";

const THAI_LETTER = "\\u0E01-\\u0E2E";
/** Thai vowels and signs that stand on the line (ะ า ำ เ แ โ ใ ไ ๅ ๆ): never doubled in a word. */
const THAI_SPACING_VOWELS = "\\u0E30\\u0E32\\u0E33\\u0E40-\\u0E46";
/** Vowels above and below, tone marks and other combining signs: never doubled either. */
const THAI_COMBINING = "\\u0E31\\u0E34-\\u0E3A\\u0E47-\\u0E4E";

const ELONGATED_CONSONANT = new RegExp(`([${THAI_LETTER}])\\1{2,}`, "g");
const DOUBLED_VOWEL = new RegExp(`([${THAI_SPACING_VOWELS}${THAI_COMBINING}])\\1+`, "g");
const ELONGATED_LATIN = /([a-z])\1{2,}/g;

/**
 * The text as words are looked for in it: NFC, ำ composed, แ for "เเ", elongation undone, Latin
 * lower-case. Thai digits are left as they are (numbers are not words here anyway).
 */
export function normalizeThaiText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\u0E4D\u0E32/g, "\u0E33")
    .replace(/\u0E40\u0E40/g, "\u0E41")
    .toLowerCase()
    .replace(ELONGATED_CONSONANT, "$1")
    .replace(DOUBLED_VOWEL, "$1")
    .replace(ELONGATED_LATIN, "$1$1");
}

const normalizeEntry = (word: string) => normalizeThaiText(word.trim());

const STOP_WORDS: ReadonlySet<string> = new Set(stopWordData.words.map(normalizeEntry));
const COMPOUNDS: ReadonlySet<string> = new Set(compoundData.compounds.map(normalizeEntry));
/** The most segments a compound is merged from: จัด|ซื้อ|จัด|จ้าง is four; ICU cuts none into more than six. */
const MAX_COMPOUND_PARTS = 6;

const ABBREVIATION_FORMS = abbreviationData.abbreviations.map((a) => normalizeEntry(a.form));
const ABBREVIATION_OF = new Map<string, string>(
  abbreviationData.abbreviations.flatMap((a) => [a.form, ...a.aliases].map((alias) => [normalizeEntry(alias), normalizeEntry(a.form)] as const)),
);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/**
 * Any word of two or more dotted parts that does not continue a Thai word (รพ.สต. before its รพ.), then
 * the listed abbreviations, longest first; a form of two letters only where no Thai letter comes before
 * it, so that the end of a word and a full stop, as in "อดทน.", is not taken for one.
 */
const ABBREVIATION = new RegExp(
  [
    `(?<![${THAI_LETTER}])(?:[${THAI_LETTER}]{1,3}\\.){2,}`,
    ...[...ABBREVIATION_FORMS]
      .sort((a, b) => b.length - a.length)
      .map((form) => (form.replace(/\./g, "").length <= 2 ? `(?<![${THAI_LETTER}])${escape(form)}` : escape(form))),
  ].join("|"),
  "g",
);

const segmenter = new Intl.Segmenter("th", { granularity: "word" });

/** A token that says something: a letter in it, more than one character, not laughter. */
function isWord(token: string): boolean {
  if (token.length < 2) return false;
  if (!/[\u0E01-\u0E2Ea-z]/.test(token)) return false; // numbers (555, ๕๕๕), punctuation
  return true;
}

/** The word-like segments of a piece of normalised text, in order. */
function segment(piece: string, into: string[]): void {
  for (const s of segmenter.segment(piece)) if (s.isWordLike) into.push(s.segment);
}

/** Consecutive segments that spell a compound, merged into it, longest first. */
function mergeCompounds(tokens: readonly string[]): string[] {
  const merged: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    let taken = 1;
    for (let parts = Math.min(MAX_COMPOUND_PARTS, tokens.length - i); parts >= 2; parts--) {
      if (COMPOUNDS.has(tokens.slice(i, i + parts).join(""))) {
        taken = parts;
        break;
      }
    }
    merged.push(taken === 1 ? tokens[i]! : tokens.slice(i, i + taken).join(""));
    i += taken;
  }
  return merged;
}

const NEGATION = "ไม่";

/**
 * The words of one text, in order, repeats kept: what listWords counts. Empty for a text of stop
 * words, numbers and laughter only.
 */
export function listWords(text: string): string[] {
  const normalized = normalizeThaiText(text);
  const tokens: string[] = [];
  let at = 0;
  for (const m of normalized.matchAll(ABBREVIATION)) {
    segment(normalized.slice(at, m.index), tokens);
    tokens.push(m[0]);
    at = m.index + m[0].length;
  }
  segment(normalized.slice(at), tokens);

  const words: string[] = [];
  const merged = mergeCompounds(tokens).map((t) => ABBREVIATION_OF.get(t) ?? t);
  for (let i = 0; i < merged.length; i++) {
    const token = merged[i]!;
    const next = merged[i + 1];
    if (token === NEGATION && next !== undefined && !STOP_WORDS.has(next) && isWord(next)) {
      words.push(token + next);
      i += 1;
      continue;
    }
    if (!STOP_WORDS.has(token) && isWord(token)) words.push(token);
  }
  return words;
}

export interface WordCount {
  word: string;
  /** How many of the texts use the word (once each, however often a text repeats it). */
  count: number;
}

const thaiOrder = new Intl.Collator("th");

/**
 * The words that come up most among texts given as their sets of words (wordSet of each): each counted
 * once per text that uses it, most used first, ties in Thai dictionary order; at most `limit`. For a page
 * that counts the same texts several ways (overall, per counter, per month) and segments each text once.
 */
export function countWordSets(sets: Iterable<ReadonlySet<string>>, limit = 10): WordCount[] {
  const counts = new Map<string, number>();
  for (const words of sets) for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  const ranked = [...counts].map(([word, count]) => ({ word, count }));
  // Only what can make the top `limit` is sorted with the collator (the long tail of words used once is not).
  const floor = ranked.length > limit ? [...ranked].sort((a, b) => b.count - a.count)[limit - 1]!.count : 0;
  return ranked
    .filter((w) => w.count >= floor)
    .sort((a, b) => b.count - a.count || thaiOrder.compare(a.word, b.word))
    .slice(0, limit);
}

/** The distinct words of one text: listWords without repeats. */
export function wordSet(text: string): Set<string> {
  return new Set(listWords(text));
}

/**
 * The words that come up most in `texts`: each counted once per text that uses it, most used first,
 * ties in Thai dictionary order; at most `limit`. Unit: texts.
 */
export function countWords(texts: Iterable<string>, limit = 10): WordCount[] {
  return countWordSets([...texts].map(wordSet), limit);
}
