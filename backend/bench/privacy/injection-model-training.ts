// Trains the prompt-injection classifier: logistic regression over the hashed features of
// backend/src/privacy/prompt-injection-features.ts, by stochastic gradient descent from a fixed seed, so the same sets
// and options give the same weights, byte for byte. The threshold is chosen on the dev set, never on the held-out one.
import { createHash } from "node:crypto";
import { InjectionClassifier, type InjectionModelFile } from "../../src/privacy/prompt-injection-classifier.js";
import { FEATURE_BITS, FEATURE_VERSION, injectionFeatures } from "../../src/privacy/prompt-injection-features.js";
import { matchPatternRules } from "../../src/privacy/prompt-injection-rules.js";
import type { LabelledPrompt } from "./injection-corpus.js";
import type { InjectionSets } from "./injection-training-set.js";
import { quantise, shuffle } from "./model-training.js";
import { Random } from "./values.js";

export interface TrainingOptions {
  readonly seed: number;
  readonly epochs: number;
  /** The step size of the first epoch; it decays as 1 / (1 + epoch). */
  readonly learningRate: number;
  /** L2 penalty on the weights a prompt touches. */
  readonly l2: number;
  /** The highest share of dev benign prompts that rules and classifier together may flag. */
  readonly maxFalsePositiveRate: number;
}

export const TRAINING_OPTIONS: TrainingOptions = {
  seed: 20240605,
  epochs: 30,
  // Chosen on the dev set, with the feature weights.
  learningRate: 2,
  l2: 1e-3,
  maxFalsePositiveRate: 0.02,
};

/** What the weights are computed from: the sets, the feature version and the options. */
export function trainingSha256(sets: InjectionSets, options: TrainingOptions = TRAINING_OPTIONS): string {
  return createHash("sha256")
    .update(JSON.stringify({ FEATURE_VERSION, FEATURE_BITS, options, training: sets.training, dev: sets.dev }))
    .digest("hex");
}

/** Logistic regression by SGD; positives and negatives weigh the same in total. */
function fitLogisticRegression(
  prompts: readonly LabelledPrompt[],
  options: TrainingOptions,
): { weights: Float64Array; bias: number } {
  const examples = prompts.map((prompt) => ({ ...injectionFeatures(prompt.text), label: prompt.injection ? 1 : 0 }));
  const positives = examples.filter((example) => example.label === 1).length;
  const classWeight = [examples.length / (2 * (examples.length - positives)), examples.length / (2 * positives)];
  const weights = new Float64Array(1 << FEATURE_BITS);
  let bias = 0;
  const r = new Random(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, r);
    const rate = options.learningRate / (1 + epoch);
    for (const i of order) {
      const { indices, values, label } = examples[i] as (typeof examples)[number];
      let z = bias;
      for (let k = 0; k < indices.length; k++) z += (weights[indices[k] as number] as number) * (values[k] as number);
      const gradient = (1 / (1 + Math.exp(-z)) - label) * (classWeight[label] as number);
      for (let k = 0; k < indices.length; k++) {
        const index = indices[k] as number;
        const w = weights[index] as number;
        weights[index] = w - rate * (gradient * (values[k] as number) + options.l2 * w);
      }
      bias -= rate * gradient;
    }
  }
  return { weights, bias };
}

/**
 * The lowest threshold at which rules and classifier together flag at most `maxFalsePositiveRate` of the dev set's
 * benign prompts: recall is what a lower threshold buys, and members refused by mistake what it costs.
 */
export function chooseThreshold(
  classifier: InjectionClassifier,
  dev: readonly LabelledPrompt[],
  maxFalsePositiveRate: number,
): number {
  const benign = dev.filter((prompt) => !prompt.injection);
  const allowed = Math.floor(maxFalsePositiveRate * benign.length);
  const clean = benign.filter((prompt) => matchPatternRules(prompt.text).length === 0);
  const byRules = benign.length - clean.length;
  const scores = clean.map((prompt) => classifier.score(prompt.text)).sort((a, b) => b - a);
  // The classifier may add `allowed - byRules` flags; the threshold sits just above the next benign score.
  const next = scores[Math.max(allowed - byRules, 0)] ?? 0;
  return Math.min(Number((next + 1e-6).toFixed(6)), 0.999999);
}

/** Trains on `sets.training`, chooses the threshold on `sets.dev`. */
export function trainInjectionModel(
  sets: InjectionSets,
  options: TrainingOptions = TRAINING_OPTIONS,
): InjectionModelFile {
  const { weights, bias } = fitLogisticRegression(sets.training, options);
  const { scale, base64 } = quantise(weights);
  const file: InjectionModelFile = {
    featureVersion: FEATURE_VERSION,
    featureBits: FEATURE_BITS,
    trainingSha256: trainingSha256(sets, options),
    bias: Number(bias.toPrecision(8)),
    scale,
    weights: base64,
    threshold: 1,
  };
  // The threshold is chosen with the quantised weights, the ones detection uses.
  return { ...file, threshold: chooseThreshold(new InjectionClassifier(file), sets.dev, options.maxFalsePositiveRate) };
}
