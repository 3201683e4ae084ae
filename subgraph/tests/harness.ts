// Test entry point: exposes the pure logic of src/logic/ to jest (test/subgraph/), which compiles this file with the
// AssemblyScript compiler `graph build` uses and calls these exports through the AssemblyScript loader. Only strings,
// booleans and integers cross the boundary: bytes as 0x-hex, structures as JSON.
//
// Not part of the subgraph: nothing in subgraph.yaml refers to it.

import { encodeOperationBatch, encodeStringPair, timelockSalt } from "../src/logic/abi";
import { DecodedAction, decodeAction, knownFunctions, summarize } from "../src/logic/actions";
import { fromHex, toHex, uint256Word, wordToDecimal } from "../src/logic/bytes";
import { delegateCountDelta, delegatorCountDelta, isServable } from "../src/logic/counters";
import { roleName } from "../src/logic/roles";
import { hasProposalExecutedLog, liveState, stateAfter, voteSupport } from "../src/logic/state";
import { sanitize, titleOf } from "../src/logic/text";

function quote(value: string): string {
  const parts = new Array<string>(0);
  parts.push('"');
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c == 34) parts.push('\\"');
    else if (c == 92) parts.push("\\\\");
    else if (c < 32) {
      const hex = "0123456789abcdef";
      parts.push("\\u00" + hex.charAt(c >> 4) + hex.charAt(c & 15));
    } else parts.push(String.fromCharCode(c));
  }
  parts.push('"');
  return parts.join("");
}

function field(name: string, json: string): string {
  return quote(name) + ":" + json;
}

function stringOrNull(value: string | null): string {
  if (value === null) return "null";
  return quote(value);
}

function bytesOrNull(value: Uint8Array | null): string {
  if (value == null) return "null";
  return quote(toHex(value));
}

function actionJson(action: DecodedAction, summary: string): string {
  const fields = new Array<string>(0);
  fields.push(field("kind", quote(action.kind)));
  fields.push(field("selector", quote(action.selector)));
  fields.push(field("signature", stringOrNull(action.signature)));
  fields.push(field("decoded", action.decoded ? "true" : "false"));
  fields.push(field("summary", quote(summary)));
  fields.push(field("modelId", stringOrNull(action.modelId)));
  fields.push(field("version", stringOrNull(action.version)));
  fields.push(field("hash", bytesOrNull(action.hash)));
  fields.push(field("task", stringOrNull(action.task)));
  fields.push(field("uri", stringOrNull(action.uri)));
  fields.push(field("license", stringOrNull(action.license)));
  fields.push(field("metadataHash", bytesOrNull(action.metadataHash)));
  fields.push(field("reason", stringOrNull(action.reason)));
  fields.push(field("policyVersion", stringOrNull(action.policyVersion)));
  fields.push(field("account", bytesOrNull(action.account)));
  fields.push(field("amount", stringOrNull(action.amount)));
  fields.push(field("role", bytesOrNull(action.role)));
  const policy = action.policy;
  if (policy == null) {
    fields.push(field("policy", "null"));
  } else {
    const p = new Array<string>(0);
    p.push(field("minVotingPower", quote(policy.minVotingPower)));
    p.push(field("quotaPeriod", quote(policy.quotaPeriod.toString())));
    p.push(field("requestQuota", quote(policy.requestQuota.toString())));
    p.push(field("tokenQuota", quote(policy.tokenQuota.toString())));
    p.push(field("maxInputTokens", quote(policy.maxInputTokens.toString())));
    p.push(field("maxOutputTokens", quote(policy.maxOutputTokens.toString())));
    const models = new Array<string>(0);
    for (let i = 0; i < policy.allowedModels.length; i++) models.push(quote(policy.allowedModels[i]));
    p.push(field("allowedModels", "[" + models.join(",") + "]"));
    p.push(field("redactCategories", policy.redactCategories.toString()));
    p.push(field("scanAnswers", policy.scanAnswers ? "true" : "false"));
    p.push(field("restoreOriginals", policy.restoreOriginals ? "true" : "false"));
    p.push(field("promptInjection", quote(policy.promptInjection)));
    p.push(field("retentionSeconds", quote(policy.retentionSeconds.toString())));
    p.push(field("contentHash", quote(toHex(policy.contentHash))));
    p.push(field("textUri", quote(policy.textUri)));
    fields.push(field("policy", "{" + p.join(",") + "}"));
  }
  return "{" + fields.join(",") + "}";
}

