import type { Address, Hex, TypedDataDomain } from "viem";

/** OpenZeppelin Governor 5's `BALLOT_TYPEHASH`: `Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)`. */
export const BALLOT_TYPES = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

/**
 * OpenZeppelin Governor 5's `EXTENDED_BALLOT_TYPEHASH`:
 * `ExtendedBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason,bytes params)`.
 */
export const EXTENDED_BALLOT_TYPES = {
  ExtendedBallot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "reason", type: "string" },
    { name: "params", type: "bytes" },
  ],
} as const;

/** A vote to sign: what `castVoteBySig` (or `castVoteWithReasonAndParamsBySig`) will be called with. */
export interface Ballot {
  proposalId: bigint;
  /** GovernorCountingSimple: 0 Against, 1 For, 2 Abstain. */
  support: number;
  voter: Address;
  /** The voter's current `governor.nonces(voter)`; each relayed vote uses one. */
  nonce: bigint;
  /** Given (even empty): an ExtendedBallot, relayed with castVoteWithReasonAndParamsBySig. */
  reason?: string;
  /** Vote params (default `0x`); given: an ExtendedBallot too. GovernorCountingSimple ignores them. */
  params?: Hex;
}

/** The governor's EIP-712 domain, as its `eip712Domain()` reports it. */
export type BallotDomain = Required<Pick<TypedDataDomain, "name" | "version" | "chainId" | "verifyingContract">>;

export type BallotTypedData =
  | { domain: BallotDomain; types: typeof BALLOT_TYPES; primaryType: "Ballot"; message: BallotMessage }
  | {
      domain: BallotDomain;
      types: typeof EXTENDED_BALLOT_TYPES;
      primaryType: "ExtendedBallot";
      message: BallotMessage & { reason: string; params: Hex };
    };

type BallotMessage = {
  proposalId: bigint;
  support: number;
  voter: Address;
  nonce: bigint;
};

/** Whether a ballot is signed as an ExtendedBallot: when it carries a reason or params. */
function isExtendedBallot(ballot: Pick<Ballot, "reason" | "params">): boolean {
  return ballot.reason !== undefined || ballot.params !== undefined;
}

/**
 * The EIP-712 typed data a voter signs (viem `signTypedData`, a wallet's `eth_signTypedData_v4`) for the backend to
 * relay: a `Ballot`, or an `ExtendedBallot` when the vote has a reason or params, exactly as the governor hashes
 * them. `domain` is the governor's `eip712Domain()`; `ballot.nonce` its `nonces(voter)` at signing time.
 */
export function ballotTypedData(domain: BallotDomain, ballot: Ballot): BallotTypedData {
  const message = { proposalId: ballot.proposalId, support: ballot.support, voter: ballot.voter, nonce: ballot.nonce };
  if (!isExtendedBallot(ballot)) return { domain, types: BALLOT_TYPES, primaryType: "Ballot", message };
  return {
    domain,
    types: EXTENDED_BALLOT_TYPES,
    primaryType: "ExtendedBallot",
    message: { ...message, reason: ballot.reason ?? "", params: ballot.params ?? "0x" },
  };
}
