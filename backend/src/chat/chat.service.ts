import { randomUUID } from "node:crypto";
import { Inject, Injectable, Logger, type OnModuleInit } from "@nestjs/common";
import type { Address } from "viem";
import { type ChatMessage, ModelUnloadedError } from "../../../models/src/index.js";
import type { Category } from "../privacy/categories.js";
import { loadPersonNameData } from "../privacy/index.js";
import { detectPromptInjection } from "../privacy/prompt-injection.js";
import { countFindings, type Finding, redact } from "../privacy/redact.js";
import { RedactionSession } from "../privacy/redaction-session.js";
import { StreamRedactor } from "../privacy/stream-redactor.js";
import { QuotaService } from "../quota/quota.service.js";
import type { InferenceReceipt } from "../receipts/receipt.js";
import { hashOutput, hashPrompt } from "../receipts/receipt.js";
import { ReceiptSigner } from "../receipts/receipt-signer.js";
import { RegistryService } from "../registry/registry.service.js";
import { ModelServingService, ModelUnavailableError } from "../serving/model-serving.service.js";
import { ChatError } from "./chat-error.js";
import { ConversationStore } from "./conversation-store.js";
import { MembershipService } from "./membership.service.js";
import { type ActivePolicy, parsePolicy } from "./usage-policy.js";
import { UsageRecorder } from "./usage-recorder.js";

/** Who is asking: a signed-in member, through a session or an API key. */
export interface Member {
  address: Address;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** `modelId` (its default version) or `modelId@version`; default: the first allowed model's default version. */
  model?: string;
  /** Most tokens to generate; default and ceiling: the policy's maxOutputTokens. */
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  seed?: number;
  stop?: string[];
}

export interface ChatAnswer {
  id: string;
  /** Unix seconds. */
  created: number;
  model: { modelId: string; version: string; weightsHash: string };
  /** The answer as the member sees it (originals restored where the policy allows). */
  text: string;
  finishReason: "stop" | "length" | "abort";
  usage: { promptTokens: number; completionTokens: number; totalTokens: number };
  /** What was redacted, by category: counts only. */
  redactions: { prompt: Finding[]; answer: Finding[] };
  /** Prompt-injection heuristics that matched (rule names only); the policy flags or refuses them. */
  promptInjection: { detected: boolean; rules: string[] };
  policyVersion: string;
  receipt: InferenceReceipt;
  /** Set when the policy keeps conversations: the id to read it back within the retention time. */
  conversationId?: string;
}

export type ChatEvent = { type: "token"; text: string } | { type: "done"; answer: ChatAnswer };

/**
 * The chat pipeline: the active policy decides who may chat, which models, how much; the prompt is redacted before
 * the model sees it; the answer is scanned as it streams and originals are restored where the policy allows; usage is
 * recorded as counts; every answer carries a signed receipt. Nothing of a prompt or an answer is logged.
 */
@Injectable()
export class ChatService implements OnModuleInit {
  readonly #logger = new Logger("Chat");

  constructor(
    @Inject(RegistryService) private readonly registry: RegistryService,
    @Inject(MembershipService) private readonly membership: MembershipService,
    @Inject(ModelServingService) private readonly serving: ModelServingService,
    @Inject(QuotaService) private readonly quota: QuotaService,
    @Inject(ReceiptSigner) private readonly receipts: ReceiptSigner,
    @Inject(UsageRecorder) private readonly usage: UsageRecorder,
    @Inject(ConversationStore) private readonly conversations: ConversationStore,
  ) {}

  /** Reads the person-name detector's word lists and models before the first request needs them (~0.7 s). */
  onModuleInit(): void {
    loadPersonNameData();
  }

  /** The whole answer at once. */
  async chat(member: Member, request: ChatRequest, signal?: AbortSignal): Promise<ChatAnswer> {
    for await (const event of this.chatStream(member, request, signal)) {
      if (event.type === "done") return event.answer;
    }
    throw new ChatError("BAD_REQUEST", "the answer ended without a result");
  }

