import assert from "node:assert/strict";
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
import { type RunningChain, startLocalChain } from "../helpers/local-chain.js";

// The README's start command, as a user runs it: a chain on a spare port, contracts deployed, a deployment file.
const port = 18_545 + Math.floor(Math.random() * 1000);
const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-deployments-"));

describe("npm start (local chain with the contracts deployed)", () => {
  let chain: RunningChain;

  before(async () => {
    chain = await startLocalChain(port, deploymentsDir);
  });

  after(() => {
    chain?.signal("SIGKILL");
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
    assert.match(chain.output(), new RegExp(`JSON-RPC\\s+http://127.0.0.1:${port}`));
    assert.match(chain.output(), /ModelRegistry\s+0x[0-9a-fA-F]{40}/);
  });

  it("stops cleanly on Ctrl-C", async () => {
    const exited = new Promise<number | null>((resolve) => chain.child.on("close", (code) => resolve(code)));
    assert.ok(chain.child.pid);
    chain.signal("SIGINT");
    assert.equal(await exited, 0);
  });
});