/** decodeAction + summarize, as JSON. `contract` is a ContractName or empty; `value` is decimal wei. */
export function decodeActionJson(contract: string, calldataHex: string, targetHex: string, value: string): string {
  const action = decodeAction(contract, fromHex(calldataHex));
  return actionJson(action, summarize(action, contract, fromHex(targetHex), value));
}

/** knownFunctions() as a JSON array of {contract, selector, signature, kind}. */
export function knownFunctionsJson(): string {
  const functions = knownFunctions();
  const items = new Array<string>(0);
  for (let i = 0; i < functions.length; i++) {
    const f = functions[i];
    items.push(
      "{" +
        field("contract", quote(f.contract)) +
        "," +
        field("selector", quote(f.selector)) +
        "," +
        field("signature", quote(f.signature)) +
        "," +
        field("kind", quote(f.kind)) +
        "}",
    );
  }
  return "[" + items.join(",") + "]";
}

function splitHex(list: string): Array<Uint8Array> {
  const out = new Array<Uint8Array>(0);
  if (list.length == 0) return out;
  const items = list.split(",");
  for (let i = 0; i < items.length; i++) out.push(fromHex(items[i]));
  return out;
}

/** encodeOperationBatch with comma-separated hex lists; `values` as 32-byte words. */
export function operationBatchHex(
  targets: string,
  values: string,
  payloads: string,
  predecessor: string,
  salt: string,
): string {
  return toHex(
    encodeOperationBatch(splitHex(targets), splitHex(values), splitHex(payloads), fromHex(predecessor), fromHex(salt)),
  );
}

export function stringPairHex(a: string, b: string): string {
  return toHex(encodeStringPair(a, b));
}

export function timelockSaltHex(governor: string, descriptionHash: string): string {
  return toHex(timelockSalt(fromHex(governor), fromHex(descriptionHash)));
}

/** uint256Word from little-endian hex (graph-ts BigInt bytes). */
export function uint256WordHex(littleEndian: string): string {
  return toHex(uint256Word(fromHex(littleEndian)));
}

export function wordToDecimalHex(word: string): string {
  return wordToDecimal(fromHex(word));
}

export function roundTripHex(hex: string): string {
  return toHex(fromHex(hex));
}

export function roleNameHex(role: string): string {
  return roleName(fromHex(role));
}

export function nextState(current: string, event: string): string {
  return stateAfter(current, event);
}

export function stateAt(
  stored: string,
  now: u64,
  voteStart: u64,
  voteEnd: u64,
  quorumReached: bool,
  voteSucceeded: bool,
  eta: u64,
  executionGracePeriod: u64,
): string {
  return liveState(stored, now, voteStart, voteEnd, quorumReached, voteSucceeded, eta, executionGracePeriod);
}

export function title(description: string): string {
  return titleOf(description);
}

export function clean(value: string): string {
  return sanitize(value);
}

export function delegatorDelta(fromIsZero: bool, toIsZero: bool): i32 {
  return delegatorCountDelta(fromIsZero, toIsZero);
}

export function delegateDelta(previousIsZero: bool, newIsZero: bool): i32 {
  return delegateCountDelta(previousIsZero, newIsZero);
}

export function servable(status: string): bool {
  return isServable(status);
}

export function voteSupportOf(support: i32): string {
  return voteSupport(support);
}

/** hasProposalExecutedLog with comma-separated hex lists, one item per log. */
export function proposalExecutedIn(
  addresses: string,
  topics0: string,
  data: string,
  governor: string,
  proposalId: string,
): bool {
  return hasProposalExecutedLog(
    splitHex(addresses),
    splitHex(topics0),
    splitHex(data),
    fromHex(governor),
    fromHex(proposalId),
  );
}
