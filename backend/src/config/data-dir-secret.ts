// A secret the server keeps in DATA_DIR when none is configured (the receipt signing key, the conversation key):
// generated on first use, written with mode 0600, read back on later starts so that it survives restarts.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Where the secret came from; never contains the secret in anything but `value`. */
export interface DataDirSecret {
  readonly value: string;
  /** The file it is kept in; undefined for DATA_DIR=memory://. */
  readonly file: string | undefined;
  /** Whether this call generated it. */
  readonly created: boolean;
  /** Whether the file can be read by users other than its owner (the caller should warn: chmod 600). */
  readonly exposed: boolean;
}

export interface DataDirSecretSpec {
  /** The file's name inside DATA_DIR. */
  readonly fileName: string;
  /** A new secret, as it is written to the file. */
  readonly generate: () => string;
  /** Whether a file's content (trimmed) is a valid secret. */
  readonly isValid: (value: string) => boolean;
  /** The error for a file that holds something else: it must say how to recover. */
  readonly invalid: (file: string) => Error;
}

/**
 * The secret kept in `dataDir/<fileName>`, created on first use; a new one per call for `memory://`. Of two servers
 * starting on one DATA_DIR at once, the second reads the first one's (`wx`) instead of replacing it.
 */
export function dataDirSecret(dataDir: string, spec: DataDirSecretSpec): DataDirSecret {
  if (dataDir === "memory://") return { value: spec.generate(), file: undefined, created: true, exposed: false };
  const file = path.join(dataDir, spec.fileName);
  mkdirSync(dataDir, { recursive: true });
  const generated = spec.generate();
  try {
    writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: "wx" });
    return { value: generated, file, created: true, exposed: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const value = readFileSync(file, "utf8").trim();
  if (!spec.isValid(value)) throw spec.invalid(file);
  return { value, file, created: false, exposed: (statSync(file).mode & 0o077) !== 0 };
}
