import path from "node:path";
import { ConfigError } from "../config/app-config.js";

/** How the backend serves models (environment variables in docs/API.md). */
export interface ServingConfig {
  /** MODELS_ENABLED (default true): false serves no model (an indexer-only replica). */
  enabled: boolean;
  /** MODELS_DIR: where `<modelId>/<version>/` folders are; default the repository's models/. */
  modelsDir: string;
  /** MODELS_SYNC_INTERVAL_MS: how often to re-check the registry besides every indexed registry change. */
  syncIntervalMs: number;
  /** MODELS_MAX_CONCURRENT: generations at once per loaded version (the rest queue). */
  maxConcurrent: number;
}

export const SERVING_CONFIG = Symbol("SERVING_CONFIG");

const REPOSITORY_MODELS = path.resolve(import.meta.dirname, "../../../models");

export function loadServingConfig(env: Record<string, string | undefined> = process.env): ServingConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${raw} must be an integer from ${min} to ${max}`);
    }
    return value;
  };
  const enabledRaw = env.MODELS_ENABLED ?? "true";
  if (!["true", "false", "1", "0"].includes(enabledRaw))
    problems.push(`MODELS_ENABLED=${enabledRaw} must be true or false`);
  const config: ServingConfig = {
    enabled: enabledRaw === "true" || enabledRaw === "1",
    modelsDir: path.resolve(env.MODELS_DIR || REPOSITORY_MODELS),
    syncIntervalMs: int("MODELS_SYNC_INTERVAL_MS", 2_000, 100, 3_600_000),
    maxConcurrent: int("MODELS_MAX_CONCURRENT", 1, 1, 64),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
