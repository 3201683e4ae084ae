import path from "node:path";

/**
 * Serves the bytes of verified model files to transformers.js, through its custom-cache hook
 * (`env.customCache`). A model is loaded from exactly the bytes that were hashed: nothing is read from disk between
 * verification and loading, so files swapped in that window are never used.
 *
 * Entries live only while a model loads; {@link VerifiedFileCache.register} returns the function that removes them.
 */
export class VerifiedFileCache {
  readonly #files = new Map<string, Uint8Array>();

  register(dir: string, files: Map<string, Uint8Array>): () => void {
    const keys: string[] = [];
    for (const [relative, bytes] of files) {
      const key = path.resolve(dir, relative);
      this.#files.set(key, bytes);
      keys.push(key);
    }
    return () => {
      for (const key of keys) this.#files.delete(key);
    };
  }

  /**
   * Web Cache API `match`, as transformers.js calls it: with the file's local path, or with the key it would cache a
   * download under, `<remote host>/<model path>/resolve/<revision>/<file>`, which for a local model still names the
   * model's directory and the file.
   */
  async match(request: string | { url: string }): Promise<Response | undefined> {
    const bytes = this.#files.get(localPathOf(typeof request === "string" ? request : request.url) ?? "");
    if (!bytes) return undefined;
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: { "content-length": String(bytes.byteLength) },
    });
  }

  /** Web Cache API `put`: the cache holds only what {@link register} gave it. */
  async put(): Promise<void> {}
}

function localPathOf(key: string): string | undefined {
  if (path.isAbsolute(key)) return path.resolve(key);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(key).pathname);
  } catch {
    return undefined;
  }
  const match = pathname.match(/^(.*)\/resolve\/[^/]+\/(.+)$/);
  return match ? path.resolve("/", match[1] as string, match[2] as string) : undefined;
}
