import { Body, Controller, Get, HttpCode, Inject, Logger, Post, Req, Res } from "@nestjs/common";
import { plainToInstance, Type } from "class-transformer";
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
  validate,
} from "class-validator";
import { ModelServingService } from "../serving/model-serving.service.js";
import { type ChatAnswer, type ChatRequest, ChatService } from "./chat.service.js";
import { ChatError } from "./chat-error.js";
import { MEMBER_RESOLVER, type MemberResolver } from "./member-resolver.js";

class MessageDto {
  @IsIn(["system", "user", "assistant"])
  role!: "system" | "user" | "assistant";

  @IsString()
  content!: string;
}

/** The subset of OpenAI's chat completion request this server implements; unknown fields are ignored. */
class ChatCompletionDto {
  @IsString()
  model!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => MessageDto)
  messages!: MessageDto[];

  @IsOptional() @IsBoolean() stream?: boolean;
  @IsOptional() @IsInt() @Min(1) max_tokens?: number;
  @IsOptional() @IsInt() @Min(1) max_completion_tokens?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(2) temperature?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(1) top_p?: number;
  @IsOptional() @IsInt() seed?: number;
  @IsOptional() stop?: string | string[];
  @IsOptional() @IsInt() @Min(1) @Max(1) n?: number;
}

/** The parts of express's request and response this controller uses. */
interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
  write(chunk: string): boolean;
  end(): void;
  flushHeaders(): void;
  on(event: "close", listener: () => void): void;
  headersSent: boolean;
  writableFinished: boolean;
}

/**
 * The error body (or the last event of a stream) when a request failed for a reason that is not the member's: OpenAI's
 * shape, so clients report it as a server error; the server logs say which.
 */
const SERVER_FAILED = {
  error: {
    message: "the request failed on the server; send it again, and tell the operator if it keeps failing",
    type: "server_error",
    code: "INTERNAL_ERROR",
    param: null,
  },
};

/** OpenAI's error body. */
function errorBody(error: ChatError) {
  return { error: { message: error.message, type: error.code.toLowerCase(), code: error.code, param: null } };
}

/**
 * The OpenAI-compatible API, for developers' existing clients (the official `openai` package works unchanged):
 * `POST /v1/chat/completions` (with `stream: true` as server-sent events) and `GET /v1/models`. Authenticated with an
 * API key (`Authorization: Bearer cai_...`) or a session. Responses add a `commons` object: the receipt, what was
 * redacted (categories and counts) and the policy version.
 */
@Controller("v1")
export class OpenAiController {
  readonly #logger = new Logger("OpenAiApi");

  constructor(
    @Inject(ChatService) private readonly chat: ChatService,
    @Inject(ModelServingService) private readonly serving: ModelServingService,
    @Inject(MEMBER_RESOLVER) private readonly members: MemberResolver,
  ) {}

  @Get("models")
  async models(@Req() req: HttpRequest, @Res() res: HttpResponse): Promise<void> {
    try {
      await this.#member(req);
      const data = this.serving
        .status()
        .filter((m) => m.state === "loaded")
        .flatMap((m) => [...(m.isDefault ? [m.modelId] : []), `${m.modelId}@${m.version}`])
        .map((id) => ({ id, object: "model", created: 0, owned_by: "commons-dao" }));
      res.json({ object: "list", data });
    } catch (error) {
      this.#fail(res, error);
    }
  }

