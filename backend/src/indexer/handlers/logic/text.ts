// Text rules of subgraph/src/logic/text.ts.

/**
 * Removes NUL characters, which the store (PostgreSQL text) cannot hold. graph-node strips them from every string an
 * AssemblyScript mapping hands it, so every string field the handlers store goes through this.
 */
export function sanitize(value: string): string {
  return value.includes("\0") ? value.replaceAll("\0", "") : value;
}

/**
 * The title of a proposal: the first non-blank line of its description, without Markdown heading marks (`# `), as Tally
 * and most governance front ends show it. Empty for an empty description. (JavaScript's `trim` removes the same
 * characters as AssemblyScript's.)
 */
export function titleOf(description: string): string {
  for (const raw of sanitize(description).split("\n")) {
    let line = raw.trim();
    let hashes = 0;
    while (hashes < line.length && line.charCodeAt(hashes) === 35) hashes++; // '#'
    if (hashes > 0 && hashes <= 6 && (hashes === line.length || line.charCodeAt(hashes) === 32)) {
      line = line.substring(hashes).trim();
    }
    if (line.length > 0) return line;
  }
  return "";
}
