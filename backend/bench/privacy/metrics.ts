// Span-level scores: a gold value counts as found when a predicted span of the same category overlaps it; a
// predicted span is correct when it overlaps a gold value of its category.
import { CATEGORIES, type Category } from "../../src/privacy/categories.js";
import { detect } from "../../src/privacy/detect.js";
import type { GoldSpan, LabelledMessage } from "./corpus.js";

/** A predicted span; `category` null for a redaction outside our categories (redact-pii's `DIGITS`, `URL`). */
export interface PredictedSpan {
  readonly category: Category | null;
  readonly start: number;
  readonly end: number;
}

export interface CategoryScore {
  /** Gold values. */
  gold: number;
  /** Gold values overlapped by a prediction of their category. */
  found: number;
  /** Gold values overlapped by any prediction (the value is hidden, whatever the label). */
  hidden: number;
  /** Predictions. */
  predicted: number;
  /** Predictions that overlap a gold value of their category. */
  correct: number;
}

export interface Rates {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function emptyScore(): CategoryScore {
  return { gold: 0, found: 0, hidden: 0, predicted: 0, correct: 0 };
}

/** Adds one message's gold and predicted spans to the per-category scores. */
export function scoreMessage(
  scores: Map<Category, CategoryScore>,
  gold: readonly GoldSpan[],
  predicted: readonly PredictedSpan[],
): void {
  const score = (category: Category) => {
    let s = scores.get(category);
    if (s === undefined) {
      s = emptyScore();
      scores.set(category, s);
    }
    return s;
  };
  for (const span of gold) {
    const s = score(span.category);
    s.gold++;
    if (predicted.some((p) => p.category === span.category && overlaps(p, span))) s.found++;
    if (predicted.some((p) => overlaps(p, span))) s.hidden++;
  }
  for (const span of predicted) {
    if (span.category === null) continue;
    const s = score(span.category);
    s.predicted++;
    if (gold.some((g) => g.category === span.category && overlaps(g, span))) s.correct++;
  }
}

/** Our detector as a predictor. */
export function ourPredictor(text: string): PredictedSpan[] {
  return detect(text, CATEGORIES);
}

/** Scores a predictor on a corpus. */
export function scoreCorpus(
  messages: readonly LabelledMessage[],
  predict: (text: string) => readonly PredictedSpan[],
): Map<Category, CategoryScore> {
  const scores = new Map<Category, CategoryScore>();
  for (const message of messages) scoreMessage(scores, message.spans, predict(message.text));
  return scores;
}

export function rates(score: CategoryScore): Rates {
  const precision = score.predicted === 0 ? 1 : score.correct / score.predicted;
  const recall = score.gold === 0 ? 1 : score.found / score.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** The sum of several categories' scores. */
export function total(scores: Iterable<CategoryScore>): CategoryScore {
  const sum = emptyScore();
  for (const s of scores) {
    sum.gold += s.gold;
    sum.found += s.found;
    sum.hidden += s.hidden;
    sum.predicted += s.predicted;
    sum.correct += s.correct;
  }
  return sum;
}
