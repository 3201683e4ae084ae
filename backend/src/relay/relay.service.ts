import { Inject, Injectable, Logger } from "@nestjs/common";
import {
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  createWalletClient,
  defineChain,
  getAddress,
  type Hex,
  http,
  InsufficientFundsError,
  isAddress,
  isAddressEqual,
  isHex,
  type LocalAccount,
  recoverTypedDataAddress,
  type TypedDataDefinition,
  webSocket,
} from "viem";
import { verifyTypedData } from "viem/actions";
import { commonsGovernorAbi } from "../../../generated/contracts.js";
import { ChainService } from "../chain/chain.service.js";
import { APP_CONFIG, type AppConfig } from "../config/app-config.js";
import { QuotaService } from "../quota/quota.service.js";
import { type BallotDomain, type BallotTypedData, ballotTypedData } from "./ballot-typed-data.js";
import { RELAY_CONFIG, type RelayConfig } from "./relay-config.js";
import { RelayError } from "./relay-error.js";
import { relayerAccount } from "./relayer-account.js";

/** A signed vote to relay: the arguments of `castVoteBySig` (or `castVoteWithReasonAndParamsBySig`). */
export interface RelayVoteInput {
  proposalId: bigint;
  /** 0 Against, 1 For, 2 Abstain. */
  support: number;
  voter: Address;
  /** The voter's EIP-712 signature of {@link ballotTypedData} (an ERC-1271 signature for a contract wallet). */
  signature: Hex;
  /** Present: the ballot is an ExtendedBallot with this reason. */
  reason?: string;
  /** Vote params (default `0x` when a reason is given); present: an ExtendedBallot. */
  params?: Hex;
}

export interface RelayedVote {
  transactionHash: Hex;
  blockNumber: bigint;
}

/** Longest reason relayed (characters): the relayer pays for every byte of it. */
export const MAX_REASON_LENGTH = 2_000;
/** Longest params relayed (bytes). */
export const MAX_PARAMS_BYTES = 1_024;

/** `IGovernor.ProposalState`, by value. */
const STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"] as const;
const ACTIVE = 1;

/**
 * Gasless votes: a member signs a Ballot (EIP-712, {@link ballotTypedData}) and the backend sends the governor's
 * `castVoteBySig` from the relayer account (RELAYER_PRIVATE_KEY), paying the gas. Before sending, it checks what the
 * governor would check, to answer with a clear reason instead of a failed transaction: the proposal is Active, the
 * voter has not voted, the signature is the voter's with their current nonce (ERC-1271 wallets too), and the voter
 * had voting power at the proposal's snapshot. Rate limited per member (RELAY_RATE_LIMIT_PER_HOUR). Independent of
 * HTTP: the controller and the GraphQL mutation both call {@link relay}.
 */
