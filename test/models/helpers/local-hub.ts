import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the Hugging Face hub on 127.0.0.1, with the same URL layout the puller uses:
 *   GET /api/models/<owner>/<name>/revision/<revision>?blobs=true  -> { sha, siblings: [{ rfilename, size }] }
 *   GET /<owner>/<name>/resolve/<commit>/<path>                     -> the file, with Range support (206)
 * `cutAfter` makes the next download of a file stop after that many bytes by closing the connection.
 */
export class LocalHub {
  readonly requests: { url: string; range: string | undefined }[] = [];
  readonly cutAfter = new Map<string, number>();
  #server: Server | undefined;
  readonly #repos = new Map<string, { sha: string; files: Map<string, Buffer> }>();

  addRepo(repo: string, files: Record<string, Buffer | string>): string {
    const map = new Map(Object.entries(files).map(([name, content]) => [name, Buffer.from(content)]));
    const sha = createHash("sha1")
      .update(JSON.stringify([...map.keys()]))
      .digest("hex");
    this.#repos.set(repo, { sha, files: map });
    return sha;
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: import("node:http").ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://hub");
    this.requests.push({ url: url.pathname, range: req.headers.range });
    const api = url.pathname.match(/^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/);
    if (api) {
      const repo = this.#repos.get(api[1] as string);
      if (!repo) return void res.writeHead(404).end('{"error":"Repository not found"}');
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          sha: repo.sha,
          siblings: [...repo.files].map(([rfilename, content]) => ({ rfilename, size: content.length })),
        }),
      );
      return;
    }
    const resolve = url.pathname.match(/^\/([^/]+\/[^/]+)\/resolve\/([0-9a-f]+)\/(.+)$/);
    const repo = resolve && this.#repos.get(resolve[1] as string);
    const file =
      resolve && repo && repo.sha === resolve[2] ? repo.files.get(decodeURIComponent(resolve[3] as string)) : undefined;
    if (!resolve || !file) return void res.writeHead(404).end("Entry not found");
    const name = decodeURIComponent(resolve[3] as string);
    let start = 0;
    const range = req.headers.range?.match(/^bytes=(\d+)-$/);
    if (range) {
      start = Number(range[1]);
      if (start >= file.length) return void res.writeHead(416).end();
    }
    const body = file.subarray(start);
    res.writeHead(range ? 206 : 200, {
      "content-length": String(body.length),
      ...(range ? { "content-range": `bytes ${start}-${file.length - 1}/${file.length}` } : {}),
      "accept-ranges": "bytes",
    });
    const cut = this.cutAfter.get(name);
    if (cut !== undefined && cut < body.length) {
      this.cutAfter.delete(name);
      res.write(body.subarray(0, cut), () => {
        setTimeout(() => res.socket?.destroy(), 20);
      });
      return;
    }
    res.end(body);
  }
}

/** Deterministic pseudo-random bytes, so test files are large but reproducible. */
export function bytes(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
