// redact-pii (npm, 3.4.0) as a predictor of spans, for a like-for-like comparison. redact-pii only returns redacted
// text; to recover where each redaction was, its own rule pipeline (composeChildRedactors, the rules and the order
// its SyncRedactor runs) is run with a unique marker per rule as the replacement, and the markers are aligned back
// onto the input. Its rules map onto our categories where they mean the same thing; ZIPCODE, DIGITS, URL and
// USERNAME have no counterpart (they still count as "hidden" when they cover a gold value).
import { createRequire } from "node:module";
import type { Category } from "../../src/privacy/categories.js";
import type { PredictedSpan } from "./metrics.js";

const require = createRequire(import.meta.url);
const { composeChildRedactors } = require("redact-pii/lib/composition.js") as {
  composeChildRedactors: (options: object) => { replaceWith: string; redact(text: string): string }[];
};
const { SyncRedactor } = require("redact-pii") as { SyncRedactor: new () => { redact(text: string): string } };

/** redact-pii's rule names (its default replacement texts) and our category for each. */
export const REDACT_PII_CATEGORIES: Readonly<Record<string, Category | null>> = {
  CREDIT_CARD_NUMBER: "PAYMENT_CARD",
  STREET_ADDRESS: "STREET_ADDRESS",
  ZIPCODE: null,
  PHONE_NUMBER: "PHONE",
  IP_ADDRESS: "IP_ADDRESS",
  US_SOCIAL_SECURITY_NUMBER: "US_SSN",
  EMAIL_ADDRESS: "EMAIL",
  USERNAME: null,
  PASSWORD: "SECRET",
  CREDENTIALS: "SECRET",
  DIGITS: null,
  URL: null,
  PERSON_NAME: "PERSON_NAME",
};

/** The categories redact-pii claims to cover. */
export const REDACT_PII_CLAIMED: readonly Category[] = [
  ...new Set(Object.values(REDACT_PII_CATEGORIES).filter((category): category is Category => category !== null)),
];

const rules = composeChildRedactors({});
const categories = rules.map((rule) => REDACT_PII_CATEGORIES[rule.replaceWith] ?? null);
rules.forEach((rule, i) => {
  rule.replaceWith = `\uE000${String.fromCharCode(0xe100 + i)}\uE001`;
});
const MARKER = /\uE000([\uE100-\uE1FF])\uE001/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** redact-pii's redactions of `text` as spans, or undefined if its output could not be aligned. */
export function redactPiiSpans(text: string): PredictedSpan[] | undefined {
  let output = text;
  for (const rule of rules) output = rule.redact(output);
  const pieces: string[] = [];
  const kinds: (Category | null)[] = [];
  let cursor = 0;
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(output); match !== null; match = MARKER.exec(output)) {
    pieces.push(output.slice(cursor, match.index));
    kinds.push(categories[(match[1] as string).charCodeAt(0) - 0xe100] ?? null);
    cursor = match.index + match[0].length;
  }
  pieces.push(output.slice(cursor));
  if (kinds.length === 0) return [];
  const aligned = new RegExp(`^${pieces.map(escapeRegExp).join("([\\s\\S]+?)")}$`, "d").exec(text);
  if (aligned?.indices === undefined) return undefined;
  return kinds.map((category, i) => {
    const [start, end] = aligned.indices?.[i + 1] ?? [0, 0];
    return { category, start, end };
  });
}

/** The stock redactor, for timing. */
export const redactPii = new SyncRedactor();
