import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { ModelPullError, pullModel, verifyModelDirectory } from "../../models/src/index.js";
import { bytes, LocalHub } from "./helpers/local-hub.js";

const REPO = "test-org/Tiny-Chat";
const WEIGHTS_Q8 = bytes(3_000_000, 7);
const FILES = {
  "config.json": '{"model_type":"llama"}',
  "generation_config.json": '{"eos_token_id":2}',
  "tokenizer.json": '{"model":{"type":"BPE"}}',
  "tokenizer_config.json": '{"chat_template":"{{ x }}"}',
  "README.md": "---\nlicense: apache-2.0\n---\n# Tiny chat\n",
  "onnx/model.onnx": bytes(1_000_000, 3),
  "onnx/model_quantized.onnx": WEIGHTS_Q8,
  "onnx/model_fp16.onnx": bytes(1000, 5),
  "unrelated/tf_model.h5": "not needed",
};

const hub = new LocalHub();
let hubUrl: string;
let commit: string;
const dirs: string[] = [];

beforeAll(async () => {
  commit = hub.addRepo(REPO, FILES);
  hubUrl = await hub.start();
});
afterAll(() => hub.stop());
afterEach(async () => {
  hub.requests.length = 0;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function destination(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "commons-pull-"));
  dirs.push(dir);
  return path.join(dir, "tiny-chat", "1.0.0");
}

describe("pullModel against a local hub", () => {
  it("downloads the files of the chosen dtype only, then writes a manifest that verifies", async () => {
    const dest = await destination();
    const progress: number[] = [];
    const result = await pullModel({
      repo: REPO,
      dtype: "q8",
      hubUrl,
      dest,
      onProgress: (p) => progress.push(p.bytes / p.total),
    });
    expect(result.commit).toBe(commit);
    expect(result.files).toEqual([
      "config.json",
      "tokenizer.json",
      "tokenizer_config.json",
      "generation_config.json",
      "README.md",
      "onnx/model_quantized.onnx",
    ]);
    expect((await readFile(path.join(dest, "onnx/model_quantized.onnx"))).equals(WEIGHTS_Q8)).toBe(true);
    await expect(stat(path.join(dest, "onnx/model.onnx"))).rejects.toThrow();
    const verified = await verifyModelDirectory(dest, { expectedHash: result.hash });
    expect(verified.manifest.files).toHaveLength(6);
    expect(progress.at(-1)).toBe(1);
    // Files are fetched at the resolved commit, not at the moving branch name.
    expect(hub.requests.some((r) => r.url.includes(`/resolve/${commit}/`))).toBe(true);
  });

  it("resumes a download cut in the middle, asking only for the missing bytes", async () => {
    const dest = await destination();
    hub.cutAfter.set("onnx/model_quantized.onnx", 1_200_000);
    const result = await pullModel({ repo: REPO, hubUrl, dest });
    const resumed = hub.requests.filter((r) => r.url.endsWith("model_quantized.onnx"));
    expect(resumed).toHaveLength(2);
    expect(resumed[0]?.range).toBeUndefined();
    const from = Number(resumed[1]?.range?.match(/^bytes=(\d+)-$/)?.[1]);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(1_200_000);
    expect((await readFile(path.join(dest, "onnx/model_quantized.onnx"))).equals(WEIGHTS_Q8)).toBe(true);
    await verifyModelDirectory(dest, { expectedHash: result.hash });
  });

  it("leaves an interrupted pull staged beside the destination, and a second pull resumes it", async () => {
    const dest = await destination();
    hub.cutAfter.set("onnx/model_quantized.onnx", 1_000_000);
    await expect(pullModel({ repo: REPO, hubUrl, dest, attempts: 1 })).rejects.toThrow(
      /Run the same pull again to resume/,
    );
    await expect(stat(dest)).rejects.toThrow();
    const partial = await stat(path.join(`${dest}.partial`, "onnx/model_quantized.onnx"));
    expect(partial.size).toBeGreaterThan(0);
    expect(partial.size).toBeLessThan(WEIGHTS_Q8.length);

    hub.requests.length = 0;
    const result = await pullModel({ repo: REPO, hubUrl, dest });
    const weights = hub.requests.filter((r) => r.url.endsWith("model_quantized.onnx"));
    expect(weights).toEqual([expect.objectContaining({ range: `bytes=${partial.size}-` })]);
    // Finished files are not fetched again.
    expect(hub.requests.some((r) => r.url.endsWith("/config.json"))).toBe(false);
    await verifyModelDirectory(dest, { expectedHash: result.hash });
    await expect(stat(`${dest}.partial`)).rejects.toThrow();
  });

  it("says which dtypes a repo has when the requested one is missing", async () => {
    const error = await pullModel({ repo: REPO, hubUrl, dtype: "q4", dest: await destination() }).catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(ModelPullError);
    expect((error as Error).message).toContain("has no onnx/model_q4.onnx for dtype q4");
    expect((error as Error).message).toContain("Available dtypes: fp32, fp16, q8");
  });

  it("reports an unknown repository, an invalid repository id and an unknown dtype", async () => {
    await expect(pullModel({ repo: "test-org/nope", hubUrl, dest: await destination() })).rejects.toThrow(
      /test-org\/nope at main was not found/,
    );
    await expect(pullModel({ repo: "../etc", hubUrl })).rejects.toThrow(/not a hub repository id/);
    await expect(pullModel({ repo: REPO, hubUrl, dtype: "q3" as never })).rejects.toThrow(/choose one of/);
  });

  it("refuses to overwrite an existing model directory", async () => {
    const dest = await destination();
    await pullModel({ repo: REPO, hubUrl, dest });
    await expect(pullModel({ repo: REPO, hubUrl, dest })).rejects.toThrow(/already exists/);
  });

  it("explains an unreachable hub", async () => {
    await expect(
      pullModel({ repo: REPO, hubUrl: "http://127.0.0.1:9", dest: await destination(), attempts: 1 }),
    ).rejects.toThrow(/cannot reach http:\/\/127\.0\.0\.1:9/);
  });
});
