// Gasless votes on a real chain: a member signs a Ballot, the backend submits castVoteBySig from its relayer and pays
// the gas; replays, other people's signatures, closed proposals and bursts are refused with stable codes, and
// POST /relay/vote only relays the signed-in member's own vote.
import "reflect-metadata";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { INestApplication } from "@nestjs/common";
import { Test } from "@nestjs/testing";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  getAddress,
  type Hex,
  http,
  isAddressEqual,
  type LocalAccount,
  type PublicClient,
  parseEventLogs,
  type TypedDataDefinition,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { ChainService } from "../../../backend/src/chain/chain.service.js";
import { type AppConfig, ConfigError, loadAppConfig } from "../../../backend/src/config/app-config.js";
import { ConfigModule } from "../../../backend/src/config/config.module.js";
import { DatabaseModule } from "../../../backend/src/database/database.module.js";
import { MemoryQuotaStore } from "../../../backend/src/quota/memory-quota-store.js";
import { QuotaService } from "../../../backend/src/quota/quota.service.js";
import { type BallotTypedData, ballotTypedData } from "../../../backend/src/relay/ballot-typed-data.js";
import { RelayModule } from "../../../backend/src/relay/relay.module.js";
import { RelayService, type RelayVoteInput } from "../../../backend/src/relay/relay.service.js";
import { loadRelayConfig } from "../../../backend/src/relay/relay-config.js";
import { RelayError } from "../../../backend/src/relay/relay-error.js";
import { type MemberRequest, RELAY_MEMBER_RESOLVER } from "../../../backend/src/relay/relay-member-resolver.js";
import { type Deployment, readDeployment } from "../../../deployments/index.js";
import { commonsGovernorAbi } from "../../../generated/contracts.js";
import { type GovernanceHistory, HARDHAT_MNEMONIC, runGovernanceHistory } from "../../helpers/governance-history.js";
import { type RunningChain, startLocalChain } from "../../helpers/local-chain.js";

const root = path.resolve(import.meta.dirname, "../../..");
const port = 28_545 + Math.floor(Math.random() * 1000);
const rpcUrl = `http://127.0.0.1:${port}`;
const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-relay-"));
/** Hardhat dev account #19: the relayer when RELAYER_PRIVATE_KEY is unset on chain 31337. */
const DEV_RELAYER = "0x8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199";

let chain: RunningChain;
let deployment: Deployment;
let history: GovernanceHistory;
let client: PublicClient;
const apps: INestApplication[] = [];

const dev = (addressIndex: number): LocalAccount => mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex });

/** Dev accounts #0..#9 that had voting power at the Active proposal's snapshot and did not vote on it. */
let voters: LocalAccount[];
/** A dev account with no voting power at that snapshot (it delegated to someone else). */
let powerless: LocalAccount;

/** The backend's relay (module, config, chain service) with `env` over the test chain's settings. */
async function relayApp(
  env: Record<string, string> = {},
  resolveMember?: (request: MemberRequest) => Promise<{ address: Address } | undefined>,
) {
  const saved = { ...process.env };
  Object.assign(
    process.env,
    {
      RPC_URL: rpcUrl,
      CHAIN_ID: "31337",
      COMMONS_DEPLOYMENTS_DIR: deploymentsDir,
      REDIS_URL: "",
      RELAYER_PRIVATE_KEY: "",
      DATA_DIR: "memory://",
    },
    env,
  );
  try {
    let builder = Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, RelayModule] });
    if (resolveMember) builder = builder.overrideProvider(RELAY_MEMBER_RESOLVER).useValue(resolveMember);
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, "127.0.0.1");
    apps.push(app);
    return app;
  } finally {
    process.env = saved;
  }
}

function sign(account: LocalAccount, typed: BallotTypedData): Promise<Hex> {
  if (!account.signTypedData) throw new Error(`${account.address} cannot sign typed data`);
  const definition: TypedDataDefinition<Record<string, unknown>, string> = typed;
  return account.signTypedData(definition);
}

