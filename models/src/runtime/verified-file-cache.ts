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

  /** Web Cache API `match`, as transformers.js calls it: with a local path or a URL. */
  async match(request: string | { url: string }): Promise<Response | undefined> {
    const key = typeof request === "string" ? request : request.url;
    if (!path.isAbsolute(key)) return undefined;
    const bytes = this.#files.get(path.resolve(key));
    if (!bytes) return undefined;
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: { "content-length": String(bytes.byteLength) },
    });
  }

  /** Web Cache API `put`: the cache holds only what {@link register} gave it. */
  async put(): Promise<void> {}
}
