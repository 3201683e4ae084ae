// A logistic-regression classifier for prompt injection over hashed features (prompt-injection-features.ts). Its
// weights come from a file written by backend/bench/privacy/train-injection-model.ts; this module only reads them.
// Long texts are scored by windows and the highest score wins, so that one injected paragraph in a long document
// is not diluted by the rest.
import { FEATURE_BITS, FEATURE_VERSION, injectionFeatures } from "./prompt-injection-features.js";

/** The weights file, as the training script writes it. */
export interface InjectionModelFile {
  /** The {@link FEATURE_VERSION} the model was trained with. */
  readonly featureVersion: number;
  readonly featureBits: number;
  /** sha256 of the training and dev sets and the training options: what the weights were computed from. */
  readonly trainingSha256: string;
  readonly bias: number;
  /** Weights are `int16 * scale`. */
  readonly scale: number;
  /** The weights as little-endian int16, base64. */
  readonly weights: string;
  /** Scores at or above this count as an injection; chosen on the dev set. */
  readonly threshold: number;
}

/** Characters per window, and the step between windows (they overlap by half). */
const WINDOW = 512;
const STEP = 256;

export class InjectionClassifier {
  readonly threshold: number;
  readonly #bias: number;
  readonly #weights: Float32Array;

  constructor(file: InjectionModelFile) {
    if (file.featureVersion !== FEATURE_VERSION || file.featureBits !== FEATURE_BITS) {
      // Only versions: a model file holds no prompt text.
      throw new Error(
        `prompt-injection model has features v${file.featureVersion}/${file.featureBits} bits, this code reads v${FEATURE_VERSION}/${FEATURE_BITS}; retrain it`,
      );
    }
    const bytes = Buffer.from(file.weights, "base64");
    if (bytes.length !== 2 << FEATURE_BITS) throw new Error("prompt-injection model weights have the wrong size");
    this.#weights = new Float32Array(1 << FEATURE_BITS);
    for (let i = 0; i < this.#weights.length; i++) this.#weights[i] = bytes.readInt16LE(2 * i) * file.scale;
    this.#bias = file.bias;
    this.threshold = file.threshold;
  }

  /** The probability that `text` (short, one window) is an injection. */
  scoreWindow(text: string): number {
    const { indices, values } = injectionFeatures(text);
    let z = this.#bias;
    for (let i = 0; i < indices.length; i++)
      z += (this.#weights[indices[i] as number] as number) * (values[i] as number);
    return 1 / (1 + Math.exp(-z));
  }

  /** The highest window score of `text`. */
  score(text: string): number {
    if (text.length <= WINDOW) return this.scoreWindow(text);
    let best = 0;
    for (let start = 0; start < text.length - STEP; start += STEP) {
      best = Math.max(best, this.scoreWindow(text.slice(start, start + WINDOW)));
      if (best >= this.threshold) break;
    }
    return best;
  }
}
