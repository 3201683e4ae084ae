// `npm run bench:models`: speed and memory of the bundled models through the runtime, next to transformers.js called
// directly on the same files; load-and-verify time; hashing throughput next to sha256sum. Prints the numbers and
// rewrites the models section of docs/BENCHMARKS.md. Nothing here asserts a number.
//
//   tsx models/bench/models.bench.ts [--rounds 40] [--warmup 3] [--tokens 64]
//   tsx models/bench/models.bench.ts --rss <dir> [<dir>]   (internal: peak RSS of a process that loads these)
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { AutoModelForCausalLM, AutoTokenizer, BaseStreamer, env, type Tensor } from "@huggingface/transformers";
import { hashFile, type LocalModel, loadModel, verifyModelDirectory } from "../src/index.js";

const VERSIONS = ["1.0.0", "1.1.0"].map((v) => path.resolve("models/commons-chat", v));
const PROMPTS = [
  "How do I delegate my voting power?",
  "What happens after a proposal succeeds?",
  "Why was my email replaced by [EMAIL_1]?",
  "Which models can I chat with?",
];

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "40" },
    warmup: { type: "string", default: "3" },
    tokens: { type: "string", default: "64" },
    rss: { type: "boolean", default: false },
  },
  allowPositionals: true,
  strict: false,
});

/** One request: wall time from the chat messages to the whole answer's text, time to the first token, tokens. */
interface Sample {
  ms: number;
  ttftMs: number;
  tokens: number;
  text: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2;
};

async function throughRuntime(model: LocalModel, prompt: string, maxNewTokens: number): Promise<Sample> {
  const start = performance.now();
  let first = 0;
  const stream = model.generate([{ role: "user", content: prompt }], { maxNewTokens });
  for await (const _chunk of stream) if (first === 0) first = performance.now();
  const result = await stream.result;
  const end = performance.now();
  return { ms: end - start, ttftMs: first - start, tokens: result.completionTokens, text: result.text };
}

/**
 * Records the generated ids (transformers.js sends the prompt first) and the time of the first one as a caller
 * awaiting a stream sees it: once generate() yields after that step (a microtask then), as the runtime's stream
 * consumer does, not from inside generate().
 */
class Tokens extends BaseStreamer {
  first = 0;
  readonly ids: bigint[] = [];
  #prompt = true;
  override put(value: bigint[][]): void {
    if (this.#prompt) {
      this.#prompt = false;
      return;
    }
    if (this.ids.length === 0) {
      queueMicrotask(() => {
        this.first = performance.now();
      });
    }
    this.ids.push(value[0]?.[0] as bigint);
  }
  override end(): void {}
}

/**
 * transformers.js called directly on the same files, doing the least a caller must to get the same answer: the chat
 * template, greedy generate, and one decode of the answer's tokens at the end (no streaming text).
 */
async function directly(dir: string) {
  env.allowRemoteModels = false;
  env.useCustomCache = false;
  const tokenizer = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
  const model = await AutoModelForCausalLM.from_pretrained(dir, { dtype: "fp32", local_files_only: true });
  const eos = BigInt((model.generation_config as { eos_token_id: number }).eos_token_id);
  return {
    async run(prompt: string, maxNewTokens: number): Promise<Sample> {
      const start = performance.now();
      const inputs = tokenizer.apply_chat_template([{ role: "user", content: prompt }], {
        add_generation_prompt: true,
        return_dict: true,
      }) as { input_ids: Tensor; attention_mask: Tensor };
      const streamer = new Tokens();
      await model.generate({ ...inputs, max_new_tokens: maxNewTokens, do_sample: false, streamer: streamer as never });
      // The runtime does not count the end-of-sequence token; count the same way.
      const ids = streamer.ids.at(-1) === eos ? streamer.ids.slice(0, -1) : streamer.ids;
      const text = ids.length === 0 ? "" : tokenizer.decode(ids, { skip_special_tokens: true });
      const end = performance.now();
      return { ms: end - start, ttftMs: streamer.first - start, tokens: ids.length, text };
    },
    dispose: () => model.dispose(),
  };
}

async function peakRss(dirs: string[]): Promise<number> {
  const child = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--rss", ...dirs], {
    encoding: "utf8",
  });
  const kb = Number(child.stdout.trim().split("\n").pop());
  if (!Number.isFinite(kb)) throw new Error(`RSS child failed: ${child.stderr}`);
  return kb / 1024;
}

if (values.rss) {
  const dirs = process.argv.slice(process.argv.indexOf("--rss") + 1);
  const models: LocalModel[] = [];
  for (const dir of dirs) models.push(await loadModel(dir));
  for (const model of models) await model.generate([{ role: "user", content: PROMPTS[0] as string }]).result;
  console.log(process.resourceUsage().maxRSS);
  process.exit(0);
}

const rounds = Number(values.rounds);
const warmup = Number(values.warmup);
const maxNewTokens = Number(values.tokens);
const lines: string[] = [];
const log = (line: string) => {
  console.log(line);
  lines.push(line);
};

