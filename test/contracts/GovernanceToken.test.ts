import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { type Address, parseEther, parseSignature, zeroAddress } from "viem";
import { type Commons, deployCommons } from "./helpers/fixture.js";

const connection = await network.create();
const { networkHelpers, viem } = connection;
const fixture = () => deployCommons(connection);

type Wallet = Commons["wallets"]["deployer"];

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

async function eip712Domain(commons: Commons) {
  return {
    name: await commons.token.read.name(),
    version: "1",
    chainId: await commons.publicClient.getChainId(),
    verifyingContract: commons.token.address,
  } as const;
}

async function signDelegation(commons: Commons, signer: Wallet, delegatee: Address, nonce: bigint, expiry: bigint) {
  const signature = await signer.signTypedData({
    account: signer.account,
    domain: await eip712Domain(commons),
    types: {
      Delegation: [
        { name: "delegatee", type: "address" },
        { name: "nonce", type: "uint256" },
        { name: "expiry", type: "uint256" },
      ],
    },
    primaryType: "Delegation",
    message: { delegatee, nonce, expiry },
  });
  return parseSignature(signature);
}

async function signPermit(
  commons: Commons,
  owner: Wallet,
  spender: Address,
  value: bigint,
  nonce: bigint,
  deadline: bigint,
) {
  const signature = await owner.signTypedData({
    account: owner.account,
    domain: await eip712Domain(commons),
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: { owner: owner.account.address, spender, value, nonce, deadline },
  });
  return parseSignature(signature);
}

/** The v of a parsed signature, as the uint8 the contract takes. */
const vOf = (sig: ReturnType<typeof parseSignature>) => Number(sig.v ?? BigInt(sig.yParity + 27));

