import path from "node:path";
import { ConfigError } from "../config/app-config.js";
import { type Env, readBoolean, readInteger } from "../config/env-values.js";

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

export function loadServingConfig(env: Env = process.env): ServingConfig {
  const problems: string[] = [];
  const config: ServingConfig = {
    enabled: readBoolean(env, "MODELS_ENABLED", true, problems),
    modelsDir: path.resolve(env.MODELS_DIR || REPOSITORY_MODELS),
    syncIntervalMs: readInteger(env, "MODELS_SYNC_INTERVAL_MS", 2_000, 100, 3_600_000, problems),
    maxConcurrent: readInteger(env, "MODELS_MAX_CONCURRENT", 1, 1, 64, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