/** `voter`'s ballot signed by `signer` (the voter unless given), for the current nonce. */
async function signedVote(
  relay: RelayService,
  voter: LocalAccount,
  vote: Omit<RelayVoteInput, "voter" | "signature">,
  signer: LocalAccount = voter,
): Promise<RelayVoteInput> {
  const typed = await relay.ballotToSign({ ...vote, voter: voter.address });
  return { ...vote, voter: voter.address, signature: await sign(signer, typed) };
}

async function refusal(promise: Promise<unknown>): Promise<RelayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RelayError) return error;
    throw error;
  }
  throw new Error("expected a RelayError");
}

const hasVoted = (proposalId: bigint, voter: Address) =>
  client.readContract({
    address: deployment.contracts.CommonsGovernor,
    abi: commonsGovernorAbi,
    functionName: "hasVoted",
    args: [proposalId, voter],
  });

beforeAll(async () => {
  chain = await startLocalChain(port, deploymentsDir);
  deployment = readDeployment(31337, deploymentsDir);
  history = await runGovernanceHistory({ rpcUrl, deployment });
  client = createPublicClient({ chain: hardhat, transport: http(rpcUrl) });
  const active = history.proposals.Active;
  const snapshot = await client.readContract({
    address: deployment.contracts.CommonsGovernor,
    abi: commonsGovernorAbi,
    functionName: "proposalSnapshot",
    args: [active],
  });
  const accounts = Array.from({ length: 10 }, (_, i) => dev(i));
  const power = await Promise.all(
    accounts.map((a) =>
      client.readContract({
        address: deployment.contracts.CommonsGovernor,
        abi: commonsGovernorAbi,
        functionName: "getVotes",
        args: [a.address, snapshot],
      }),
    ),
  );
  const votedOnActive = history.votes.filter((v) => v.proposalId === active).map((v) => v.voter);
  voters = accounts.filter(
    (a, i) => (power[i] ?? 0n) > 0n && !votedOnActive.some((voter) => isAddressEqual(voter, a.address)),
  );
  const none = accounts.find((_, i) => power[i] === 0n);
  if (voters.length < 3 || !none) throw new Error("the history left too few accounts to vote on the Active proposal");
  powerless = none;
}, 600_000);

afterAll(async () => {
  for (const app of apps) await app.close().catch(() => undefined);
  chain?.signal("SIGINT");
  rmSync(deploymentsDir, { recursive: true, force: true });
});

