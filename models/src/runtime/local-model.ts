import {
  BaseStreamer,
  LogitsProcessorList,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  StoppingCriteria,
  StoppingCriteriaList,
  type Tensor,
  type TextStreamer,
} from "@huggingface/transformers";
import type { Hex } from "viem";
import { GenerationOptionsError, ModelUnloadedError } from "../errors.js";
import type { ModelManifest } from "../manifest/model-manifest.js";
import { type FinishReason, GenerationStream } from "./generation-stream.js";
import type { RequestQueue } from "./request-queue.js";
import { SeededSampler } from "./seeded-sampler.js";
import { IncrementalTextDecoder } from "./text-decoder.js";
import { type ByteLevelVocabulary, type TokenText, WindowedTokenText } from "./token-text.js";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface GenerateOptions {
  /** Most tokens to generate. Default 256. */
  maxNewTokens?: number;
  /** 0 or absent: greedy decoding. Above 0: sampling at this temperature. */
  temperature?: number;
  /** Nucleus sampling mass, in (0, 1]. Default 1. Only with a temperature. */
  topP?: number;
  /** Seed of the sampling generator; the same seed, prompt and options give the same answer. Default 0. */
  seed?: number;
  /** Generation stops before the first occurrence of any of these strings; they are not part of the answer. */
  stop?: string[];
  /** Aborting ends generation after the token being computed; the result's finishReason is "abort". */
  signal?: AbortSignal;
}

/** What the runtime knows about a loaded model version. */
export interface ModelInfo {
  dir: string;
  hash: Hex;
  manifest: ModelManifest;
  modelType: string;
  /** Longest sequence (prompt plus answer) the model was trained for. */
  contextLength: number;
  dtype: string;
}

/** Calls `next` with the id generated at each step (batch of one), skipping the prompt transformers.js sends first. */
class TokenSink extends BaseStreamer {
  #promptSeen = false;
  readonly #next: (id: bigint) => void;

  constructor(next: (id: bigint) => void) {
    super();
    this.#next = next;
  }

  override put(value: bigint[][]): void {
    if (!this.#promptSeen) {
      this.#promptSeen = true;
      return;
    }
    this.#next(value[0]?.[0] as bigint);
  }

  override end(): void {}
}

class StopWhen extends StoppingCriteria {
  readonly #stop: () => boolean;
  constructor(stop: () => boolean) {
    super();
    this.#stop = stop;
  }
  override _call(inputIds: number[][]): boolean[] {
    return new Array(inputIds.length).fill(this.#stop());
  }
}

/**
 * A model version loaded from verified files, ready to generate. Obtained from {@link loadModel}; requests are
 * admitted through a FIFO queue (see RequestQueue for why).
 */
export class LocalModel {
  readonly info: ModelInfo;
  readonly #tokenizer: PreTrainedTokenizer;
  readonly #model: PreTrainedModel;
  readonly #queue: RequestQueue;
  readonly #vocabulary: ByteLevelVocabulary | undefined;
  readonly #inFlight = new Set<AbortController>();
  #unloaded: ModelUnloadedError | undefined;

  /**
   * @internal use {@link loadModel}. `vocabulary`, when the tokenizer is byte-level, turns tokens into text without
   * a decode call per token.
   */
  constructor(
    info: ModelInfo,
    tokenizer: PreTrainedTokenizer,
    model: PreTrainedModel,
    queue: RequestQueue,
    vocabulary?: ByteLevelVocabulary,
  ) {
    this.info = info;
    this.#tokenizer = tokenizer;
    this.#model = model;
    this.#queue = queue;
    this.#vocabulary = vocabulary;
  }

  get loaded(): boolean {
    return this.#unloaded === undefined;
  }

  /** Number of tokens of `messages` once the chat template is applied, as the model will see them. */
  countPromptTokens(messages: ChatMessage[]): number {
    return this.#encode(messages).input_ids.dims.at(-1) ?? 0;
  }

  /**
   * Generates the assistant's next message. Returns at once; the answer streams from the returned object.
   * Invalid options throw {@link GenerationOptionsError} here; an unloaded model fails the stream with
   * {@link ModelUnloadedError}.
   */
  generate(messages: ChatMessage[], options: GenerateOptions = {}): GenerationStream {
    const settings = validateOptions(options);
    if (messages.length === 0) throw new GenerationOptionsError("messages must hold at least one message");
    const stream = new GenerationStream();
    if (this.#unloaded) {
      stream.fail(this.#unloaded);
      return stream;
    }
    void this.#run(messages, settings, options.signal, stream);
    return stream;
  }

  /**
   * Unloads the model and frees its memory. Queued requests fail with {@link ModelUnloadedError}; running ones too
   * when `abortInFlight` is set (for a revoked version), otherwise they finish first.
   */
  async unload(options: { reason?: string; abortInFlight?: boolean } = {}): Promise<void> {
    if (this.#unloaded) return;
    this.#unloaded = new ModelUnloadedError(
      `${this.info.dir} (${this.info.hash}) was unloaded${options.reason ? `: ${options.reason}` : ""}`,
    );
    this.#queue.close(this.#unloaded);
    if (options.abortInFlight) for (const controller of this.#inFlight) controller.abort(this.#unloaded);
    await this.#queue.idle();
    await this.#model.dispose();
  }

  #encode(messages: ChatMessage[]): { input_ids: Tensor; attention_mask: Tensor } {
    return this.#tokenizer.apply_chat_template(messages, {
      add_generation_prompt: true,
      return_dict: true,
    }) as { input_ids: Tensor; attention_mask: Tensor };
  }

