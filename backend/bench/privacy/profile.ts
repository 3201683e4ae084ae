// Where the privacy guards spend their time: CPU time per corpus message of each stage of `redact` (the first pass
// over the text, each detector's gate and search, resolving overlaps, building the redacted text), next to the whole
// call and redact-pii's, and the floor of single-pass-floor.ts (the least any redactor in JavaScript does per message)
// with the ratio of redact-pii's time to it. It measures only; it asserts nothing.
//
//   npm run bench:privacy:profile [-- --rounds N]
import { CATEGORIES, type Category } from "../../src/privacy/categories.js";
import { detect } from "../../src/privacy/detect.js";
import type { Detection } from "../../src/privacy/detectors/detection.js";
import { DETECTORS } from "../../src/privacy/detectors/index.js";
import { scanText } from "../../src/privacy/detectors/text-scan.js";
import { redact } from "../../src/privacy/redact.js";
import { DEFAULT_SEED, generateCorpus } from "./corpus.js";
import { redactPii } from "./redact-pii-adapter.js";
import { capitalisedNames, singlePassFloor } from "./single-pass-floor.js";

const args = process.argv.slice(2);
const roundsArg = args.indexOf("--rounds");
const rounds = roundsArg >= 0 ? Number(args[roundsArg + 1]) : 9;

function cpuMicros(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median CPU µs per message of each stage, measured in interleaved rounds after a warm-up. */
export function profile(texts: readonly string[], roundCount: number): Map<string, number> {
  const sink: Detection[] = [];
  const stages = new Map<string, () => void>();
  stages.set("redact (whole call)", () => {
    for (const text of texts) redact(text);
  });
  stages.set("detect", () => {
    for (const text of texts) detect(text, CATEGORIES);
  });
  stages.set("first pass (scanText)", () => {
    for (const text of texts) scanText(text);
  });
  for (const category of CATEGORIES) {
    const detector = DETECTORS[category as Category];
    stages.set(`first pass + ${category}`, () => {
      for (const text of texts) {
        const scan = scanText(text);
        if (detector.mayMatch(scan)) detector.detect(scan, sink);
        sink.length = 0;
      }
    });
  }
  stages.set("redact-pii SyncRedactor", () => {
    for (const text of texts) redactPii.redact(text);
  });
  const names = capitalisedNames();
  stages.set("floor: one minimal pass (single-pass-floor.ts)", () => {
    for (const text of texts) singlePassFloor(text, names);
  });
  for (let i = 0; i < 3; i++) for (const run of stages.values()) run();
  const samples = new Map<string, number[]>([...stages.keys()].map((name) => [name, []]));
  for (let i = 0; i < roundCount; i++) {
    for (const [name, run] of stages) samples.get(name)?.push(cpuMicros(run) / texts.length);
  }
  const result = new Map<string, number>();
  for (const [name, values] of samples) result.set(name, median(values));
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flat strings, as a request's JSON gives them (the generator builds them by concatenation), as bench:privacy does.
  const texts = generateCorpus(DEFAULT_SEED).map((message) => JSON.parse(JSON.stringify(message.text)) as string);
  const result = profile(texts, rounds);
  const firstPass = result.get("first pass (scanText)") ?? 0;
  console.log(
    `${texts.length} corpus messages, median of ${rounds} rounds, CPU µs per message (Node ${process.version})`,
  );
  console.log("| Stage | µs per message |");
  console.log("| --- | --: |");
  for (const [name, micros] of result) {
    if (name.startsWith("first pass + ")) {
      console.log(`| ${name.slice("first pass + ".length)} (gate and search) | ${(micros - firstPass).toFixed(2)} |`);
    } else console.log(`| ${name} | ${micros.toFixed(2)} |`);
  }
  const floor = result.get("floor: one minimal pass (single-pass-floor.ts)") ?? Number.NaN;
  const redactPiiMicros = result.get("redact-pii SyncRedactor") ?? Number.NaN;
  console.log(
    `redact-pii / floor: ${(redactPiiMicros / floor).toFixed(1)}x (a redactor that did only the floor's work); ` +
      `redact-pii / redact: ${(redactPiiMicros / (result.get("redact (whole call)") ?? Number.NaN)).toFixed(2)}x`,
  );
}
