// The `auth` section of the configuration: defaults, and every problem listed with what to set.
import { describe, expect, it } from "@jest/globals";
import { ConfigError, loadAppConfig } from "../../../backend/src/config/app-config.js";

function problems(env: Record<string, string>): string[] {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("auth configuration", () => {
  it("defaults to sign-ins for localhost on the API's port, one-hour sessions and five-minute nonces", () => {
    expect(loadAppConfig({ PORT: "4100" }).auth).toEqual({
      domains: ["localhost:4100"],
      nonceTtlSeconds: 300,
      nonceRateLimitPerMinute: 30,
      clockSkewSeconds: 60,
      sessionTtlSeconds: 3600,
      sessionSecret: undefined,
      cookieSecure: false,
    });
  });

  it("reads several domains, and marks cookies Secure in production", () => {
    const config = loadAppConfig({
      NODE_ENV: "production",
      AUTH_DOMAIN: "Commons.Example.org, localhost:5173",
      SESSION_SECRET: "x".repeat(32),
      SESSION_TTL_SECONDS: "900",
    });
    expect(config.auth).toMatchObject({
      domains: ["commons.example.org", "localhost:5173"],
      sessionTtlSeconds: 900,
      cookieSecure: true,
    });
  });

  it("lists every bad auth variable at once, without repeating a secret", () => {
    const listed = problems({
      NODE_ENV: "production",
      SESSION_SECRET: "too-short-secret",
      SESSION_TTL_SECONDS: "0",
      AUTH_NONCE_TTL_SECONDS: "x",
      SESSION_COOKIE_SECURE: "maybe",
    });
    expect(listed).toEqual([
      "AUTH_DOMAIN must be set in production: the host[:port] of the web app, e.g. commons.example.org",
      "SESSION_SECRET must be at least 32 characters, e.g. the output of `openssl rand -base64 32`",
      "AUTH_NONCE_TTL_SECONDS=x must be an integer from 10 to 3600",
      "SESSION_TTL_SECONDS=0 must be an integer from 1 to 604800",
      "SESSION_COOKIE_SECURE=maybe must be true or false",
    ]);
    expect(problems({ AUTH_DOMAIN: "https://commons.example.org" })).toEqual([
      "AUTH_DOMAIN=https://commons.example.org must list host[:port] values without a scheme, e.g. localhost:4000",
    ]);
  });
});
