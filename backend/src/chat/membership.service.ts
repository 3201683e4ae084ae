import { Inject, Injectable } from "@nestjs/common";
import { type Address, formatUnits } from "viem";
import { governanceTokenAbi } from "../../../generated/contracts.js";
import { ChainService } from "../chain/chain.service.js";
import { DATABASE, type Database } from "../database/database.js";
import { IndexerService } from "../indexer/indexer.service.js";
import { ChatError } from "./chat-error.js";
import type { ActivePolicy } from "./usage-policy.js";

/**
 * Who may chat: a member's voting power must reach the active policy's `minVotingPower`.
 *
 * The indexed voting power is asked first (the Delegate entity the indexer keeps from DelegateVotesChanged, a database
 * read): a member it already shows with enough power chats without a call to the chain. Only when it shows too little
 * is the token asked at the latest block (one eth_call), so a delegation counts as soon as it is mined, before the
 * indexer has it. A member who gives their power away keeps chatting until the indexer has the change (seconds, as
 * for a policy change). The index is trusted only while this replica's indexer keeps up with the chain (at most
 * {@link MAX_INDEX_LAG} blocks behind, not backfilling, its last step fine); otherwise every check asks the chain.
 */
/** How many blocks the indexed head may trail the chain's, as last seen, for the index to answer membership. */
export const MAX_INDEX_LAG = 2n;

@Injectable()
export class MembershipService {
  constructor(
    @Inject(ChainService) private readonly chain: ChainService,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(IndexerService) private readonly indexer: Pick<IndexerService, "status">,
  ) {}

  /** Resolves when `member` may chat under `policy`; otherwise throws MEMBERSHIP_REQUIRED saying what to do. */
  async check(member: Address, policy: ActivePolicy): Promise<void> {
    if (policy.minVotingPower === 0n) return;
    if (this.indexKeepsUp() && (await this.indexedVotingPower(member)) >= policy.minVotingPower) return;
    const token = { address: this.chain.deployment.contracts.GovernanceToken, abi: governanceTokenAbi } as const;
    const votes = await this.chain.client.readContract({ ...token, functionName: "getVotes", args: [member] });
    if (votes >= policy.minVotingPower) return;
    const [balance, delegatee] = await Promise.all([
      this.chain.client.readContract({ ...token, functionName: "balanceOf", args: [member] }),
      this.chain.client.readContract({ ...token, functionName: "delegates", args: [member] }),
    ]);
    const need = formatUnits(policy.minVotingPower, 18);
    const have = formatUnits(votes, 18);
    let advice: string;
    if (balance >= policy.minVotingPower && delegatee.toLowerCase() !== member.toLowerCase()) {
      advice =
        "you hold enough tokens but their votes are not active: delegate to yourself (GovernanceToken.delegate(your address)) and try again once it is mined";
    } else {
      advice = "acquire tokens or ask a holder to delegate voting power to you";
    }
    throw new ChatError(
      "MEMBERSHIP_REQUIRED",
      `policy ${policy.version} lets members with at least ${need} COMMONS of voting power chat; ${member} has ${have}: ${advice}`,
      { rule: "minVotingPower" },
    );
  }

  /** Whether this replica's indexer follows the chain closely enough to answer for it. */
  private indexKeepsUp(): boolean {
    const { lag, backfilling, error } = this.indexer.status();
    return lag !== null && lag <= MAX_INDEX_LAG && !backfilling && error === null;
  }

  /** The member's voting power as the indexer last saw it; 0 when it has never seen them as a delegate. */
  private async indexedVotingPower(member: Address): Promise<bigint> {
    const [row] = await this.db.query<{ votingPower: string | null }>(
      "select data->>'votingPower' as \"votingPower\" from entity where type = 'Delegate' and id = $1",
      [member.toLowerCase()],
    );
    return row?.votingPower ? BigInt(row.votingPower) : 0n;
  }
}
