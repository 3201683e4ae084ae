// Text helpers (pure: see README.md in this folder).

/**
 * Removes NUL characters: calldata and event strings may hold any bytes, but the store (PostgreSQL text) cannot keep
 * U+0000. Everything else is kept as is.
 */
export function sanitize(value: string): string {
  if (value.indexOf("\0") < 0) return value;
  return value.replaceAll("\0", "");
}

/**
 * The title of a proposal: the first non-blank line of its description, without Markdown heading marks (`# `), as
 * Tally and most governance front ends show it. Empty for an empty description.
 */
export function titleOf(description: string): string {
  const lines = sanitize(description).split("\n");
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trim();
    let hashes = 0;
    while (hashes < line.length && line.charCodeAt(hashes) == 35) hashes++; // '#'
    if (hashes > 0 && hashes <= 6 && (hashes == line.length || line.charCodeAt(hashes) == 32)) {
      line = line.substring(hashes).trim();
    }
    if (line.length > 0) return line;
  }
  return "";
}
