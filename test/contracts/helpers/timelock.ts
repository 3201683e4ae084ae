import { parseEther } from "viem";
import type { Commons, Connection } from "./fixture.js";

/**
 * Contract instances that send their transactions from the timelock's address, for unit tests of the registries'
 * rules. The governance path itself (propose -> vote -> queue -> execute) is tested in CommonsGovernor.test.ts; here
 * we only need "a call that comes from the timelock".
 */
export async function asTimelock(connection: Connection, commons: Commons) {
  const { viem, networkHelpers } = connection;
  const address = commons.timelock.address;
  await networkHelpers.impersonateAccount(address);
  await networkHelpers.setBalance(address, parseEther("10"));
  const wallet = await viem.getWalletClient(address);
  return {
    modelRegistry: await viem.getContractAt("ModelRegistry", commons.modelRegistry.address, {
      client: { wallet },
    }),
    usagePolicyRegistry: await viem.getContractAt("UsagePolicyRegistry", commons.usagePolicyRegistry.address, {
      client: { wallet },
    }),
  };
}
