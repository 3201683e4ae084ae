import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface RunningChain {
  /** The `npm start` process (the with-node wrapper), leader of its own process group. */
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Sends `signal` to the whole process group, as Ctrl-C in a terminal does. */
  signal(signal: NodeJS.Signals): void;
}

/**
 * Runs the README's start command (scripts/start-local-chain.ts through scripts/with-node.mjs) on `port`, writing its
 * deployment file into `deploymentsDir`, and resolves once the chain is up with the contracts deployed.
 */
export async function startLocalChain(
  port: number,
  deploymentsDir: string,
  timeoutMs = 180_000,
): Promise<RunningChain> {
  // Without node:test's own marker, which would make the child processes talk to the test runner.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const child = spawn("node", ["scripts/with-node.mjs", "tsx", "scripts/start-local-chain.ts"], {
    cwd: root,
    env: { ...env, COMMONS_CHAIN_PORT: String(port), COMMONS_DEPLOYMENTS_DIR: deploymentsDir },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that a test can send Ctrl-C to all of it as a terminal does.
    detached: true,
  });
  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const deadline = Date.now() + timeoutMs;
  while (!output.includes("local chain is running")) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up in ${timeoutMs / 1000} s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    child,
    output: () => output,
    signal: (signal) => {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, signal);
    },
  };
}
