// Trains the person-name scorer on the training set, chooses its thresholds on the dev set (name-training-set.ts),
// and writes the weights next to the detector. Deterministic: the same sets give the same file, and
// test/backend/privacy/person-name-model.test.ts fails when the committed file is stale.
//
//   node scripts/with-node.mjs tsx backend/bench/privacy/train-name-model.ts
import { writeFileSync } from "node:fs";
import path from "node:path";
import { NAME_MODEL_FILE } from "../../src/privacy/detectors/person-name-model.js";
import { trainNameModel } from "./name-model-training.js";
import { buildNameTrainingSets } from "./name-training-set.js";

if (import.meta.url === `file://${process.argv[1]}`) {
  const model = trainNameModel(buildNameTrainingSets());
  writeFileSync(NAME_MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
  console.log(`keep at ${model.keepThreshold}, add at ${model.addThreshold}, training sha256 ${model.trainingSha256}`);
  console.log(`written to ${path.relative(process.cwd(), NAME_MODEL_FILE.pathname)}`);
}
