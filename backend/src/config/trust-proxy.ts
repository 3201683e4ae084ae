// TRUST_PROXY: which reverse proxies may tell the backend the client's address (X-Forwarded-For). Per-client limits
// (POST /auth/nonce) count the address express derives from it; trusting every hop would let any client choose its
// own address, so only a hop count or named proxies are accepted.
import { isIP } from "node:net";

/** express's `trust proxy` value: false, a number of hops, or the proxies' addresses, subnets or express's names. */
export type TrustProxy = false | number | readonly string[];

/** Names express knows for address ranges. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Reads TRUST_PROXY: unset or `false` trusts no proxy (the connection's peer is the client); a number trusts that
 * many hops in front of the backend; a comma-separated list trusts proxies at those addresses, subnets (CIDR) or
 * express's names (`loopback`, `linklocal`, `uniquelocal`).
 */
export function readTrustProxy(value: string | undefined, problems: string[]): TrustProxy {
  const text = (value ?? "").trim();
  if (text === "" || text === "false") return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const entries = text.split(",").map((entry) => entry.trim());
    const bad = entries.filter((entry) => !isProxyEntry(entry));
    if (bad.length === 0) return entries;
  }
  problems.push(
    `TRUST_PROXY=${text} must be false, a number of proxy hops from 1 to 10, or a comma-separated list of proxy addresses, CIDR subnets or loopback/linklocal/uniquelocal (e.g. TRUST_PROXY=loopback,10.0.0.0/8)`,
  );
  return false;
}
