// subgraph.yaml against the compiled ABIs (generated/abis/), the mappings' sources and the schema.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "@jest/globals";
import { type DocumentNode, Kind, type ObjectTypeDefinitionNode, type TypeNode } from "graphql";
import { DEPLOYED_CONTRACTS } from "../../deployments/index.js";
import { abiOf, eventName, graphSignature, handledEvents, IGNORED, manifest, sources } from "./helpers/manifest.js";
import { ABIS_DIR, SUBGRAPH_DIR } from "./helpers/paths.js";
import { enumValues, readSchema } from "./helpers/schema.js";

describe("subgraph.yaml", () => {
  test("indexes the five deployed contracts, each as the data source named after it", () => {
    expect(manifest.dataSources.map((d) => d.name).sort()).toEqual([...DEPLOYED_CONTRACTS].sort());
    for (const source of manifest.dataSources) expect(source.source.abi).toBe(source.name);
  });

  test("every data source and template uses the same network, spec and mapping API", () => {
    expect(new Set(sources.map((s) => s.network)).size).toBe(1);
    expect(new Set(sources.map((s) => s.mapping.apiVersion))).toEqual(new Set(["0.0.9"]));
    expect(manifest.specVersion).toBe("1.3.0");
    for (const source of sources) {
      expect(source.kind).toBe("ethereum/contract");
      expect(source.mapping.language).toBe("wasm/assemblyscript");
      expect(source.mapping.callHandlers ?? []).toEqual([]);
      expect(source.mapping.blockHandlers ?? []).toEqual([]);
    }
  });

  test("ABIs are the compiled ones in generated/abis/, referenced by path and never copied", () => {
    for (const source of sources) {
      for (const abi of source.mapping.abis) {
        const file = path.resolve(SUBGRAPH_DIR, abi.file);
        expect(path.dirname(file)).toBe(ABIS_DIR);
        expect(path.basename(file)).toBe(`${abi.name}.json`);
      }
    }
  });

  test("every event handler's signature is an event of the data source's compiled ABI", () => {
    for (const source of sources) {
      const signatures = abiOf(source).events.map(graphSignature);
      for (const handler of source.mapping.eventHandlers) {
        expect({ source: source.name, event: handler.event, found: signatures.includes(handler.event) }).toEqual({
          source: source.name,
          event: handler.event,
          found: true,
        });
      }
    }
  });

  test("every event of the five contracts has a handler, except the ignored ones, which exist and have none", () => {
    for (const source of manifest.dataSources) {
      const ignored = IGNORED[source.name];
      if (!ignored) throw new Error(`IGNORED has no entry for ${source.name}`);
      const handled = handledEvents(source);
      const events = abiOf(source).events.map((e) => e.name);
      for (const event of events) {
        expect({ source: source.name, event, covered: handled.has(event) || event in ignored }).toEqual({
          source: source.name,
          event,
          covered: true,
        });
      }
      for (const [event, reason] of Object.entries(ignored)) {
        expect(events).toContain(event);
        expect(handled.has(event)).toBe(false);
        expect(reason.length).toBeGreaterThan(20);
      }
    }
  });

  test("no event has two handlers in one data source", () => {
    for (const source of sources) {
      const events = source.mapping.eventHandlers.map((h) => h.event);
      expect(new Set(events).size).toBe(events.length);
    }
  });

  test("the Timelock template indexes a new timelock exactly like the deployed one", () => {
    const template = manifest.templates?.find((t) => t.name === "Timelock");
    const deployed = manifest.dataSources.find((d) => d.name === "TimelockController");
    expect(template?.source.abi).toBe("TimelockController");
    expect(template?.mapping).toEqual(deployed?.mapping);
  });

  test("each handler is exported by its mapping, typed with the event class imported under an alias", () => {
    for (const source of sources) {
      const file = path.resolve(SUBGRAPH_DIR, source.mapping.file);
      expect(file.startsWith(path.join(SUBGRAPH_DIR, "src", "datasources"))).toBe(true);
      const code = readFileSync(file, "utf8");
      for (const { event, handler } of source.mapping.eventHandlers) {
        const name = eventName(event);
        expect(handler).toBe(`handle${name}`);
        expect(code).toMatch(new RegExp(`export function ${handler}\\(event: ${name}Event\\): void`));
        expect(code).toMatch(new RegExp(`\\b${name} as ${name}Event\\b`));
      }
    }
  });

  test("the only handler that needs the transaction receipt is CallExecuted's", () => {
    const withReceipt = sources.flatMap((s) => s.mapping.eventHandlers.filter((h) => h.receipt).map((h) => h.handler));
    expect(new Set(withReceipt)).toEqual(new Set(["handleCallExecuted"]));
  });

  test("mapping.entities name entities of the schema", () => {
    const types = new Set(entityTypes(schema()).map((t) => t.name.value));
    for (const source of sources) {
      for (const entity of source.mapping.entities) expect(types).toContain(entity);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------------

const schema = readSchema;

function entityTypes(document: DocumentNode): ObjectTypeDefinitionNode[] {
  return document.definitions.filter(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && (d.directives ?? []).some((x) => x.name.value === "entity"),
  );
}

function typeString(type: TypeNode): string {
  if (type.kind === Kind.NON_NULL_TYPE) return `${typeString(type.type)}!`;
  if (type.kind === Kind.LIST_TYPE) return `[${typeString(type.type)}]`;
  return type.name.value;
}

function isImmutable(type: ObjectTypeDefinitionNode): boolean {
  const entity = type.directives?.find((d) => d.name.value === "entity");
  const argument = entity?.arguments?.find((a) => a.name.value === "immutable");
  return argument?.value.kind === Kind.BOOLEAN && argument.value.value;
}

describe("schema.graphql", () => {
  const document = schema();
  const types = new Map(entityTypes(document).map((t) => [t.name.value, t]));
  const fields = (name: string) =>
    Object.fromEntries((types.get(name)?.fields ?? []).map((f) => [f.name.value, typeString(f.type)]));

  test("has the entities the backend matches, events immutable and aggregates mutable", () => {
    const aggregates = [
      "Governance",
      "Proposal",
      "Delegate",
      "Model",
      "ModelVersion",
      "UsagePolicy",
      "Timelock",
      "TimelockOperation",
    ];
    const events = [
      "ProposalAction",
      "ProposedUsagePolicy",
      "Vote",
      "DelegateChange",
      "VotingPowerChange",
      "GovernanceSettingChange",
      "TimelockRoleChange",
      "ModelRegistryEvent",
      "PolicyActivation",
      "OwnershipTransfer",
    ];
    expect([...types.keys()].sort()).toEqual([...aggregates, ...events].sort());
    for (const name of aggregates)
      expect({ name, immutable: isImmutable(types.get(name) as ObjectTypeDefinitionNode) }).toEqual({
        name,
        immutable: false,
      });
    for (const name of events)
      expect({ name, immutable: isImmutable(types.get(name) as ObjectTypeDefinitionNode) }).toEqual({
        name,
        immutable: true,
      });
  });

  test("Proposal has the fields the issue names, with these types", () => {
    expect(fields("Proposal")).toMatchObject({
      id: "ID!",
      proposalId: "BigInt!",
      proposer: "Delegate!",
      targets: "[Bytes!]!",
      values: "[BigInt!]!",
      calldatas: "[Bytes!]!",
      description: "String!",
      actions: "[ProposalAction!]!",
      voteStart: "BigInt!",
      voteEnd: "BigInt!",
      eta: "BigInt",
      forVotes: "BigInt!",
      againstVotes: "BigInt!",
      abstainVotes: "BigInt!",
      quorum: "BigInt",
      state: "ProposalState!",
      timelockOperation: "TimelockOperation",
      createdAtBlock: "BigInt!",
      createdAtTimestamp: "BigInt!",
      createdAtTransaction: "Bytes!",
    });
  });

  test("aggregates have their headline fields", () => {
    expect(fields("Delegate")).toMatchObject({ id: "Bytes!", votingPower: "BigInt!", delegatorsCount: "Int!" });
    expect(fields("ModelVersion")).toMatchObject({ status: "ModelVersionStatus!", weightsHash: "Bytes!" });
    expect(fields("ProposalAction")).toMatchObject({
      kind: "ProposalActionKind!",
      modelId: "String",
      version: "String",
      hash: "Bytes",
      summary: "String!",
    });
    expect(fields("TimelockOperation")).toMatchObject({ proposal: "Proposal", status: "TimelockOperationStatus!" });
    expect(fields("Governance")).toMatchObject({ proposalCount: "Int!", totalVotingPower: "BigInt!" });
  });

  test("ProposalState has IGovernor.ProposalState's names, in its order", () => {
    expect(enumValues(document, "ProposalState")).toEqual([
      "Pending",
      "Active",
      "Canceled",
      "Defeated",
      "Succeeded",
      "Queued",
      "Expired",
      "Executed",
    ]);
  });

  test("every @derivedFrom names a field of the entity it derives from, which links back", () => {
    for (const type of types.values()) {
      for (const field of type.fields ?? []) {
        const derived = field.directives?.find((d) => d.name.value === "derivedFrom");
        if (!derived) continue;
        const from = derived.arguments?.find((a) => a.name.value === "field")?.value;
        const target = typeString(field.type).replace(/[[\]!]/g, "");
        const linkName = from?.kind === Kind.STRING ? from.value : "";
        expect({
          field: `${type.name.value}.${field.name.value}`,
          link: fields(target)[linkName]?.replace(/[[\]!]/g, ""),
        }).toEqual({
          field: `${type.name.value}.${field.name.value}`,
          link: type.name.value,
        });
      }
    }
  });

  test("subgraph/README.md documents every entity and every field (the backend reuses these names)", () => {
    const readme = readFileSync(path.join(SUBGRAPH_DIR, "README.md"), "utf8");
    for (const [name, type] of types) {
      const start = readme.indexOf(`\n### ${name}\n`);
      expect({ entity: name, documented: start >= 0 }).toEqual({ entity: name, documented: true });
      const end = readme.indexOf("\n### ", start + 1);
      const section = readme.slice(start, end < 0 ? undefined : end);
      for (const field of type.fields ?? []) {
        expect({
          field: `${name}.${field.name.value}`,
          documented: section.includes(`\`${field.name.value}\``),
        }).toEqual({
          field: `${name}.${field.name.value}`,
          documented: true,
        });
      }
    }
  });
});
