// The inference receipt: what the server signs for every answer, the EIP-712 typed data the signature covers, and
// the two content hashes. A member who kept the prompt and the answer recomputes the hashes to show that a receipt is
// about that exchange; the receipt itself reveals neither.
import { createHash } from "node:crypto";
import type { Address, Hex, TypedDataDomain } from "viem";

/** The `format` of the receipts this code writes and verifies. */
export const RECEIPT_FORMAT = "commons-ai-receipt/1";

/**
 * A signed statement by a Commons AI server: this answer came from `modelId` `modelVersion` (files hashing to
 * `weightsHash`) under usage policy `policyVersion`, at `issuedAt`. It names the prompt and the answer only by their
 * sha256 ({@link hashPrompt}, {@link hashOutput}), so it can be shared without revealing either.
 */
export interface InferenceReceipt {
  format: typeof RECEIPT_FORMAT;
  /** The chain whose registries approved the model version and the policy. */
  chainId: number;
  modelRegistry: Address;
  usagePolicyRegistry: Address;
  modelId: string;
  modelVersion: string;
  /** The version's manifest hash, as registered in the ModelRegistry. */
  weightsHash: Hex;
  /** The UsagePolicyRegistry version in force, as a decimal string (a uint256). */
  policyVersion: string;
  /** sha256 of the redacted prompt's canonical bytes ({@link hashPrompt}). */
  promptHash: Hex;
  /** sha256 of the answer as the model produced it, placeholders included ({@link hashOutput}). */
  outputHash: Hex;
  /** When the answer was produced: unix seconds. */
  issuedAt: number;
  /** The server key's address; the signature must recover to it. */
  signer: Address;
  /** EIP-712 signature of {@link receiptTypedData} by `signer`. */
  signature: Hex;
}

/** The EIP-712 domain of receipts of one deployment: its chain, and its ModelRegistry as verifying contract. */
export function receiptDomain(chainId: number, modelRegistry: Address) {
  return {
    name: "Commons AI Receipt",
    version: "1",
    chainId,
    verifyingContract: modelRegistry,
  } as const satisfies TypedDataDomain;
}

/** The signed struct: every field of the receipt but `format`, `signer` and `signature`. */
export const RECEIPT_TYPES = {
  InferenceReceipt: [
    { name: "chainId", type: "uint256" },
    { name: "modelRegistry", type: "address" },
    { name: "usagePolicyRegistry", type: "address" },
    { name: "modelId", type: "string" },
    { name: "modelVersion", type: "string" },
    { name: "weightsHash", type: "bytes32" },
    { name: "policyVersion", type: "uint256" },
    { name: "promptHash", type: "bytes32" },
    { name: "outputHash", type: "bytes32" },
    { name: "issuedAt", type: "uint64" },
  ],
} as const;

/** The fields a signature covers. */
export type SignedReceiptFields = Omit<InferenceReceipt, "format" | "signer" | "signature">;

/** The typed data to sign or to recover a receipt's signer from (viem's signTypedData / recoverTypedDataAddress). */
export function receiptTypedData(fields: SignedReceiptFields) {
  return {
    domain: receiptDomain(fields.chainId, fields.modelRegistry),
    types: RECEIPT_TYPES,
    primaryType: "InferenceReceipt",
    message: {
      chainId: BigInt(fields.chainId),
      modelRegistry: fields.modelRegistry,
      usagePolicyRegistry: fields.usagePolicyRegistry,
      modelId: fields.modelId,
      modelVersion: fields.modelVersion,
      weightsHash: fields.weightsHash,
      policyVersion: BigInt(fields.policyVersion),
      promptHash: fields.promptHash,
      outputHash: fields.outputHash,
      issuedAt: BigInt(fields.issuedAt),
    },
  } as const;
}

/** A chat message as sent to the model; other properties are not part of the hash. */
export interface ReceiptMessage {
  role: string;
  content: string;
}

function sha256(text: string): Hex {
  return `0x${createHash("sha256").update(text, "utf8").digest("hex")}`;
}

/**
 * sha256 of the redacted prompt's canonical bytes: the UTF-8 of
 * `JSON.stringify(messages.map(({ role, content }) => ({ role, content })))`, the messages exactly as the model
 * received them (personal data already replaced by placeholders).
 */
export function hashPrompt(messages: readonly ReceiptMessage[]): Hex {
  return sha256(JSON.stringify(messages.map(({ role, content }) => ({ role, content }))));
}

/**
 * sha256 of the UTF-8 of the answer exactly as the model produced it: placeholders included, before the member's
 * original values are put back. (An unpaired UTF-16 surrogate is encoded as U+FFFD, as TextEncoder does.)
 */
export function hashOutput(text: string): Hex {
  return sha256(text);
}
