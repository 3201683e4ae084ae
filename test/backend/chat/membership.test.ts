// Who may chat: the indexed voting power lets a member in without a call to the chain while the indexer keeps up; the
// token at the latest block decides when the index shows too little (a delegation mined but not indexed yet) or the
// indexer is behind, and a denial says what to do.
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import type { Address } from "viem";
import type { ChainService } from "../../../backend/src/chain/chain.service.js";
import { ChatError } from "../../../backend/src/chat/chat-error.js";
import { MembershipService } from "../../../backend/src/chat/membership.service.js";
import type { ActivePolicy } from "../../../backend/src/chat/usage-policy.js";
import type { Database } from "../../../backend/src/database/database.js";
import { migrate } from "../../../backend/src/database/migrations.js";
import { openPgliteDatabase } from "../../../backend/src/database/pglite-database.js";

const ONE = 10n ** 18n;
const member: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const policy = { version: 3n, minVotingPower: ONE } as ActivePolicy;
/** An indexer that keeps up with the chain, and one that is backfilling far behind. */
const following = { status: () => ({ head: null, chainHead: 100n, lag: 1n, backfilling: false, error: null }) };
const behind = { status: () => ({ head: null, chainHead: 100n, lag: 5000n, backfilling: true, error: null }) };

let db: Database;
beforeAll(async () => {
  db = await openPgliteDatabase("memory://");
  await migrate(db);
});
afterAll(async () => {
  await db.close();
});

/** The token as the chain answers at the latest block. */
function chainWith(onChain: { getVotes: bigint; balanceOf: bigint; delegates: Address }) {
  const readContract = jest.fn(
    async ({ functionName }: { functionName: keyof typeof onChain }) => onChain[functionName],
  );
  const chain = {
    client: { readContract },
    deployment: { contracts: { GovernanceToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3" } },
  } as unknown as ChainService;
  return { chain, readContract };
}

async function indexVotingPower(votingPower: bigint): Promise<void> {
  const data = { id: member.toLowerCase(), votingPower: votingPower.toString(), delegatorsCount: 1, voteCount: 0 };
  await db.query(
    "insert into entity (type, id, data) values ('Delegate', $1, $2) on conflict (type, id) do update set data = $2",
    [member.toLowerCase(), JSON.stringify(data)],
  );
}

describe("MembershipService", () => {
  it("lets a member the index shows with enough power in without asking the chain", async () => {
    await indexVotingPower(2n * ONE);
    const { chain, readContract } = chainWith({ getVotes: 0n, balanceOf: 0n, delegates: member });
    await new MembershipService(chain, db, following).check(member, policy);
    expect(readContract).not.toHaveBeenCalled();
  });

  it("asks the token when the index shows too little: a delegation mined but not indexed yet counts", async () => {
    await indexVotingPower(0n);
    const { chain, readContract } = chainWith({ getVotes: ONE, balanceOf: ONE, delegates: member });
    await new MembershipService(chain, db, following).check(member, policy);
    expect(readContract).toHaveBeenCalledTimes(1);
  });

  it("denies when neither has enough, and tells a holder to delegate to themselves", async () => {
    await indexVotingPower(ONE / 2n);
    const other: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    const { chain } = chainWith({ getVotes: 0n, balanceOf: 5n * ONE, delegates: other });
    const denial = new MembershipService(chain, db, following).check(member, policy);
    await expect(denial).rejects.toBeInstanceOf(ChatError);
    await expect(denial).rejects.toMatchObject({ code: "MEMBERSHIP_REQUIRED" });
    await expect(denial).rejects.toThrow(/delegate to yourself/);
  });

  it("asks the chain when the indexer is behind, whatever the index shows", async () => {
    await indexVotingPower(2n * ONE);
    const other: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    const { chain, readContract } = chainWith({ getVotes: 0n, balanceOf: 0n, delegates: other });
    await expect(new MembershipService(chain, db, behind).check(member, policy)).rejects.toMatchObject({
      code: "MEMBERSHIP_REQUIRED",
    });
    expect(readContract).toHaveBeenCalled();
  });

  it("asks nothing when the policy lets everyone chat", async () => {
    const { chain, readContract } = chainWith({ getVotes: 0n, balanceOf: 0n, delegates: member });
    await new MembershipService(chain, db, following).check(member, { ...policy, minVotingPower: 0n });
    expect(readContract).not.toHaveBeenCalled();
  });
});
