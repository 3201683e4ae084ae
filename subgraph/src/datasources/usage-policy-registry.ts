// UsagePolicyRegistry: published policies and which one is active.

import { PolicyActivation, UsagePolicy } from "../../generated/schema";
import {
  ActivePolicyChanged as ActivePolicyChangedEvent,
  OwnershipTransferred as OwnershipTransferredEvent,
  PolicyPublished as PolicyPublishedEvent,
} from "../../generated/UsagePolicyRegistry/UsagePolicyRegistry";
import { fetchGovernance } from "../fetch/governance";
import { eventId } from "../fetch/ids";
import { recordOwnershipTransfer } from "../fetch/ownership";
import { USAGE_POLICY_REGISTRY } from "../logic/actions";
import { sanitize } from "../logic/text";

export function handlePolicyPublished(event: PolicyPublishedEvent): void {
  const p = event.params.policy;
  const policy = new UsagePolicy(event.params.version.toString());
  policy.version = event.params.version;
  policy.minVotingPower = p.minVotingPower;
  policy.quotaPeriod = p.quotaPeriod;
  policy.requestQuota = p.requestQuota;
  policy.tokenQuota = p.tokenQuota;
  policy.maxInputTokens = p.maxInputTokens;
  policy.maxOutputTokens = p.maxOutputTokens;
  const models = p.allowedModels;
  for (let i = 0; i < models.length; i++) models[i] = sanitize(models[i]);
  policy.allowedModels = models;
  policy.redactCategories = p.redactCategories.toI32();
  policy.scanAnswers = p.scanAnswers;
  policy.restoreOriginals = p.restoreOriginals;
  policy.promptInjection = p.promptInjection == 1 ? "Refuse" : "Flag";
  policy.retentionSeconds = p.retentionSeconds;
  policy.contentHash = p.contentHash;
  policy.textUri = sanitize(p.textUri);
  // ActivePolicyChanged follows in the same transaction.
  policy.isActive = false;
  policy.publishedAtBlock = event.block.number;
  policy.publishedAtTimestamp = event.block.timestamp;
  policy.publishedAtTransaction = event.transaction.hash;
  policy.save();

  const governance = fetchGovernance();
  governance.usagePolicyRegistry = event.address;
  governance.policyCount = governance.policyCount + 1;
  governance.save();
}

export function handleActivePolicyChanged(event: ActivePolicyChangedEvent): void {
  const previousVersion = event.params.previousVersion;
  const version = event.params.version;
  if (!previousVersion.isZero()) {
    const previous = UsagePolicy.load(previousVersion.toString());
    if (previous != null) {
      previous.isActive = false;
      previous.save();
    }
  }
  const policy = UsagePolicy.load(version.toString());
  if (policy != null) {
    policy.isActive = true;
    policy.activatedAtTimestamp = event.block.timestamp;
    policy.save();
  }

  const activation = new PolicyActivation(eventId(event));
  activation.policy = version.toString();
  if (!previousVersion.isZero()) activation.previousPolicy = previousVersion.toString();
  activation.blockNumber = event.block.number;
  activation.timestamp = event.block.timestamp;
  activation.transactionHash = event.transaction.hash;
  activation.save();

  const governance = fetchGovernance();
  governance.usagePolicyRegistry = event.address;
  governance.activePolicy = version.toString();
  governance.save();
}

export function handleOwnershipTransferred(event: OwnershipTransferredEvent): void {
  const governance = fetchGovernance();
  governance.usagePolicyRegistry = event.address;
  governance.usagePolicyRegistryOwner = event.params.newOwner;
  governance.save();

  recordOwnershipTransfer(event, USAGE_POLICY_REGISTRY, event.params.previousOwner, event.params.newOwner);
}
