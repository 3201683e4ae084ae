// The handlers' public API, and that it covers what the subgraph covers: every entity type of the schema, every event
// handler of the manifest.
import { describe, expect, it } from "@jest/globals";
import * as handlers from "../../../backend/src/indexer/handlers/index.js";
import { ENTITY_TYPES, HANDLED_EVENTS } from "../../../backend/src/indexer/handlers/index.js";
import { handledEvents, sources } from "../../subgraph/helpers/manifest.js";
import { schema } from "./helpers/memory-store.js";

describe("backend/src/indexer/handlers", () => {
  it("exports handleLog and what describes it", () => {
    expect(Object.keys(handlers).sort()).toEqual(["ENTITY_TYPES", "HANDLED_EVENTS", "handleLog"]);
  });

  it("ENTITY_TYPES are the schema's entity types", () => {
    expect([...ENTITY_TYPES].sort()).toEqual([...schema.entities.keys()].sort());
  });

  it("HANDLED_EVENTS are the events subgraph.yaml handles, by contract", () => {
    for (const source of sources) {
      const contract = source.name === "Timelock" ? "TimelockController" : source.name;
      expect({ contract, events: new Set(HANDLED_EVENTS[contract as keyof typeof HANDLED_EVENTS]) }).toEqual({
        contract,
        events: handledEvents(source),
      });
    }
  });
});
