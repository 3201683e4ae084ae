// ONNX vs torch parity: runs onnx/model.onnx with onnxruntime-node on the inputs export.py saved
// (.cache/parity-<version>.json: a prompt with an empty past, then 3 tokens on top of that cache, batch 2)
// and compares logits and present keys/values with the torch outputs.
// Usage: npx -y -p node@24 -- node models/training/check-onnx.mjs [modelDir parityJson ...]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as ort from "onnxruntime-node";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const pairs = [];
if (args.length) for (let i = 0; i < args.length; i += 2) pairs.push([args[i], args[i + 1], null]);
else
  for (const v of ["1.0.0", "1.1.0"])
    pairs.push([join(here, "..", "commons-chat", v), join(here, ".cache", `parity-${v}.json`), v]);

const TOL = 1e-4;
let ok = true;
const report = {};
for (const [dir, parityPath, version] of pairs) {
  const parity = JSON.parse(readFileSync(parityPath, "utf8"));
  const session = await ort.InferenceSession.create(join(dir, "onnx", "model.onnx"));
  report[version ?? dir] = { inputs: session.inputNames, outputs: session.outputNames, cases: {} };
  for (const [name, c] of Object.entries(parity.cases)) {
    const feeds = {};
    for (const [k, t] of Object.entries(c.feeds)) {
      const isInt = k === "input_ids" || k === "attention_mask" || k === "position_ids";
      const data = isInt ? BigInt64Array.from(t.data.map((x) => BigInt(x))) : Float32Array.from(t.data);
      feeds[k] = new ort.Tensor(isInt ? "int64" : "float32", data, t.dims);
    }
    const out = await session.run(feeds);
    const diffs = {};
    let worst = 0;
    for (const [k, t] of Object.entries(c.outputs)) {
      const got = out[k];
      if (JSON.stringify(got.dims) !== JSON.stringify(t.dims)) throw new Error(`${k}: dims ${got.dims} vs ${t.dims}`);
      let m = 0;
      for (let i = 0; i < t.data.length; i++) m = Math.max(m, Math.abs(got.data[i] - t.data[i]));
      diffs[k] = m;
      worst = Math.max(worst, m);
    }
    const pastLen = c.feeds["past_key_values.0.key"].dims[2];
    report[version ?? dir].cases[name] = {
      past_length: pastLen,
      logits_dims: c.outputs.logits.dims,
      max_abs_diff_logits: diffs.logits,
      max_abs_diff_all_outputs: worst,
    };
    console.log(
      `${version ?? dir} ${name} (past ${pastLen}, seq ${c.feeds.input_ids.dims[1]}): max |onnx - torch| logits ${diffs.logits.toExponential(2)}, all outputs ${worst.toExponential(2)} ${worst <= TOL ? "OK" : "FAIL"}`,
    );
    if (!(worst <= TOL)) ok = false;
  }
}
if (!args.length) {
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(join(here, "results", "onnx-parity.json"), JSON.stringify({ tolerance: TOL, ok, report }, null, 2));
}
console.log(ok ? "ONNX parity OK" : "ONNX parity FAILED");
process.exit(ok ? 0 : 1);
