import { chmodSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { type DataDirSecretSpec, dataDirSecret } from "../../../backend/src/config/data-dir-secret.js";

let generated = 0;
const spec: DataDirSecretSpec = {
  fileName: "test-secret",
  generate: () => `secret-${++generated}`,
  isValid: (value) => /^secret-\d+$/.test(value),
  invalid: (file) => new Error(`${file} is not a test secret; delete it`),
};

describe("dataDirSecret", () => {
  it("generates the secret once, in a file only its owner can read, and reads it back on later starts", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "secret-")), "data");
    const first = dataDirSecret(dir, spec);
    expect(first).toMatchObject({ created: true, exposed: false, file: path.join(dir, "test-secret") });
    expect(statSync(path.join(dir, "test-secret")).mode & 0o777).toBe(0o600);
    const second = dataDirSecret(dir, spec);
    expect(second).toEqual({ ...first, created: false });
  });

  it("says when the file can be read by other users", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "secret-"));
    dataDirSecret(dir, spec);
    chmodSync(path.join(dir, "test-secret"), 0o644);
    expect(dataDirSecret(dir, spec).exposed).toBe(true);
  });

  it("refuses a file that holds something else, with the caller's error", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "secret-"));
    writeFileSync(path.join(dir, "test-secret"), "not it\n");
    expect(() => dataDirSecret(dir, spec)).toThrow(`${path.join(dir, "test-secret")} is not a test secret; delete it`);
  });

  it("keeps a new secret in memory only for DATA_DIR=memory://", () => {
    const a = dataDirSecret("memory://", spec);
    const b = dataDirSecret("memory://", spec);
    expect(a.file).toBeUndefined();
    expect(a.value).not.toBe(b.value);
  });
});
