import type { EntityData } from "../indexer/entity-store.js";
import type { IndexerEvents } from "../indexer/indexer-events.js";
import type { SubscriptionName } from "./entity-graphql-schema.js";
import type { EntityQueries } from "./entity-queries.js";

/** Turns listeners into an async iterable: what arrives while the consumer is busy is queued, in order. */
async function* merge<T>(
  signal: AbortSignal,
  sources: ((signal: AbortSignal) => AsyncIterable<T[]>)[],
): AsyncGenerator<T> {
  const queue: T[] = [];
  let wake: (() => void) | null = null;
  const pumps = sources.map(async (source) => {
    for await (const items of source(signal)) {
      queue.push(...items);
      wake?.();
    }
  });
  const done = Promise.all(pumps);
  try {
    while (!signal.aborted) {
      while (queue.length > 0) yield queue.shift() as T;
      await new Promise<void>((resolve) => {
        wake = resolve;
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
      wake = null;
    }
  } finally {
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
  const stream = (type: string, sources: ((signal: AbortSignal) => AsyncIterable<string[]>)[]) =>
    async function* (signal: AbortSignal): AsyncGenerator<EntityData> {
      for await (const id of merge(signal, sources)) {
        const entity = (await queries.byIds(type, [id])).get(id);
        if (entity) yield entity;
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
