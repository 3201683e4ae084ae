import { describe, expect, it } from "@jest/globals";
import { readTrustProxy } from "../../../backend/src/config/trust-proxy.js";

function read(value: string | undefined) {
  const problems: string[] = [];
  return { value: readTrustProxy(value, problems), problems };
}

describe("TRUST_PROXY", () => {
  it("trusts no proxy unless told", () => {
    expect(read(undefined)).toEqual({ value: false, problems: [] });
    expect(read("")).toEqual({ value: false, problems: [] });
    expect(read("false")).toEqual({ value: false, problems: [] });
  });

  it("takes a number of hops, or proxies by address, subnet or express's names", () => {
    expect(read("1").value).toBe(1);
    expect(read("loopback, 10.0.0.0/8,fd00::/8 ,192.0.2.10").value).toEqual([
      "loopback",
      "10.0.0.0/8",
      "fd00::/8",
      "192.0.2.10",
    ]);
  });

  it("refuses `true` (every client could name itself), bad entries and subnets, saying what to set", () => {
    for (const bad of ["true", "0", "11", "10.0.0.0/33", "proxy.example", "loopback,nope", "::1/129"]) {
      const { value, problems } = read(bad);
      expect(value).toBe(false);
      expect(problems).toEqual([expect.stringContaining(`TRUST_PROXY=${bad} must be false, a number of proxy hops`)]);
    }
  });
});
