// Names of the TimelockController's roles (subgraph/src/logic/roles.ts).

import { type Hex, keccak256, toHex, zeroHash } from "viem";

const ROLE_NAMES = new Map<string, string>([
  [zeroHash, "DEFAULT_ADMIN_ROLE"],
  ...["PROPOSER_ROLE", "EXECUTOR_ROLE", "CANCELLER_ROLE"].map((name): [string, string] => [
    keccak256(toHex(name)),
    name,
  ]),
]);

/** The role's constant name in TimelockController, or undefined for any other role. */
export function roleName(role: Hex): string | undefined {
  return ROLE_NAMES.get(role.toLowerCase());
}
