/**
 * Page data with no more precision than the page shows (issue 12, item 2). Scores are shown with two
 * decimals; a score sent at full precision lets a viewer who saves the page data before and after a group
 * enters work out that group's answers more exactly than the page itself tells. So a results page's loader
 * data goes through here: every number that is not whole is rounded half up to two decimals, the way the
 * page rounds it (app/text/format.ts), so that the figure shown is the same either way. Whole numbers
 * (counts, ids, years) pass unchanged.
 */
import { roundHalfUp } from "../text/format";

export const SHOWN_DECIMALS = 2;

export function toShownPrecision<T>(value: T): T {
  return roundDeep(value) as T;
}

function roundDeep(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) && !Number.isInteger(value) ? Number(roundHalfUp(value, SHOWN_DECIMALS)) : value;
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, roundDeep(item)]));
  }
  return value;
}
