// Trains the person-name scorer: logistic regression over the hashed features of
// backend/src/privacy/detectors/person-name-features.ts, on the runs the rules leave to it in the training set
// (name-training-set.ts), by stochastic gradient descent from a fixed seed, so the same sets and options give the
// same weights, byte for byte. Its two thresholds are chosen on the dev set, never on a split that measures it.
import { createHash } from "node:crypto";
import { type NameCandidate, personNameCandidates } from "../../src/privacy/detectors/person-name.js";
import {
  NAME_FEATURE_BITS,
  NAME_FEATURE_VERSION,
  wordFeatures,
} from "../../src/privacy/detectors/person-name-features.js";
import { type NameModelFile, NameScorer } from "../../src/privacy/detectors/person-name-model.js";
import { PRECISION_AIM } from "./aims.js";
import type { LabelledMessage } from "./corpus.js";
import { quantise, shuffle } from "./model-training.js";
import type { NameTrainingSets } from "./name-training-set.js";
import { Random } from "./values.js";

export interface NameTrainingOptions {
  readonly seed: number;
  readonly epochs: number;
  /** The step size of the first epoch; it decays as 1 / (1 + epoch). */
  readonly learningRate: number;
  /** L2 penalty on the weights a candidate touches. */
  readonly l2: number;
  /**
   * How often an example is seen without the words around it: templates make context words too telling, and the
   * words of the run itself must carry a name the scorer has never seen in a sentence it has never seen.
   */
  readonly contextDropout: number;
  /**
   * The share of the dev set's names accepted by capitals that the scorer must keep: the threshold is the highest
   * that keeps this many. The dev set holds far more product names made of uncommon words than chat does, so its
   * best F1 would drop names that real messages are mostly made of.
   */
  readonly keepRecall: number;
  /**
   * The precision that the runs the scorer adds must have on the dev set: the threshold for adding is the lowest at
   * which they do. Added runs are what the rules found no evidence for; they must not pull the detector's precision
   * below the aim (PRECISION_AIM). With the large name lexicon the rules settle most names, the runs left to add are
   * the hard ones, and the best F-beta threshold there accepted runs of which only 72% were names.
   */
  readonly addPrecision: number;
}

export const NAME_TRAINING_OPTIONS: NameTrainingOptions = {
  seed: 20_240_611,
  epochs: 12,
  learningRate: 0.05,
  l2: 1e-3,
  contextDropout: 0.5,
  keepRecall: 0.95,
  addPrecision: PRECISION_AIM,
};

/** What the weights are computed from: the sets, the feature version and the options. */
export function nameTrainingSha256(
  sets: NameTrainingSets,
  options: NameTrainingOptions = NAME_TRAINING_OPTIONS,
): string {
  return createHash("sha256")
    .update(
      JSON.stringify({ NAME_FEATURE_VERSION, NAME_FEATURE_BITS, options, training: sets.training, dev: sets.dev }),
    )
    .digest("hex");
}

/** A candidate with its label: whether it overlaps a labelled name. */
export interface LabelledCandidate extends NameCandidate {
  readonly label: 0 | 1;
}

/** The candidates the rules leave to the scorer in `messages`, labelled. */
export function labelledCandidates(messages: readonly LabelledMessage[]): LabelledCandidate[] {
  const out: LabelledCandidate[] = [];
  for (const message of messages) {
    const names = message.spans.filter((span) => span.category === "PERSON_NAME");
    for (const candidate of personNameCandidates(message.text)) {
      const label = names.some((name) => name.start < candidate.end && candidate.start < name.end) ? 1 : 0;
      out.push({ ...candidate, label });
    }
  }
  return out;
}

