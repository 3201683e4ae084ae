// A logistic-regression scorer for candidate person names (features in person-name-features.ts). Its weights come
// from a file written by backend/bench/privacy/train-name-model.ts; person-name.ts reads it once, at import.
import { decodeWeights, type ModelWeightsFile } from "../model-weights.js";
import { NAME_FEATURE_BITS, NAME_FEATURE_VERSION } from "./person-name-features.js";

/** The weights file, as the training script writes it. */
export interface NameModelFile extends ModelWeightsFile {
  /** A run the rules accept on capitalisation alone stays a name only if it scores at least this. */
  readonly keepThreshold: number;
  /** A run the rules do not accept becomes a name if it scores at least this. */
  readonly addThreshold: number;
}

export class NameScorer {
  readonly keepThreshold: number;
  readonly addThreshold: number;
  readonly #bias: number;
  readonly #weights: Float32Array;

  constructor(file: NameModelFile) {
    this.#weights = decodeWeights(file, NAME_FEATURE_VERSION, NAME_FEATURE_BITS, "person-name model");
    this.#bias = file.bias;
    this.keepThreshold = file.keepThreshold;
    this.addThreshold = file.addThreshold;
  }

  /** The probability that the candidate with these features is a person's name. */
  score(features: readonly number[]): number {
    let z = this.#bias;
    for (let i = 0; i < features.length; i++) z += this.#weights[features[i] as number] as number;
    return 1 / (1 + Math.exp(-z));
  }
}

/** The committed weights file. */
export const NAME_MODEL_FILE = new URL("./person-name-model.json", import.meta.url);
