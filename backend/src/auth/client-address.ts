import { isIPv4, isIPv6 } from "node:net";

/** The parts of express's request {@link clientAddress} reads. */
export interface ClientRequest {
  /** The client's address as express sees it (the connection's peer; see express's `trust proxy`). */
  ip?: string;
  socket?: { remoteAddress?: string };
}

/**
 * Who to count a per-client limit against: the request's IPv4 address (also when written IPv4-mapped, `::ffff:…`),
 * or the /64 network of an IPv6 address, since one subscriber usually holds a whole /64 and could otherwise change
 * address at every request. `unknown` when the connection has no address any more.
 */
export function clientAddress(req: ClientRequest): string {
  const raw = (req.ip ?? req.socket?.remoteAddress ?? "").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(raw)?.[1];
  if (mapped !== undefined && isIPv4(mapped)) return mapped;
  if (isIPv4(raw)) return raw;
  if (isIPv6(raw)) return `${ipv6Groups(raw).slice(0, 4).join(":")}::/64`;
  return "unknown";
}

/** The eight groups of a valid IPv6 address, in lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const groups = (part: string | undefined) =>
    part
      ? part.split(":").flatMap((group) => {
          // An embedded IPv4 address (the last 32 bits) counts as two groups.
          if (!group.includes(".")) return [group];
          const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        })
      : [];
  const left = groups(head);
  const right = groups(tail);
  const zeros = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16).toString(16));
}
