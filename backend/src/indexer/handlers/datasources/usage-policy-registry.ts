// UsagePolicyRegistry: published policies and which one is active (subgraph/src/datasources/usage-policy-registry.ts).

import type { ContractLog, Handler, HandlerContext } from "../context.js";
import { load, save } from "../entities.js";
import { fetchGovernance } from "../fetch/governance.js";
import { bytes, eventId, momentOf } from "../fetch/ids.js";
import { recordOwnershipTransfer } from "../fetch/ownership.js";
import { usagePolicyFields } from "../logic/policy.js";

/** Applies one UsagePolicyRegistry log. */
export function handleUsagePolicyRegistryLog(
  log: ContractLog<"UsagePolicyRegistry">,
  context: HandlerContext,
): Promise<void> {
  const event = log.event;
  switch (event.eventName) {
    case "PolicyPublished":
      return handlePolicyPublished(event.args, log, context);
    case "ActivePolicyChanged":
      return handleActivePolicyChanged(event.args, log, context);
    case "OwnershipTransferred":
      return handleOwnershipTransferred(event.args, log, context);
  }
}

export const handlePolicyPublished: Handler<"UsagePolicyRegistry", "PolicyPublished"> = async (args, log, context) => {
  const { store } = context;
  await save(store, "UsagePolicy", {
    id: args.version.toString(),
    version: args.version.toString(),
    ...usagePolicyFields(args.policy),
    // ActivePolicyChanged follows in the same transaction.
    isActive: false,
    publishedAtBlock: log.blockNumber.toString(),
    publishedAtTimestamp: log.blockTimestamp.toString(),
    publishedAtTransaction: bytes(log.transactionHash),
  });

  const governance = await fetchGovernance(store);
  governance.usagePolicyRegistry = bytes(log.address);
  governance.policyCount += 1;
  await save(store, "Governance", governance);
};

export const handleActivePolicyChanged: Handler<"UsagePolicyRegistry", "ActivePolicyChanged"> = async (
  args,
  log,
  context,
) => {
  const { store } = context;
  const { previousVersion, version } = args;
  if (previousVersion !== 0n) {
    const previous = await load(store, "UsagePolicy", previousVersion.toString());
    if (previous) {
      previous.isActive = false;
      await save(store, "UsagePolicy", previous);
    }
  }
  const policy = await load(store, "UsagePolicy", version.toString());
  if (policy) {
    policy.isActive = true;
    policy.activatedAtTimestamp = log.blockTimestamp.toString();
    await save(store, "UsagePolicy", policy);
  }

  await save(store, "PolicyActivation", {
    id: eventId(log),
    policy: version.toString(),
    ...(previousVersion !== 0n ? { previousPolicy: previousVersion.toString() } : {}),
    ...momentOf(log),
  });

  const governance = await fetchGovernance(store);
  governance.usagePolicyRegistry = bytes(log.address);
  governance.activePolicy = version.toString();
  await save(store, "Governance", governance);
};

export const handleOwnershipTransferred: Handler<"UsagePolicyRegistry", "OwnershipTransferred"> = async (
  args,
  log,
  context,
) => {
  const governance = await fetchGovernance(context.store);
  governance.usagePolicyRegistry = bytes(log.address);
  governance.usagePolicyRegistryOwner = bytes(args.newOwner);
  await save(context.store, "Governance", governance);
  await recordOwnershipTransfer(context, log, "UsagePolicyRegistry", args.previousOwner, args.newOwner);
};