describe("GovernanceToken", () => {
  describe("deployment", () => {
    it("mints each recipient exactly its configured amount and nothing more", async () => {
      const { token, parameters, wallets } = await networkHelpers.loadFixture(fixture);
      assert.equal(parameters.recipients.length, 5);
      let total = 0n;
      for (const [i, recipient] of parameters.recipients.entries()) {
        const amount = parameters.amounts[i];
        assert.ok(amount !== undefined && amount > 0n);
        assert.equal(await token.read.balanceOf([recipient]), amount);
        total += amount;
      }
      assert.equal(await token.read.totalSupply(), total);
      assert.equal(total, parseEther("1000000"));
      assert.equal(await token.read.balanceOf([wallets.deployer.account.address]), parseEther("400000"));
      assert.equal(await token.read.balanceOf([wallets.outsider.account.address]), 0n);
    });

    it("has the configured name, symbol and 18 decimals", async () => {
      const { token, parameters } = await networkHelpers.loadFixture(fixture);
      assert.equal(await token.read.name(), parameters.tokenName);
      assert.equal(await token.read.symbol(), parameters.tokenSymbol);
      assert.equal(await token.read.decimals(), 18);
    });

    it("reverts with GovernanceTokenInvalidDistribution when recipients and amounts differ in length", async () => {
      const { token, wallets } = await networkHelpers.loadFixture(fixture);
      const recipients = [wallets.alice.account.address, wallets.bob.account.address];
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("GovernanceToken", ["T", "T", recipients, [1n]]),
        token,
        "GovernanceTokenInvalidDistribution",
        [2n, 1n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("GovernanceToken", ["T", "T", [], [1n, 2n, 3n]]),
        token,
        "GovernanceTokenInvalidDistribution",
        [0n, 3n],
      );
    });

    it("deploys directly with a matching distribution", async () => {
      const { wallets } = await networkHelpers.loadFixture(fixture);
      const recipients = [wallets.alice.account.address, wallets.bob.account.address];
      const token = await viem.deployContract("GovernanceToken", ["Test", "TST", recipients, [7n, 11n]]);
      assert.equal(await token.read.balanceOf([recipients[0] as Address]), 7n);
      assert.equal(await token.read.balanceOf([recipients[1] as Address]), 11n);
      assert.equal(await token.read.totalSupply(), 18n);
    });
  });

  describe("clock", () => {
    it("returns the latest block timestamp and follows time forward", async () => {
      const { token } = await networkHelpers.loadFixture(fixture);
      assert.equal(await token.read.clock(), await networkHelpers.time.latest());
      await networkHelpers.time.increase(3_600);
      const latest = await networkHelpers.time.latest();
      assert.equal(await token.read.clock(), latest);
    });

    it("describes its clock as mode=timestamp", async () => {
      const { token } = await networkHelpers.loadFixture(fixture);
      assert.equal(await token.read.CLOCK_MODE(), "mode=timestamp");
    });
  });

  describe("votes", () => {
    it("gives no votes to holders until they delegate", async () => {
      const { token, wallets } = await networkHelpers.loadFixture(fixture);
      for (const wallet of Object.values(wallets)) {
        assert.equal(await token.read.getVotes([wallet.account.address]), 0n);
        assert.equal(await token.read.delegates([wallet.account.address]), zeroAddress);
      }
    });

    it("gives a holder its balance as votes once it delegates to itself", async () => {
      const { token, wallets } = await networkHelpers.loadFixture(fixture);
      const alice = wallets.alice.account.address;
      await token.write.delegate([alice], { account: wallets.alice.account });
      assert.equal(await token.read.getVotes([alice]), parseEther("150000"));
      assert.ok(eq(await token.read.delegates([alice]), alice));
    });

    it("moves votes to another account on delegation and emits DelegateChanged and DelegateVotesChanged", async () => {
      const { token, wallets } = await networkHelpers.loadFixture(fixture);
      const alice = wallets.alice.account.address;
      const bob = wallets.bob.account.address;
      await token.write.delegate([alice], { account: wallets.alice.account });

      const tx = token.write.delegate([bob], { account: wallets.alice.account });
      await viem.assertions.emitWithArgs(tx, token, "DelegateChanged", [alice, alice, bob]);
      // Same transaction, checked again by hash.
      const hash = await tx;
      await viem.assertions.emitWithArgs(hash, token, "DelegateVotesChanged", [alice, parseEther("150000"), 0n]);
      await viem.assertions.emitWithArgs(hash, token, "DelegateVotesChanged", [bob, 0n, parseEther("150000")]);

      assert.equal(await token.read.getVotes([alice]), 0n);
      assert.equal(await token.read.getVotes([bob]), parseEther("150000"));
      assert.ok(eq(await token.read.delegates([alice]), bob));
      // Bob's own tokens do not count until bob delegates them.
      await token.write.delegate([bob], { account: wallets.bob.account });
      assert.equal(await token.read.getVotes([bob]), parseEther("300000"));
    });

    it("moves delegated votes along with transferred tokens", async () => {
      const { token, wallets } = await networkHelpers.loadFixture(fixture);
      const alice = wallets.alice.account.address;
      const bob = wallets.bob.account.address;
      const outsider = wallets.outsider.account.address;
      await token.write.delegate([alice], { account: wallets.alice.account });
      await token.write.delegate([bob], { account: wallets.bob.account });

      const amount = parseEther("1000");
      const hash = await token.write.transfer([bob, amount], { account: wallets.alice.account });
      await viem.assertions.emitWithArgs(hash, token, "DelegateVotesChanged", [
        alice,
        parseEther("150000"),
        parseEther("149000"),
      ]);
      assert.equal(await token.read.getVotes([alice]), parseEther("149000"));
      assert.equal(await token.read.getVotes([bob]), parseEther("151000"));

      // Tokens sent to an account that has not delegated leave the sender's votes and count for nobody.
      await token.write.transfer([outsider, amount], { account: wallets.alice.account });
      assert.equal(await token.read.getVotes([alice]), parseEther("148000"));
      assert.equal(await token.read.getVotes([outsider]), 0n);
      assert.equal(await token.read.balanceOf([outsider]), amount);
    });

    it("reports past votes at an earlier timestamp", async () => {
      const { token, wallets } = await networkHelpers.loadFixture(fixture);
      const alice = wallets.alice.account.address;
      const beforeDelegation = await networkHelpers.time.latest();
      await networkHelpers.time.increase(100);
      await token.write.delegate([alice], { account: wallets.alice.account });
      const afterDelegation = await networkHelpers.time.latest();
      await networkHelpers.time.increase(100);
      await token.write.transfer([wallets.bob.account.address, parseEther("50000")], {
        account: wallets.alice.account,
      });
      const afterTransfer = await networkHelpers.time.latest();
      await networkHelpers.mine();

      assert.equal(await token.read.getPastVotes([alice, BigInt(beforeDelegation)]), 0n);
      assert.equal(await token.read.getPastVotes([alice, BigInt(afterDelegation)]), parseEther("150000"));
      assert.equal(await token.read.getPastVotes([alice, BigInt(afterTransfer) - 1n]), parseEther("150000"));
      assert.equal(await token.read.getPastVotes([alice, BigInt(afterTransfer)]), parseEther("100000"));
      assert.equal(await token.read.getVotes([alice]), parseEther("100000"));
      assert.equal(await token.read.getPastTotalSupply([BigInt(afterTransfer)]), parseEther("1000000"));
    });

    it("refuses to report past votes at a future timestamp with ERC5805FutureLookup", async () => {
      const { token, wallets } = await networkHelpers.loadFixture(fixture);
      const now = BigInt(await networkHelpers.time.latest());
      await viem.assertions.revertWithCustomErrorWithArgs(
        token.read.getPastVotes([wallets.alice.account.address, now + 10n]),
        token,
        "ERC5805FutureLookup",
        [now + 10n, (clock: number) => clock >= Number(now) && clock < Number(now) + 10],
      );
    });
  });

  describe("delegateBySig", () => {
    it("delegates with an EIP-712 signature sent by someone else", async () => {
      const commons = await networkHelpers.loadFixture(fixture);
      const { token, wallets, publicClient } = commons;
      const [, name, version, chainId, verifyingContract] = await token.read.eip712Domain();
      assert.equal(name, "Commons Governance");
      assert.equal(version, "1");
      assert.equal(chainId, BigInt(await publicClient.getChainId()));
      assert.ok(eq(verifyingContract, token.address));

      const alice = wallets.alice.account.address;
      const carol = wallets.carol.account.address;
      const nonce = await token.read.nonces([alice]);
      assert.equal(nonce, 0n);
      const expiry = BigInt(await networkHelpers.time.latest()) + 3_600n;
      const sig = await signDelegation(commons, wallets.alice, carol, nonce, expiry);

      // The outsider relays it and pays the gas; the delegation is alice's.
      const hash = await token.write.delegateBySig([carol, nonce, expiry, vOf(sig), sig.r, sig.s], {
        account: wallets.outsider.account,
      });
      await viem.assertions.emitWithArgs(hash, token, "DelegateChanged", [alice, zeroAddress, carol]);
      assert.ok(eq(await token.read.delegates([alice]), carol));
      assert.equal(await token.read.getVotes([carol]), parseEther("150000"));
      assert.equal(await token.read.nonces([alice]), 1n);
      assert.equal(await token.read.delegates([wallets.outsider.account.address]), zeroAddress);
    });

    it("rejects a replayed delegation signature with InvalidAccountNonce", async () => {
      const commons = await networkHelpers.loadFixture(fixture);
      const { token, wallets } = commons;
      const alice = wallets.alice.account.address;
      const carol = wallets.carol.account.address;
      const expiry = BigInt(await networkHelpers.time.latest()) + 3_600n;
      const sig = await signDelegation(commons, wallets.alice, carol, 0n, expiry);
      await token.write.delegateBySig([carol, 0n, expiry, vOf(sig), sig.r, sig.s]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        token.write.delegateBySig([carol, 0n, expiry, vOf(sig), sig.r, sig.s]),
        token,
        "InvalidAccountNonce",
        [alice, 1n],
      );
    });

    it("rejects an expired delegation signature with VotesExpiredSignature", async () => {
      const commons = await networkHelpers.loadFixture(fixture);
      const { token, wallets } = commons;
      const carol = wallets.carol.account.address;
      const expiry = BigInt(await networkHelpers.time.latest()) + 60n;
      const sig = await signDelegation(commons, wallets.alice, carol, 0n, expiry);
      await networkHelpers.time.increase(120);
      await viem.assertions.revertWithCustomErrorWithArgs(
        token.write.delegateBySig([carol, 0n, expiry, vOf(sig), sig.r, sig.s]),
        token,
        "VotesExpiredSignature",
        [expiry],
      );
      assert.equal(await token.read.delegates([wallets.alice.account.address]), zeroAddress);
    });
  });

  describe("permit", () => {
    it("sets the allowance from an EIP-2612 signature and increments the nonce", async () => {
      const commons = await networkHelpers.loadFixture(fixture);
      const { token, wallets } = commons;
      const alice = wallets.alice.account.address;
      const bob = wallets.bob.account.address;
      const value = parseEther("1234");
      const deadline = BigInt(await networkHelpers.time.latest()) + 3_600n;
      assert.equal(await token.read.allowance([alice, bob]), 0n);
      assert.equal(await token.read.nonces([alice]), 0n);

      const sig = await signPermit(commons, wallets.alice, bob, value, 0n, deadline);
      const hash = await token.write.permit([alice, bob, value, deadline, vOf(sig), sig.r, sig.s], {
        account: wallets.outsider.account,
      });
      await viem.assertions.emitWithArgs(hash, token, "Approval", [alice, bob, value]);
      assert.equal(await token.read.allowance([alice, bob]), value);
      assert.equal(await token.read.nonces([alice]), 1n);

      // Bob can spend it.
      await token.write.transferFrom([alice, bob, value], { account: wallets.bob.account });
      assert.equal(await token.read.balanceOf([bob]), parseEther("150000") + value);
      assert.equal(await token.read.allowance([alice, bob]), 0n);

      // The next permit must use nonce 1.
      const sig2 = await signPermit(commons, wallets.alice, bob, 5n, 1n, deadline);
      await token.write.permit([alice, bob, 5n, deadline, vOf(sig2), sig2.r, sig2.s]);
      assert.equal(await token.read.allowance([alice, bob]), 5n);
      assert.equal(await token.read.nonces([alice]), 2n);
    });

    it("rejects a permit signed by someone other than the owner with ERC2612InvalidSigner", async () => {
      const commons = await networkHelpers.loadFixture(fixture);
      const { token, wallets } = commons;
      const alice = wallets.alice.account.address;
      const bob = wallets.bob.account.address;
      const deadline = BigInt(await networkHelpers.time.latest()) + 3_600n;
      // Bob signs a permit claiming alice as the owner.
      const signature = await wallets.bob.signTypedData({
        account: wallets.bob.account,
        domain: await eip712Domain(commons),
        types: {
          Permit: [
            { name: "owner", type: "address" },
            { name: "spender", type: "address" },
            { name: "value", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint256" },
          ],
        },
        primaryType: "Permit",
        message: { owner: alice, spender: bob, value: 1n, nonce: 0n, deadline },
      });
      const sig = parseSignature(signature);
      await viem.assertions.revertWithCustomErrorWithArgs(
        token.write.permit([alice, bob, 1n, deadline, vOf(sig), sig.r, sig.s]),
        token,
        "ERC2612InvalidSigner",
        [bob, alice],
      );
      assert.equal(await token.read.allowance([alice, bob]), 0n);
      assert.equal(await token.read.nonces([alice]), 0n);
    });

    it("rejects an expired permit with ERC2612ExpiredSignature", async () => {
      const commons = await networkHelpers.loadFixture(fixture);
      const { token, wallets } = commons;
      const alice = wallets.alice.account.address;
      const bob = wallets.bob.account.address;
      const deadline = BigInt(await networkHelpers.time.latest()) + 60n;
      const sig = await signPermit(commons, wallets.alice, bob, 1n, 0n, deadline);
      await networkHelpers.time.increase(120);
      await viem.assertions.revertWithCustomErrorWithArgs(
        token.write.permit([alice, bob, 1n, deadline, vOf(sig), sig.r, sig.s]),
        token,
        "ERC2612ExpiredSignature",
        [deadline],
      );
    });
  });
});
