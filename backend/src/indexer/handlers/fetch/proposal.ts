import type { EntityStore } from "../../entity-store.js";
import type { LogPosition } from "../../indexed-log.js";
import type { HandlerContext } from "../context.js";
import { type Governance, load, type Proposal } from "../entities.js";
import { type ProposalEvent, stateAfter } from "../logic/state.js";
import { tryRead } from "./reads.js";

/**
 * Moves `proposal` by `event` and counts the states it reaches in `governance`. Returns whether the state changed. The
 * caller saves both.
 */
export function applyProposalEvent(proposal: Proposal, governance: Governance, event: ProposalEvent): boolean {
  const before = proposal.state;
  const after = stateAfter(before, event);
  if (after === undefined || after === before) return false;
  proposal.state = after;
  if (after === "Queued") governance.queuedProposalCount += 1;
  else if (after === "Executed") governance.executedProposalCount += 1;
  else if (after === "Canceled") governance.canceledProposalCount += 1;
  return true;
}

/** Loads a proposal by id, logging a warning (as the subgraph does) when it is unknown. */
export async function loadProposal(
  context: HandlerContext,
  proposalId: bigint,
  event: string,
): Promise<Proposal | undefined> {
  const proposal = await load(context.store, "Proposal", proposalId.toString());
  if (!proposal) context.logger?.warn(`${event} for unknown proposal ${proposalId}`);
  return proposal;
}

/**
 * Sets Proposal.quorum (governor.quorum(voteStart)) once the snapshot is in the past, which the call needs; a reverted
 * read leaves it null.
 */
export async function fillQuorum(proposal: Proposal, log: LogPosition, context: HandlerContext): Promise<void> {
  if (proposal.quorum != null || log.blockTimestamp <= BigInt(proposal.voteStart)) return;
  const quorum = await tryRead(() => context.chain.quorum(BigInt(proposal.voteStart), log.blockNumber));
  if (quorum !== undefined) proposal.quorum = quorum.toString();
}

/** Loads the proposal a timelock operation belongs to, if any. */
export async function loadOperationProposal(
  store: EntityStore,
  proposalId: string | null | undefined,
): Promise<Proposal | undefined> {
  return proposalId == null ? undefined : load(store, "Proposal", proposalId);
}
