import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import {
  buildManifest,
  canonicalManifestBytes,
  loadModel,
  MANIFEST_FORMAT,
  ModelConfigError,
  ModelVerificationError,
  manifestHash,
  verifyModelDirectory,
  writeManifest,
} from "../../models/src/index.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A model-shaped directory with small files; `order` decides the order in which files are created. */
async function modelDir(files: Record<string, string>, order = Object.keys(files)): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "commons-manifest-"));
  dirs.push(dir);
  for (const name of order) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), files[name] as string);
  }
  return dir;
}

const FILES = {
  "config.json": '{"model_type":"llama"}',
  "generation_config.json": '{"max_length":64}',
  "tokenizer.json": '{"model":{"type":"BPE"}}',
  "tokenizer_config.json": '{"chat_template":"{{ messages }}"}',
  "onnx/model.onnx": "weights \u0000\u0001\u0002",
};

async function expectVerificationError(promise: Promise<unknown>, code: string, file?: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelVerificationError);
  expect((error as ModelVerificationError).code).toBe(code);
  if (file !== undefined) {
    expect((error as ModelVerificationError).file).toBe(file);
    expect((error as Error).message).toContain(file);
  }
}

describe("canonical manifest", () => {
  it("lists every file with its size and sha256, sorted by path", async () => {
    const dir = await modelDir(FILES);
    const manifest = await buildManifest(dir);
    expect(manifest.format).toBe(MANIFEST_FORMAT);
    expect(manifest.files.map((f) => f.path)).toEqual([
      "config.json",
      "generation_config.json",
      "onnx/model.onnx",
      "tokenizer.json",
      "tokenizer_config.json",
    ]);
    const onnx = manifest.files.find((f) => f.path === "onnx/model.onnx");
    expect(onnx?.size).toBe(Buffer.byteLength(FILES["onnx/model.onnx"]));
    expect(onnx?.sha256).toBe(createHash("sha256").update(FILES["onnx/model.onnx"]).digest("hex"));
  });

  it("has bytes and a hash that do not depend on the order files were written or listed", async () => {
    const a = await buildManifest(await modelDir(FILES));
    const b = await buildManifest(await modelDir(FILES, Object.keys(FILES).reverse()));
    expect(canonicalManifestBytes(a).equals(canonicalManifestBytes(b))).toBe(true);
    const shuffled = { ...a, files: [...a.files].reverse() };
    expect(manifestHash(shuffled)).toBe(manifestHash(a));
    expect(manifestHash(a)).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("is compact JSON with a fixed key order, and its hash is the sha256 of manifest.json", async () => {
    const dir = await modelDir({ "a.json": "{}" });
    const { hash } = await writeManifest(dir);
    const raw = await readFile(path.join(dir, "manifest.json"));
    expect(raw.toString()).toBe(
      `{"format":"${MANIFEST_FORMAT}","files":[{"path":"a.json","size":2,"sha256":"${createHash("sha256").update("{}").digest("hex")}"}]}`,
    );
    expect(hash).toBe(`0x${createHash("sha256").update(raw).digest("hex")}`);
  });

  it("gives the same hash on every run over the same files", async () => {
    const dir = await modelDir(FILES);
    const first = await writeManifest(dir);
    const second = await writeManifest(dir);
    expect(second.hash).toBe(first.hash);
  });

  it("refuses a directory with a symbolic link", async () => {
    const dir = await modelDir(FILES);
    await symlink("/etc/hostname", path.join(dir, "link.json"));
    await expect(buildManifest(dir)).rejects.toThrow(/link.json .* not a regular file/);
  });
});

describe("verifyModelDirectory", () => {
  it("accepts an untouched directory and returns its hash", async () => {
    const dir = await modelDir(FILES);
    const { hash } = await writeManifest(dir);
    await expect(verifyModelDirectory(dir, { expectedHash: hash })).resolves.toMatchObject({ hash });
  });

  it.each(Object.keys(FILES))("refuses one changed byte in %s, naming it", async (file) => {
    const dir = await modelDir(FILES);
    const { hash } = await writeManifest(dir);
    const full = path.join(dir, file);
    const bytes = await readFile(full);
    bytes[0] = (bytes[0] as number) ^ 0x01;
    await writeFile(full, bytes);
    await expectVerificationError(verifyModelDirectory(dir, { expectedHash: hash }), "FILE_HASH_MISMATCH", file);
  });

  it("refuses a file whose size changed", async () => {
    const dir = await modelDir(FILES);
    await writeManifest(dir);
    await writeFile(path.join(dir, "config.json"), `${FILES["config.json"]} `);
    await expectVerificationError(verifyModelDirectory(dir), "FILE_SIZE_MISMATCH", "config.json");
  });

  it("refuses a missing file", async () => {
    const dir = await modelDir(FILES);
    await writeManifest(dir);
    await rm(path.join(dir, "onnx/model.onnx"));
    await expectVerificationError(verifyModelDirectory(dir), "FILE_MISSING", "onnx/model.onnx");
  });

  it("refuses an extra file, even a hidden one", async () => {
    const dir = await modelDir(FILES);
    await writeManifest(dir);
    await writeFile(path.join(dir, "onnx", ".extra"), "x");
    await expectVerificationError(verifyModelDirectory(dir), "FILE_EXTRA", "onnx/.extra");
  });

  it("lists every problem when there are several", async () => {
    const dir = await modelDir(FILES);
    await writeManifest(dir);
    await rm(path.join(dir, "tokenizer.json"));
    await writeFile(path.join(dir, "extra.bin"), "x");
    const error = await verifyModelDirectory(dir).catch((e: Error) => e);
    expect((error as Error).message).toContain("tokenizer.json is in the manifest but missing");
    expect((error as Error).message).toContain("extra.bin is not in the manifest");
  });

  it("refuses files that match their manifest when the manifest is not the expected one", async () => {
    const dir = await modelDir(FILES);
    await writeManifest(dir);
    await expectVerificationError(verifyModelDirectory(dir, { expectedHash: `0x${"ab".repeat(32)}` }), "HASH_MISMATCH");
  });

  it("refuses a missing manifest, telling how to create it", async () => {
    const dir = await modelDir(FILES);
    const error = await verifyModelDirectory(dir).catch((e: Error) => e);
    expect((error as ModelVerificationError).code).toBe("MANIFEST_MISSING");
    expect((error as Error).message).toContain("models hash");
  });

  it("refuses a manifest that is valid JSON but not canonical", async () => {
    const dir = await modelDir(FILES);
    const { manifest } = await writeManifest(dir);
    await writeFile(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
    await expectVerificationError(verifyModelDirectory(dir), "MANIFEST_NOT_CANONICAL");
  });

  it.each([
    ["not JSON", "{"],
    ["another format", '{"format":"other","files":[]}'],
    [
      "a path escaping the directory",
      `{"format":"${MANIFEST_FORMAT}","files":[{"path":"../x","size":1,"sha256":"${"0".repeat(64)}"}]}`,
    ],
    ["a bad sha256", `{"format":"${MANIFEST_FORMAT}","files":[{"path":"x","size":1,"sha256":"XYZ"}]}`],
    [
      "a negative size",
      `{"format":"${MANIFEST_FORMAT}","files":[{"path":"x","size":-1,"sha256":"${"0".repeat(64)}"}]}`,
    ],
  ])("refuses a malformed manifest: %s", async (_what, content) => {
    const dir = await modelDir(FILES);
    await writeFile(path.join(dir, "manifest.json"), content);
    await expectVerificationError(verifyModelDirectory(dir), "MANIFEST_MALFORMED");
  });
});

describe("loadModel on a directory that verifies but cannot be a model", () => {
  it("refuses a malformed config.json with a clear error", async () => {
    const dir = await modelDir({ ...FILES, "config.json": "{ not json" });
    const { hash } = await writeManifest(dir);
    const error = await loadModel(dir, { expectedHash: hash }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(ModelConfigError);
    expect((error as Error).message).toMatch(/config\.json is malformed/);
  });

  it("refuses a config without model_type", async () => {
    const dir = await modelDir({ ...FILES, "config.json": "{}" });
    await writeManifest(dir);
    await expect(loadModel(dir)).rejects.toThrow(/no model_type/);
  });

  it("refuses a tokenizer config without a chat template", async () => {
    const dir = await modelDir({ ...FILES, "tokenizer_config.json": "{}" });
    await writeManifest(dir);
    await expect(loadModel(dir)).rejects.toThrow(/no chat_template/);
  });

  it("refuses a dtype whose weights are not there, listing the choices for unknown ones", async () => {
    const dir = await modelDir(FILES);
    await writeManifest(dir);
    await expect(loadModel(dir, { dtype: "q8" })).rejects.toThrow(/no onnx\/model_quantized\.onnx/);
    await expect(loadModel(dir, { dtype: "q3" as never })).rejects.toThrow(/choose one of fp32, fp16, q8/);
  });

  it("loads nothing from files that fail verification", async () => {
    const dir = await modelDir(FILES);
    await writeManifest(dir);
    await writeFile(path.join(dir, "config.json"), '{"model_type":"gpt2"}');
    await expect(loadModel(dir)).rejects.toBeInstanceOf(ModelVerificationError);
  });
});
