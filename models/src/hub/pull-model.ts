import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Hex } from "viem";
import { ModelPullError } from "../errors.js";
import { writeManifest } from "../manifest/model-manifest.js";
import { DTYPE_SUFFIXES, type ModelDtype } from "../runtime/load-model.js";

export const DEFAULT_HUB_URL = "https://huggingface.co";

export interface PullProgress {
  file: string;
  /** Bytes of all selected files present so far (resumed bytes included). */
  bytes: number;
  /** Bytes of all selected files. */
  total: number;
}

export interface PullOptions {
  /** `owner/name` on the hub. */
  repo: string;
  /** Branch, tag or commit; default `main`. Files are fetched at the commit it resolves to. */
  revision?: string;
  /** Which ONNX weights to fetch; default `q8`. */
  dtype?: ModelDtype;
  /** Hub base URL; default HF_ENDPOINT or https://huggingface.co. */
  hubUrl?: string;
  /** Where the model version goes; default `models/hub/<owner>/<name>/<revision>`. */
  dest?: string;
  /** Access token for gated or private repos; default HF_TOKEN. */
  token?: string;
  /** Attempts per file before giving up; each attempt resumes where the last stopped. Default 4. */
  attempts?: number;
  onProgress?: (progress: PullProgress) => void;
  signal?: AbortSignal;
}

export interface PullResult {
  dir: string;
  hash: Hex;
  commit: string;
  files: string[];
}

interface RepoInfo {
  sha: string;
  siblings: { rfilename: string; size?: number }[];
}

/** The server refused the request; retrying will not help. */
class HttpStatusError extends ModelPullError {}

const REQUIRED = ["config.json", "tokenizer.json", "tokenizer_config.json"];
const OPTIONAL = ["generation_config.json", "special_tokens_map.json", "README.md", "LICENSE", "LICENSE.md"];
const REPO_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

