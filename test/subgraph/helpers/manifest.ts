// subgraph.yaml, parsed, and what the tests need to compare it with the compiled ABIs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { SUBGRAPH_DIR } from "./paths.js";

export interface EventHandler {
  event: string;
  handler: string;
  receipt?: boolean;
}
export interface Mapping {
  kind: string;
  apiVersion: string;
  language: string;
  file: string;
  entities: string[];
  abis: { name: string; file: string }[];
  eventHandlers: EventHandler[];
  callHandlers?: unknown[];
  blockHandlers?: unknown[];
}
export interface DataSource {
  kind: string;
  name: string;
  network: string;
  source: { address?: string; abi: string; startBlock?: number };
  mapping: Mapping;
}
export interface Manifest {
  specVersion: string;
  schema: { file: string };
  dataSources: DataSource[];
  templates?: DataSource[];
}

export interface AbiParameter {
  type: string;
  name?: string;
  indexed?: boolean;
  components?: AbiParameter[];
}
export interface AbiEvent {
  type: "event";
  name: string;
  inputs: AbiParameter[];
  anonymous?: boolean;
}

export const manifest = parseYaml(readFileSync(path.join(SUBGRAPH_DIR, "subgraph.yaml"), "utf8")) as Manifest;
export const sources: DataSource[] = [...manifest.dataSources, ...(manifest.templates ?? [])];

export function abiOf(source: DataSource): { file: string; events: AbiEvent[] } {
  const entry = source.mapping.abis.find((a) => a.name === source.source.abi);
  if (!entry) throw new Error(`${source.name}: ABI ${source.source.abi} is not listed in mapping.abis`);
  const file = path.resolve(SUBGRAPH_DIR, entry.file);
  const abi = JSON.parse(readFileSync(file, "utf8")) as { type: string }[];
  return { file, events: abi.filter((item): item is AbiEvent => item.type === "event") };
}

/** A parameter's type as graph-cli writes it: tuples spelled out, arrays kept. */
function typeOf(parameter: AbiParameter): string {
  if (parameter.type.startsWith("tuple")) {
    return `(${(parameter.components ?? []).map(typeOf).join(",")})${parameter.type.slice("tuple".length)}`;
  }
  return parameter.type;
}

/** The event signature subgraph.yaml uses: `Name(indexed type,type)`. */
export function graphSignature(event: AbiEvent): string {
  return `${event.name}(${event.inputs.map((i) => `${i.indexed ? "indexed " : ""}${typeOf(i)}`).join(",")})`;
}

export function eventName(signature: string): string {
  return signature.slice(0, signature.indexOf("("));
}

/**
 * Events deliberately not indexed, with the reason. Every other event of the five contracts must have a handler;
 * this list must only name events that exist and have none.
 */
export const IGNORED: Record<string, Record<string, string>> = {
  CommonsGovernor: {
    EIP712DomainChanged: "never emitted: the governor's EIP-712 name and version are immutable",
  },
  GovernanceToken: {
    Transfer:
      "balances are not governance data: voting power moves with DelegateVotesChanged, which every transfer " +
      "between delegated accounts emits; the supply is minted once at deployment",
    Approval: "ERC-20 allowances play no part in governance",
    EIP712DomainChanged: "never emitted: the token's EIP-712 name and version are immutable",
  },
  TimelockController: {
    RoleAdminChanged: "never emitted: TimelockController has no function that changes a role's admin",
  },
  ModelRegistry: {},
  UsagePolicyRegistry: {},
};

/** The event names each data source of subgraph.yaml handles. */
export function handledEvents(source: DataSource): Set<string> {
  return new Set(source.mapping.eventHandlers.map((h) => eventName(h.event)));
}
