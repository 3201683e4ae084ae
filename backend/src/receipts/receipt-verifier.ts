import { Inject, Injectable } from "@nestjs/common";
import type { Address } from "viem";
import { ChainService } from "../chain/chain.service.js";
import { ReceiptSigner } from "./receipt-signer.js";
import { RECEIPTS_CONFIG, type ReceiptsConfig } from "./receipts-config.js";
import { RECEIPT_CHECKS, type ReceiptCheck, type ReceiptCheckName, verifyReceipt } from "./verify-receipt.js";

/** A receipt's verification, flat, for the GraphQL `verifyReceipt` query. Receipt fields are null when malformed. */
export interface ReceiptVerificationResult {
  valid: boolean;
  problems: string[];
  signer: Address | null;
  modelId: string | null;
  modelVersion: string | null;
  weightsHash: string | null;
  policyVersion: string | null;
  /** Unix seconds. */
  issuedAt: number | null;
  /** Every check, in order (see verifyReceipt). */
  checks: (ReceiptCheck & { name: ReceiptCheckName })[];
}

/**
 * Verifies receipts against the chain the backend follows: this deployment's registries, trusting this server's own
 * signer and RECEIPT_TRUSTED_SIGNERS. Each call reads the registries' logs over RPC (see verifyReceipt).
 */
@Injectable()
export class ReceiptVerifier {
  constructor(
    @Inject(ChainService) private readonly chain: ChainService,
    @Inject(ReceiptSigner) private readonly signer: ReceiptSigner,
    @Inject(RECEIPTS_CONFIG) private readonly config: ReceiptsConfig,
  ) {}

  /** Addresses whose receipts verify here: this server's, then RECEIPT_TRUSTED_SIGNERS. */
  get trustedSigners(): Address[] {
    return [...new Set([this.signer.address, ...this.config.trustedSigners])];
  }

  /** Verifies a receipt given as JSON text; a malformed one gets `valid: false` with its problems. */
  async verify(json: string): Promise<ReceiptVerificationResult> {
    const { valid, problems, checks, receipt } = await verifyReceipt(json, {
      client: this.chain.client,
      deployment: this.chain.deployment,
      trustedSigners: this.trustedSigners,
    });
    return {
      valid,
      problems,
      signer: receipt?.signer ?? null,
      modelId: receipt?.modelId ?? null,
      modelVersion: receipt?.modelVersion ?? null,
      weightsHash: receipt?.weightsHash ?? null,
      policyVersion: receipt?.policyVersion ?? null,
      issuedAt: receipt?.issuedAt ?? null,
      checks: RECEIPT_CHECKS.map((name) => ({ name, ...checks[name] })),
    };
  }
}
