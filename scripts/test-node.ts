// Runs node:test files (TypeScript through tsx) and ends with one line `<name>: N passed, N failed`.
//
//   tsx scripts/test-node.ts <name> <file>...
import { run } from "node:test";
import { spec } from "node:test/reporters";

const [name, ...files] = process.argv.slice(2);
if (!name || files.length === 0) {
  console.error("usage: tsx scripts/test-node.ts <name> <file>...");
  process.exit(2);
}

let passed = 0;
let failed = 0;
const stream = run({ files, execArgv: ["--import", "tsx"], concurrency: 1 });
stream.on("test:summary", ({ counts, file }) => {
  // One summary per file, then one for the whole run (without a file): keep the whole run's.
  if (file === undefined) {
    passed = counts.passed;
    // Failed and cancelled tests alike count as failures.
    failed = counts.tests - counts.passed - counts.skipped - counts.todo;
  }
});
stream.compose(spec).pipe(process.stdout);
await new Promise((resolve) => stream.on("end", resolve));
console.log(`${name}: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
