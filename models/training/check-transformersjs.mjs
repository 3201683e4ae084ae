// Loads each exported version with @huggingface/transformers strictly from local files, applies the chat template,
// generates greedily with the KV cache (max_new_tokens 40) and checks that the answers equal, token for token, the
// torch greedy answers that export.py saved in results/torch-greedy-<version>.json (same prompts).
// Usage (from the repo root): npx -y -p node@24 -- node models/training/check-transformersjs.mjs [version ...]
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AutoModelForCausalLM, AutoTokenizer, env } from "@huggingface/transformers";

const here = dirname(fileURLToPath(import.meta.url));
env.allowRemoteModels = false;
env.localModelPath = "/work/main/models/";
const resultsDir = join(here, "results");
const versions = process.argv.slice(2).length ? process.argv.slice(2) : ["1.0.0", "1.1.0"];

let ok = true;
const report = {};
for (const version of versions) {
  const torchRef = JSON.parse(readFileSync(join(resultsDir, `torch-greedy-${version}.json`), "utf8"));
  const tokenizer = await AutoTokenizer.from_pretrained(`commons-chat/${version}`);
  const model = await AutoModelForCausalLM.from_pretrained(`commons-chat/${version}`, { dtype: "fp32" });
  report[version] = [];
  for (const ref of torchRef.checks) {
    const messages = [{ role: "user", content: ref.prompt }];
    const text = tokenizer.apply_chat_template(messages, { tokenize: false, add_generation_prompt: true });
    const inputs = tokenizer.apply_chat_template(messages, { add_generation_prompt: true, return_dict: true });
    const promptIds = Array.from(inputs.input_ids.data, Number);
    const sameTokens = JSON.stringify(promptIds) === JSON.stringify(ref.prompt_ids);
    const t0 = performance.now();
    const output = await model.generate({ ...inputs, max_new_tokens: ref.max_new_tokens, do_sample: false });
    const ms = Math.round(performance.now() - t0);
    let newIds = output.tolist()[0].slice(promptIds.length).map(Number);
    if (newIds.at(-1) === tokenizer.eos_token_id) newIds = newIds.slice(0, -1);
    const answer = tokenizer.decode(newIds, { skip_special_tokens: true });
    const same = JSON.stringify(newIds) === JSON.stringify(ref.new_ids) && answer === ref.answer;
    report[version].push({
      prompt_text: text,
      prompt_tokens_match_python: sameTokens,
      transformersjs_answer: answer,
      torch_answer: ref.answer,
      identical_ids: same,
      new_tokens: newIds.length,
      generate_ms: ms,
    });
    console.log(`${version} template:        ${JSON.stringify(text)} (ids equal to Python tokenizer: ${sameTokens})`);
    console.log(`${version} transformers.js: ${JSON.stringify(answer)}`);
    console.log(`${version} torch:           ${JSON.stringify(ref.answer)}`);
    console.log(`${version} ${same ? "MATCH" : "MISMATCH"} (${newIds.length} new tokens, ${ms} ms)`);
    if (!same || !sameTokens) ok = false;
  }
}
writeFileSync(join(resultsDir, "transformersjs-check.json"), JSON.stringify({ ok, report }, null, 2));
console.log(ok ? "transformers.js check OK" : "transformers.js check FAILED");
process.exit(ok ? 0 : 1);
