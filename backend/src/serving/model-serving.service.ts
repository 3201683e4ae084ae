import { existsSync } from "node:fs";
import path from "node:path";
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from "@nestjs/common";
import type { Hex } from "viem";
import { type LocalModel, loadModel } from "../../../models/src/index.js";
import { IndexerEvents } from "../indexer/indexer-events.js";
import { RegistryService, type ServableModelVersion } from "../registry/registry.service.js";
import { SERVING_CONFIG, type ServingConfig } from "./serving-config.js";

/** Where a servable version stands on this server. */
export type ServedState = "loading" | "loaded" | "missing" | "failed";

export interface ServedModelVersion {
  modelId: string;
  version: string;
  weightsHash: string;
  status: ServableModelVersion["status"];
  isDefault: boolean;
  state: ServedState;
  /** Why it is missing or failed: the file at fault and what to do. */
  error?: string;
}

/** Raised when a request names a model the registry does not let this server serve; the message says what to do. */
export class ModelUnavailableError extends Error {
  override name = "ModelUnavailableError";
  constructor(
    message: string,
    readonly code: "MODEL_NOT_APPROVED" | "MODEL_NOT_LOADED",
  ) {
    super(message);
  }
}

interface Slot {
  version: ServableModelVersion;
  state: ServedState;
  error?: string;
  model?: LocalModel;
  loading?: Promise<void>;
}

const key = (modelId: string, version: string) => `${modelId}@${version}`;

/**
 * Serves exactly the model versions the ModelRegistry marks Approved or Deprecated, from local files that verify
 * against the registered hash. It reconciles after every indexed registry change and on a timer: a newly approved
 * version is loaded without a restart; a revoked one is unloaded at once, and requests in flight on it end with a
 * clear error. A directory whose files do not hash to the approved version is never loaded; its error is reported
 * by /health and `models`.
 *
 * Files live in `MODELS_DIR/<modelId>/<version>/` (default: the repository's models/, where the bundled versions are
 * and where `npm run models -- pull` writes).
 */
@Injectable()
export class ModelServingService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #logger = new Logger("ModelServing");
  readonly #slots = new Map<string, Slot>();
  #timer: NodeJS.Timeout | undefined;
  #reconciling: Promise<void> = Promise.resolve();
  #abort = new AbortController();

  constructor(
    @Inject(SERVING_CONFIG) private readonly config: ServingConfig,
    @Inject(RegistryService) private readonly registry: RegistryService,
    @Inject(IndexerEvents) private readonly events: IndexerEvents,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.enabled) return;
    this.#timer = setInterval(() => void this.reconcile(), this.config.syncIntervalMs);
    void this.#followRegistry();
    void this.reconcile();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.#timer);
    this.#abort.abort();
    await this.#reconciling;
    await Promise.all(
      [...this.#slots.values()].map((slot) => slot.model?.unload({ reason: "the server is stopping" })),
    );
  }

  /** Every servable version and where it stands here. */
  status(): ServedModelVersion[] {
    return [...this.#slots.values()].map(({ version, state, error }) => ({
      modelId: version.modelId,
      version: version.version,
      weightsHash: version.weightsHash,
      status: version.status,
      isDefault: version.isDefault,
      state,
      ...(error ? { error } : {}),
    }));
  }

  /** The loaded model for `modelId` (its default version unless `version` is given). */
  get(modelId: string, version?: string): { model: LocalModel; version: ServableModelVersion } {
    const slots = [...this.#slots.values()].filter((s) => s.version.modelId === modelId);
    const slot = version ? slots.find((s) => s.version.version === version) : slots.find((s) => s.version.isDefault);
    if (!slot) {
      const servable = [...this.#slots.values()].map((s) => `${s.version.modelId} ${s.version.version}`).join(", ");
      throw new ModelUnavailableError(
        `${modelId}${version ? ` ${version}` : ""} is not approved for serving${version ? "" : " (no default version)"}; servable now: ${servable || "none"}`,
        "MODEL_NOT_APPROVED",
      );
    }
    if (slot.state !== "loaded" || !slot.model) {
      throw new ModelUnavailableError(
        `${modelId} ${slot.version.version} is approved but not loaded on this server (${slot.state}${slot.error ? `: ${slot.error}` : ""})`,
        "MODEL_NOT_LOADED",
      );
    }
    return { model: slot.model, version: slot.version };
  }

  /** Brings the loaded set in line with the registry; serialised, so concurrent triggers run one after another. */
  reconcile(): Promise<void> {
    this.#reconciling = this.#reconciling
      .then(() => this.#reconcile())
      .catch((error: Error) => {
        this.#logger.error({ message: "model reconciliation failed", error: error.message });
      });
    return this.#reconciling;
  }

  async #followRegistry(): Promise<void> {
    for await (const changes of this.events.listen("changes", this.#abort.signal)) {
      if (changes.some((c) => c.type === "ModelVersion")) void this.reconcile();
    }
  }

  async #reconcile(): Promise<void> {
    const servable = await this.registry.servableModelVersions();
    const wanted = new Map(servable.map((v) => [key(v.modelId, v.version), v]));
    for (const [k, slot] of this.#slots) {
      const still = wanted.get(k);
      if (still && still.weightsHash === slot.version.weightsHash) {
        slot.version = still; // Default and status may change while it stays servable.
        continue;
      }
      this.#slots.delete(k);
      if (slot.model) {
        await slot.model.unload({ reason: "the registry no longer approves this version", abortInFlight: true });
        this.#logger.warn({
          message: "model version unloaded",
          model: slot.version.modelId,
          version: slot.version.version,
        });
      }
    }
    for (const [k, version] of wanted) {
      if (this.#slots.has(k)) continue;
      const slot: Slot = { version, state: "loading" };
      this.#slots.set(k, slot);
      await this.#load(slot);
    }
  }

  async #load(slot: Slot): Promise<void> {
    const { modelId, version, weightsHash } = slot.version;
    const dir = path.join(this.config.modelsDir, modelId, version);
    if (!existsSync(dir)) {
      slot.state = "missing";
      slot.error = `${dir} does not exist; pull or build the version there (npm run models -- pull ...)`;
      this.#logger.warn({ message: "approved model version has no files here", model: modelId, version, dir });
      return;
    }
    const started = performance.now();
    try {
      const model = await loadModel(dir, {
        expectedHash: weightsHash as Hex,
        maxConcurrent: this.config.maxConcurrent,
      });
      if (this.#slots.get(key(modelId, version)) !== slot) {
        await model.unload({ reason: "revoked while loading" });
        return;
      }
      slot.model = model;
      slot.state = "loaded";
      delete slot.error;
      this.#logger.log({
        message: "model version loaded",
        model: modelId,
        version,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      slot.state = "failed";
      slot.error = (error as Error).message;
      this.#logger.error({ message: "model version refused", model: modelId, version, error: slot.error });
    }
  }
}