async function hubFetch(url: string, options: PullOptions, headers: Record<string, string> = {}): Promise<Response> {
  const token = options.token ?? process.env.HF_TOKEN;
  try {
    return await fetch(url, {
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal: options.signal,
      redirect: "follow",
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ModelPullError(`cannot reach ${new URL(url).origin}: ${(error as Error).message}`, {
      details: "Check the network, or point --hub (HF_ENDPOINT) at a reachable mirror.",
      cause: error,
    });
  }
}

/** Which files of the repo make a model version for this runtime, for the given dtype. */
export function selectFiles(info: RepoInfo, repo: string, dtype: ModelDtype): string[] {
  const available = new Set(info.siblings.map((s) => s.rfilename));
  const missing = REQUIRED.filter((f) => !available.has(f));
  if (missing.length > 0) {
    throw new ModelPullError(`${repo} has no ${missing.join(", ")}: it is not a transformers.js-ready model`);
  }
  const weights = `onnx/model${DTYPE_SUFFIXES[dtype]}.onnx`;
  if (!available.has(weights)) {
    const dtypes = (Object.keys(DTYPE_SUFFIXES) as ModelDtype[]).filter((d) =>
      available.has(`onnx/model${DTYPE_SUFFIXES[d]}.onnx`),
    );
    throw new ModelPullError(`${repo} has no ${weights} for dtype ${dtype}`, {
      details: dtypes.length > 0 ? `Available dtypes: ${dtypes.join(", ")}.` : "It has no ONNX decoder weights at all.",
    });
  }
  const externalData = [...available].filter((f) => f === `${weights}_data` || f.startsWith(`${weights}_data_`));
  return [...REQUIRED, ...OPTIONAL.filter((f) => available.has(f)), weights, ...externalData.sort()];
}

async function sizeOf(file: string): Promise<number> {
  return (await stat(file).catch(() => undefined))?.size ?? 0;
}

/** Downloads one file into `target`, resuming from what `target` already holds. Returns the file's size. */
async function downloadFile(
  url: string,
  target: string,
  expectedSize: number | undefined,
  options: PullOptions,
  onBytes: (bytes: number) => void,
): Promise<void> {
  const attempts = options.attempts ?? 4;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let have = await sizeOf(target);
    if (expectedSize !== undefined && have === expectedSize) return;
    if (expectedSize !== undefined && have > expectedSize) {
      await rm(target, { force: true });
      have = 0;
    }
    try {
      const response = await hubFetch(url, options, have > 0 ? { range: `bytes=${have}-` } : {});
      if (response.status === 416 && have > 0) return; // nothing left to fetch
      if (response.status !== 200 && response.status !== 206) {
        throw new HttpStatusError(`GET ${url} answered ${response.status} ${response.statusText}`, {
          details:
            response.status === 401 || response.status === 403 ? "Set HF_TOKEN for gated or private repos." : undefined,
        });
      }
      const append = response.status === 206;
      if (!append) have = 0; // the server ignored the range: start over
      onBytes(have);
      const body = response.body;
      if (!body) throw new ModelPullError(`GET ${url} returned no body`);
      let received = have;
      const counted = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
      counted.on("data", (chunk: Buffer) => {
        received += chunk.length;
        onBytes(received);
      });
      await pipeline(counted, createWriteStream(target, { flags: append ? "a" : "w" }));
      const size = await sizeOf(target);
      if (expectedSize !== undefined && size !== expectedSize) {
        throw new ModelPullError(`${path.basename(target)}: got ${size} bytes, expected ${expectedSize}`);
      }
      return;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      // A refusal (404, 401, ...) will not change on retry; a cut connection or a short file will.
      if (error instanceof HttpStatusError) throw error;
      lastError = error;
    }
  }
  throw new ModelPullError(`could not download ${url} after ${attempts} attempts`, {
    details: `Last error: ${(lastError as Error)?.message}. Run the same pull again to resume.`,
    cause: lastError,
  });
}

/**
 * Downloads a model version from a Hugging Face hub (or any server with the same URL layout), resumable, then
 * writes its manifest. Files are staged in `<dest>.partial/` and moved into place only when all are complete, so an
 * interrupted pull never leaves a half model where a model is expected; running it again resumes.
 */
export async function pullModel(options: PullOptions): Promise<PullResult> {
  const { repo } = options;
  if (!REPO_ID.test(repo)) throw new ModelPullError(`"${repo}" is not a hub repository id like owner/name`);
  const revision = options.revision ?? "main";
  const dtype = options.dtype ?? "q8";
  if (!(dtype in DTYPE_SUFFIXES)) {
    throw new ModelPullError(`unknown dtype ${dtype}; choose one of ${Object.keys(DTYPE_SUFFIXES).join(", ")}`);
  }
  const hub = (options.hubUrl ?? process.env.HF_ENDPOINT ?? DEFAULT_HUB_URL).replace(/\/+$/, "");
  const infoUrl = `${hub}/api/models/${repo}/revision/${encodeURIComponent(revision)}?blobs=true`;
  const infoResponse = await hubFetch(infoUrl, options);
  if (infoResponse.status === 404) {
    throw new ModelPullError(`${repo} at ${revision} was not found on ${hub}`);
  }
  if (!infoResponse.ok) throw new ModelPullError(`GET ${infoUrl} answered ${infoResponse.status}`);
  const info = (await infoResponse.json()) as RepoInfo;
  if (typeof info.sha !== "string" || !Array.isArray(info.siblings)) {
    throw new ModelPullError(`${infoUrl} did not return a model description (sha, siblings)`);
  }
  const files = selectFiles(info, repo, dtype);
  const sizes = new Map(info.siblings.map((s) => [s.rfilename, s.size]));
  const [owner, name] = repo.split("/") as [string, string];
  const dest = path.resolve(options.dest ?? path.join("models", "hub", owner, name, revision));
  const staging = `${dest}.partial`;
  if (await stat(dest).catch(() => undefined)) {
    throw new ModelPullError(`${dest} already exists; remove it, or pull into another --out directory`);
  }

  const total = files.reduce((sum, f) => sum + (sizes.get(f) ?? 0), 0);
  const done = new Map<string, number>();
  for (const file of files) {
    const target = path.join(staging, file);
    await mkdir(path.dirname(target), { recursive: true });
    const url = `${hub}/${repo}/resolve/${info.sha}/${file.split("/").map(encodeURIComponent).join("/")}`;
    await downloadFile(url, target, sizes.get(file), options, (bytes) => {
      done.set(file, bytes);
      options.onProgress?.({ file, bytes: [...done.values()].reduce((a, b) => a + b, 0), total });
    });
  }
  await mkdir(path.dirname(dest), { recursive: true });
  await rename(staging, dest);
  const { hash } = await writeManifest(dest);
  return { dir: dest, hash, commit: info.sha, files };
}