describe("RelayService", () => {
  let relay: RelayService;

  beforeAll(async () => {
    relay = (await relayApp()).get(RelayService);
  });

  it("submits a member's signed Ballot with castVoteBySig, the relayer paying the gas", async () => {
    const [voter] = voters as [LocalAccount];
    const proposalId = history.proposals.Active;
    expect(relay.relayerAddress).toBe(DEV_RELAYER);
    expect(await hasVoted(proposalId, voter.address)).toBe(false);
    const [voterBalance, relayerBalance] = await Promise.all([
      client.getBalance({ address: voter.address }),
      client.getBalance({ address: DEV_RELAYER }),
    ]);

    // As the web app would: the governor's domain and the voter's nonce, read from the chain, into ballotTypedData.
    const governor = { address: deployment.contracts.CommonsGovernor, abi: commonsGovernorAbi } as const;
    const [[, name, version, chainId, verifyingContract], nonce] = await Promise.all([
      client.readContract({ ...governor, functionName: "eip712Domain" }),
      client.readContract({ ...governor, functionName: "nonces", args: [voter.address] }),
    ]);
    const typed = ballotTypedData(
      { name, version, chainId, verifyingContract },
      { proposalId, support: 1, voter: voter.address, nonce },
    );
    expect(typed.primaryType).toBe("Ballot");
    expect(await relay.ballotToSign({ proposalId, support: 1, voter: voter.address })).toEqual(typed);
    const vote: RelayVoteInput = { proposalId, support: 1, voter: voter.address, signature: await sign(voter, typed) };
    const relayed = await relay.relay(vote);

    expect(await hasVoted(proposalId, voter.address)).toBe(true);
    const receipt = await client.getTransactionReceipt({ hash: relayed.transactionHash });
    expect(receipt.blockNumber).toBe(relayed.blockNumber);
    expect(getAddress(receipt.from)).toBe(DEV_RELAYER);
    const [cast] = parseEventLogs({ abi: commonsGovernorAbi, logs: receipt.logs, eventName: "VoteCast" });
    expect(cast?.args).toMatchObject({ voter: voter.address, proposalId, support: 1, reason: "" });
    expect(await client.getBalance({ address: voter.address })).toBe(voterBalance);
    expect(await client.getBalance({ address: DEV_RELAYER })).toBe(
      relayerBalance - receipt.gasUsed * receipt.effectiveGasPrice,
    );

    // The same signature again: the vote is cast (and the nonce used).
    const replay = await refusal(relay.relay(vote));
    expect(replay.code).toBe("ALREADY_VOTED");
    expect(replay.message).toMatch(/has already voted on proposal/);
  });

  it("submits an ExtendedBallot with its reason through castVoteWithReasonAndParamsBySig", async () => {
    const voter = voters[1] as LocalAccount;
    const proposalId = history.proposals.Active;
    const vote = await signedVote(relay, voter, { proposalId, support: 2, reason: "Relayed, with a reason" });
    const relayed = await relay.relay(vote);
    const receipt = await client.getTransactionReceipt({ hash: relayed.transactionHash });
    const [cast] = parseEventLogs({ abi: commonsGovernorAbi, logs: receipt.logs, eventName: "VoteCast" });
    expect(cast?.args).toMatchObject({ voter: voter.address, support: 2, reason: "Relayed, with a reason" });
    expect(await hasVoted(proposalId, voter.address)).toBe(true);
  });

  it("refuses a ballot signed by another account, or altered after signing", async () => {
    const voter = voters[2] as LocalAccount;
    const proposalId = history.proposals.Active;
    const forged = await signedVote(relay, voter, { proposalId, support: 1 }, dev(0));
    const error = await refusal(relay.relay(forged));
    expect(error.code).toBe("BAD_SIGNATURE");
    expect(error.message).toMatch(/sign ballotTypedData\(eip712Domain, ballot\) with the voter's account/);

    const signed = await signedVote(relay, voter, { proposalId, support: 1 });
    expect((await refusal(relay.relay({ ...signed, support: 0 }))).code).toBe("BAD_SIGNATURE");
    expect((await refusal(relay.relay({ ...signed, reason: "added later" }))).code).toBe("BAD_SIGNATURE");
    expect((await refusal(relay.relay({ ...signed, signature: "0x1234" }))).code).toBe("BAD_SIGNATURE");
    expect(await hasVoted(proposalId, voter.address)).toBe(false);
  });

  it("accepts a contract wallet's ERC-1271 signature", async () => {
    const owner = dev(3);
    const wallet = await deployContractWallet(owner.address);
    const proposalId = history.proposals.Active;
    const typed = await relay.ballotToSign({ proposalId, support: 1, voter: wallet });
    // The wallet's owner signs; the governor asks the wallet. It has no voting power, which is checked after.
    const accepted = await refusal(
      relay.relay({ proposalId, support: 1, voter: wallet, signature: await sign(owner, typed) }),
    );
    expect(accepted.code).toBe("NO_VOTING_POWER");
    const stranger = await refusal(
      relay.relay({ proposalId, support: 1, voter: wallet, signature: await sign(dev(4), typed) }),
    );
    expect(stranger.code).toBe("BAD_SIGNATURE");
  });

  it("refuses a vote that would count nothing", async () => {
    const vote = await signedVote(relay, powerless, { proposalId: history.proposals.Active, support: 1 });
    const error = await refusal(relay.relay(vote));
    expect(error.code).toBe("NO_VOTING_POWER");
    expect(error.message).toMatch(/had no voting power at proposal \d+'s snapshot/);
  });

  it("refuses votes on proposals that are not Active", async () => {
    const voter = voters[2] as LocalAccount;
    for (const [label, state] of [
      ["Pending", "Pending"],
      ["Succeeded", "Succeeded"],
      ["ExecutedApprove100", "Executed"],
      ["DefeatedQuorum", "Defeated"],
    ] as const) {
      const vote = await signedVote(relay, voter, { proposalId: history.proposals[label], support: 1 });
      const error = await refusal(relay.relay(vote));
      expect(error.code).toBe("PROPOSAL_NOT_ACTIVE");
      expect(error.message).toBe(
        `proposal ${history.proposals[label]} is ${state}; votes are accepted only while it is Active`,
      );
    }
    const missing = await refusal(relay.relay(await signedVote(relay, voter, { proposalId: 12_345n, support: 1 })));
    expect(missing).toMatchObject({
      code: "PROPOSAL_NOT_ACTIVE",
      message: "there is no proposal 12345; check the proposal id",
    });
  });

  it("refuses malformed votes before touching the chain", async () => {
    const voter = voters[2] as LocalAccount;
    const error = await refusal(
      relay.relay({
        proposalId: 1n,
        support: 3,
        voter: voter.address,
        signature: "0xzz" as Hex,
        reason: "x".repeat(2_001),
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      "invalid vote: support must be 0 (Against), 1 (For) or 2 (Abstain); signature must be hex bytes (0x...); reason must be text of at most 2000 characters",
    );
  });

  it("limits each member's relays per hour, every attempt counting", async () => {
    const limited = (await relayApp({ RELAY_RATE_LIMIT_PER_HOUR: "2" })).get(RelayService);
    const voter = voters[2] as LocalAccount;
    const vote = await signedVote(limited, voter, { proposalId: history.proposals.Pending, support: 1 });
    expect((await refusal(limited.relay(vote))).code).toBe("PROPOSAL_NOT_ACTIVE");
    expect((await refusal(limited.relay(vote))).code).toBe("PROPOSAL_NOT_ACTIVE");
    const error = await refusal(limited.relay(vote));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(3_600);
    expect(error.message).toBe(
      `rate limit of 2 relayed votes per 3600 s reached; try again in ${error.retryAfterSeconds} s`,
    );
    // Another member is not affected.
    const other = await signedVote(limited, powerless, { proposalId: history.proposals.Pending, support: 1 });
    expect((await refusal(limited.relay(other))).code).toBe("PROPOSAL_NOT_ACTIVE");
  });

  it("is disabled, saying so, without RELAYER_PRIVATE_KEY on a chain other than the local one", async () => {
    const config: AppConfig = { ...loadAppConfig({ CHAIN_ID: "1" }) };
    const quota = new QuotaService(new MemoryQuotaStore(), { redisUrl: undefined, chatRateLimitPerMinute: 60 });
    const disabled = new RelayService({} as ChainService, quota, loadRelayConfig({}), config);
    expect(disabled.relayerAddress).toBeUndefined();
    const error = await refusal(
      disabled.relay({ proposalId: 1n, support: 1, voter: dev(0).address, signature: "0x00" }),
    );
    expect(error.code).toBe("RELAY_DISABLED");
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/has not set RELAYER_PRIVATE_KEY\); vote from your own wallet/);
    // With a key, that account relays.
    const key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    const enabled = new RelayService({} as ChainService, quota, loadRelayConfig({ RELAYER_PRIVATE_KEY: key }), config);
    expect(enabled.relayerAddress).toBe(dev(1).address);
  });

  it("refuses a malformed RELAYER_PRIVATE_KEY without repeating it", () => {
    let problems: string[] = [];
    try {
      loadRelayConfig({ RELAYER_PRIVATE_KEY: "0xsecret", RELAY_RATE_LIMIT_PER_HOUR: "-1" });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      "RELAYER_PRIVATE_KEY must be 0x followed by 64 hex digits (a private key), or unset",
      "RELAY_RATE_LIMIT_PER_HOUR=-1 must be an integer from 1 to 1000000",
    ]);
    expect(loadRelayConfig({})).toEqual({ relayerPrivateKey: undefined, rateLimitPerHour: 20 });
  });
});

describe("POST /relay/vote", () => {
  let url: string;
  let relay: RelayService;

  beforeAll(async () => {
    // Sign-in is not plugged yet: a header stands in for the session.
    const app = await relayApp({ RELAY_RATE_LIMIT_PER_HOUR: "3" }, async (request) => {
      const address = request.headers["x-test-member"];
      return typeof address === "string" ? { address: address as Address } : undefined;
    });
    url = `${await app.getUrl()}/relay/vote`;
    relay = app.get(RelayService);
  });

  const post = async (body: unknown, member?: Address) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(member ? { "x-test-member": member } : {}) },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  };

  const json = (vote: RelayVoteInput) => ({ ...vote, proposalId: vote.proposalId.toString() });

  it("relays the signed-in member's own vote and answers with the mined transaction", async () => {
    const voter = voters[2] as LocalAccount;
    const vote = await signedVote(relay, voter, { proposalId: history.proposals.Active, support: 0, reason: "" });
    const response = await post(json(vote), voter.address);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      transactionHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      blockNumber: expect.stringMatching(/^\d+$/),
    });
    expect(await hasVoted(history.proposals.Active, voter.address)).toBe(true);

    const again = await post(json(vote), voter.address);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, error: "Conflict", code: "ALREADY_VOTED" });
  });

  it("asks to sign in, and relays only the member's own vote", async () => {
    const vote = await signedVote(relay, powerless, { proposalId: history.proposals.Active, support: 1 });
    const anonymous = await post(json(vote));
    expect(anonymous).toMatchObject({ status: 401, body: { statusCode: 401, code: "AUTH_REQUIRED" } });
    const someoneElse = await post(json(vote), dev(0).address);
    expect(someoneElse.status).toBe(403);
    expect(someoneElse.body).toMatchObject({ code: "VOTER_MISMATCH" });
    expect(String(someoneElse.body.message)).toMatch(/a member relays their own vote only/);

    // The module's own default: nobody is signed in until sign-in is plugged.
    const plain = await relayApp();
    const response = await fetch(`${await plain.getUrl()}/relay/vote`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(json(vote)),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "AUTH_REQUIRED" });
  });

  it("lists what is wrong with a malformed body", async () => {
    const response = await post({ proposalId: 5, support: "yes", voter: "me", signature: "" }, dev(5).address);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: "Bad Request",
      code: "BAD_REQUEST",
      message:
        "invalid vote: proposalId must be the proposal id as a decimal string; support must be 0 (Against), 1 (For) or 2 (Abstain); voter must be an address (0x followed by 40 hex digits); signature must be hex bytes (0x...)",
    });
  });

  it("answers 429 with Retry-After once the member's relays for the hour are used up", async () => {
    const member = dev(8);
    const vote = await signedVote(relay, member, { proposalId: history.proposals.Pending, support: 1 });
    for (let i = 0; i < 3; i++) expect((await post(json(vote), member.address)).body.code).toBe("PROPOSAL_NOT_ACTIVE");
    const limited = await post(json(vote), member.address);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.body).toEqual({
      statusCode: 429,
      error: "Too Many Requests",
      code: "RATE_LIMITED",
      rule: "rateLimit",
      retryAfterSeconds: retryAfter,
      message: `rate limit of 3 relayed votes per 3600 s reached; try again in ${retryAfter} s`,
    });
  });
});

/** Deploys contracts/mocks/ERC1271WalletMock.sol owned by `owner`: a contract wallet that accepts its owner's signatures. */
async function deployContractWallet(owner: Address): Promise<Address> {
  const artifact = JSON.parse(
    readFileSync(path.join(root, "artifacts/contracts/mocks/ERC1271WalletMock.sol/ERC1271WalletMock.json"), "utf8"),
  ) as { abi: unknown[]; bytecode: Hex };
  const wallet = createWalletClient({ chain: hardhat, transport: http(rpcUrl) });
  const hash = await wallet.deployContract({
    abi: artifact.abi,
    bytecode: artifact.bytecode,
    args: [owner],
    account: dev(0),
  });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (!receipt.contractAddress) throw new Error("the wallet was not deployed");
  return getAddress(receipt.contractAddress);
}
