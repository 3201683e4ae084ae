// The GovernanceToken handlers: delegation, voting power and the governance totals.
import { beforeEach, describe, expect, it } from "@jest/globals";
import { parseEther, zeroAddress } from "viem";
import { TestChain } from "./helpers/chain.js";
import { ALICE, BOB, DEPLOYER, delegateToSelf, TOKEN } from "./helpers/scenario.js";

let chain: TestChain;
beforeEach(() => {
  chain = new TestChain();
});

const governance = () => chain.store.entity("Governance", "governance");
const delegate = (address: string) => chain.store.entity("Delegate", address);

describe("delegation", () => {
  it("self-delegation: the account delegates to itself and holds its votes", async () => {
    await delegateToSelf(chain, ALICE, parseEther("300"));
    const [changed, votes] = chain.logs;
    expect(delegate(ALICE)).toEqual({
      id: ALICE,
      votingPower: parseEther("300").toString(),
      delegatorsCount: 1,
      delegatedTo: ALICE,
      voteCount: 0,
      proposalCount: 0,
    });
    expect(chain.store.entity("DelegateChange", `${changed?.transactionHash}00000000`)).toEqual({
      id: `${changed?.transactionHash}00000000`,
      delegator: ALICE,
      toDelegate: ALICE,
      blockNumber: "1",
      timestamp: changed?.blockTimestamp.toString(),
      transactionHash: changed?.transactionHash,
    });
    expect(chain.store.entity("VotingPowerChange", `${votes?.transactionHash}01000000`)).toMatchObject({
      delegate: ALICE,
      previousVotes: "0",
      newVotes: parseEther("300").toString(),
    });
    expect(governance()).toMatchObject({
      token: TOKEN.toLowerCase(),
      delegateCount: 1,
      delegatorCount: 1,
      totalVotingPower: parseEther("300").toString(),
    });
  });

  it("moving votes to another delegate, then to nobody", async () => {
    await delegateToSelf(chain, ALICE, parseEther("300"));
    await delegateToSelf(chain, BOB, parseEther("100"));
    let tx = chain.tx();
    await tx.emit("GovernanceToken", "DelegateChanged", { delegator: ALICE, fromDelegate: ALICE, toDelegate: BOB });
    await tx.emit("GovernanceToken", "DelegateVotesChanged", {
      delegate: ALICE,
      previousVotes: parseEther("300"),
      newVotes: 0n,
    });
    await tx.emit("GovernanceToken", "DelegateVotesChanged", {
      delegate: BOB,
      previousVotes: parseEther("100"),
      newVotes: parseEther("400"),
    });
    expect(delegate(ALICE)).toMatchObject({ votingPower: "0", delegatorsCount: 0, delegatedTo: BOB });
    expect(delegate(BOB)).toMatchObject({ votingPower: parseEther("400").toString(), delegatorsCount: 2 });
    expect(governance()).toMatchObject({
      delegateCount: 1,
      delegatorCount: 2,
      totalVotingPower: parseEther("400").toString(),
    });

    tx = chain.tx();
    await tx.emit("GovernanceToken", "DelegateChanged", {
      delegator: ALICE,
      fromDelegate: BOB,
      toDelegate: zeroAddress,
    });
    await tx.emit("GovernanceToken", "DelegateVotesChanged", {
      delegate: BOB,
      previousVotes: parseEther("400"),
      newVotes: parseEther("100"),
    });
    expect(delegate(ALICE)?.delegatedTo).toBeUndefined();
    expect(delegate(BOB)).toMatchObject({ delegatorsCount: 1 });
    expect(chain.store.all("DelegateChange").at(-1)).toMatchObject({ delegator: ALICE, fromDelegate: BOB });
    expect(chain.store.all("DelegateChange").at(-1)?.toDelegate).toBeUndefined();
    expect(governance()).toMatchObject({ delegatorCount: 1, totalVotingPower: parseEther("100").toString() });
  });

  it("a transfer between delegated accounts moves voting power, and the total stays", async () => {
    await delegateToSelf(chain, DEPLOYER, parseEther("1000"));
    await delegateToSelf(chain, ALICE, 0n);
    const tx = chain.tx();
    await tx.emit("GovernanceToken", "DelegateVotesChanged", {
      delegate: DEPLOYER,
      previousVotes: parseEther("1000"),
      newVotes: parseEther("900"),
    });
    await tx.emit("GovernanceToken", "DelegateVotesChanged", {
      delegate: ALICE,
      previousVotes: 0n,
      newVotes: parseEther("100"),
    });
    expect(governance()).toMatchObject({
      delegateCount: 2,
      delegatorCount: 2,
      totalVotingPower: parseEther("1000").toString(),
    });
  });
});

describe("cost", () => {
  it("a voting power change reads two entities and writes three", async () => {
    await delegateToSelf(chain, ALICE, 1n);
    const { reads, writes } = chain.store;
    await chain
      .tx()
      .emit("GovernanceToken", "DelegateVotesChanged", { delegate: ALICE, previousVotes: 1n, newVotes: 2n });
    expect([chain.store.reads - reads, chain.store.writes - writes]).toEqual([2, 3]);
  });
});
