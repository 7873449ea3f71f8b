/**
 * A round's rating as the pages, the report and the exports show it (issue 13): the label in its colour,
 * and the reason it is not the rating above ("ยังไม่ถึงผ่านดี: EIT 81.78 < 85"), in Thai and English,
 * its scores rounded as every page rounds them.
 */
import { describeShortfall, type Rating } from "../scoring";
import type { Localized } from "../scoring/framework";
import { formatScore } from "../text/format";

export interface RatingView {
  code: string;
  label: Localized;
  color: string;
  pass: boolean;
  /** Why not the rating above; null for the top rating. */
  reason: Localized | null;
}

export function toRatingView(rating: Rating | null): RatingView | null {
  if (!rating) return null;
  const format = (score: number) => formatScore(score);
  const th = describeShortfall(rating, "th", format);
  const en = describeShortfall(rating, "en", format);
  return { code: rating.row.code, label: rating.row.label, color: rating.row.color, pass: rating.row.pass, reason: th && en ? { th, en } : null };
}

/** "ผ่าน — ยังไม่ถึงผ่านดี: EIT 81.78 < 85": the rating and its reason in one line, for exports and the CLI. */
export function ratingSentence(view: RatingView, lang: "th" | "en"): string {
  return view.reason ? `${view.label[lang]} — ${view.reason[lang]}` : view.label[lang];
}
