import { Tensor } from "@huggingface/transformers";
import { describe, expect, it } from "@jest/globals";
import { SeededSampler, seededRandom } from "../../models/src/runtime/seeded-sampler.js";

function pick(sampler: SeededSampler, logits: number[]): number {
  const tensor = new Tensor("float32", Float32Array.from(logits), [1, logits.length]);
  const out = sampler._call([[]], tensor).data as Float32Array;
  const kept = [...out].flatMap((v, i) => (v === 0 ? [i] : []));
  expect([...out].filter((v) => v !== Number.NEGATIVE_INFINITY)).toHaveLength(1);
  return kept[0] as number;
}

describe("SeededSampler", () => {
  it("gives the same tokens for the same seed, and others for another seed", () => {
    const logits = [1, 1.2, 0.8, 1.1, 0.9, 1.05];
    const run = (seed: number) => {
      const sampler = new SeededSampler({ temperature: 1, topP: 1, seed });
      return Array.from({ length: 40 }, () => pick(sampler, logits));
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it("samples in proportion to the softmax at temperature 1", () => {
    const sampler = new SeededSampler({ temperature: 1, topP: 1, seed: 7 });
    const logits = [Math.log(0.7), Math.log(0.2), Math.log(0.1)];
    const counts = [0, 0, 0];
    for (let i = 0; i < 5000; i++) {
      const token = pick(sampler, logits);
      counts[token] = (counts[token] ?? 0) + 1;
    }
    expect((counts[0] as number) / 5000).toBeCloseTo(0.7, 1);
    expect((counts[2] as number) / 5000).toBeCloseTo(0.1, 1);
  });

  it("keeps only the nucleus with top-p", () => {
    const sampler = new SeededSampler({ temperature: 1, topP: 0.75, seed: 1 });
    const logits = [Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)];
    const seen = new Set(Array.from({ length: 2000 }, () => pick(sampler, logits)));
    expect([...seen].sort()).toEqual([0, 1]);
  });

  it("becomes greedy as the temperature approaches zero", () => {
    const sampler = new SeededSampler({ temperature: 0.01, topP: 1, seed: 3 });
    const picks = new Set(Array.from({ length: 200 }, () => pick(sampler, [0.1, 2, 1.9, -1])));
    expect([...picks]).toEqual([1]);
  });

  it("draws uniformly from [0, 1)", () => {
    const random = seededRandom(123);
    const values = Array.from({ length: 10_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(0.5, 1);
  });
});
