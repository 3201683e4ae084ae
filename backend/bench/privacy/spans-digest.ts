// A fingerprint of what the detectors find on every benchmark message: a sha256 per category of each detector's own
// output (before overlaps are resolved, sorted) and one of `detect`'s final spans, over the corpus, the held-out,
// fresh and name splits and 50 long texts made of 40 corpus messages each. A change meant only to make the
// detectors faster must leave every line unchanged; a change to what they find shows which categories moved.
//
//   npm run bench:privacy:digest
import { createHash } from "node:crypto";
import { CATEGORIES } from "../../src/privacy/categories.js";
import { detect } from "../../src/privacy/detect.js";
import type { Detection } from "../../src/privacy/detectors/detection.js";
import { DETECTORS } from "../../src/privacy/detectors/index.js";
import { scanText } from "../../src/privacy/detectors/text-scan.js";
import { DEFAULT_SEED, generateCorpus, generateHeldOut } from "./corpus.js";
import { generateFresh } from "./fresh-split.js";
import { generateNameSplitMessages } from "./name-split.js";
import { Random } from "./values.js";

/** Every text the digest covers, in a fixed order. */
export function digestTexts(seed = DEFAULT_SEED): string[] {
  const corpus = generateCorpus(seed).map((message) => message.text);
  const texts = [
    ...corpus,
    ...generateHeldOut(seed + 1).map((message) => message.text),
    ...generateFresh(seed + 3).map((message) => message.text),
    ...generateNameSplitMessages(seed + 4).map((message) => message.text),
  ];
  const r = new Random(seed + 5);
  for (let i = 0; i < 50; i++)
    texts.push(Array.from({ length: 40 }, () => r.pick(corpus)).join(r.chance(0.5) ? "\n\n" : " "));
  return texts;
}

function spanKey(detection: Detection): string {
  return `${detection.category}:${detection.start}:${detection.end}:${detection.priority}`;
}

/** Lines `<name> <sha256>`: one per detector's raw output, then `detect` on all categories. */
export function spansDigest(texts: readonly string[]): string[] {
  const hashes = new Map<string, ReturnType<typeof createHash>>();
  const hashOf = (name: string) => {
    let hash = hashes.get(name);
    if (hash === undefined) {
      hash = createHash("sha256");
      hashes.set(name, hash);
    }
    return hash;
  };
  texts.forEach((text, index) => {
    for (const category of CATEGORIES) {
      const detector = DETECTORS[category];
      const found: Detection[] = [];
      const scan = scanText(text);
      if (detector.mayMatch(scan)) detector.detect(scan, found);
      const keys = found.map(spanKey).sort();
      hashOf(category).update(`${index}|${keys.join(",")}\n`);
    }
    hashOf("detect").update(`${index}|${detect(text, CATEGORIES).map(spanKey).join(",")}\n`);
  });
  return [...hashes].map(([name, hash]) => `${name.padEnd(16)} ${hash.digest("hex").slice(0, 16)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const texts = digestTexts();
  console.log(`${texts.length} texts`);
  for (const line of spansDigest(texts)) console.log(line);
}
