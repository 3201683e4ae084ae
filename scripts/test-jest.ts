// Runs jest on the given test paths and ends with one line `<name>: N passed, N failed`.
//
//   tsx scripts/test-jest.ts <name> <path>...
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const [name, ...paths] = process.argv.slice(2);
if (!name || paths.length === 0) {
  console.error("usage: tsx scripts/test-jest.ts <name> <path>...");
  process.exit(2);
}
mkdirSync("reports", { recursive: true });
// One file per run: two runs at once (a suite while the whole suite runs) must not read each other's results.
const resultsFile = path.join("reports", `jest-${name}-${process.pid}.json`);
const code = await new Promise<number>((resolve) => {
  const child = spawn(
    process.execPath,
    [
      "--experimental-vm-modules",
      "--no-warnings=ExperimentalWarning",
      "node_modules/jest/bin/jest.js",
      "--config",
      "jest.config.mjs",
      "--json",
      `--outputFile=${resultsFile}`,
      ...paths,
    ],
    { stdio: "inherit" },
  );
  child.on("close", (c) => resolve(c ?? 1));
});
let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(resultsFile, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numRuntimeErrorTestSuites: number;
  };
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
} catch {
  failed = 1;
}
rmSync(resultsFile, { force: true });
if (code !== 0 && failed === 0) failed = 1;
console.log(`${name}: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
