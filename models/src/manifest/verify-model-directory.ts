import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Hex } from "viem";
import { ModelVerificationError } from "../errors.js";
import {
  canonicalManifestBytes,
  hashFile,
  listModelFiles,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  type ModelManifest,
  manifestHash,
} from "./model-manifest.js";

export interface VerifyOptions {
  /** The hash the directory must have, e.g. a `weightsHash` approved on chain. Without it, only self-consistency. */
  expectedHash?: Hex;
  /**
   * Keep every file's bytes, exactly as hashed, so the caller can use them without reading the disk again (and without
   * a window in which the files could change between verification and use).
   */
  keepBytes?: boolean;
}

export interface VerifiedModelDirectory {
  dir: string;
  manifest: ModelManifest;
  hash: Hex;
  /** Present when `keepBytes` was set: manifest path -> bytes. */
  bytes?: Map<string, Uint8Array>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function fail(code: ConstructorParameters<typeof ModelVerificationError>[0], message: string, file?: string): never {
  throw new ModelVerificationError(code, message, { file });
}

function isSafePath(p: string): boolean {
  return (
    p.length > 0 &&
    !p.startsWith("/") &&
    !p.includes("\\") &&
    !p.includes("\0") &&
    p.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..")
  );
}

/** Parses `manifest.json` bytes and checks they are a well-formed manifest in canonical form. */
export function parseManifest(raw: Buffer, source: string): ModelManifest {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    fail("MANIFEST_MALFORMED", `${source} is not valid JSON (${(error as Error).message}); run \`models hash\` again`);
  }
  const v = value as { format?: unknown; files?: unknown };
  if (typeof v !== "object" || v === null || v.format !== MANIFEST_FORMAT || !Array.isArray(v.files)) {
    fail("MANIFEST_MALFORMED", `${source} is not a ${MANIFEST_FORMAT} manifest (needs "format" and "files")`);
  }
  const seen = new Set<string>();
  const files = (v.files as unknown[]).map((entry, i) => {
    const e = entry as { path?: unknown; size?: unknown; sha256?: unknown };
    if (typeof e?.path !== "string" || !isSafePath(e.path)) {
      fail("MANIFEST_MALFORMED", `${source}: files[${i}].path must be a relative path inside the model directory`);
    }
    if (!Number.isSafeInteger(e.size) || (e.size as number) < 0) {
      fail("MANIFEST_MALFORMED", `${source}: files[${i}].size must be a byte count`, e.path);
    }
    if (typeof e.sha256 !== "string" || !SHA256_HEX.test(e.sha256)) {
      fail("MANIFEST_MALFORMED", `${source}: files[${i}].sha256 must be 64 lowercase hex digits`, e.path);
    }
    if (seen.has(e.path) || e.path === MANIFEST_FILE) {
      fail("MANIFEST_MALFORMED", `${source}: ${e.path} is listed twice or names the manifest itself`, e.path);
    }
    seen.add(e.path);
    return { path: e.path, size: e.size as number, sha256: e.sha256 };
  });
  const manifest: ModelManifest = { format: MANIFEST_FORMAT, files };
  if (!canonicalManifestBytes(manifest).equals(raw)) {
    fail(
      "MANIFEST_NOT_CANONICAL",
      `${source} is not in canonical form (sorted, no whitespace); its hash would not be the model's. Run \`models hash\` to rewrite it`,
    );
  }
  return manifest;
}

/**
 * Verifies a model directory: its manifest is canonical, its hash is the expected one, and every file on disk is in
 * the manifest with the same size and sha256, nothing missing, nothing extra. Throws a {@link ModelVerificationError}
 * naming the first file at fault (all problems are listed in its details).
 */
export async function verifyModelDirectory(dir: string, options: VerifyOptions = {}): Promise<VerifiedModelDirectory> {
  const manifestPath = path.join(dir, MANIFEST_FILE);
  const raw = await readFile(manifestPath).catch(() => undefined);
  if (!raw) fail("MANIFEST_MISSING", `${manifestPath} does not exist: run \`models hash ${dir}\` to create it`);
  const manifest = parseManifest(raw, manifestPath);
  const hash = manifestHash(manifest);
  if (options.expectedHash !== undefined && options.expectedHash.toLowerCase() !== hash) {
    fail(
      "HASH_MISMATCH",
      `${dir} has manifest hash ${hash}, not the expected ${options.expectedHash}: these files are not that model version`,
    );
  }

  const onDisk = new Set(await listModelFiles(dir));
  const problems: { code: Parameters<typeof fail>[0]; file: string; message: string }[] = [];
  const bytes = options.keepBytes ? new Map<string, Uint8Array>() : undefined;
  for (const entry of manifest.files) {
    if (!onDisk.has(entry.path)) {
      problems.push({
        code: "FILE_MISSING",
        file: entry.path,
        message: `${entry.path} is in the manifest but missing`,
      });
      continue;
    }
    onDisk.delete(entry.path);
    const file = path.join(dir, entry.path);
    let actual: { sha256: string; size: number };
    if (bytes) {
      const content = await readFile(file);
      actual = { sha256: createHash("sha256").update(content).digest("hex"), size: content.length };
      bytes.set(entry.path, content);
    } else {
      actual = await hashFile(file);
    }
    if (actual.size !== entry.size) {
      problems.push({
        code: "FILE_SIZE_MISMATCH",
        file: entry.path,
        message: `${entry.path} has ${actual.size} bytes, the manifest says ${entry.size}`,
      });
    } else if (actual.sha256 !== entry.sha256) {
      problems.push({
        code: "FILE_HASH_MISMATCH",
        file: entry.path,
        message: `${entry.path} has sha256 ${actual.sha256}, the manifest says ${entry.sha256}`,
      });
    }
  }
  for (const extra of onDisk) {
    problems.push({ code: "FILE_EXTRA", file: extra, message: `${extra} is not in the manifest` });
  }
  const first = problems[0];
  if (first) {
    throw new ModelVerificationError(first.code, `${dir} does not match its manifest: ${first.message}`, {
      file: first.file,
      details: problems.length > 1 ? problems.map((p) => `  - ${p.message}`).join("\n") : undefined,
    });
  }
  return { dir, manifest, hash, bytes };
}
