import type { Address } from "viem";

/** The part of an HTTP request a resolver may read (express's request is passed whole). */
export interface MemberRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** Finds the signed-in member a request comes from (session cookie, bearer token); undefined: nobody signed in. */
export type RelayMemberResolver = (request: MemberRequest) => Promise<{ address: Address } | undefined>;

/** Provider of the {@link RelayMemberResolver} used by `POST /relay/vote`; until sign-in is plugged, nobody is. */
export const RELAY_MEMBER_RESOLVER = Symbol("RELAY_MEMBER_RESOLVER");

/** The default: no sign-in, so every request is answered 401 AUTH_REQUIRED. */
export const noSignedInMember: RelayMemberResolver = async () => undefined;
