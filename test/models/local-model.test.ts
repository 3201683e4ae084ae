import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import {
  type ChatMessage,
  GenerationOptionsError,
  type LocalModel,
  loadModel,
  ModelUnloadedError,
  ModelVerificationError,
  verifyModelDirectory,
} from "../../models/src/index.js";

// The bundled models, as committed. Their hashes are read from their manifests and checked by verification.
const V1 = path.resolve("models/commons-chat/1.0.0");
const V11 = path.resolve("models/commons-chat/1.1.0");
const QUESTION: ChatMessage[] = [{ role: "user", content: "How do I delegate my voting power?" }];
const QUESTIONS: ChatMessage[][] = [
  QUESTION,
  [{ role: "user", content: "What does a redaction placeholder like [EMAIL_1] mean?" }],
  [{ role: "user", content: "How can I vote on a proposal?" }],
  [{ role: "user", content: "What is the guardian?" }],
];

let model: LocalModel;

beforeAll(async () => {
  const { hash } = await verifyModelDirectory(V1);
  model = await loadModel(V1, { expectedHash: hash, maxConcurrent: 1 });
});
afterAll(() => model.unload());

async function collect(stream: AsyncIterable<{ text: string }>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(chunk.text);
  return chunks;
}

describe("a loaded bundled model", () => {
  it("describes itself", () => {
    expect(model.info.modelType).toBe("llama");
    expect(model.info.dtype).toBe("fp32");
    expect(model.info.hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(model.info.contextLength).toBeGreaterThan(64);
  });

  it("streams an answer whose chunks add up to the result, with token counts", async () => {
    const stream = model.generate(QUESTION, { maxNewTokens: 48 });
    const chunks = await collect(stream);
    const result = await stream.result;
    expect(chunks.join("")).toBe(result.text);
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.promptTokens).toBe(model.countPromptTokens(QUESTION));
    expect(result.completionTokens).toBeGreaterThan(0);
    expect(result.completionTokens).toBeLessThanOrEqual(48);
    expect(["stop", "length"]).toContain(result.finishReason);
  });

  it("answers a question about the platform sensibly", async () => {
    const { text } = await model.generate(QUESTION, { maxNewTokens: 48 }).result;
    expect(text.toLowerCase()).toContain("delegate");
  });

  it("stops at maxNewTokens with finishReason length", async () => {
    const result = await model.generate(QUESTION, { maxNewTokens: 3 }).result;
    expect(result.completionTokens).toBe(3);
    expect(result.finishReason).toBe("length");
  });

  it("gives identical greedy answers alone and under concurrency", async () => {
    const alone: string[] = [];
    for (const q of QUESTIONS) alone.push((await model.generate(q, { maxNewTokens: 32 }).result).text);
    const together = await Promise.all(QUESTIONS.map((q) => model.generate(q, { maxNewTokens: 32 }).result));
    expect(together.map((r) => r.text)).toEqual(alone);

    const parallel = await loadModel(V1, { maxConcurrent: 4 });
    try {
      const interleaved = await Promise.all(QUESTIONS.map((q) => parallel.generate(q, { maxNewTokens: 32 }).result));
      expect(interleaved.map((r) => r.text)).toEqual(alone);
    } finally {
      await parallel.unload();
    }
  });

  it("samples reproducibly from a seed", async () => {
    const options = { maxNewTokens: 24, temperature: 1.2, topP: 0.95 };
    const a = await model.generate(QUESTION, { ...options, seed: 11 }).result;
    const b = await model.generate(QUESTION, { ...options, seed: 11 }).result;
    expect(b.text).toBe(a.text);
    const others = await Promise.all([12, 13, 14].map((seed) => model.generate(QUESTION, { ...options, seed }).result));
    expect(others.some((r) => r.text !== a.text)).toBe(true);
  });

  it("ends before a stop sequence and leaves it out", async () => {
    const { text } = await model.generate(QUESTION, { maxNewTokens: 48 }).result;
    const word = text.trim().split(/\s+/)[1] as string;
    const cut = await model.generate(QUESTION, { maxNewTokens: 48, stop: [word] }).result;
    expect(cut.finishReason).toBe("stop");
    expect(cut.text).toBe(text.slice(0, text.indexOf(word)));
  });

  it("stops promptly when aborted", async () => {
    const controller = new AbortController();
    const stream = model.generate(QUESTION, { maxNewTokens: 200, signal: controller.signal });
    let tokensAtAbort = 0;
    for await (const _chunk of stream) {
      tokensAtAbort++;
      if (tokensAtAbort === 2) controller.abort();
    }
    const result = await stream.result;
    expect(result.finishReason).toBe("abort");
    // At most the token being computed when the signal fired comes after it.
    expect(result.completionTokens).toBeLessThanOrEqual(tokensAtAbort + 2);
  });

  it("generates nothing for a request whose signal was aborted before the call", async () => {
    const result = await model.generate(QUESTION, { maxNewTokens: 16, signal: AbortSignal.abort() }).result;
    expect(result).toMatchObject({ finishReason: "abort", completionTokens: 0 });
  });

  it("drops a request aborted while it waits in the queue", async () => {
    const controller = new AbortController();
    const first = model.generate(QUESTION, { maxNewTokens: 16 });
    const second = model.generate(QUESTION, { maxNewTokens: 16, signal: controller.signal });
    controller.abort();
    expect((await second.result).finishReason).toBe("abort");
    expect((await second.result).completionTokens).toBe(0);
    await first.result;
  });

  it("rejects invalid options with a clear error", () => {
    expect(() => model.generate(QUESTION, { maxNewTokens: 0 })).toThrow(GenerationOptionsError);
    expect(() => model.generate(QUESTION, { temperature: -1 })).toThrow(/temperature/);
    expect(() => model.generate(QUESTION, { topP: 0 })).toThrow(/topP/);
    expect(() => model.generate(QUESTION, { stop: [""] })).toThrow(/stop/);
    expect(() => model.generate([], {})).toThrow(/at least one message/);
  });
});

