import type { EntityData } from "../indexer/entity-store.js";
import type { IndexerEvents } from "../indexer/indexer-events.js";
import type { SubscriptionName } from "./entity-graphql-schema.js";
import type { EntityQueries } from "./entity-queries.js";

/**
 * Turns listeners into an async iterable of batches: what arrived while the consumer was busy comes as one batch, in
 * order of arrival.
 */
async function* merge<T>(
  signal: AbortSignal,
  sources: ((signal: AbortSignal) => AsyncIterable<T[]>)[],
): AsyncGenerator<T[]> {
  const queue: T[] = [];
  let wake: (() => void) | null = null;
  const pumps = sources.map(async (source) => {
    for await (const items of source(signal)) {
      queue.push(...items);
      wake?.();
    }
  });
  const done = Promise.all(pumps);
  // One abort listener for the whole subscription (not one per wait, which would pile up on a long-lived one).
  const onAbort = () => wake?.();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    while (!signal.aborted) {
      while (queue.length > 0) yield queue.splice(0);
      if (signal.aborted) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    await done.catch(() => undefined);
  }
}

/** The subscription streams: ids announced by the indexer, loaded as the queries return them (with live state). */
export function entitySubscriptions(
  events: IndexerEvents,
  queries: EntityQueries,
): Record<SubscriptionName, (signal: AbortSignal) => AsyncIterable<EntityData>> {
  const changed = (type: string, which: "created" | "updated" | "any") =>
    async function* (signal: AbortSignal): AsyncGenerator<string[]> {
      for await (const changes of events.listen("changes", signal)) {
        const ids = changes
          .filter((c) => c.type === type && (which === "any" || c.created === (which === "created")))
          .map((c) => c.id);
        if (ids.length > 0) yield ids;
      }
    };
  const byTime = async function* (signal: AbortSignal): AsyncGenerator<string[]> {
    yield* events.listen("proposalStates", signal);
  };
  // One query per batch of announced ids; an id announced twice in a batch is sent once, as it is now.
  const stream = (type: string, sources: ((signal: AbortSignal) => AsyncIterable<string[]>)[]) =>
    async function* (signal: AbortSignal): AsyncGenerator<EntityData> {
      for await (const batch of merge(signal, sources)) {
        const ids = [...new Set(batch)];
        const entities = await queries.byIds(type, ids);
        for (const id of ids) {
          const entity = entities.get(id);
          if (entity) yield entity;
        }
      }
    };
  return {
    proposalCreated: stream("Proposal", [changed("Proposal", "created")]),
    proposalUpdated: stream("Proposal", [changed("Proposal", "updated"), byTime]),
    voteCast: stream("Vote", [changed("Vote", "created")]),
    modelVersionChanged: stream("ModelVersion", [changed("ModelVersion", "any")]),
    policyChanged: stream("UsagePolicy", [changed("UsagePolicy", "any")]),
  };
}
