import type { Framework, InstrumentCode, Localized, RatingBound, RatingRow, RatingSubject } from "./framework";

/**
 * The rating of a round (ITA-METHOD §6): the framework's rule is an ordered list of rows, each with
 * conditions on the total and on instrument scores (0–100, full precision); the first row whose every
 * condition holds wins. AA–F (up to 2565) is the same mechanism with conditions on the total only; from
 * 2566 the NACC's ผ่านดีเยี่ยม … ต้องปรับปรุงโดยด่วน also look at each instrument.
 *
 * A score that is not assessed (null) meets no condition on it: a partial total (OIT not checked yet) can
 * only reach the rows that do not ask about the OIT, and the reason says so.
 */

/** The scores a rule looks at: the total and each instrument's, null when not assessed. */
export interface RatingScores {
  total: number | null;
  instruments: Partial<Record<InstrumentCode, number | null>>;
}

/** One condition of the row above that did not hold: why the rating is not that row. */
export interface RatingReason {
  subject: RatingSubject;
  /** The score, or null when not assessed. */
  score: number | null;
  /** "min": the score should have been ≥ bound; "below": it should have been < bound. */
  kind: keyof RatingBound;
  bound: number;
}

export interface Rating {
  row: RatingRow;
  /** The row just above the one that matched (null for the top row): what was missed. */
  above: RatingRow | null;
  /** Every condition of `above` that did not hold; empty for the top row. */
  reasons: RatingReason[];
}

function meets(bound: RatingBound, score: number | null): RatingReason["kind"][] {
  const failed: RatingReason["kind"][] = [];
  if (bound.min !== undefined && (score === null || !(score >= bound.min))) failed.push("min");
  if (bound.below !== undefined && (score === null || !(score < bound.below))) failed.push("below");
  return failed;
}

function scoreOf(scores: RatingScores, subject: RatingSubject): number | null {
  return subject === "total" ? scores.total : (scores.instruments[subject] ?? null);
}

/** The conditions of a row that the scores do not meet; empty when the row matches. */
export function unmetConditions(row: RatingRow, scores: RatingScores): RatingReason[] {
  const reasons: RatingReason[] = [];
  for (const [subject, bound] of Object.entries(row.when) as [RatingSubject, RatingBound][]) {
    const score = scoreOf(scores, subject);
    for (const kind of meets(bound, score)) reasons.push({ subject, score, kind, bound: bound[kind]! });
  }
  return reasons;
}

/**
 * Rates the scores by the framework's rule: the first row whose conditions all hold, and why the row above
 * did not. Returns null when the total is not assessed at all (nothing to rate).
 *
 * @throws Error when no row matches: the framework loader refuses such a rule (listFrameworkProblems),
 *   so this means a framework that was never checked.
 */
export function rateScores(framework: Pick<Framework, "id" | "rating">, scores: RatingScores): Rating | null {
  if (scores.total === null) return null;
  const rows = framework.rating.rows;
  const index = rows.findIndex((row) => unmetConditions(row, scores).length === 0);
  if (index < 0) throw new Error(`Framework ${framework.id}: no rating row matches the total ${scores.total}`);
  const above = index > 0 ? rows[index - 1]! : null;
  return { row: rows[index]!, above, reasons: above ? unmetConditions(above, scores) : [] };
}

const SUBJECT_NAMES: Record<RatingSubject, Localized> = {
  total: { th: "คะแนนรวม", en: "total" },
  iit: { th: "IIT", en: "IIT" },
  eit: { th: "EIT", en: "EIT" },
  oit: { th: "OIT", en: "OIT" },
};

/** "EIT 81.78 < 85", "OIT ยังไม่ได้ประเมิน": one reason in words, the score rounded half up to two decimals. */
export function describeReason(reason: RatingReason, lang: "th" | "en", format: (score: number) => string): string {
  const subject = SUBJECT_NAMES[reason.subject][lang];
  if (reason.score === null) return lang === "th" ? `${subject} ยังไม่ได้ประเมิน` : `${subject} not assessed`;
  // The bound as the framework writes it (85, not 85.00): it is a rule, not a measured score.
  return `${subject} ${format(reason.score)} ${reason.kind === "min" ? "<" : "≥"} ${String(reason.bound)}`;
}

/** Why the rating is not the row above: "ยังไม่ถึงผ่านดี: EIT 81.78 < 85"; null for the top row. */
export function describeShortfall(rating: Rating, lang: "th" | "en", format: (score: number) => string): string | null {
  if (!rating.above) return null;
  const why = rating.reasons.map((r) => describeReason(r, lang, format)).join(", ");
  // Thai runs words together ("ยังไม่ถึงผ่านดี") but not into a Latin label ("ยังไม่ถึง A").
  const above = rating.above.label.th;
  return lang === "th" ? `ยังไม่ถึง${/^[A-Za-z]/.test(above) ? " " : ""}${above}: ${why}` : `not ${rating.above.label.en}: ${why}`;
}

/**
 * The rating with its reason, as a sentence: "ผ่าน — ยังไม่ถึงผ่านดี: EIT 81.78 < 85" /
 * "Pass — not Pass (good): EIT 81.78 < 85"; the label alone for the top row.
 */
export function describeRating(rating: Rating, lang: "th" | "en", format: (score: number) => string): string {
  const shortfall = describeShortfall(rating, lang, format);
  return shortfall ? `${rating.row.label[lang]} — ${shortfall}` : rating.row.label[lang];
}

/**
 * Where a rule leaves a score without a rating, for the framework loader: every combination of the total
 * and the instruments' scores in 0–100 must match a row. Conditions are half-open intervals ([min, below)),
 * so testing each bound the rule names (and 0 and 100) in every dimension covers every case.
 *
 * @returns one example of each uncovered kind of case, as {total, iit, …}; empty when there is none.
 */
export function findRatingGaps(framework: Pick<Framework, "id" | "rating" | "instruments">): Record<string, number>[] {
  const subjects: RatingSubject[] = ["total", ...framework.instruments.map((i) => i.code)];
  const points = subjects.map((subject) => {
    const values = new Set([0, 100]);
    for (const row of framework.rating.rows) {
      const bound = row.when[subject];
      for (const v of [bound?.min, bound?.below]) if (v !== undefined && v >= 0 && v <= 100) values.add(v);
    }
    return [...values].sort((a, b) => a - b);
  });
  const gaps: Record<string, number>[] = [];
  const visit = (depth: number, chosen: number[]) => {
    if (gaps.length >= 5) return;
    if (depth === subjects.length) {
      const scores: RatingScores = { total: chosen[0]!, instruments: Object.fromEntries(subjects.slice(1).map((s, i) => [s, chosen[i + 1]!])) };
      if (!framework.rating.rows.some((row) => unmetConditions(row, scores).length === 0)) gaps.push(Object.fromEntries(subjects.map((s, i) => [s, chosen[i]!])));
      return;
    }
    for (const value of points[depth]!) visit(depth + 1, [...chosen, value]);
  };
  visit(0, []);
  return gaps;
}
