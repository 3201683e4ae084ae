import type { LocalAccount } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import type { RelayConfig } from "./relay-config.js";

/** Hardhat's well-known dev mnemonic: its accounts hold test ETH on a local chain, and nothing anywhere else. */
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

/** Dev account #19, the last one a Hardhat node funds: the tests' and scripts' accounts #0..#9 never send from it. */
const DEV_RELAYER_INDEX = 19;

/**
 * The account that sends relayed votes: RELAYER_PRIVATE_KEY; without it, Hardhat's dev account #19 on the local
 * chain (31337) only (`dev: true`); otherwise none, and relaying is disabled.
 */
export function relayerAccount(
  config: RelayConfig,
  chainId: number,
): { account: LocalAccount; dev: boolean } | undefined {
  if (config.relayerPrivateKey) return { account: privateKeyToAccount(config.relayerPrivateKey), dev: false };
  if (chainId === 31_337) {
    return { account: mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: DEV_RELAYER_INDEX }), dev: true };
  }
  return undefined;
}