  /** The answer as it is generated: safe text chunks, then the complete answer with its receipt. */
  async *chatStream(member: Member, request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatEvent> {
    validateRequest(request);
    const policy = parsePolicy(await this.registry.activePolicy());
    await this.membership.check(member.address, policy);
    const { model, version } = this.#model(request.model, policy);
    const maxNewTokens = outputLimit(request.maxTokens, policy);

    // The model sees only redacted text; the session keeps the originals, for this request only.
    const session = new RedactionSession();
    const promptFindings: Category[] = [];
    const messages: ChatMessage[] = request.messages.map((message) => {
      const result = redact(message.content, { categories: policy.redactCategories, session, restorable: true });
      for (const finding of result.findings)
        for (let i = 0; i < finding.count; i++) promptFindings.push(finding.category);
      return { role: message.role, content: result.text };
    });
    const injection = detectPromptInjection(
      messages
        .filter((m) => m.role === "user")
        .map((m) => m.content)
        .join("\n"),
    );
    if (injection.suspected && policy.promptInjection === "Refuse") {
      throw new ChatError(
        "PROMPT_INJECTION_REFUSED",
        `policy ${policy.version} refuses prompts that try to override the assistant's instructions (matched: ${injection.rules.join(", ")}); rephrase the request`,
        { rule: "promptInjection" },
      );
    }
    const promptTokens = model.countPromptTokens(messages);
    if (promptTokens > policy.maxInputTokens) {
      throw new ChatError(
        "INPUT_TOO_LONG",
        `the conversation is ${promptTokens} tokens; policy ${policy.version} allows at most ${policy.maxInputTokens}: drop earlier messages or shorten them`,
        { rule: "maxInputTokens" },
      );
    }
    const admission = await this.quota.reserve(member.address, policy, { requested: promptTokens + maxNewTokens });
    if (!admission.ok) {
      throw new ChatError(admission.rule === "rateLimit" ? "RATE_LIMITED" : "QUOTA_EXCEEDED", admission.message, {
        rule: admission.rule,
        retryAfterSeconds: admission.retryAfterSeconds,
      });
    }

    let used = 0;
    try {
      const stream = model.generate(messages, {
        maxNewTokens,
        temperature: request.temperature,
        topP: request.topP,
        seed: request.seed,
        stop: request.stop,
        signal,
      });
      // The answer is scanned as it streams (a value split over tokens is held back until it can be judged), and
      // the member's own values are put back where the model echoes their placeholders, if the policy allows.
      const redactor = new StreamRedactor({
        categories: policy.scanAnswers ? policy.redactCategories : 0,
        restore: policy.restoreOriginals,
        session,
      });
      let shown = "";
      for await (const chunk of stream) {
        const safe = redactor.push(chunk.text);
        if (safe === "") continue;
        shown += safe;
        yield { type: "token", text: safe };
      }
      const rest = redactor.end();
      if (rest !== "") {
        shown += rest;
        yield { type: "token", text: rest };
      }
      const result = await stream.result;
      used = result.promptTokens + result.completionTokens;
      const answer: ChatAnswer = {
        id: `chat-${randomUUID()}`,
        created: Math.floor(Date.now() / 1000),
        model: { modelId: version.modelId, version: version.version, weightsHash: version.weightsHash },
        text: shown,
        finishReason: result.finishReason,
        usage: {
          promptTokens: result.promptTokens,
          completionTokens: result.completionTokens,
          totalTokens: result.promptTokens + result.completionTokens,
        },
        redactions: { prompt: countFindings(promptFindings), answer: [...redactor.findings] },
        promptInjection: { detected: injection.suspected, rules: [...injection.rules] },
        policyVersion: policy.version.toString(),
        receipt: await this.receipts.sign({
          modelId: version.modelId,
          modelVersion: version.version,
          weightsHash: version.weightsHash as `0x${string}`,
          policyVersion: policy.version.toString(),
          promptHash: hashPrompt(messages),
          outputHash: hashOutput(result.text),
        }),
      };
      await this.usage.record({
        member: member.address,
        promptTokens: result.promptTokens,
        completionTokens: result.completionTokens,
        redactions: sumFindings([...countFindings(promptFindings), ...redactor.findings]),
      });
      if (policy.retentionSeconds > 0) {
        answer.conversationId = await this.conversations.store(
          member.address,
          { messages, answer: result.text, modelId: version.modelId, modelVersion: version.version },
          policy.retentionSeconds,
        );
      }
      this.#logger.log({
        message: "chat answered",
        model: `${version.modelId}@${version.version}`,
        promptTokens: result.promptTokens,
        completionTokens: result.completionTokens,
        finishReason: result.finishReason,
      });
      yield { type: "done", answer };
    } catch (error) {
      if (error instanceof ModelUnloadedError) {
        throw new ChatError("MODEL_REVOKED", this.#revokedMessage(version.modelId, version.version));
      }
      throw error;
    } finally {
      session.dispose();
      await this.quota.settle(admission.reservation, used);
    }
  }

