/**
 * CommonsGovernor.state(proposalId) as SQL, from a stored Proposal (`data`, the entity's JSON) and the time of the
 * indexed head. The stored `state` is the last state an event proved (Pending, Active, Queued, Executed, Canceled: the
 * subgraph's rule, subgraph/src/logic/state.ts); the states that follow from time alone are derived here:
 *
 * - Executed and Canceled are final (including operations executed or canceled on the timelock directly);
 * - voteStart >= now: Pending; voteEnd >= now: Active (voteEnd includes a late-quorum extension);
 * - queued: Expired once now >= eta + the governor's current executionGracePeriod, else Queued;
 * - otherwise Defeated unless quorum <= for + abstain and for > against, else Succeeded.
 *
 * @param data SQL expression of the proposal's JSON.
 * @param now SQL expression of the head block's timestamp (numeric).
 */
export function proposalStateSql(data: string, now: string): string {
  const n = (field: string) => `(${data}->>'${field}')::numeric`;
  const grace =
    "coalesce((select (g.data->>'executionGracePeriod')::numeric from entity g where g.type = 'Governance' and g.id = 'governance'), 0)";
  return `(case
    when ${data}->>'state' in ('Executed', 'Canceled') then ${data}->>'state'
    when ${n("voteStart")} >= ${now} then 'Pending'
    when ${n("voteEnd")} >= ${now} then 'Active'
    when ${data}->>'state' = 'Queued' then (case when ${now} >= ${n("eta")} + ${grace} then 'Expired' else 'Queued' end)
    when ${data}->>'quorum' is null
      or ${n("quorum")} > ${n("forVotes")} + ${n("abstainVotes")}
      or ${n("forVotes")} <= ${n("againstVotes")} then 'Defeated'
    else 'Succeeded'
  end)`;
}

/** States no later block can change. */
export const FINAL_PROPOSAL_STATES = ["Executed", "Canceled"] as const;
