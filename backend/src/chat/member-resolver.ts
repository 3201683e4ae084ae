import type { Member } from "./chat.service.js";

/** Finds the member a request comes from (session cookie, session bearer token or API key); undefined: anonymous. */
export interface MemberResolver {
  resolve(headers: Record<string, string | string[] | undefined>): Promise<Member | undefined>;
}

export const MEMBER_RESOLVER = Symbol("MEMBER_RESOLVER");
