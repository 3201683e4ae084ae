import { type Address, getAddress, type PublicClient, recoverTypedDataAddress } from "viem";
import type { Deployment } from "../../../deployments/index.js";
import { parseReceipt } from "./parse-receipt.js";
import { type InferenceReceipt, RECEIPT_FORMAT, receiptTypedData } from "./receipt.js";
import { ReceiptError } from "./receipt-error.js";
import { changeAt, type ModelVersionChange, type RegistryHistory, readRegistryHistory } from "./registry-history.js";

/** The checks of a receipt, in the order they are made and printed. */
export const RECEIPT_CHECKS = [
  "format",
  "deployment",
  "signature",
  "trustedSigner",
  "modelVersion",
  "policy",
  "issuedAt",
] as const;

export type ReceiptCheckName = (typeof RECEIPT_CHECKS)[number];

export interface ReceiptCheck {
  /** `skipped` when an earlier failure makes the check meaningless (a malformed receipt, another deployment). */
  status: "passed" | "failed" | "skipped";
  /** What held, what did not (the problems, joined), or why the check was skipped. */
  detail: string;
}

export interface ReceiptVerification {
  /** Every check passed. */
  valid: boolean;
  /** One sentence per problem found; empty when valid. */
  problems: string[];
  checks: Record<ReceiptCheckName, ReceiptCheck>;
  /** The receipt, normalised (checksummed addresses, lowercase hex), when it is well formed. */
  receipt: InferenceReceipt | undefined;
}

export interface VerifyReceiptOptions {
  /** A client on the deployment's chain. */
  client: PublicClient;
  /** The registries the receipt must name. */
  deployment: Deployment;
  /** Server addresses whose receipts are accepted. */
  trustedSigners: readonly Address[];
}

/** How far `issuedAt` may be ahead of both the local clock and the chain's latest block. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** A unix time as ISO-8601, to the second. */
function iso(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `${seconds}` : date.toISOString().replace(".000Z", "Z");
}

const passed = (detail: string): ReceiptCheck => ({ status: "passed", detail });
const skipped = (detail: string): ReceiptCheck => ({ status: "skipped", detail });

/**
 * Verifies an inference receipt (a parsed JSON value, or its JSON text): its shape; that it names this deployment's
 * chain and registries; that its EIP-712 signature recovers to `signer` and `signer` is trusted; that `issuedAt` is
 * not in the future; and, from the registries' logs, that at `issuedAt` the ModelRegistry had `(modelId,
 * modelVersion)` with exactly `weightsHash` servable (Approved or Deprecated: a receipt issued before a revocation
 * stays valid, one issued at or after it is not) and that `policyVersion` was the active usage policy.
 *
 * An invalid receipt resolves with `valid: false` and its problems, every check made that can be. Rejects with
 * {@link ReceiptError} (`wrong-chain`) when the client is on another chain than the deployment, and with the
 * client's error when the chain cannot be read: then nothing can be said about the receipt.
 */
export async function verifyReceipt(receipt: unknown, options: VerifyReceiptOptions): Promise<ReceiptVerification> {
  const { client, deployment } = options;
  const checks = Object.fromEntries(
    RECEIPT_CHECKS.map((name) => [name, skipped("not checked: the receipt is malformed")]),
  ) as Record<ReceiptCheckName, ReceiptCheck>;
  const problems: string[] = [];
  const fail = (name: ReceiptCheckName, found: string[]) => {
    checks[name] = { status: "failed", detail: found.join("; ") };
    problems.push(...found);
  };

  const parsed = parseReceipt(receipt);
  if (!parsed.receipt) {
    fail("format", parsed.problems);
    return { valid: false, problems, checks, receipt: undefined };
  }
  const r = parsed.receipt;
  checks.format = passed(`${RECEIPT_FORMAT}, every field well formed`);

  const elsewhere = deploymentProblems(r, deployment);
  if (elsewhere.length > 0) fail("deployment", elsewhere);
  else checks.deployment = passed(`chain ${r.chainId}, ModelRegistry ${r.modelRegistry}`);

  const signature = await signatureProblem(r);
  if (signature) fail("signature", [signature]);
  else checks.signature = passed(`EIP-712 signature by ${r.signer}`);

  const trusted = options.trustedSigners.map((a) => getAddress(a));
  if (trusted.length === 0) {
    fail("trustedSigner", ["no trusted signers were given (RECEIPT_TRUSTED_SIGNERS, or --trust in the CLI)"]);
  } else if (!trusted.includes(r.signer)) {
    fail("trustedSigner", [`${r.signer} is not a trusted receipt signer (trusted: ${trusted.join(", ")})`]);
  } else checks.trustedSigner = passed(`${r.signer} is trusted`);

  if (elsewhere.length > 0) {
    for (const name of ["modelVersion", "policy", "issuedAt"] as const) {
      checks[name] = skipped("not checked: the receipt names another deployment");
    }
    return { valid: false, problems, checks, receipt: r };
  }

  const chainId = await client.getChainId();
  if (chainId !== deployment.chainId) {
    throw new ReceiptError(
      "wrong-chain",
      `the RPC endpoint serves chain ${chainId}, but the deployment is for chain ${deployment.chainId}`,
    );
  }
  const head = await client.getBlock({ blockTag: "latest" });
  const history = await readRegistryHistory(client, deployment, head.number);
  const model = modelVersionProblems(r, history);
  if (model.problems.length > 0) fail("modelVersion", model.problems);
  else checks.modelVersion = passed(model.detail);
  const policy = policyProblems(r, history);
  if (policy.problems.length > 0) fail("policy", policy.problems);
  else checks.policy = passed(policy.detail);

  // The later of the local clock and the chain's: a dev chain's clock may run ahead after time travel.
  const now = Math.max(Math.floor(Date.now() / 1000), Number(head.timestamp));
  if (r.issuedAt > now + MAX_CLOCK_SKEW_SECONDS) {
    fail("issuedAt", [
      `issuedAt ${iso(r.issuedAt)} is in the future: it is now ${iso(now)} (${MAX_CLOCK_SKEW_SECONDS / 60} minutes of clock skew allowed)`,
    ]);
  } else checks.issuedAt = passed(`${iso(r.issuedAt)} is not in the future`);

  return { valid: problems.length === 0, problems, checks, receipt: r };
}

