/**
 * Errors of the models library. Each has a short message, the details that explain it, and what to do about it,
 * so that the CLI and the backend can show them as they are.
 */
export class ModelError extends Error {
  override name = "ModelError";
  /** Machine-readable reason, stable across versions. */
  readonly code: string;
  readonly details: string | undefined;

  constructor(code: string, message: string, options: { details?: string; cause?: unknown } = {}) {
    super(options.details ? `${message}\n${options.details}` : message, { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}

/** The files of a model directory do not match its manifest, or the manifest does not match the expected hash. */
export class ModelVerificationError extends ModelError {
  override name = "ModelVerificationError";
  /** The file at fault, relative to the model directory, when one is. */
  readonly file: string | undefined;

  constructor(code: VerificationFailure, message: string, options: { file?: string; details?: string } = {}) {
    super(code, message, options);
    this.file = options.file;
  }
}

export type VerificationFailure =
  | "MANIFEST_MISSING"
  | "MANIFEST_MALFORMED"
  | "MANIFEST_NOT_CANONICAL"
  | "FILE_MISSING"
  | "FILE_EXTRA"
  | "FILE_SIZE_MISMATCH"
  | "FILE_HASH_MISMATCH"
  | "HASH_MISMATCH";

/** A model directory's configuration cannot be used (malformed JSON, missing fields, unsupported model). */
export class ModelConfigError extends ModelError {
  override name = "ModelConfigError";
  constructor(message: string, options: { details?: string; cause?: unknown } = {}) {
    super("MODEL_CONFIG_INVALID", message, options);
  }
}

/** The model was unloaded (for example because its version was revoked) before or while a request ran. */
export class ModelUnloadedError extends ModelError {
  override name = "ModelUnloadedError";
  constructor(message: string) {
    super("MODEL_UNLOADED", message);
  }
}

/** Bad arguments to a generation request. */
export class GenerationOptionsError extends ModelError {
  override name = "GenerationOptionsError";
  constructor(message: string) {
    super("GENERATION_OPTIONS_INVALID", message);
  }
}

/** A download from the model hub failed. */
export class ModelPullError extends ModelError {
  override name = "ModelPullError";
  constructor(message: string, options: { details?: string; cause?: unknown } = {}) {
    super("MODEL_PULL_FAILED", message, options);
  }
}