describe("loading and unloading", () => {
  it("loads a second version beside the first, each answering with its own weights", async () => {
    const other = await loadModel(V11);
    try {
      expect(other.info.hash).not.toBe(model.info.hash);
      const [a, b] = await Promise.all([
        model.generate(QUESTION, { maxNewTokens: 24 }).result,
        other.generate(QUESTION, { maxNewTokens: 24 }).result,
      ]);
      expect(a.text.length).toBeGreaterThan(0);
      expect(b.text.length).toBeGreaterThan(0);
    } finally {
      await other.unload();
    }
  });

  it("refuses a copy with one changed byte in its weights", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "commons-tampered-"));
    try {
      await cp(V1, dir, { recursive: true });
      const weights = path.join(dir, "onnx", "model.onnx");
      const bytes = await readFile(weights);
      bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0x80;
      await writeFile(weights, bytes);
      const error = await loadModel(dir, { expectedHash: model.info.hash }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(ModelVerificationError);
      expect((error as ModelVerificationError).file).toBe("onnx/model.onnx");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses files that are another version than the expected hash", async () => {
    const { hash } = await verifyModelDirectory(V11);
    await expect(loadModel(V1, { expectedHash: hash })).rejects.toMatchObject({ code: "HASH_MISMATCH" });
  });

  it("unloads: queued requests fail, a running one ends with ModelUnloadedError when aborted, new ones fail", async () => {
    const doomed = await loadModel(V1);
    const running = doomed.generate(QUESTION, { maxNewTokens: 200 });
    const queued = doomed.generate(QUESTION, { maxNewTokens: 8 });
    for await (const _chunk of running) break; // it has started
    await doomed.unload({ reason: "revoked on chain", abortInFlight: true });
    await expect(running.result).rejects.toBeInstanceOf(ModelUnloadedError);
    await expect(queued.result).rejects.toThrow(/unloaded: revoked on chain/);
    await expect(doomed.generate(QUESTION).result).rejects.toBeInstanceOf(ModelUnloadedError);
    expect(doomed.loaded).toBe(false);
  });

  it("lets running requests finish when unloaded without abortInFlight", async () => {
    const retiring = await loadModel(V1);
    const running = retiring.generate(QUESTION, { maxNewTokens: 8 });
    await new Promise((r) => setTimeout(r, 0));
    await retiring.unload();
    expect((await running.result).completionTokens).toBeGreaterThan(0);
  });
});
