// A logistic-regression classifier for prompt injection over hashed features (prompt-injection-features.ts). Its
// weights come from a file written by backend/bench/privacy/train-injection-model.ts; this module only reads them.
// Long texts are scored by windows and the highest score wins, so that one injected paragraph in a long document
// is not diluted by the rest.
import { decodeWeights, type ModelWeightsFile } from "./model-weights.js";
import { FEATURE_BITS, FEATURE_VERSION, injectionFeatures } from "./prompt-injection-features.js";

/** The weights file, as the training script writes it. */
export interface InjectionModelFile extends ModelWeightsFile {
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
    this.#weights = decodeWeights(file, FEATURE_VERSION, FEATURE_BITS, "prompt-injection model");
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
