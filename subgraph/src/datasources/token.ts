// GovernanceToken (ERC20Votes): delegation and voting power.

import { Address } from "@graphprotocol/graph-ts";
import {
  DelegateChanged as DelegateChangedEvent,
  DelegateVotesChanged as DelegateVotesChangedEvent,
} from "../../generated/GovernanceToken/GovernanceToken";
import { DelegateChange, VotingPowerChange } from "../../generated/schema";
import { fetchDelegate } from "../fetch/delegate";
import { fetchGovernance } from "../fetch/governance";
import { eventId } from "../fetch/ids";
import { delegateCountDelta, delegatorCountDelta } from "../logic/counters";

/**
 * DelegateChanged(delegator, fromDelegate, toDelegate). The three accounts may be the same one (self-delegation), so
 * each is loaded, changed and saved in turn.
 */
export function handleDelegateChanged(event: DelegateChangedEvent): void {
  const delegatorAddress = event.params.delegator;
  const fromAddress = event.params.fromDelegate;
  const toAddress = event.params.toDelegate;
  const fromIsZero = fromAddress.equals(Address.zero());
  const toIsZero = toAddress.equals(Address.zero());

  if (!fromIsZero) {
    const from = fetchDelegate(fromAddress);
    from.delegatorsCount = from.delegatorsCount - 1;
    from.save();
  }
  if (!toIsZero) {
    const to = fetchDelegate(toAddress);
    to.delegatorsCount = to.delegatorsCount + 1;
    to.save();
  }
  const delegator = fetchDelegate(delegatorAddress);
  delegator.delegatedTo = toIsZero ? null : toAddress;
  delegator.save();

  const change = new DelegateChange(eventId(event));
  change.delegator = delegatorAddress;
  if (!fromIsZero) change.fromDelegate = fromAddress;
  if (!toIsZero) change.toDelegate = toAddress;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();

  const governance = fetchGovernance();
  governance.token = event.address;
  governance.delegatorCount = governance.delegatorCount + delegatorCountDelta(fromIsZero, toIsZero);
  governance.save();
}

/** DelegateVotesChanged(delegate, previousVotes, newVotes): voting power and the totals. */
export function handleDelegateVotesChanged(event: DelegateVotesChangedEvent): void {
  const previousVotes = event.params.previousVotes;
  const newVotes = event.params.newVotes;

  const delegate = fetchDelegate(event.params.delegate);
  delegate.votingPower = newVotes;
  delegate.save();

  const change = new VotingPowerChange(eventId(event));
  change.delegate = delegate.id;
  change.previousVotes = previousVotes;
  change.newVotes = newVotes;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();

  const governance = fetchGovernance();
  governance.token = event.address;
  governance.totalVotingPower = governance.totalVotingPower.plus(newVotes).minus(previousVotes);
  governance.delegateCount = governance.delegateCount + delegateCountDelta(previousVotes.isZero(), newVotes.isZero());
  governance.save();
}