  /** Why an answer ended when its version stopped being served, and whether sending it again can help. */
  #revokedMessage(modelId: string, version: string): string {
    const stopped = `${modelId} ${version} stopped being served while answering (the registry no longer approves it)`;
    const others = this.serving
      .status()
      .filter((m) => m.modelId === modelId && m.version !== version && m.state === "loaded");
    const next = others.find((m) => m.isDefault) ?? others[0];
    return next
      ? `${stopped}; send the request again to use ${modelId} ${next.version}`
      : `${stopped}; no other version of ${modelId} is served now (GET /v1/models lists what is): wait for the DAO to approve one`;
  }

  #model(requested: string | undefined, policy: ActivePolicy) {
    const servable = this.serving.status();
    const name = requested ?? policy.allowedModels[0] ?? servable.find((m) => m.isDefault)?.modelId;
    if (!name) throw new ChatError("MODEL_NOT_LOADED", "no model is being served right now; try again shortly");
    const [modelId = name, version] = name.split("@");
    if (policy.allowedModels.length > 0 && !policy.allowedModels.includes(modelId)) {
      throw new ChatError(
        "MODEL_NOT_ALLOWED",
        `policy ${policy.version} allows ${policy.allowedModels.join(", ")} only; choose one of those`,
        { rule: "allowedModels" },
      );
    }
    try {
      return this.serving.get(modelId, version);
    } catch (error) {
      if (error instanceof ModelUnavailableError) throw new ChatError(error.code, error.message);
      throw error;
    }
  }
}

function validateRequest(request: ChatRequest): void {
  if (!Array.isArray(request.messages) || request.messages.length === 0) {
    throw new ChatError("BAD_REQUEST", "messages must hold at least one message");
  }
  for (const [i, message] of request.messages.entries()) {
    if (!["system", "user", "assistant"].includes(message.role)) {
      throw new ChatError("BAD_REQUEST", `messages[${i}].role must be system, user or assistant`);
    }
    if (typeof message.content !== "string") throw new ChatError("BAD_REQUEST", `messages[${i}].content must be text`);
  }
  if (request.temperature !== undefined && (request.temperature < 0 || request.temperature > 2)) {
    throw new ChatError("BAD_REQUEST", "temperature must be from 0 to 2");
  }
  if (request.topP !== undefined && (request.topP <= 0 || request.topP > 1)) {
    throw new ChatError("BAD_REQUEST", "top_p must be above 0 and at most 1");
  }
}

function outputLimit(requested: number | undefined, policy: ActivePolicy): number {
  if (requested === undefined) return policy.maxOutputTokens;
  if (!Number.isInteger(requested) || requested < 1)
    throw new ChatError("BAD_REQUEST", "max tokens must be a positive integer");
  if (requested > policy.maxOutputTokens) {
    throw new ChatError(
      "OUTPUT_LIMIT",
      `policy ${policy.version} allows at most ${policy.maxOutputTokens} output tokens; ask for that many or fewer`,
      { rule: "maxOutputTokens" },
    );
  }
  return requested;
}

function sumFindings(findings: readonly Finding[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const { category, count } of findings) sums[category] = (sums[category] ?? 0) + count;
  return sums;
}
