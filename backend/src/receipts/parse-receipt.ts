// The JSON shape of a receipt, checked field by field, so that a malformed receipt gets one clear problem per field
// instead of an exception from deep inside the signature check.
import { type Address, getAddress, type Hex, isAddress, maxUint256 } from "viem";
import { type InferenceReceipt, RECEIPT_FORMAT, type SignedReceiptFields } from "./receipt.js";

/** A receipt's fields, normalised (checksummed addresses, lowercase hex), or the problems that stop it being one. */
export type ParsedReceipt = { receipt: InferenceReceipt; problems: [] } | { receipt: undefined; problems: string[] };

const HASH = /^0x[0-9a-fA-F]{64}$/;
const SIGNATURE = /^0x(?:[0-9a-fA-F]{128}|[0-9a-fA-F]{130})$/;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

type FieldName = keyof InferenceReceipt;

/** For each field: what it must be, and whether a value is that. */
const FIELDS: Record<FieldName, { must: string; ok: (value: unknown) => boolean }> = {
  format: { must: `be "${RECEIPT_FORMAT}"`, ok: (v) => v === RECEIPT_FORMAT },
  chainId: { must: "be a positive integer", ok: (v) => Number.isSafeInteger(v) && (v as number) > 0 },
  modelRegistry: { must: "be an address (0x and 40 hex digits)", ok: isAddressValue },
  usagePolicyRegistry: { must: "be an address (0x and 40 hex digits)", ok: isAddressValue },
  modelId: { must: "be a non-empty string", ok: isNonEmptyString },
  modelVersion: { must: "be a non-empty string", ok: isNonEmptyString },
  weightsHash: { must: "be a 32-byte hash (0x and 64 hex digits)", ok: isHash },
  policyVersion: {
    must: 'be a policy version as a decimal string, e.g. "1"',
    ok: (v) => typeof v === "string" && DECIMAL.test(v) && BigInt(v) <= maxUint256,
  },
  promptHash: { must: "be a 32-byte hash (0x and 64 hex digits)", ok: isHash },
  outputHash: { must: "be a 32-byte hash (0x and 64 hex digits)", ok: isHash },
  issuedAt: {
    must: "be unix seconds (a non-negative integer)",
    ok: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  },
  signer: { must: "be an address (0x and 40 hex digits)", ok: isAddressValue },
  signature: {
    must: "be a 65-byte signature (0x and 130 hex digits)",
    ok: (v) => typeof v === "string" && SIGNATURE.test(v),
  },
};

const SIGNED_FIELDS = (Object.keys(FIELDS) as FieldName[]).filter(
  (name): name is keyof SignedReceiptFields => name !== "format" && name !== "signer" && name !== "signature",
);

function isAddressValue(value: unknown): boolean {
  return typeof value === "string" && isAddress(value, { strict: false });
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === "string" && value.length > 0;
}

function isHash(value: unknown): boolean {
  return typeof value === "string" && HASH.test(value);
}

/** A value as it appears in the receipt, cut short, for a problem message. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function fieldProblems(record: Record<string, unknown>, names: readonly FieldName[]): string[] {
  const problems: string[] = [];
  for (const name of names) {
    const field = FIELDS[name];
    if (!(name in record) || record[name] === undefined) problems.push(`${name} is missing: it must ${field.must}`);
    else if (!field.ok(record[name])) problems.push(`${name} must ${field.must}, got ${shown(record[name])}`);
  }
  return problems;
}

/**
 * Checks that `value` (a parsed JSON value, or JSON text) has the shape of an {@link InferenceReceipt}: every field
 * present and well formed, and no other field (it would not be covered by the signature). Says nothing about whether
 * the signature or the claims hold: see verifyReceipt.
 */
export function parseReceipt(value: unknown): ParsedReceipt {
  let json = value;
  if (typeof value === "string") {
    try {
      json = JSON.parse(value);
    } catch (error) {
      return { receipt: undefined, problems: [`the receipt is not valid JSON: ${(error as Error).message}`] };
    }
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    const kind = json === null ? "null" : Array.isArray(json) ? "an array" : `a ${typeof json}`;
    return { receipt: undefined, problems: [`the receipt must be a JSON object, got ${kind}`] };
  }
  const record = json as Record<string, unknown>;
  const problems = fieldProblems(record, Object.keys(FIELDS) as FieldName[]);
  for (const name of Object.keys(record)) {
    if (!(name in FIELDS)) problems.push(`unknown field ${shown(name)}: ${RECEIPT_FORMAT} has no such field`);
  }
  if (problems.length > 0) return { receipt: undefined, problems };
  const r = record as unknown as InferenceReceipt;
  return {
    receipt: {
      format: RECEIPT_FORMAT,
      chainId: r.chainId,
      modelRegistry: getAddress(r.modelRegistry),
      usagePolicyRegistry: getAddress(r.usagePolicyRegistry),
      modelId: r.modelId,
      modelVersion: r.modelVersion,
      weightsHash: r.weightsHash.toLowerCase() as Hex,
      policyVersion: r.policyVersion,
      promptHash: r.promptHash.toLowerCase() as Hex,
      outputHash: r.outputHash.toLowerCase() as Hex,
      issuedAt: r.issuedAt,
      signer: getAddress(r.signer) as Address,
      signature: r.signature.toLowerCase() as Hex,
    },
    problems: [],
  };
}

/** The problems of the fields a signature covers, before signing (the signer refuses to sign a malformed receipt). */
export function signedFieldProblems(fields: SignedReceiptFields): string[] {
  return fieldProblems(fields as unknown as Record<string, unknown>, SIGNED_FIELDS);
}
