// What the training scripts of the hashed logistic-regression models share: a seeded shuffle, and the weights as
// their files store them (backend/src/privacy/model-weights.ts reads them back).
import type { Random } from "./values.js";

/** Shuffles `order` in place (Fisher–Yates) from the seeded source. */
export function shuffle(order: number[], r: Random): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
}

/** The weights as the file stores them: int16 and one scale. */
export function quantise(weights: Float64Array): { scale: number; base64: string } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = Number((max / 32767).toPrecision(8));
  const bytes = Buffer.alloc(2 * weights.length);
  for (let i = 0; i < weights.length; i++) bytes.writeInt16LE(Math.round((weights[i] as number) / scale), 2 * i);
  return { scale, base64: bytes.toString("base64") };
}
