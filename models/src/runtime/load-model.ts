import path from "node:path";
import { AutoModelForCausalLM, AutoTokenizer, env } from "@huggingface/transformers";
import type { Hex } from "viem";
import { ModelConfigError } from "../errors.js";
import { verifyModelDirectory } from "../manifest/verify-model-directory.js";
import { LocalModel } from "./local-model.js";
import { RequestQueue } from "./request-queue.js";
import { ByteLevelVocabulary } from "./token-text.js";
import { VerifiedFileCache } from "./verified-file-cache.js";

/** File-name suffix of `onnx/model<suffix>.onnx` for each dtype, as transformers.js names them. */
export const DTYPE_SUFFIXES = {
  fp32: "",
  fp16: "_fp16",
  q8: "_quantized",
  int8: "_int8",
  uint8: "_uint8",
  q4: "_q4",
  q4f16: "_q4f16",
  bnb4: "_bnb4",
} as const;

export type ModelDtype = keyof typeof DTYPE_SUFFIXES;

export interface LoadModelOptions {
  /** The hash the files must have: the `weightsHash` approved on chain. Strongly advised; without it only the
   * manifest's self-consistency is checked. */
  expectedHash?: Hex;
  /** Which ONNX weights to load; default: the first present of fp32, q8, fp16, q4. */
  dtype?: ModelDtype;
  /** Requests generating at the same time; the rest wait in FIFO order. Default 1. */
  maxConcurrent?: number;
}

const verifiedFiles = new VerifiedFileCache();
let loading: Promise<unknown> = Promise.resolve();

/** transformers.js reads files only from what we verified, and never from the network. */
function configureTransformers(): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useBrowserCache = false;
  env.useFSCache = false;
  env.useCustomCache = true;
  env.customCache = verifiedFiles;
}

function parseJson(bytes: Uint8Array | undefined, file: string, dir: string): Record<string, unknown> {
  if (!bytes) throw new ModelConfigError(`${dir} has no ${file}; a model version needs it (Hugging Face layout)`);
  try {
    const value = JSON.parse(Buffer.from(bytes).toString("utf8")) as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
    return value as Record<string, unknown>;
  } catch (error) {
    throw new ModelConfigError(`${path.join(dir, file)} is malformed: ${(error as Error).message}`, { cause: error });
  }
}

function chooseDtype(files: Map<string, Uint8Array>, dir: string, wanted?: ModelDtype): ModelDtype {
  const present = (dtype: ModelDtype) => files.has(`onnx/model${DTYPE_SUFFIXES[dtype]}.onnx`);
  if (wanted) {
    if (!(wanted in DTYPE_SUFFIXES)) {
      throw new ModelConfigError(`unknown dtype ${wanted}; choose one of ${Object.keys(DTYPE_SUFFIXES).join(", ")}`);
    }
    if (!present(wanted)) {
      throw new ModelConfigError(`${dir} has no onnx/model${DTYPE_SUFFIXES[wanted]}.onnx for dtype ${wanted}`);
    }
    return wanted;
  }
  const found = (["fp32", "q8", "fp16", "q4"] as const).find(present);
  if (!found) throw new ModelConfigError(`${dir} has no ONNX weights (onnx/model.onnx or a quantized variant)`);
  return found;
}

/**
 * Loads a model version strictly from local, verified files: every file is hashed against the manifest and the
 * manifest against `expectedHash` first (any mismatch, missing or extra file throws and nothing is loaded), then
 * transformers.js builds the tokenizer and the ONNX session from exactly those bytes.
 */
export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<LocalModel> {
  const absolute = path.resolve(dir);
  const verified = await verifyModelDirectory(absolute, { expectedHash: options.expectedHash, keepBytes: true });
  const files = verified.bytes as Map<string, Uint8Array>;
  const config = parseJson(files.get("config.json"), "config.json", absolute);
  if (typeof config.model_type !== "string") {
    throw new ModelConfigError(`${absolute}/config.json has no model_type; is this a Hugging Face model directory?`);
  }
  const tokenizerConfig = parseJson(files.get("tokenizer_config.json"), "tokenizer_config.json", absolute);
  if (typeof tokenizerConfig.chat_template !== "string" && !Array.isArray(tokenizerConfig.chat_template)) {
    throw new ModelConfigError(`${absolute}/tokenizer_config.json has no chat_template; a chat model needs one`);
  }
  const tokenizerJson = parseJson(files.get("tokenizer.json"), "tokenizer.json", absolute);
  const dtype = chooseDtype(files, absolute, options.dtype);
  const queue = new RequestQueue(options.maxConcurrent ?? 1);

  // transformers.js's environment is global: load one model at a time.
  const load = loading.then(async () => {
    configureTransformers();
    const unregister = verifiedFiles.register(absolute, files);
    try {
      const tokenizer = await AutoTokenizer.from_pretrained(absolute, { local_files_only: true });
      const model = await AutoModelForCausalLM.from_pretrained(absolute, { dtype, local_files_only: true });
      return { tokenizer, model };
    } catch (error) {
      throw new ModelConfigError(`transformers.js could not load ${absolute}: ${(error as Error).message}`, {
        cause: error,
      });
    } finally {
      unregister();
    }
  });
  loading = load.catch(() => undefined);
  const { tokenizer, model } = await load;
  const contextLength = Number(config.max_position_embeddings ?? config.n_positions ?? 0);
  return new LocalModel(
    {
      dir: absolute,
      hash: verified.hash,
      manifest: verified.manifest,
      modelType: config.model_type,
      contextLength,
      dtype,
    },
    tokenizer,
    model,
    queue,
    ByteLevelVocabulary.from(tokenizerJson, tokenizerConfig),
  );
}
