import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { network } from "hardhat";
import CommonsModule, { TIMELOCK_ROLES } from "../../ignition/modules/Commons.js";
import { readParametersFile } from "../../ignition/parameters.js";
import { deployCommons } from "./helpers/fixture.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => deployCommons(connection);

describe("Deployment", () => {
  it("wires the governor as the timelock's only proposer, canceller and executor", async () => {
    const { timelock, governor, wallets } = await networkHelpers.loadFixture(fixture);
    for (const role of [TIMELOCK_ROLES.PROPOSER_ROLE, TIMELOCK_ROLES.CANCELLER_ROLE, TIMELOCK_ROLES.EXECUTOR_ROLE]) {
      assert.equal(await timelock.read.hasRole([role, governor.address]), true);
      for (const wallet of Object.values(wallets)) {
        assert.equal(await timelock.read.hasRole([role, wallet.account.address]), false);
      }
    }
  });

  it("leaves the deployer without any admin role", async () => {
    const { timelock, modelRegistry, usagePolicyRegistry, wallets } = await networkHelpers.loadFixture(fixture);
    const deployer = wallets.deployer.account.address;
    assert.equal(await timelock.read.hasRole([TIMELOCK_ROLES.DEFAULT_ADMIN_ROLE, deployer]), false);
    assert.equal(await timelock.read.hasRole([TIMELOCK_ROLES.DEFAULT_ADMIN_ROLE, timelock.address]), true);
    assert.equal((await modelRegistry.read.owner()).toLowerCase(), timelock.address.toLowerCase());
    assert.equal((await usagePolicyRegistry.read.owner()).toLowerCase(), timelock.address.toLowerCase());
  });

  it("points the governor at the token and the timelock, with the configured settings", async () => {
    const { governor, token, timelock, parameters, wallets } = await networkHelpers.loadFixture(fixture);
    const s = parameters.governorSettings;
    assert.equal((await governor.read.token()).toLowerCase(), token.address.toLowerCase());
    assert.equal((await governor.read.timelock()).toLowerCase(), timelock.address.toLowerCase());
    assert.equal(await governor.read.votingDelay(), BigInt(s.votingDelay));
    assert.equal(await governor.read.votingPeriod(), BigInt(s.votingPeriod));
    assert.equal(await governor.read.proposalThreshold(), s.proposalThreshold);
    assert.equal(await governor.read.lateQuorumVoteExtension(), s.lateQuorumVoteExtension);
    assert.equal((await governor.read.proposalGuardian()).toLowerCase(), wallets.guardian.account.address);
    assert.equal(await governor.read.CLOCK_MODE(), "mode=timestamp");
    assert.equal(await governor.read.COUNTING_MODE(), "support=bravo&quorum=for,abstain");
    assert.equal(await timelock.read.getMinDelay(), parameters.timelockMinDelay);
  });

  it("publishes the genesis policy as version 1, pinned to docs/policies/genesis.md", async () => {
    const { usagePolicyRegistry, parameters } = await networkHelpers.loadFixture(fixture);
    assert.equal(await usagePolicyRegistry.read.activePolicyVersion(), 1n);
    const [version, policy] = await usagePolicyRegistry.read.activePolicy();
    assert.equal(version, 1n);
    assert.equal(policy.contentHash, parameters.genesisPolicy.contentHash);
    assert.equal(policy.retentionSeconds, 0n);
  });
});

describe("Deployment to a real network", () => {
  it("deploys with the parameters of ignition/parameters.example.json, big numbers included", async () => {
    const parameters = readParametersFile("ignition/parameters.example.json");
    assert.deepEqual(parameters.amounts, [600_000n * 10n ** 18n, 400_000n * 10n ** 18n]);
    const { ignition } = connection;
    const deployed = await ignition.deploy(CommonsModule, {
      parameters: { Commons: parameters as Record<string, never> },
      deploymentId: "example-parameters",
    });
    assert.equal(await deployed.token.read.totalSupply(), 1_000_000n * 10n ** 18n);
    assert.equal(await deployed.governor.read.votingPeriod(), 604_800n);
    assert.equal(await deployed.governor.read.executionGracePeriod(), 1_209_600);
    assert.equal(await deployed.timelock.read.getMinDelay(), 172_800n);
    const [, policy] = await deployed.usagePolicyRegistry.read.activePolicy();
    assert.equal(policy.textUri, "https://example.org/commons/policy-v1.md");
  });

  it("says which parameters a file is missing", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "commons-params-")), "params.json");
    writeFileSync(file, JSON.stringify({ Commons: { tokenName: "X" } }));
    assert.throws(() => readParametersFile(file), /missing the parameters: recipients, amounts/);
  });
});
