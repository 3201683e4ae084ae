// Placeholders: what the model sees instead of a value, `[<CATEGORY>_<n>]`, numbered per category within a request.
import { CATEGORIES, type Category } from "./categories.js";

/** Matches any placeholder; group 1 is the category, group 2 the number. */
export const PLACEHOLDER = new RegExp(`\\[(${CATEGORIES.join("|")})_(\\d{1,6})\\]`, "g");

/** The longest placeholder text (`[PAYMENT_CARD_999999]`). */
export const MAX_PLACEHOLDER_LENGTH = Math.max(...CATEGORIES.map((category) => category.length)) + 9;

/** The placeholder of the `n`th value of a category: `[EMAIL_1]`. */
export function formatPlaceholder(category: Category, n: number): string {
  return `[${category}_${n}]`;
}