/** Logistic regression by SGD; names and non-names weigh the same in total. */
function fitLogisticRegression(
  examples: readonly LabelledCandidate[],
  options: NameTrainingOptions,
): { weights: Float64Array; bias: number } {
  const positives = examples.filter((example) => example.label === 1).length;
  const classWeight = [examples.length / (2 * (examples.length - positives)), examples.length / (2 * positives)];
  const weights = new Float64Array(1 << NAME_FEATURE_BITS);
  let bias = 0;
  const r = new Random(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, r);
    const rate = options.learningRate / (1 + epoch);
    for (const i of order) {
      const example = examples[i] as LabelledCandidate;
      const { label } = example;
      const features = r.chance(options.contextDropout) ? wordFeatures(example.features) : example.features;
      let z = bias;
      for (const index of features) z += weights[index] as number;
      const gradient = (1 / (1 + Math.exp(-z)) - label) * (classWeight[label] as number);
      for (const index of features) {
        const w = weights[index] as number;
        weights[index] = w - rate * (gradient + options.l2 * w);
      }
      bias -= rate * gradient;
    }
  }
  return { weights, bias };
}

/**
 * The lowest threshold at which the candidates of `scored` accepted at or above it have at least `precision`; above
 * every score (nothing accepted) when no threshold reaches it.
 */
export function thresholdForPrecision(
  scored: readonly { readonly score: number; readonly label: 0 | 1 }[],
  precision: number,
): { threshold: number; precision: number; recall: number } {
  const sorted = [...scored].sort((a, b) => b.score - a.score);
  const total = sorted.filter((item) => item.label === 1).length;
  let best = { threshold: 1, precision: 1, recall: 0 };
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; i++) {
    const item = sorted[i] as (typeof sorted)[number];
    if (item.label === 1) tp++;
    else fp++;
    // Only between distinct scores.
    if (i + 1 < sorted.length && (sorted[i + 1] as (typeof sorted)[number]).score === item.score) continue;
    const accepted = tp / (tp + fp);
    if (accepted >= precision)
      best = { threshold: item.score, precision: accepted, recall: total === 0 ? 1 : tp / total };
  }
  // Rounded down, so that the candidate at the boundary stays accepted; 1 (no sigmoid reaches it) accepts nothing.
  return { ...best, threshold: best.recall === 0 ? 1 : Math.floor(best.threshold * 1e6) / 1e6 };
}

/** The highest threshold at which at least `recall` of the names in `scored` score at or above it. */
export function thresholdForRecall(
  scored: readonly { readonly score: number; readonly label: 0 | 1 }[],
  recall: number,
): { threshold: number } {
  const names = scored
    .filter((item) => item.label === 1)
    .map((item) => item.score)
    .sort((a, b) => b - a);
  const needed = Math.ceil(recall * names.length);
  const score = names[Math.max(needed - 1, 0)] ?? 0;
  // Rounded down, so that the name at the boundary stays kept.
  return { threshold: Math.floor(score * 1e6) / 1e6 };
}

/** Trains on `sets.training`, chooses the thresholds on `sets.dev`. */
export function trainNameModel(
  sets: NameTrainingSets,
  options: NameTrainingOptions = NAME_TRAINING_OPTIONS,
): NameModelFile {
  const { weights, bias } = fitLogisticRegression(labelledCandidates(sets.training), options);
  const { scale, base64 } = quantise(weights);
  const file: NameModelFile = {
    featureVersion: NAME_FEATURE_VERSION,
    featureBits: NAME_FEATURE_BITS,
    trainingSha256: nameTrainingSha256(sets, options),
    bias: Number(bias.toPrecision(8)),
    scale,
    weights: base64,
    keepThreshold: 0,
    addThreshold: 1,
  };
  // The thresholds are chosen with the quantised weights, the ones detection uses.
  const scorer = new NameScorer(file);
  // As detection scores them: runs accepted by capitals on their own words (person-name.ts).
  const dev = labelledCandidates(sets.dev).map((candidate) => ({
    byCapitals: candidate.byCapitals,
    score: scorer.score(candidate.byCapitals ? wordFeatures(candidate.features) : candidate.features),
    label: candidate.label,
  }));
  const keep = thresholdForRecall(
    dev.filter((item) => item.byCapitals),
    options.keepRecall,
  );
  const add = thresholdForPrecision(
    dev.filter((item) => !item.byCapitals),
    options.addPrecision,
  );
  return { ...file, keepThreshold: keep.threshold, addThreshold: add.threshold };
}
