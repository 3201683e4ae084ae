// `npm run bench:models`: speed and memory of the bundled models through the runtime, next to transformers.js called
// directly on the same files; load-and-verify time; hashing throughput next to sha256sum. Prints the numbers and
// rewrites the models section of docs/BENCHMARKS.md. Nothing here asserts a number.
//
//   tsx models/bench/models.bench.ts [--rounds 3] [--tokens 64]
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
    rounds: { type: "string", default: "3" },
    tokens: { type: "string", default: "64" },
    rss: { type: "boolean", default: false },
  },
  allowPositionals: true,
  strict: false,
});

interface Timing {
  ttftMs: number[];
  tokensPerSecond: number[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2;
};

async function throughRuntime(model: LocalModel, prompt: string, maxNewTokens: number, timing: Timing) {
  const start = performance.now();
  let first = 0;
  const stream = model.generate([{ role: "user", content: prompt }], { maxNewTokens });
  for await (const _chunk of stream) if (first === 0) first = performance.now();
  const result = await stream.result;
  const end = performance.now();
  timing.ttftMs.push(first - start);
  timing.tokensPerSecond.push(result.completionTokens / ((end - start) / 1000));
  return result.text;
}

class FirstToken extends BaseStreamer {
  first = 0;
  tokens = 0;
  last: bigint | undefined;
  #prompt = true;
  override put(value: bigint[][]): void {
    if (this.#prompt) {
      this.#prompt = false;
      return;
    }
    if (this.first === 0) this.first = performance.now();
    this.tokens++;
    this.last = value[0]?.[0];
  }
  override end(): void {}
}

async function directly(dir: string) {
  env.allowRemoteModels = false;
  env.useCustomCache = false;
  const tokenizer = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
  const model = await AutoModelForCausalLM.from_pretrained(dir, { dtype: "fp32", local_files_only: true });
  const eos = (model.generation_config as { eos_token_id?: number }).eos_token_id;
  return {
    async run(prompt: string, maxNewTokens: number, timing: Timing) {
      // Timed from the chat messages, like the runtime: both apply the chat template.
      const start = performance.now();
      const inputs = tokenizer.apply_chat_template([{ role: "user", content: prompt }], {
        add_generation_prompt: true,
        return_dict: true,
      }) as { input_ids: Tensor; attention_mask: Tensor };
      const streamer = new FirstToken();
      await model.generate({ ...inputs, max_new_tokens: maxNewTokens, do_sample: false, streamer: streamer as never });
      const end = performance.now();
      // The runtime does not count the end-of-sequence token; count the same way.
      const generated = streamer.tokens - (eos !== undefined && streamer.last === BigInt(eos) ? 1 : 0);
      timing.ttftMs.push(streamer.first - start);
      timing.tokensPerSecond.push(generated / ((end - start) / 1000));
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
const maxNewTokens = Number(values.tokens);
const lines: string[] = [];
const log = (line: string) => {
  console.log(line);
  lines.push(line);
};

log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}; Node ${process.version}; ${rounds} rounds × ${PROMPTS.length} prompts, up to ${maxNewTokens} new tokens, greedy.`,
);
log("");
log(
  "| Model | Load + verify (ms) | Runtime tok/s | Direct tok/s | Runtime/direct | Runtime TTFT (ms) | Direct TTFT (ms) |",
);
log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const dir of VERSIONS) {
  const { hash } = await verifyModelDirectory(dir);
  const t0 = performance.now();
  const model = await loadModel(dir, { expectedHash: hash });
  const loadMs = performance.now() - t0;
  const direct = await directly(dir);
  const runtime: Timing = { ttftMs: [], tokensPerSecond: [] };
  const bare: Timing = { ttftMs: [], tokensPerSecond: [] };
  // Warm up both, then alternate so that drift on the machine hits both sides alike.
  await throughRuntime(model, PROMPTS[0] as string, 8, { ttftMs: [], tokensPerSecond: [] });
  await direct.run(PROMPTS[0] as string, 8, { ttftMs: [], tokensPerSecond: [] });
  for (let r = 0; r < rounds; r++) {
    for (const prompt of PROMPTS) {
      await throughRuntime(model, prompt, maxNewTokens, runtime);
      await direct.run(prompt, maxNewTokens, bare);
    }
  }
  const ratio = median(runtime.tokensPerSecond) / median(bare.tokensPerSecond);
  log(
    `| commons-chat ${path.basename(dir)} | ${loadMs.toFixed(0)} | ${median(runtime.tokensPerSecond).toFixed(1)} | ${median(bare.tokensPerSecond).toFixed(1)} | ${ratio.toFixed(3)} | ${median(runtime.ttftMs).toFixed(1)} | ${median(bare.ttftMs).toFixed(1)} |`,
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
    : `${docs.trimEnd()}\n\n## Models (\`npm run bench:models\`)\n\nTokens per second (completion tokens over the whole request) and time to first token, through the runtime and through transformers.js directly on the same files and prompts, alternated. The runtime adds verification, queueing, incremental decoding and stop-sequence handling.\n\n${section}\n`,
);
console.log("docs/BENCHMARKS.md updated");