log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}; Node ${process.version}. Each model: ${warmup} warm-up rounds, then ${rounds} rounds × ${PROMPTS.length} prompts, up to ${maxNewTokens} new tokens, greedy, one request at a time; in each round every prompt runs through the runtime and directly, in alternating order. Medians over all requests; the overhead is the median, over pairs (same round and prompt), of runtime time / direct time − 1.`,
);
log("");
log(
  "| Model | Load + verify (ms) | Runtime tok/s | Direct tok/s | Runtime overhead | Runtime TTFT (ms) | Direct TTFT (ms) | Request (ms), runtime / direct |",
);
log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const dir of VERSIONS) {
  const { hash } = await verifyModelDirectory(dir);
  const t0 = performance.now();
  const model = await loadModel(dir, { expectedHash: hash });
  const loadMs = performance.now() - t0;
  const direct = await directly(dir);
  const runtime: Sample[] = [];
  const bare: Sample[] = [];
  for (let r = 0; r < warmup + rounds; r++) {
    for (const [i, prompt] of PROMPTS.entries()) {
      // Alternate which side goes first, so that whatever the first one leaves behind (caches, ONNX Runtime's
      // spinning threads) falls on both sides alike.
      const runtimeFirst = (r + i) % 2 === 0;
      const a = runtimeFirst
        ? await throughRuntime(model, prompt, maxNewTokens)
        : await direct.run(prompt, maxNewTokens);
      const b = runtimeFirst
        ? await direct.run(prompt, maxNewTokens)
        : await throughRuntime(model, prompt, maxNewTokens);
      const [ours, theirs] = runtimeFirst ? [a, b] : [b, a];
      if (ours.text !== theirs.text || ours.tokens !== theirs.tokens) {
        throw new Error(
          `runtime and direct answers differ for ${JSON.stringify(prompt)}: ${ours.text} / ${theirs.text}`,
        );
      }
      if (r < warmup) continue;
      runtime.push(ours);
      bare.push(theirs);
    }
  }
  const tokensPerSecond = (xs: Sample[]) => median(xs.map((x) => x.tokens / (x.ms / 1000)));
  const overhead = median(runtime.map((x, k) => x.ms / (bare[k] as Sample).ms)) - 1;
  log(
    `| commons-chat ${path.basename(dir)} | ${loadMs.toFixed(0)} | ${tokensPerSecond(runtime).toFixed(1)} | ${tokensPerSecond(bare).toFixed(1)} | ${(overhead * 100).toFixed(1)}% | ${median(runtime.map((x) => x.ttftMs)).toFixed(1)} | ${median(bare.map((x) => x.ttftMs)).toFixed(1)} | ${median(runtime.map((x) => x.ms)).toFixed(1)} / ${median(bare.map((x) => x.ms)).toFixed(1)} |`,
  );
  await model.unload();
  await direct.dispose();
}

log("");
const scratch = await mkdtemp(path.join(tmpdir(), "commons-hash-"));
try {
  const file = path.join(scratch, "blob.bin");
  const size = 256 * 1024 * 1024;
  await writeFile(file, randomBytes(size));
  await readFile(file); // warm the page cache for both
  const t1 = performance.now();
  await hashFile(file);
  const ours = size / 1e6 / ((performance.now() - t1) / 1000);
  const t2 = performance.now();
  execFileSync("sha256sum", [file]);
  const theirs = size / 1e6 / ((performance.now() - t2) / 1000);
  log("| Hashing 256 MB (page cache warm) | MB/s |");
  log("| --- | ---: |");
  log(`| models runtime (node:crypto, streamed) | ${ours.toFixed(0)} |`);
  log(`| sha256sum | ${theirs.toFixed(0)} |`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}

log("");
const one = await peakRss([VERSIONS[0] as string]);
const two = await peakRss(VERSIONS);
log("| Peak RSS (one process, after one answer each) | MiB |");
log("| --- | ---: |");
log(`| commons-chat 1.0.0 loaded | ${one.toFixed(0)} |`);
log(`| 1.0.0 and 1.1.0 loaded side by side | ${two.toFixed(0)} |`);

const docsPath = path.resolve("docs/BENCHMARKS.md");
const docs = await readFile(docsPath, "utf8");
const section = `<!-- models:start -->\nMeasured by \`npm run bench:models\` on ${new Date().toISOString().slice(0, 10)}.\n\n${lines.join("\n")}\n<!-- models:end -->`;
await writeFile(
  docsPath,
  docs.includes("<!-- models:start -->")
    ? docs.replace(/<!-- models:start -->[\s\S]*<!-- models:end -->/, section)
    : `${docs.trimEnd()}\n\n## Models (\`npm run bench:models\`)\n\nTokens per second (completion tokens over the whole request) and time to first token, through the runtime and through transformers.js directly on the same files and prompts, alternated. The runtime adds verification, queueing, streaming text (incremental decoding) and stop-sequence handling; the direct side decodes the answer once at the end.\n\n${section}\n`,
);
console.log("docs/BENCHMARKS.md updated");
