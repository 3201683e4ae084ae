/** The environment, as configuration loaders read it. */
export type Env = Record<string, string | undefined>;

/**
 * An integer variable: `fallback` when unset or empty; otherwise it must lie in [min, max], or a problem saying so is
 * added to `problems` (the loaders report every problem at once) and `fallback` is returned.
 */
export function readInteger(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}=${raw} must be an integer from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

/** A boolean variable: true/1 or false/0; `fallback` when unset or empty; anything else is a problem. */
export function readBoolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  problems.push(`${name}=${raw} must be true or false`);
  return fallback;
}