@Injectable()
export class RelayService {
  readonly #logger = new Logger("Relay");
  readonly #relayer: LocalAccount | undefined;
  #wallet: RelayerWallet | undefined;
  #domain: Promise<BallotDomain> | undefined;
  /** Sends are serialised: each transaction then takes the relayer's next nonce. */
  #sending: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(ChainService) private readonly chain: ChainService,
    @Inject(QuotaService) private readonly quota: QuotaService,
    @Inject(RELAY_CONFIG) private readonly config: RelayConfig,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {
    const relayer = relayerAccount(config, app.chainId);
    this.#relayer = relayer?.account;
    if (relayer?.dev) {
      this.#logger.warn({
        message:
          "relaying votes from Hardhat's dev account #19 (RELAYER_PRIVATE_KEY is unset); its key is public, use it on the local chain only",
        relayer: relayer.account.address,
      });
    } else if (!relayer) {
      this.#logger.log({ message: `vote relaying is disabled on chain ${app.chainId}: RELAYER_PRIVATE_KEY is unset` });
    }
  }

  /** The account that sends relayed votes, or undefined when relaying is disabled. */
  get relayerAddress(): Address | undefined {
    return this.#relayer?.address;
  }

  /** The governor's EIP-712 domain (its `eip712Domain()`, read once). */
  ballotDomain(): Promise<BallotDomain> {
    this.#domain ??= this.chain.client
      .readContract({ address: this.#governor, abi: commonsGovernorAbi, functionName: "eip712Domain" })
      .then(([, name, version, chainId, verifyingContract]) => ({ name, version, chainId, verifyingContract }))
      .catch((error: unknown) => {
        this.#domain = undefined;
        throw error;
      });
    return this.#domain;
  }

  /** What `voter` signs now to vote `support` on `proposalId`: {@link ballotTypedData} with their current nonce. */
  async ballotToSign(ballot: Omit<RelayVoteInput, "signature">): Promise<BallotTypedData> {
    const [domain, nonce] = await Promise.all([this.ballotDomain(), this.#nonce(ballot.voter)]);
    return ballotTypedData(domain, { ...ballot, nonce });
  }

  /**
   * Relays `vote` and waits for it to be mined. Throws a {@link RelayError}: RELAY_DISABLED, BAD_REQUEST,
   * RATE_LIMITED (every attempt counts), PROPOSAL_NOT_ACTIVE, ALREADY_VOTED, BAD_SIGNATURE, NO_VOTING_POWER, or
   * RELAY_FAILED when the transaction could not be sent or reverted.
   */
  async relay(vote: RelayVoteInput): Promise<RelayedVote> {
    const relayer = this.#relayer;
    if (!relayer) {
      throw new RelayError(
        "RELAY_DISABLED",
        `this server does not relay votes on chain ${this.app.chainId} (its operator has not set RELAYER_PRIVATE_KEY); vote from your own wallet with castVote instead`,
      );
    }
    validate(vote);
    const voter = getAddress(vote.voter);
    const admission = await this.quota.limit(voter, {
      name: "relay",
      limit: this.config.rateLimitPerHour,
      windowSeconds: 3_600,
      what: "relayed votes",
    });
    if (!admission.ok) throw new RelayError("RATE_LIMITED", admission.message, admission.retryAfterSeconds);

    const governor = this.#governor;
    const id = vote.proposalId;
    const state = await this.chain.client
      .readContract({ address: governor, abi: commonsGovernorAbi, functionName: "state", args: [id] })
      .catch((error: unknown) => {
        if (revertName(error) === "GovernorNonexistentProposal") {
          throw new RelayError("PROPOSAL_NOT_ACTIVE", `there is no proposal ${id}; check the proposal id`);
        }
        throw error;
      });
    if (state !== ACTIVE) {
      throw new RelayError(
        "PROPOSAL_NOT_ACTIVE",
        `proposal ${id} is ${STATES[state] ?? state}; votes are accepted only while it is Active`,
      );
    }
    const [voted, nonce, domain, snapshot] = await Promise.all([
      this.chain.client.readContract({
        address: governor,
        abi: commonsGovernorAbi,
        functionName: "hasVoted",
        args: [id, voter],
      }),
      this.#nonce(voter),
      this.ballotDomain(),
      this.chain.client.readContract({
        address: governor,
        abi: commonsGovernorAbi,
        functionName: "proposalSnapshot",
        args: [id],
      }),
    ]);
    if (voted)
      throw new RelayError("ALREADY_VOTED", `${voter} has already voted on proposal ${id}; a vote cannot be changed`);
    const typed = ballotTypedData(domain, { ...vote, voter, nonce });
    if (!(await this.#signedBy(voter, typed, vote.signature))) {
      throw new RelayError(
        "BAD_SIGNATURE",
        `the signature is not ${voter}'s ${typed.primaryType} for this vote with nonce ${nonce} on governor ${governor} (chain ${domain.chainId}); sign ballotTypedData(eip712Domain, ballot) with the voter's account and its current nonce, then send it again`,
      );
    }
    const votes = await this.chain.client.readContract({
      address: governor,
      abi: commonsGovernorAbi,
      functionName: "getVotes",
      args: [voter, snapshot],
    });
    if (votes === 0n) {
      throw new RelayError(
        "NO_VOTING_POWER",
        `${voter} had no voting power at proposal ${id}'s snapshot (${snapshot}), so the vote would count nothing; voting power counts from a delegation (to yourself, too) made before a proposal's snapshot`,
      );
    }

    const hash = await this.#send(relayer, vote, voter);
    const receipt = await this.chain.client
      .waitForTransactionReceipt({ hash, timeout: 120_000, pollingInterval: 1_000 })
      .catch((error: Error) => {
        throw new RelayError(
          "RELAY_FAILED",
          `the vote was sent as ${hash} but no receipt came (${shortMessage(error)}); check that transaction before signing again`,
        );
      });
    if (receipt.status !== "success") {
      throw new RelayError("RELAY_FAILED", `the vote transaction ${hash} reverted; check the proposal and try again`);
    }
    this.#logger.log({ message: "vote relayed", proposalId: id.toString(), voter, transactionHash: hash });
    return { transactionHash: hash, blockNumber: receipt.blockNumber };
  }

  get #governor(): Address {
    return this.chain.deployment.contracts.CommonsGovernor;
  }

  #nonce(voter: Address): Promise<bigint> {
    return this.chain.client.readContract({
      address: this.#governor,
      abi: commonsGovernorAbi,
      functionName: "nonces",
      args: [voter],
    });
  }

  /** As OpenZeppelin's SignatureChecker: an ECDSA signature by `voter`, or else ERC-1271 when `voter` is a contract. */
  async #signedBy(voter: Address, ballot: BallotTypedData, signature: Hex): Promise<boolean> {
    const typed: TypedDataDefinition<Record<string, unknown>, string> = ballot;
    try {
      if (isAddressEqual(await recoverTypedDataAddress({ ...typed, signature }), voter)) return true;
    } catch {
      // Not a well-formed ECDSA signature; a contract wallet's may still be valid.
    }
    const code = await this.chain.client.getCode({ address: voter });
    if (!code || code === "0x") return false;
    return verifyTypedData(this.chain.client, { address: voter, signature, ...typed }).catch(() => false);
  }

  /** Simulates, then sends from the relayer; one at a time, so concurrent relays do not reuse a relayer nonce. */
  #send(relayer: LocalAccount, vote: RelayVoteInput, voter: Address): Promise<Hex> {
    const extended = vote.reason !== undefined || vote.params !== undefined;
    const sent = this.#sending.then(async () => {
      const client = this.chain.client;
      const wallet = this.#walletClient(relayer);
      const base = { account: relayer, address: this.#governor, abi: commonsGovernorAbi } as const;
      try {
        if (extended) {
          const { request } = await client.simulateContract({
            ...base,
            functionName: "castVoteWithReasonAndParamsBySig",
            args: [vote.proposalId, vote.support, voter, vote.reason ?? "", vote.params ?? "0x", vote.signature],
          });
          return await wallet.writeContract(request);
        }
        const { request } = await client.simulateContract({
          ...base,
          functionName: "castVoteBySig",
          args: [vote.proposalId, vote.support, voter, vote.signature],
        });
        return await wallet.writeContract(request);
      } catch (error) {
        throw this.#sendError(error, vote, voter, relayer);
      }
    });
    this.#sending = sent.catch(() => undefined);
    return sent;
  }

  /** What the governor said, as the code the checks before would have given (a race with another relay), or why. */
  #sendError(error: unknown, vote: RelayVoteInput, voter: Address, relayer: LocalAccount): RelayError {
    const id = vote.proposalId;
    switch (revertName(error)) {
      case "GovernorAlreadyCastVote":
        return new RelayError(
          "ALREADY_VOTED",
          `${voter} has already voted on proposal ${id}; a vote cannot be changed`,
        );
      case "GovernorInvalidSignature":
        return new RelayError(
          "BAD_SIGNATURE",
          `the governor refused the signature for ${voter} (its nonce may have changed since signing); sign the ballot again with the current nonce`,
        );
      case "GovernorUnexpectedProposalState":
        return new RelayError("PROPOSAL_NOT_ACTIVE", `proposal ${id} is no longer Active; votes are closed`);
      case "GovernorInvalidVoteType":
        return new RelayError("BAD_REQUEST", "support must be 0 (Against), 1 (For) or 2 (Abstain)");
    }
    if (error instanceof BaseError && error.walk((e) => e instanceof InsufficientFundsError)) {
      this.#logger.error({ message: "the relayer cannot pay for gas", relayer: relayer.address });
      return new RelayError(
        "RELAY_FAILED",
        "the relayer account has too little ETH to pay for the vote; try again later, or vote from your own wallet",
      );
    }
    this.#logger.error({ message: "vote relay failed", proposalId: id.toString(), error: shortMessage(error) });
    return new RelayError("RELAY_FAILED", `the vote could not be sent (${shortMessage(error)}); try again later`);
  }

  #walletClient(relayer: LocalAccount): RelayerWallet {
    this.#wallet ??= relayerWallet(this.app, this.chain.deployment.network, relayer);
    return this.#wallet;
  }
}

