#!/usr/bin/env node
// Runs a command of this project under Node.js >= 22, with the project's dependencies installed.
//
//   node scripts/with-node.mjs <command> [args...]
//
// Every npm script of the project goes through this file, so `npm start` and `npm test` work on a fresh clone and
// on a machine whose system Node.js is older than the project needs:
//   1. On Node.js < 22, it runs itself again on Node.js 24 from the npm registry (it asks `npx -p node@24` for the
//      binary's path once, then runs the binary directly). Node's own release downloads are not needed: the `node`
//      npm package ships the binary.
//   2. It installs the dependencies (`npm install`, pinned by package-lock.json) when node_modules is missing or was
//      installed from another package-lock.json. npm must run on Node.js >= 22 for that, or it skips Hardhat's
//      native EDR binary. Not `npm ci`: registries that serve only this platform's optional binaries (as the ones
//      behind our CI do) leave the other platforms' entries out of the lock file, and `npm ci` then refuses to run.
//   3. It runs the command with node_modules/.bin first on PATH and forwards its exit code.
//
// Written for every Node.js version the system may have (no dependencies, no syntax newer than Node 18).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MIN_MAJOR = 22;
const NODE_PACKAGE = "node@24";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stampFile = path.join(root, "node_modules", ".commons-install-stamp");

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, ...options });
  if (result.error) {
    console.error(`[with-node] could not start ${command}: ${result.error.message}`);
    return 127;
  }
  if (result.signal) return 128 + (os.constants.signals[result.signal] ?? 1);
  return result.status ?? 1;
}

function installStamp() {
  const lock = readFileSync(path.join(root, "package-lock.json"));
  return `${createHash("sha256").update(lock).digest("hex")} node${process.versions.node.split(".")[0]}`;
}

function ensureDependencies() {
  const wanted = installStamp();
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === wanted) return 0;
  console.error("[with-node] installing dependencies: node_modules is missing or older than package-lock.json");
  const status = run("npm", ["install", "--no-audit", "--no-fund"]);
  if (status !== 0) {
    console.error("[with-node] npm install failed; fix the error above and run the command again");
    return status;
  }
  writeFileSync(stampFile, wanted);
  return 0;
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/with-node.mjs <command> [args...]");
  process.exit(2);
}

const major = Number(process.versions.node.split(".")[0]);
if (major < MIN_MAJOR) {
  if (process.env.COMMONS_WITH_NODE_REEXEC) {
    console.error(`[with-node] still on Node.js ${process.version} after switching; install Node.js >= ${MIN_MAJOR}`);
    process.exit(1);
  }
  console.error(`[with-node] Node.js ${process.version} is too old (need >= ${MIN_MAJOR}); running on ${NODE_PACKAGE}`);
  // Ask npx once where its Node.js binary is, then run that binary directly: with npm's npx in between, Ctrl-C
  // (which signals the whole process group) made npx exit 130 before our command had finished shutting down cleanly.
  const node = newerNode();
  if (node === undefined) process.exit(1);
  // Its directory goes first on PATH, so `node` (and npm's scripts) in the command run on it too.
  forwardSignalsAndExit(node, [fileURLToPath(import.meta.url), command, ...args], {
    ...process.env,
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ""}`,
    COMMONS_WITH_NODE_REEXEC: "1",
  });
} else {
  const installed = ensureDependencies();
  if (installed !== 0) process.exit(installed);
  const bin = path.join(root, "node_modules", ".bin");
  forwardSignalsAndExit(command, args, { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}` });
}

/** The path of the Node.js binary of the `node` npm package (downloaded by npx into its cache the first time). */
function newerNode() {
  const result = spawnSync("npx", ["--yes", "-p", NODE_PACKAGE, "--", "node", "-p", "process.execPath"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const found = result.status === 0 ? result.stdout.trim().split("\n").pop() : undefined;
  if (!found || !existsSync(found)) {
    console.error(
      `[with-node] could not get ${NODE_PACKAGE} through npx (${result.error?.message ?? `exit ${result.status}`}); install Node.js >= ${MIN_MAJOR}`,
    );
    return undefined;
  }
  return found;
}

/**
 * Runs a command asynchronously so that signals reach it: Ctrl-C in a terminal already signals the whole process
 * group, and a supervisor's SIGTERM to this process is passed on. We exit with the command's own exit code.
 */
function forwardSignalsAndExit(file, argv, env) {
  const child = spawn(file, argv, { stdio: "inherit", cwd: root, env });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("error", (error) => {
    console.error(`[with-node] could not start ${file}: ${error.message}`);
    process.exit(127);
  });
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1)));
}
