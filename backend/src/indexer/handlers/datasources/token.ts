// GovernanceToken (ERC20Votes): delegation and voting power (subgraph/src/datasources/token.ts).

import { zeroAddress } from "viem";
import type { ContractLog, Handler, HandlerContext } from "../context.js";
import { save } from "../entities.js";
import { fetchDelegate } from "../fetch/delegate.js";
import { fetchGovernance } from "../fetch/governance.js";
import { bytes, eventId, momentOf } from "../fetch/ids.js";
import { delegateCountDelta, delegatorCountDelta } from "../logic/counters.js";

/** Applies one GovernanceToken log. */
export function handleTokenLog(log: ContractLog<"GovernanceToken">, context: HandlerContext): Promise<void> {
  const event = log.event;
  switch (event.eventName) {
    case "DelegateChanged":
      return handleDelegateChanged(event.args, log, context);
    case "DelegateVotesChanged":
      return handleDelegateVotesChanged(event.args, log, context);
    default:
      return Promise.resolve(); // Transfer, Approval, EIP712DomainChanged
  }
}

/**
 * DelegateChanged(delegator, fromDelegate, toDelegate). The three accounts may be the same one (self-delegation), so
 * each is loaded, changed and saved in turn.
 */
export const handleDelegateChanged: Handler<"GovernanceToken", "DelegateChanged"> = async (args, log, context) => {
  const { store } = context;
  const fromIsZero = bytes(args.fromDelegate) === zeroAddress;
  const toIsZero = bytes(args.toDelegate) === zeroAddress;

  if (!fromIsZero) {
    const from = await fetchDelegate(store, args.fromDelegate);
    from.delegatorsCount -= 1;
    await save(store, "Delegate", from);
  }
  if (!toIsZero) {
    const to = await fetchDelegate(store, args.toDelegate);
    to.delegatorsCount += 1;
    await save(store, "Delegate", to);
  }
  const delegator = await fetchDelegate(store, args.delegator);
  delegator.delegatedTo = toIsZero ? null : bytes(args.toDelegate);
  await save(store, "Delegate", delegator);

  await save(store, "DelegateChange", {
    id: eventId(log),
    delegator: delegator.id,
    ...(fromIsZero ? {} : { fromDelegate: bytes(args.fromDelegate) }),
    ...(toIsZero ? {} : { toDelegate: bytes(args.toDelegate) }),
    ...momentOf(log),
  });

  const governance = await fetchGovernance(store);
  governance.token = bytes(log.address);
  governance.delegatorCount += delegatorCountDelta(fromIsZero, toIsZero);
  await save(store, "Governance", governance);
};

/** DelegateVotesChanged(delegate, previousVotes, newVotes): voting power and the totals. */
export const handleDelegateVotesChanged: Handler<"GovernanceToken", "DelegateVotesChanged"> = async (
  args,
  log,
  context,
) => {
  const { store } = context;
  const { previousVotes, newVotes } = args;
  const delegate = await fetchDelegate(store, args.delegate);
  delegate.votingPower = newVotes.toString();
  await save(store, "Delegate", delegate);

  await save(store, "VotingPowerChange", {
    id: eventId(log),
    delegate: delegate.id,
    previousVotes: previousVotes.toString(),
    newVotes: newVotes.toString(),
    ...momentOf(log),
  });

  const governance = await fetchGovernance(store);
  governance.token = bytes(log.address);
  governance.totalVotingPower = (BigInt(governance.totalVotingPower) + newVotes - previousVotes).toString();
  governance.delegateCount += delegateCountDelta(previousVotes === 0n, newVotes === 0n);
  await save(store, "Governance", governance);
};
