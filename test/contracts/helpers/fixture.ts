import type { NetworkConnection } from "hardhat/types/network";
import CommonsModule from "../../../ignition/modules/Commons.js";
import { type CommonsParameters, localParameters } from "../../../ignition/parameters.js";

export type Connection = NetworkConnection;

/**
 * Deploys the whole system exactly as scripts/deploy.ts does (same Ignition module, local parameters) and returns the
 * contracts, the parameters and the named accounts tests act as.
 */
export async function deployCommons(connection: Connection) {
  const { viem, ignition } = connection;
  const wallets = await viem.getWalletClients();
  const parameters: CommonsParameters = localParameters(wallets.map((w) => w.account.address));
  const deployed = await ignition.deploy(CommonsModule, {
    parameters: { Commons: parameters as unknown as Record<string, never> },
  });
  const [deployer, guardian, alice, bob, carol, outsider] = wallets;
  if (!deployer || !guardian || !alice || !bob || !carol || !outsider) throw new Error("expected at least 6 accounts");
  const publicClient = await viem.getPublicClient();
  return {
    ...deployed,
    parameters,
    publicClient,
    wallets: { deployer, guardian, alice, bob, carol, outsider },
  };
}

export type Commons = Awaited<ReturnType<typeof deployCommons>>;
