// `npm run bench:chat`: tokens per second and time to first token through the whole API (API key, policy, privacy
// guards, SSE) against the bare runtime on the same prompts, and time to first token with 20 concurrent streams,
// checking that every answer is the one its own prompt gets alone (nothing lost or mixed up). Rewrites the chat
// section of docs/BENCHMARKS.md. Nothing here asserts a number.
import "reflect-metadata";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { readDeployment } from "../../deployments/index.js";
import { loadModel } from "../../models/src/index.js";
import { call, DOMAIN, devAccount, signIn } from "../../test/backend/auth/helpers/auth-fixture.js";
import { startBackend } from "../../test/backend/helpers/backend-app.js";
import { runGovernanceHistory } from "../../test/helpers/governance-history.js";
import { startLocalChain } from "../../test/helpers/local-chain.js";
import { IndexerService } from "../src/indexer/indexer.service.js";
import { ModelServingService } from "../src/serving/model-serving.service.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENT = 20;
/** Generations at a time per model in the second concurrency run. */
const PARALLEL = 4;
const MAX_TOKENS = 64;
const PROMPTS = [
  "How do I vote on a proposal?",
  "How do I delegate my voting power?",
  "What does a usage policy decide?",
  "What does redaction mean here?",
  "Who can approve a new model version?",
];