function deploymentProblems(r: InferenceReceipt, deployment: Deployment): string[] {
  const problems: string[] = [];
  const { ModelRegistry, UsagePolicyRegistry } = deployment.contracts;
  if (r.chainId !== deployment.chainId) {
    problems.push(`the receipt is for chain ${r.chainId}, but the deployment is on chain ${deployment.chainId}`);
  }
  if (r.modelRegistry !== getAddress(ModelRegistry)) {
    problems.push(`modelRegistry ${r.modelRegistry} is not the deployment's ModelRegistry ${ModelRegistry}`);
  }
  if (r.usagePolicyRegistry !== getAddress(UsagePolicyRegistry)) {
    problems.push(
      `usagePolicyRegistry ${r.usagePolicyRegistry} is not the deployment's UsagePolicyRegistry ${UsagePolicyRegistry}`,
    );
  }
  return problems;
}

async function signatureProblem(r: InferenceReceipt): Promise<string | undefined> {
  let recovered: Address;
  try {
    recovered = await recoverTypedDataAddress({ ...receiptTypedData(r), signature: r.signature });
  } catch (error) {
    return `the signature is not a valid secp256k1 signature: ${(error as Error).message.split("\n")[0]}`;
  }
  if (recovered === r.signer) return undefined;
  return `the signature does not match the receipt: it recovers to ${recovered}, not to signer ${r.signer}, so a field was changed after signing or ${r.signer} did not sign it`;
}

function modelVersionProblems(r: InferenceReceipt, history: RegistryHistory): { problems: string[]; detail: string } {
  const name = `${r.modelId} ${r.modelVersion}`;
  const changes = history.modelVersions.filter((c) => c.modelId === r.modelId && c.version === r.modelVersion);
  const [approval] = changes;
  if (!approval) return { problems: [`${name} was never approved in the ModelRegistry`], detail: "" };
  const problems: string[] = [];
  if (approval.weightsHash.toLowerCase() !== r.weightsHash) {
    problems.push(`${name} is registered with weightsHash ${approval.weightsHash}, not ${r.weightsHash}`);
  }
  const current = changeAt(changes, r.issuedAt);
  if (!current) {
    problems.push(`${name} was not approved yet at ${iso(r.issuedAt)}: it was approved at ${iso(approval.at)}`);
  } else if (current.status === "Revoked") {
    problems.push(
      `${name} was revoked at ${iso(current.at)}${reason(current)}, before the receipt was issued at ${iso(r.issuedAt)}`,
    );
  }
  const revocation = changes.find((c) => c.status === "Revoked");
  const later = revocation && revocation.at > r.issuedAt ? ` (revoked later, at ${iso(revocation.at)})` : "";
  const detail = `${name} (${r.weightsHash}) was ${current?.status ?? ""} at ${iso(r.issuedAt)}, since ${iso(current?.at ?? 0)}${later}`;
  return { problems, detail };
}

function reason(change: ModelVersionChange): string {
  return change.reason ? ` (${JSON.stringify(change.reason)})` : "";
}

function policyProblems(r: InferenceReceipt, history: RegistryHistory): { problems: string[]; detail: string } {
  const claimed = BigInt(r.policyVersion);
  const known = new Set([...history.publishedPolicies.keys(), ...history.activePolicy.map((c) => c.version)]);
  if (!known.has(claimed)) {
    const latest = [...known].reduce((a, b) => (a > b ? a : b), 0n);
    const count = latest === 0n ? "none was" : `versions 1 to ${latest} were`;
    return {
      problems: [`usage policy ${claimed} was never published in the UsagePolicyRegistry (${count})`],
      detail: "",
    };
  }
  const change = changeAt(history.activePolicy, r.issuedAt);
  // Before the first change in the logs, the version that change replaced (the genesis policy if the logs begin after
  // the registry's deployment).
  const first = history.activePolicy[0];
  const active = change?.version ?? (first && first.previous !== 0n ? first.previous : undefined);
  const since = change ? `, active since ${iso(change.at)}` : "";
  if (active === undefined) {
    return { problems: [`no usage policy was active yet at ${iso(r.issuedAt)}`], detail: "" };
  }
  if (active !== claimed) {
    return {
      problems: [
        `usage policy ${claimed} was not the active policy at ${iso(r.issuedAt)}: policy ${active} was${since}`,
      ],
      detail: "",
    };
  }
  return { problems: [], detail: `usage policy ${claimed} was the active policy at ${iso(r.issuedAt)}${since}` };
}
