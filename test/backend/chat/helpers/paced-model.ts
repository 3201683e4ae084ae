// A loaded model made slow on purpose, for tests that must act while an answer is still streaming: the bundled model
// answers in about 100 ms, too fast to revoke it mid-answer by anything but luck.
import type { ChatMessage, GenerateOptions, LocalModel } from "../../../../models/src/index.js";
import { GenerationStream } from "../../../../models/src/runtime/generation-stream.js";

/**
 * What a paced answer says, word after word, until it has `maxNewTokens` of them: plain lower-case prose, which the
 * answer's privacy guard lets through after a few words (it holds back ~500 characters of anything that could be part
 * of a personal value).
 */
const WORDS = "delegated votes count toward quorum when proposals are voted on. ".split(/(?<= )/);

export interface PacedModel {
  /** Generations started and not ended yet. */
  readonly inFlight: () => number;
}

/**
 * Makes `model` (a LocalModel the backend loaded and still holds) answer one token every `intervalMs` until the
 * request's `maxNewTokens`, instead of within milliseconds. Everything else stays the runtime's: prompt token counts,
 * and the contract a revocation relies on: once the backend unloads the model with `abortInFlight` (as
 * ModelServingService does for a revoked version), every answer in flight fails at once with the runtime's own
 * ModelUnloadedError, and every later request fails with it too.
 *
 * The instance is patched in place (as test/backend/chat.test.ts watches `generate`), so that the backend's
 * serving, reconciliation and unloading code run unchanged.
 */
export function paceModel(model: LocalModel, intervalMs: number): PacedModel {
  const generate = model.generate.bind(model);
  const unload = model.unload.bind(model);
  const running = new Set<(error: Error) => void>();

  model.generate = (messages: ChatMessage[], options: GenerateOptions = {}): GenerationStream => {
    // Unloaded already: the runtime fails the request itself.
    if (!model.loaded) return generate(messages, options);
    const stream = new GenerationStream();
    const maxNewTokens = options.maxNewTokens ?? 256;
    const promptTokens = model.countPromptTokens(messages);
    let text = "";
    let tokens = 0;
    const end = () => {
      clearInterval(timer);
      running.delete(fail);
    };
    const fail = (error: Error) => {
      end();
      stream.fail(error);
    };
    const finish = (finishReason: "length" | "abort") => {
      end();
      stream.finish({ text, finishReason, promptTokens, completionTokens: tokens });
    };
    const timer = setInterval(() => {
      if (options.signal?.aborted) return finish("abort");
      const word = WORDS[tokens % WORDS.length] ?? "";
      tokens += 1;
      text += word;
      stream.push(word);
      if (tokens >= maxNewTokens) finish("length");
    }, intervalMs);
    running.add(fail);
    return stream;
  };

  model.unload = async (options: { reason?: string; abortInFlight?: boolean } = {}): Promise<void> => {
    const unloading = unload(options);
    if (options.abortInFlight) {
      // The runtime's own error for this unload: what a request to the unloaded model fails with.
      const error = await generate([{ role: "user", content: "-" }], { maxNewTokens: 1 }).result.then(
        () => new Error("the model still answered after it was unloaded"),
        (reason: Error) => reason,
      );
      for (const fail of [...running]) fail(error);
    }
    await unloading;
  };

  return { inFlight: () => running.size };
}
