// Trains the prompt-injection classifier on the training set, chooses its threshold on the dev set
// (injection-training-set.ts), and writes the weights next to the detector. Deterministic: the same sets give the
// same file, and test/backend/privacy/prompt-injection.test.ts fails when the committed file is stale.
//
//   node scripts/with-node.mjs tsx backend/bench/privacy/train-injection-model.ts
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { trainInjectionModel } from "./injection-model-training.js";
import { buildInjectionSets } from "./injection-training-set.js";

export const MODEL_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../src/privacy/prompt-injection-model.json",
);

if (import.meta.url === `file://${process.argv[1]}`) {
  const model = trainInjectionModel(buildInjectionSets());
  writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
  console.log(`threshold ${model.threshold}, training sha256 ${model.trainingSha256}`);
  console.log(`written to ${path.relative(process.cwd(), MODEL_FILE)}`);
}
