import { readFileSync } from "node:fs";
import path from "node:path";
import { type DocumentNode, Kind, parse } from "graphql";
import { SUBGRAPH_DIR } from "./paths.js";

export function readSchema(): DocumentNode {
  return parse(readFileSync(path.join(SUBGRAPH_DIR, "schema.graphql"), "utf8"));
}

export function enumValues(document: DocumentNode, name: string): string[] {
  const definition = document.definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name);
  if (definition?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error(`schema.graphql has no enum ${name}`);
  return (definition.values ?? []).map((v) => v.name.value);
}
