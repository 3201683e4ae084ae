// Names of the TimelockController's roles (pure: see README.md in this folder).

import { toHex } from "./bytes";

export const DEFAULT_ADMIN_ROLE = "0x0000000000000000000000000000000000000000000000000000000000000000";
/** keccak256("PROPOSER_ROLE") */
export const PROPOSER_ROLE = "0xb09aa5aeb3702cfd50b6b62bc4532604938f21248a27a1d5ca736082b6819cc1";
/** keccak256("EXECUTOR_ROLE") */
export const EXECUTOR_ROLE = "0xd8aa0f3194971a2a116679f7c2090f6939c8d4e01a2a8d7e41d55e5351469e63";
/** keccak256("CANCELLER_ROLE") */
export const CANCELLER_ROLE = "0xfd643c72710c63c0180259aba6b2d05451e3591a24e58b62239378085726f783";

/** The role's constant name in TimelockController, or an empty string for any other role. */
export function roleName(role: Uint8Array): string {
  const hex = toHex(role);
  if (hex == DEFAULT_ADMIN_ROLE) return "DEFAULT_ADMIN_ROLE";
  if (hex == PROPOSER_ROLE) return "PROPOSER_ROLE";
  if (hex == EXECUTOR_ROLE) return "EXECUTOR_ROLE";
  if (hex == CANCELLER_ROLE) return "CANCELLER_ROLE";
  return "";
}
