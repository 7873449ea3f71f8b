import type { RatingView } from "../services/rating-view";
import type { Lang } from "../text/i18n";

/** A round's rating in its framework's colour ("B", "ผ่านดี"), with why it is not the one above; a dash when not rated. */
export function RatingBadge({ rating, lang, showReason = true }: { rating: RatingView | null; lang: Lang; showReason?: boolean }) {
  if (!rating) return <span className="not-assessed">–</span>;
  return (
    <span className="rating" data-testid="rating">
      <span className="level-badge rating-badge" style={{ background: rating.color }} data-rating={rating.code}>
        {rating.label[lang]}
      </span>
      {showReason && rating.reason && " "}
      {showReason && rating.reason && (
        <span className="rating-reason" data-testid="rating-reason">
          {rating.reason[lang]}
        </span>
      )}
    </span>
  );
}
