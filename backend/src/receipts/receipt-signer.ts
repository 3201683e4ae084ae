import { Inject, Injectable, Logger } from "@nestjs/common";
import type { Address, Hex, PrivateKeyAccount } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { ChainService } from "../chain/chain.service.js";
import { dataDirSecret } from "../config/data-dir-secret.js";
import { IndexerService } from "../indexer/indexer.service.js";
import { signedFieldProblems } from "./parse-receipt.js";
import { type InferenceReceipt, RECEIPT_FORMAT, receiptTypedData } from "./receipt.js";
import { ReceiptError } from "./receipt-error.js";
import { RECEIPTS_CONFIG, type ReceiptsConfig } from "./receipts-config.js";

/** Where a generated key is kept, in DATA_DIR. */
export const SIGNING_KEY_FILE = "receipt-signing-key";

/** What the chat side knows about an answer; the signer adds the deployment, the time (unless given) and the key. */
export interface ReceiptContent {
  modelId: string;
  modelVersion: string;
  weightsHash: Hex;
  /** The active policy's version. */
  policyVersion: bigint | number | string;
  /** {@link hashPrompt} of the redacted messages. */
  promptHash: Hex;
  /** {@link hashOutput} of the answer as generated. */
  outputHash: Hex;
  /** Unix seconds; default: the wall clock, or the indexed head block's time if that is later (see sign). */
  issuedAt?: number;
}

const PRIVATE_KEY = /^0x[0-9a-fA-F]{64}$/;

/** Addresses already announced in a warning, so that a key is announced once per process. */
const announced = new Set<Address>();

/**
 * Signs inference receipts with the server's key (EIP-712, see {@link receiptTypedData}). The key is
 * RECEIPT_SIGNING_KEY, or else one generated on first use and kept in `DATA_DIR/receipt-signing-key` (mode 0600), so
 * that the server's address, which verifiers trust, survives restarts; with DATA_DIR=memory:// a new one per start.
 * The key is never logged: only its address.
 */
@Injectable()
export class ReceiptSigner {
  readonly #logger = new Logger("Receipts");
  readonly #account: PrivateKeyAccount;

  constructor(
    @Inject(RECEIPTS_CONFIG) config: ReceiptsConfig,
    @Inject(ChainService) private readonly chain: Pick<ChainService, "deployment">,
    @Inject(IndexerService) private readonly indexer: Pick<IndexerService, "status">,
  ) {
    this.#account = privateKeyToAccount(config.signingKey ?? this.#localKey(config.dataDir));
  }

  /** The address receipts are signed by: what verifiers must trust (RECEIPT_TRUSTED_SIGNERS, `--trust`). */
  get address(): Address {
    return this.#account.address;
  }

  /**
   * A signed receipt for one answer. Throws {@link ReceiptError} (`invalid-receipt-fields`) on a malformed field.
   *
   * NOTE: verifiers compare `issuedAt` with block timestamps. By default it is the wall clock, or the time of the last
   * indexed block when that is later: on a chain whose clock runs ahead (a dev chain after time travel), a receipt
   * is then never dated before the registry state the server acted on.
   */
  async sign(content: ReceiptContent): Promise<InferenceReceipt> {
    const { deployment } = this.chain;
    const fields = {
      chainId: deployment.chainId,
      modelRegistry: deployment.contracts.ModelRegistry,
      usagePolicyRegistry: deployment.contracts.UsagePolicyRegistry,
      modelId: content.modelId,
      modelVersion: content.modelVersion,
      weightsHash: content.weightsHash,
      policyVersion: String(content.policyVersion),
      promptHash: content.promptHash,
      outputHash: content.outputHash,
      issuedAt: content.issuedAt ?? this.#now(),
    };
    const problems = signedFieldProblems(fields);
    if (problems.length > 0) throw new ReceiptError("invalid-receipt-fields", `cannot sign: ${problems.join("; ")}`);
    const signature = await this.#account.signTypedData(receiptTypedData(fields));
    return { format: RECEIPT_FORMAT, ...fields, signer: this.#account.address, signature };
  }

  #now(): number {
    const indexed = Number(this.indexer.status().head?.timestamp ?? 0n);
    return Math.max(Math.floor(Date.now() / 1000), indexed);
  }

  /** The key kept in `dataDir`, created on first use; a new in-memory one for memory://. */
  #localKey(dataDir: string): Hex {
    const secret = dataDirSecret(dataDir, {
      fileName: SIGNING_KEY_FILE,
      generate: generatePrivateKey,
      isValid: (value) => PRIVATE_KEY.test(value),
      invalid: (file) =>
        new ReceiptError(
          "invalid-signing-key",
          `${file} does not hold a 0x-prefixed 32-byte private key; set RECEIPT_SIGNING_KEY, or delete the file to generate a new key (receipts of the old key then verify only where its address stays trusted)`,
        ),
    });
    if (secret.exposed)
      this.#logger.warn({ message: `${secret.file} is readable by other users: chmod 600 it`, file: secret.file });
    const key = secret.value as Hex;
    const source =
      secret.file === undefined
        ? "a new key for this run (DATA_DIR=memory://)"
        : secret.created
          ? `a new key, kept in ${secret.file}`
          : `the key in ${secret.file}`;
    this.#announce(privateKeyToAccount(key).address, source);
    return key;
  }

  #announce(signer: Address, source: string): void {
    if (announced.has(signer)) return;
    announced.add(signer);
    this.#logger.warn({
      message: `RECEIPT_SIGNING_KEY is not set: receipts are signed with ${source}; trust its address in verifiers`,
      signer,
    });
  }
}
