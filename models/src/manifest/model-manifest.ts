import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Hex } from "viem";

/**
 * The manifest of a model version: every file of its directory with its size and sha256. The model version's hash,
 * the `weightsHash` registered on chain, is the sha256 of the manifest's canonical bytes. docs/MODEL-MANIFEST.md defines the
 * canonical form; this file is its only implementation.
 */
export interface ModelManifest {
  format: typeof MANIFEST_FORMAT;
  files: ManifestEntry[];
}

export interface ManifestEntry {
  /** Path relative to the model directory, `/`-separated, no `.` or `..` segments. */
  path: string;
  size: number;
  /** Lowercase hex sha256 of the file's bytes, without `0x`. */
  sha256: string;
}

export const MANIFEST_FORMAT = "commons-model-manifest/1";
export const MANIFEST_FILE = "manifest.json";

/**
 * The canonical bytes of a manifest: UTF-8 JSON without whitespace, object keys in the order `format`, `files` and
 * `path`, `size`, `sha256`, files sorted by path (by UTF-16 code unit, which equals byte order for ASCII paths), and no
 * trailing newline. `manifest.json` on disk holds exactly these bytes.
 */
export function canonicalManifestBytes(manifest: ModelManifest): Buffer {
  const files = [...manifest.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const json = JSON.stringify({
    format: manifest.format,
    files: files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
  });
  return Buffer.from(json, "utf8");
}

/** The model version's hash: sha256 of the canonical manifest bytes, as the bytes32 the ModelRegistry stores. */
export function manifestHash(manifest: ModelManifest): Hex {
  return `0x${createHash("sha256").update(canonicalManifestBytes(manifest)).digest("hex")}`;
}

/** sha256 and size of one file, streamed (models can be larger than memory allows to read at once). */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}

/** Every regular file under `dir` except the manifest itself, as sorted manifest paths. */
export async function listModelFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full).split(path.sep).join("/");
    if (entry.isDirectory()) continue;
    if (!entry.isFile()) {
      // Symlinks and other special files could point anywhere: a manifest describes bytes, not links.
      throw new Error(`${relative} in ${dir} is not a regular file; model directories hold regular files only`);
    }
    if (relative === MANIFEST_FILE) continue;
    files.push(relative);
  }
  return files.sort();
}

/** Hashes every file of a model directory into a manifest (does not write it). */
export async function buildManifest(dir: string): Promise<ModelManifest> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`${dir} is not a directory`);
  const files: ManifestEntry[] = [];
  for (const file of await listModelFiles(dir)) {
    files.push({ path: file, ...(await hashFile(path.join(dir, file))) });
  }
  if (files.length === 0) throw new Error(`${dir} has no files to put in a manifest`);
  return { format: MANIFEST_FORMAT, files };
}

/** Hashes a model directory and writes its `manifest.json`; returns the manifest and its hash. */
export async function writeManifest(dir: string): Promise<{ manifest: ModelManifest; hash: Hex }> {
  const manifest = await buildManifest(dir);
  await writeFile(path.join(dir, MANIFEST_FILE), canonicalManifestBytes(manifest));
  return { manifest, hash: manifestHash(manifest) };
}
