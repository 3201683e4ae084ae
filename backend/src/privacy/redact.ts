// One-shot redaction of a whole text (a prompt, or a complete answer).
import { CATEGORIES, type Category, type CategorySelection, categoriesOf } from "./categories.js";
import { type Detection, detect } from "./detect.js";
import { RedactionSession } from "./redaction-session.js";

/** Options of {@link redact}. */
export interface RedactOptions {
  /** Categories to redact: a policy's `redactCategories` mask or a list of names. Default: all of them. */
  readonly categories?: CategorySelection;
  /** The request's session, so that placeholders are shared across messages and answers. Default: a new one. */
  readonly session?: RedactionSession;
  /** Whether the values may be restored into the answer (the member's own prompt: yes). Default true. */
  readonly restorable?: boolean;
}

/** How many values of a category were redacted. */
export interface Finding {
  readonly category: Category;
  readonly count: number;
}

/** A redacted text and what was redacted: categories and counts, never values or positions. */
export interface RedactionResult {
  readonly text: string;
  readonly findings: readonly Finding[];
}

/** The position of each category in bit order. */
const CATEGORY_INDEX: Readonly<Record<Category, number>> = Object.fromEntries(
  CATEGORIES.map((category, i) => [category, i]),
) as Record<Category, number>;

/** Counts per category, in bit order. */
export function countFindings(categories: Iterable<Category>): Finding[] {
  const counts = new Array<number>(CATEGORIES.length).fill(0);
  for (const category of categories) counts[CATEGORY_INDEX[category]] = (counts[CATEGORY_INDEX[category]] ?? 0) + 1;
  const findings: Finding[] = [];
  for (let i = 0; i < CATEGORIES.length; i++) {
    const count = counts[i] as number;
    if (count > 0) findings.push({ category: CATEGORIES[i] as Category, count });
  }
  return findings;
}

function categoryOf(detection: Detection): Category {
  return detection.category;
}

/**
 * Replaces the sensitive values of `text` with typed placeholders (`[EMAIL_1]`, `[PHONE_1]`); the session keeps the
 * values so that {@link RedactionSession.restore} can put them back.
 * @throws {PrivacyError} `unknown-categories` for a mask or a name that is not a category.
 */
export function redact(text: string, options: RedactOptions = {}): RedactionResult {
  const categories = options.categories === undefined ? CATEGORIES : categoriesOf(options.categories);
  const detections = detect(text, categories);
  if (detections.length === 0) return { text, findings: [] };
  const session = options.session ?? new RedactionSession();
  const restorable = options.restorable ?? true;
  let redacted = "";
  let cursor = 0;
  for (const { category, start, end } of detections) {
    redacted += text.slice(cursor, start) + session.placeholderFor(category, text.slice(start, end), restorable);
    cursor = end;
  }
  redacted += text.slice(cursor);
  return { text: redacted, findings: countFindings(detections.map(categoryOf)) };
}
