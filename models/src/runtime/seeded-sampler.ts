import { LogitsProcessor, type Tensor } from "@huggingface/transformers";

/** mulberry32: a small, fast PRNG; the same seed gives the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Temperature and nucleus (top-p) sampling with a random generator of the request's own. It picks the token itself
 * and leaves only that token's logit finite, so transformers.js's greedy choice then takes it: each request's
 * sampling depends on its seed alone, never on other requests running beside it (transformers.js's own sampler
 * shares one global generator).
 */
export class SeededSampler extends LogitsProcessor {
  readonly #temperature: number;
  readonly #topP: number;
  readonly #random: () => number;

  constructor(options: { temperature: number; topP: number; seed: number }) {
    super();
    this.#temperature = options.temperature;
    this.#topP = options.topP;
    this.#random = seededRandom(options.seed);
  }

  override _call(_inputIds: bigint[][], logits: Tensor): Tensor {
    const [batch, vocab] = logits.dims as [number, number];
    const data = logits.data as Float32Array;
    for (let b = 0; b < batch; b++) {
      const row = data.subarray(b * vocab, (b + 1) * vocab);
      const chosen = this.#sample(row);
      row.fill(Number.NEGATIVE_INFINITY);
      row[chosen] = 0;
    }
    return logits;
  }

  #sample(row: Float32Array): number {
    let max = Number.NEGATIVE_INFINITY;
    for (const v of row) if (v > max) max = v;
    const order: number[] = [];
    const probs = new Float64Array(row.length);
    let sum = 0;
    for (let i = 0; i < row.length; i++) {
      const p = Math.exp(((row[i] as number) - max) / this.#temperature);
      probs[i] = p;
      sum += p;
      if (p > 0) order.push(i);
    }
    order.sort((a, b) => (probs[b] as number) - (probs[a] as number) || a - b);
    // Keep the smallest set of most likely tokens whose probability reaches top-p (at least one).
    let kept = 0;
    let mass = 0;
    for (const i of order) {
      mass += (probs[i] as number) / sum;
      kept++;
      if (mass >= this.#topP) break;
    }
    let x = this.#random() * mass;
    for (let k = 0; k < kept; k++) {
      const i = order[k] as number;
      x -= (probs[i] as number) / sum;
      if (x < 0) return i;
    }
    return order[kept - 1] as number;
  }
}
