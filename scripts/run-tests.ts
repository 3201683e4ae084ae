// `npm test`: every test suite of the project, one after the other, then one closing line `N passed, N failed`.
//
// Each suite is an npm script that ends by printing its own `<name>: N passed, N failed` line; a suite that exits
// non-zero without saying how many tests failed counts as one failure, so a crash can never pass for success.
import { spawn } from "node:child_process";

interface Suite {
  name: string;
  script: string;
}

/** In dependency order. Each suite builds what it needs (the contracts' build and bindings come first in each). */
const SUITES: Suite[] = [
  { name: "lint", script: "lint" },
  { name: "contracts", script: "test:contracts" },
  { name: "models", script: "test:models" },
  { name: "subgraph", script: "test:subgraph" },
  { name: "backend", script: "test:backend" },
  { name: "e2e", script: "test:e2e" },
];

const SUMMARY = /^(?:[\w-]+: )?(\d+) passed, (\d+) failed/gm;

function runSuite(suite: Suite): Promise<{ passed: number; failed: number; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", suite.script], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      const last = [...output.matchAll(SUMMARY)].pop();
      let passed = last ? Number(last[1]) : 0;
      let failed = last ? Number(last[2]) : 0;
      if (!last) {
        // A suite without a summary line is a single check: its exit code decides.
        if (code === 0) passed = 1;
        else failed = 1;
      } else if (code !== 0 && failed === 0) {
        console.error(`[test] ${suite.name} exited with code ${code} but reported no failure; counting one`);
        failed = 1;
      }
      resolve({ passed, failed, seconds });
    });
  });
}

const only = process.argv.slice(2);
const selected = only.length > 0 ? SUITES.filter((s) => only.includes(s.name)) : SUITES;
let passed = 0;
let failed = 0;
const lines: string[] = [];
for (const suite of selected) {
  console.log(`\n=== ${suite.name} (npm run ${suite.script}) ===`);
  const result = await runSuite(suite);
  passed += result.passed;
  failed += result.failed;
  lines.push(
    `${suite.name.padEnd(12)} ${String(result.passed).padStart(5)} passed ${String(result.failed).padStart(4)} failed  ${result.seconds.toFixed(1)}s`,
  );
}
console.log("\n=== summary ===");
for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