/** A wallet client on RPC_URL that signs as the relayer. */
function relayerWallet({ rpcUrl, chainId }: AppConfig, network: string, relayer: LocalAccount) {
  const chain = defineChain({
    id: chainId,
    name: network,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const transport = rpcUrl.startsWith("ws") ? webSocket(rpcUrl) : http(rpcUrl, { retryCount: 0 });
  return createWalletClient({ account: relayer, chain, transport });
}

type RelayerWallet = ReturnType<typeof relayerWallet>;

/** Checks the types and ranges the governor would reject, so no gas is spent on them. */
function validate(vote: RelayVoteInput): void {
  const problems: string[] = [];
  if (typeof vote.proposalId !== "bigint" || vote.proposalId < 0n || vote.proposalId >= 2n ** 256n) {
    problems.push("proposalId must be a uint256");
  }
  if (![0, 1, 2].includes(vote.support)) problems.push("support must be 0 (Against), 1 (For) or 2 (Abstain)");
  if (typeof vote.voter !== "string" || !isAddress(vote.voter, { strict: false })) {
    problems.push("voter must be an address (0x followed by 40 hex digits)");
  }
  if (!isHex(vote.signature, { strict: true }) || vote.signature.length < 4 || vote.signature.length % 2 !== 0) {
    problems.push("signature must be hex bytes (0x...)");
  }
  if (vote.reason !== undefined && (typeof vote.reason !== "string" || vote.reason.length > MAX_REASON_LENGTH)) {
    problems.push(`reason must be text of at most ${MAX_REASON_LENGTH} characters`);
  }
  if (
    vote.params !== undefined &&
    (!isHex(vote.params, { strict: true }) ||
      vote.params.length % 2 !== 0 ||
      (vote.params.length - 2) / 2 > MAX_PARAMS_BYTES)
  ) {
    problems.push(`params must be hex bytes (0x...) of at most ${MAX_PARAMS_BYTES} bytes`);
  }
  if (problems.length > 0) throw new RelayError("BAD_REQUEST", `invalid vote: ${problems.join("; ")}`);
}

/** The name of the custom error a contract call reverted with, if it did. */
function revertName(error: unknown): string | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
}

function shortMessage(error: unknown): string {
  return error instanceof BaseError
    ? error.shortMessage
    : (((error as Error).message ?? String(error)).split("\n")[0] ?? "");
}
