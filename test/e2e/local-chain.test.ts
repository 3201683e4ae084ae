import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createPublicClient, http } from "viem";
import { readDeployment } from "../../deployments/index.js";
import {
  commonsGovernorAbi,
  governanceTokenAbi,
  modelRegistryAbi,
  timelockControllerAbi,
  usagePolicyRegistryAbi,
} from "../../generated/contracts.js";

// The README's start command, as a user runs it: a chain on a spare port, contracts deployed, a deployment file.
const port = 18_545 + Math.floor(Math.random() * 1000);
const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-deployments-"));
const root = path.resolve(import.meta.dirname, "../..");

describe("npm start (local chain with the contracts deployed)", () => {
  let child: ChildProcess;
  let output = "";

  before(async () => {
    // Without node:test's own marker, which would make the child processes talk to the test runner.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    child = spawn("node", ["scripts/with-node.mjs", "tsx", "scripts/start-local-chain.ts"], {
      cwd: root,
      env: { ...env, COMMONS_CHAIN_PORT: String(port), COMMONS_DEPLOYMENTS_DIR: deploymentsDir },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so that the test can send Ctrl-C to all of it as a terminal does.
      detached: true,
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const deadline = Date.now() + 180_000;
    while (!output.includes("local chain is running")) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not come up in 180 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  after(() => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
    rmSync(deploymentsDir, { recursive: true, force: true });
  });

  it("writes a deployment file whose contracts answer on the chain", async () => {
    const deployment = readDeployment(31337, deploymentsDir);
    const client = createPublicClient({ transport: http(`http://127.0.0.1:${port}`) });
    assert.equal(await client.getChainId(), 31337);
    const { contracts } = deployment;
    assert.equal(
      await client.readContract({
        address: contracts.GovernanceToken,
        abi: governanceTokenAbi,
        functionName: "symbol",
      }),
      "COMMONS",
    );
    assert.equal(
      await client.readContract({ address: contracts.CommonsGovernor, abi: commonsGovernorAbi, functionName: "name" }),
      "CommonsGovernor",
    );
    assert.equal(
      await client.readContract({ address: contracts.ModelRegistry, abi: modelRegistryAbi, functionName: "owner" }),
      contracts.TimelockController,
    );
    assert.equal(
      await client.readContract({
        address: contracts.UsagePolicyRegistry,
        abi: usagePolicyRegistryAbi,
        functionName: "activePolicyVersion",
      }),
      1n,
    );
    const proposerRole = await client.readContract({
      address: contracts.TimelockController,
      abi: timelockControllerAbi,
      functionName: "PROPOSER_ROLE",
    });
    assert.equal(
      await client.readContract({
        address: contracts.TimelockController,
        abi: timelockControllerAbi,
        functionName: "hasRole",
        args: [proposerRole, contracts.CommonsGovernor],
      }),
      true,
    );
    assert.ok(deployment.startBlock >= 1);
  });

  it("prints where everything is", () => {
    assert.match(output, new RegExp(`JSON-RPC\\s+http://127.0.0.1:${port}`));
    assert.match(output, /ModelRegistry\s+0x[0-9a-fA-F]{40}/);
  });

  it("stops cleanly on Ctrl-C", async () => {
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    assert.ok(child.pid);
    process.kill(-child.pid, "SIGINT");
    assert.equal(await exited, 0);
  });
});
