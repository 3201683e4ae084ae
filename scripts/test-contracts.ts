// `npm run test:contracts`: the contract tests on Hardhat's in-process network, with coverage, then the coverage
// threshold. Ends with one line `contracts: N passed, N failed` (the coverage threshold counts as one check).
import { spawn } from "node:child_process";
import { reportContractCoverage } from "./contract-coverage.js";

const MIN_COVERAGE = 95;

function runHardhatTests(): Promise<{ output: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn("hardhat", ["test", "nodejs", "--coverage"], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on("close", (code) => resolve({ output, code: code ?? 1 }));
  });
}

function lastNumber(output: string, pattern: RegExp): number | undefined {
  const matches = [...output.matchAll(pattern)];
  const last = matches[matches.length - 1];
  return last ? Number(last[1]) : undefined;
}

const { output, code } = await runHardhatTests();
let passed = lastNumber(output, /^\s*(\d+) passing/gm) ?? 0;
let failed = lastNumber(output, /^\s*(\d+) failing/gm) ?? 0;
if (code !== 0 && failed === 0) {
  console.error(`hardhat test exited with code ${code} without reporting a failing test; counting it as a failure`);
  failed += 1;
}
if (reportContractCoverage(MIN_COVERAGE)) passed += 1;
else failed += 1;

console.log(`contracts: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