  @Post("chat/completions")
  @HttpCode(200)
  async completions(@Body() body: unknown, @Req() req: HttpRequest, @Res() res: HttpResponse): Promise<void> {
    // The client went away before the answer was complete: stop generating. (The request's own "close" event fires as
    // soon as its body has been read, so it cannot tell.)
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      const member = await this.#member(req);
      const dto = await parse(body);
      const request: ChatRequest = {
        messages: dto.messages.map(({ role, content }) => ({ role, content })),
        model: dto.model,
        maxTokens: dto.max_completion_tokens ?? dto.max_tokens,
        temperature: dto.temperature,
        topP: dto.top_p,
        seed: dto.seed,
        stop: dto.stop === undefined ? undefined : Array.isArray(dto.stop) ? dto.stop : [dto.stop],
      };
      if (!dto.stream) {
        const answer = await this.chat.chat(member, request, abort.signal);
        res.json(completion(answer));
        return;
      }
      const id = `chatcmpl-${Date.now().toString(36)}`;
      const created = Math.floor(Date.now() / 1000);
      let started = false;
      for await (const event of this.chat.chatStream(member, request, abort.signal)) {
        if (!started) {
          res.status(200);
          res.setHeader("content-type", "text/event-stream; charset=utf-8");
          res.setHeader("cache-control", "no-cache");
          res.setHeader("connection", "keep-alive");
          res.flushHeaders();
          started = true;
        }
        if (event.type === "token") {
          res.write(sse(chunk(id, created, dto.model, { role: "assistant", content: event.text }, null)));
        } else {
          const a = event.answer;
          res.write(
            sse({
              ...chunk(id, created, `${a.model.modelId}@${a.model.version}`, {}, finishReason(a)),
              usage: usage(a),
              commons: extras(a),
            }),
          );
        }
      }
      res.write("data: [DONE]\n\n");
      res.end();
    } catch (error) {
      this.#fail(res, error);
    }
  }

  async #member(req: HttpRequest) {
    const member = await this.members.resolve(req.headers);
    if (!member) {
      throw new ChatError(
        "AUTH_REQUIRED",
        "sign in first: send an API key as Authorization: Bearer cai_... (create one after signing in with Ethereum)",
      );
    }
    return member;
  }

  #fail(res: HttpResponse, error: unknown): void {
    if (!(error instanceof ChatError)) {
      this.#logger.error({
        message: res.headersSent ? "chat stream failed" : "chat request failed",
        error: error instanceof Error ? error.message : String(error),
      });
    }
    if (res.headersSent) {
      // Already streaming: the error becomes the last event, as OpenAI's servers do, and the stream closes without
      // [DONE]. An unexpected failure ends it the same way rather than leaving the client waiting.
      res.write(sse(error instanceof ChatError ? errorBody(error) : SERVER_FAILED));
      res.end();
      return;
    }
    if (!(error instanceof ChatError)) {
      res.status(500).json(SERVER_FAILED);
      return;
    }
    if (error.details.retryAfterSeconds !== undefined) {
      res.setHeader("retry-after", String(error.details.retryAfterSeconds));
    }
    res.status(error.status).json(errorBody(error));
  }
}

async function parse(body: unknown): Promise<ChatCompletionDto> {
  const dto = plainToInstance(ChatCompletionDto, body ?? {});
  const errors = await validate(dto, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const problems = errors.flatMap((e) =>
      e.children && e.children.length > 0
        ? e.children.flatMap((c) =>
            (c.children ?? []).flatMap((cc) =>
              Object.values(cc.constraints ?? {}).map((m) => `messages[${c.property}].${m}`),
            ),
          )
        : Object.values(e.constraints ?? {}),
    );
    throw new ChatError("BAD_REQUEST", `invalid request: ${problems.join("; ")}`);
  }
  return dto;
}

function sse(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

function chunk(id: string, created: number, model: string, delta: object, finish: string | null) {
  return { id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }] };
}

function finishReason(answer: ChatAnswer): string {
  return answer.finishReason === "length" ? "length" : "stop";
}

function usage(answer: ChatAnswer) {
  return {
    prompt_tokens: answer.usage.promptTokens,
    completion_tokens: answer.usage.completionTokens,
    total_tokens: answer.usage.totalTokens,
  };
}

function extras(answer: ChatAnswer) {
  return {
    receipt: answer.receipt,
    redactions: answer.redactions,
    prompt_injection: answer.promptInjection,
    policy_version: answer.policyVersion,
    conversation_id: answer.conversationId ?? null,
  };
}

function completion(answer: ChatAnswer) {
  return {
    id: answer.id,
    object: "chat.completion",
    created: answer.created,
    model: `${answer.model.modelId}@${answer.model.version}`,
    choices: [{ index: 0, message: { role: "assistant", content: answer.text }, finish_reason: finishReason(answer) }],
    usage: usage(answer),
    commons: extras(answer),
  };
}
