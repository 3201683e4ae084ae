// The per-request map from placeholders to the values they hide. It lives in memory for one chat request and is
// never serialised: JSON.stringify and console.log show only how many placeholders it holds.
import { inspect } from "node:util";
import type { Category } from "./categories.js";
import { foldForDetection } from "./detectors/ascii-fold.js";
import { PrivacyError } from "./errors.js";
import { formatPlaceholder, PLACEHOLDER } from "./placeholder.js";

/** `value` without separators, upper case: "4111 1111…" and "4111-1111…" give one key. */
function compact(value: string): string {
  let key = "";
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const kept = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43;
    if (kept) continue;
    key += value.slice(from, i);
    from = i + 1;
  }
  return (from === 0 ? value : key + value.slice(from)).toUpperCase();
}

/**
 * The key under which the same value, written differently ("4111 1111…" and "4111-1111…"), gets one placeholder
 * (within its category's map).
 */
function valueKey(category: Category, value: string): string {
  switch (category) {
    case "EMAIL":
      return foldForDetection(value).text.toLowerCase();
    case "PHONE":
    case "PAYMENT_CARD":
    case "IBAN":
    case "US_SSN":
      // Full-width digits and letters count as theirs ("０９０…" and "090…" are one value).
      return compact(foldForDetection(value).text);
    default:
      return value;
  }
}

/**
 * The placeholders of one request and the values behind them: the same value gets the same placeholder within the
 * session (`[EMAIL_1]` twice), different values get the next number. Create one per request, let it go (or
 * {@link RedactionSession.dispose} it) when the answer is sent.
 */
export class RedactionSession {
  /** `<category> <value key>` to placeholder (one map: most requests redact one or two values). */
  readonly #placeholders = new Map<string, string>();
  /** How many placeholders each category has so far (numbers them). */
  readonly #counts: Partial<Record<Category, number>> = {};
  readonly #originals = new Map<string, { value: string; restorable: boolean }>();
  #disposed = false;

  /** How many distinct values the session holds. */
  get size(): number {
    return this.#originals.size;
  }

  /**
   * The placeholder for a value, a new one if the session has not seen it.
   * @param restorable Whether {@link RedactionSession.restore} may put the value back: true for the member's own
   * prompt, false for values found in an answer.
   */
  placeholderFor(category: Category, value: string, restorable: boolean): string {
    this.#assertUsable();
    // A category name has no space, so "<category> <key>" keys of two categories never collide.
    const key = `${category} ${valueKey(category, value)}`;
    const existing = this.#placeholders.get(key);
    if (existing !== undefined) {
      const original = this.#originals.get(existing);
      if (original !== undefined && restorable && !original.restorable) original.restorable = true;
      return existing;
    }
    const number = (this.#counts[category] ?? 0) + 1;
    this.#counts[category] = number;
    const placeholder = formatPlaceholder(category, number);
    this.#placeholders.set(key, placeholder);
    this.#originals.set(placeholder, { value, restorable });
    return placeholder;
  }

  /** Whether `placeholder` stands for a restorable value of this session. */
  isRestorable(placeholder: string): boolean {
    return this.#originals.get(placeholder)?.restorable === true;
  }

  /** `text` with every restorable placeholder of this session replaced by its value; others stay as they are. */
  restore(text: string): string {
    this.#assertUsable();
    if (this.#originals.size === 0 || !text.includes("[")) return text;
    return text.replace(PLACEHOLDER, (placeholder) => {
      const original = this.#originals.get(placeholder);
      return original?.restorable ? original.value : placeholder;
    });
  }

  /** Forgets every value. The session cannot be used afterwards. */
  dispose(): void {
    this.#placeholders.clear();
    this.#originals.clear();
    this.#disposed = true;
  }

  /** What logging shows: counts, never values. */
  toJSON(): { placeholders: number } {
    return { placeholders: this.#originals.size };
  }

  toString(): string {
    return `RedactionSession { placeholders: ${this.#originals.size} }`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  #assertUsable(): void {
    if (this.#disposed) throw new PrivacyError("session-disposed", "The redaction session was disposed");
  }
}
