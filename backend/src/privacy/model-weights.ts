// The weights of the privacy guards' hashed logistic-regression models (the prompt-injection classifier, the
// person-name scorer), as their files store them: one int16 per weight, little-endian, base64, and one scale.

/** What every model file holds besides its thresholds. */
export interface ModelWeightsFile {
  /** The feature version the model was trained with. */
  readonly featureVersion: number;
  readonly featureBits: number;
  /** sha256 of the training and dev sets and the training options: what the weights were computed from. */
  readonly trainingSha256: string;
  readonly bias: number;
  /** Weights are `int16 * scale`. */
  readonly scale: number;
  /** The weights as little-endian int16, base64. */
  readonly weights: string;
}

/**
 * The weights of a model file, as numbers; refuses a file trained on other features than this code computes.
 * @param what The model's name, for the error.
 */
export function decodeWeights(
  file: ModelWeightsFile,
  featureVersion: number,
  featureBits: number,
  what: string,
): Float32Array {
  if (file.featureVersion !== featureVersion || file.featureBits !== featureBits) {
    // Only versions: a model file holds no text.
    throw new Error(
      `${what} has features v${file.featureVersion}/${file.featureBits} bits, this code reads v${featureVersion}/${featureBits}; retrain it`,
    );
  }
  const bytes = Buffer.from(file.weights, "base64");
  if (bytes.length !== 2 << featureBits) throw new Error(`${what} weights have the wrong size`);
  const weights = new Float32Array(1 << featureBits);
  for (let i = 0; i < weights.length; i++) weights[i] = bytes.readInt16LE(2 * i) * file.scale;
  return weights;
}
