// The public API of the Commons AI models library, used by the backend and the CLI. A test snapshots this list.
export {
  GenerationOptionsError,
  ModelConfigError,
  ModelError,
  ModelPullError,
  ModelUnloadedError,
  ModelVerificationError,
  type VerificationFailure,
} from "./errors.js";
export { DEFAULT_HUB_URL, type PullOptions, type PullProgress, type PullResult, pullModel } from "./hub/pull-model.js";
export {
  buildManifest,
  canonicalManifestBytes,
  hashFile,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  type ManifestEntry,
  type ModelManifest,
  manifestHash,
  writeManifest,
} from "./manifest/model-manifest.js";
export {
  parseManifest,
  type VerifiedModelDirectory,
  type VerifyOptions,
  verifyModelDirectory,
} from "./manifest/verify-model-directory.js";
export type { FinishReason, GenerationChunk, GenerationResult, GenerationStream } from "./runtime/generation-stream.js";
export { DTYPE_SUFFIXES, type LoadModelOptions, loadModel, type ModelDtype } from "./runtime/load-model.js";
export type { ChatMessage, GenerateOptions, LocalModel, ModelInfo } from "./runtime/local-model.js";