const root = path.resolve(import.meta.dirname, "../..");
const lines: string[] = [];
const log = (line: string) => {
  lines.push(line);
  console.log(line);
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;

const port = 32_545 + Math.floor(Math.random() * 1000);
const rpcUrl = `http://127.0.0.1:${port}`;
const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-bench-chat-"));
const modelsDir = mkdtempSync(path.join(tmpdir(), "commons-bench-models-"));
const chain = await startLocalChain(port, deploymentsDir);
let app: NestExpressApplication | undefined;

interface Timed {
  text: string;
  ttftMs: number;
  totalMs: number;
  tokens: number;
}

try {
  const deployment = readDeployment(31337, deploymentsDir);
  await runGovernanceHistory({ rpcUrl, deployment });
  const versionDir = path.join(modelsDir, "commons-chat/1.1.0");
  cpSync(path.join(root, "models/commons-chat/1.1.0"), versionDir, { recursive: true });
  /** The backend with `maxConcurrent` generations at a time per model, caught up, and an API key of a member. */
  async function startApp(
    maxConcurrent: number,
  ): Promise<{ app: NestExpressApplication; url: string; apiKey: string }> {
    const started = await startBackend({
      RPC_URL: rpcUrl,
      COMMONS_DEPLOYMENTS_DIR: deploymentsDir,
      MODELS_DIR: modelsDir,
      MODELS_MAX_CONCURRENT: String(maxConcurrent),
      AUTH_DOMAIN: DOMAIN,
      CHAT_RATE_LIMIT_PER_MINUTE: "100000",
    });
    app = started;
    const serving = started.get(ModelServingService);
    while (!serving.status().some((m) => m.state === "loaded")) await new Promise((r) => setTimeout(r, 100));
    await started.get(IndexerService).waitForBlock(0n);
    const session = await signIn(started, devAccount(0));
    const created = await call<{ key: string }>(started, "POST", "/auth/api-keys", {
      bearer: session.token,
      body: { name: "bench" },
    });
    return { app: started, url: await started.getUrl(), apiKey: created.body.key };
  }

  const first = await startApp(1);
  let { url, apiKey } = first;
  const serving = first.app.get(ModelServingService);

  const bare = await loadModel(versionDir, {
    expectedHash: serving.get("commons-chat").version.weightsHash as `0x${string}`,
  });

  async function direct(prompt: string): Promise<Timed> {
    const started = performance.now();
    let first = 0;
    const stream = bare.generate([{ role: "user", content: prompt }], { maxNewTokens: MAX_TOKENS });
    for await (const _chunk of stream) if (first === 0) first = performance.now();
    const result = await stream.result;
    return {
      text: result.text,
      ttftMs: first - started,
      totalMs: performance.now() - started,
      tokens: result.completionTokens,
    };
  }

  async function viaApi(prompt: string): Promise<Timed> {
    const started = performance.now();
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        model: "commons-chat",
        stream: true,
        max_tokens: MAX_TOKENS,
        messages: [{ role: "user", content: prompt }],
      }),
    });
    if (!response.ok || !response.body) throw new Error(`API answered ${response.status}: ${await response.text()}`);
    let first = 0;
    let text = "";
    let tokens = 0;
    let buffer = "";
    const decoder = new TextDecoder();
    for await (const bytes of response.body) {
      buffer += decoder.decode(bytes, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const event = buffer.slice(0, end).replace(/^data: /, "");
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
        if (event === "[DONE]") continue;
        const chunk = JSON.parse(event) as {
          choices: { delta: { content?: string } }[];
          usage?: { completion_tokens: number };
          error?: { message: string };
        };
        if (chunk.error) throw new Error(chunk.error.message);
        const content = chunk.choices[0]?.delta.content ?? "";
        if (content && first === 0) first = performance.now();
        text += content;
        if (chunk.usage) tokens = chunk.usage.completion_tokens;
      }
    }
    return { text, ttftMs: first - started, totalMs: performance.now() - started, tokens };
  }

  // Warm-up, then alternate: each round runs every prompt both ways, in alternating order.
  for (const prompt of PROMPTS) {
    await direct(prompt);
    await viaApi(prompt);
  }
  const runs: { direct: Timed; api: Timed }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, prompt] of PROMPTS.entries()) {
      const apiFirst = (round + i) % 2 === 0;
      const a = apiFirst ? await viaApi(prompt) : undefined;
      const d = await direct(prompt);
      const b = apiFirst ? a : await viaApi(prompt);
      if (!b) throw new Error("unreachable");
      if (b.text !== d.text) console.warn(`answers differ for "${prompt}" (the privacy guard changed the answer?)`);
      runs.push({ direct: d, api: b });
    }
  }
  const rate = (t: Timed) => t.tokens / (t.totalMs / 1000);
  const apiRate = median(runs.map((r) => rate(r.api)));
  const directRate = median(runs.map((r) => rate(r.direct)));

  // Concurrency: 20 streams at once, each answer compared with its prompt's answer alone; first with one generation
  // at a time per model (the default), then with several (MODELS_MAX_CONCURRENT) on a backend restarted for it.
  const alone = new Map<string, string>();
  for (const prompt of PROMPTS) alone.set(prompt, (await direct(prompt)).text);
  await bare.unload();
  async function concurrently() {
    const started = performance.now();
    const streams = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => {
        const prompt = PROMPTS[i % PROMPTS.length] as string;
        return viaApi(prompt).then((t) => ({ prompt, ...t }));
      }),
    );
    return {
      ttft: streams.map((c) => c.ttftMs),
      wall: (performance.now() - started) / 1000,
      wrong: streams.filter((c) => c.text !== alone.get(c.prompt)).length + (CONCURRENT - streams.length),
    };
  }
  const queued = await concurrently();
  await app?.close();
  ({ url, apiKey } = await startApp(PARALLEL));
  const parallel = await concurrently();

  log(
    `commons-chat 1.1.0, greedy, up to ${MAX_TOKENS} new tokens, ${PROMPTS.length} prompts x ${ROUNDS} rounds after a warm-up, alternating; ` +
      `${cpus().length} CPU cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}. Medians.`,
  );
  log("");
  log("| Path | Tokens/s | TTFT ms | Request ms |");
  log("| --- | ---: | ---: | ---: |");
  log(
    `| Bare runtime (models/src, in process) | ${directRate.toFixed(1)} | ${median(runs.map((r) => r.direct.ttftMs)).toFixed(1)} | ${median(runs.map((r) => r.direct.totalMs)).toFixed(1)} |`,
  );
  log(
    `| Whole API (API key, policy, guards, SSE) | ${apiRate.toFixed(1)} | ${median(runs.map((r) => r.api.ttftMs)).toFixed(1)} | ${median(runs.map((r) => r.api.totalMs)).toFixed(1)} |`,
  );
  const apiTtft = median(runs.map((r) => r.api.ttftMs));
  const directTtft = median(runs.map((r) => r.direct.ttftMs));
  log(`| Ratio, API / bare | ${(apiRate / directRate).toFixed(2)} | ${(apiTtft / directTtft).toFixed(1)} | |`);
  log("");
  log(
    `| ${CONCURRENT} concurrent streams | MODELS_MAX_CONCURRENT=1 (default: FIFO) | MODELS_MAX_CONCURRENT=${PARALLEL} |`,
  );
  log("| --- | ---: | ---: |");
  log(`| TTFT p50 ms | ${percentile(queued.ttft, 50).toFixed(0)} | ${percentile(parallel.ttft, 50).toFixed(0)} |`);
  log(`| TTFT p99 ms | ${percentile(queued.ttft, 99).toFixed(0)} | ${percentile(parallel.ttft, 99).toFixed(0)} |`);
  log(`| All done, s | ${queued.wall.toFixed(1)} | ${parallel.wall.toFixed(1)} |`);
  log(
    `| Answers lost or different from the prompt's answer alone | ${queued.wrong} of ${CONCURRENT} | ${parallel.wrong} of ${CONCURRENT} |`,
  );

  const docsPath = path.resolve("docs/BENCHMARKS.md");
  const docs = await readFile(docsPath, "utf8");
  const section = `<!-- chat:start -->\nMeasured by \`npm run bench:chat\` on ${new Date().toISOString().slice(0, 10)}.\n\n${lines.join("\n")}\n<!-- chat:end -->`;
  await writeFile(
    docsPath,
    docs.includes("<!-- chat:start -->")
      ? docs.replace(/<!-- chat:start -->[\s\S]*<!-- chat:end -->/, section)
      : `${docs.trimEnd()}\n\n## Chat (\`npm run bench:chat\`)\n\nThe same prompts through the bare runtime and through the whole API (an API key, the active policy, the privacy guards on the prompt and the streamed answer, the OpenAI-compatible SSE endpoint). The streamed answer's guard holds back text until it can tell that no personal data is split across tokens, which shows in the time to first token. Concurrent streams queue on the model (one generation at a time per loaded version unless MODELS_MAX_CONCURRENT says more).\n\n${section}\n`,
  );
  console.log("docs/BENCHMARKS.md updated");
} finally {
  await app?.close();
  chain.signal("SIGINT");
  rmSync(deploymentsDir, { recursive: true, force: true });
  rmSync(modelsDir, { recursive: true, force: true });
}
process.exit(0);