  async #run(
    messages: ChatMessage[],
    settings: ReturnType<typeof validateOptions>,
    signal: AbortSignal | undefined,
    stream: GenerationStream,
  ): Promise<void> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    // A signal aborted before the call (a client gone while its request was being prepared) fires no event.
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    let release: (() => void) | undefined;
    try {
      release = await this.#queue.acquire(controller.signal);
    } catch {
      // Aborted while waiting, or the model was unloaded before the request's turn.
      signal?.removeEventListener("abort", onAbort);
      if (this.#unloaded) stream.fail(this.#unloaded);
      else stream.finish({ text: "", finishReason: "abort", promptTokens: 0, completionTokens: 0 });
      return;
    }
    this.#inFlight.add(controller);
    try {
      const encoded = this.#encode(messages);
      const promptTokens = encoded.input_ids.dims.at(-1) ?? 0;
      const decoder = new IncrementalTextDecoder(this.#tokenText(), settings.stop);
      let eosReached = false;
      const eos = new Set(this.#eosTokenIds());
      const streamer = new TokenSink((id) => {
        if (eos.has(id)) {
          eosReached = true;
          return;
        }
        stream.push(decoder.push([id]));
      });
      const logitsProcessor = new LogitsProcessorList();
      if (settings.temperature > 0) logitsProcessor.push(new SeededSampler(settings));
      const stoppingCriteria = new StoppingCriteriaList();
      stoppingCriteria.push(new StopWhen(() => controller.signal.aborted || decoder.stopped));
      await this.#model.generate({
        ...encoded,
        max_new_tokens: settings.maxNewTokens,
        do_sample: false,
        logits_processor: logitsProcessor,
        stopping_criteria: stoppingCriteria,
        // transformers.js's typings ask for a TextStreamer here although generate() only calls the BaseStreamer
        // methods; TokenSink implements those without decoding twice.
        streamer: streamer as unknown as TextStreamer,
      });
      if (this.#unloaded && controller.signal.aborted) throw this.#unloaded;
      stream.push(decoder.flush());
      const finishReason: FinishReason = controller.signal.aborted
        ? "abort"
        : decoder.stopped || eosReached
          ? "stop"
          : "length";
      stream.finish({ text: decoder.text, finishReason, promptTokens, completionTokens: decoder.tokenCount });
    } catch (error) {
      stream.fail(error instanceof Error ? error : new Error(String(error)));
    } finally {
      signal?.removeEventListener("abort", onAbort);
      this.#inFlight.delete(controller);
      release();
    }
  }

  #tokenText(): TokenText {
    if (this.#vocabulary) return this.#vocabulary.text();
    return new WindowedTokenText((ids) =>
      ids.length === 0 ? "" : this.#tokenizer.decode(ids, { skip_special_tokens: true }),
    );
  }

  #eosTokenIds(): bigint[] {
    const config = this.#model.generation_config as { eos_token_id?: number | number[] } | undefined;
    const ids = config?.eos_token_id ?? (this.#model.config as { eos_token_id?: number | number[] }).eos_token_id;
    if (ids === undefined || ids === null) return [];
    return (Array.isArray(ids) ? ids : [ids]).map((id) => BigInt(id));
  }
}

function validateOptions(options: GenerateOptions) {
  const maxNewTokens = options.maxNewTokens ?? 256;
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) {
    throw new GenerationOptionsError(`maxNewTokens must be a positive integer, got ${options.maxNewTokens}`);
  }
  const temperature = options.temperature ?? 0;
  if (!Number.isFinite(temperature) || temperature < 0) {
    throw new GenerationOptionsError(`temperature must be 0 (greedy) or above, got ${options.temperature}`);
  }
  const topP = options.topP ?? 1;
  if (!(topP > 0 && topP <= 1)) throw new GenerationOptionsError(`topP must be in (0, 1], got ${options.topP}`);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new GenerationOptionsError(`seed must be an integer, got ${options.seed}`);
  const stop = options.stop ?? [];
  if (!Array.isArray(stop) || stop.some((s) => typeof s !== "string" || s.length === 0)) {
    throw new GenerationOptionsError("stop must be a list of non-empty strings");
  }
  return { maxNewTokens, temperature, topP, seed, stop };
}
