// A model version revoked by the DAO while members are reading its answers: on a real local chain, the revocation is
// queued through Governor and Timelock before the answers start, and executed while they stream (SSE through the
// official `openai` client and through raw fetch, the `chatStream` subscription over graphql-ws, and a non-streaming
// request). Each must end with a clear MODEL_REVOKED error and nothing after it, and the version must stop being
// served at once. The model is paced to one token every 50 ms so that the answers are provably still streaming when
// the revocation lands (see helpers/paced-model.ts).
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { type Client, createClient } from "graphql-ws";
import OpenAI from "openai";
import { encodeFunctionData } from "viem";
import { ModelServingService } from "../../../backend/src/serving/model-serving.service.js";
import { modelRegistryAbi } from "../../../generated/contracts.js";
import { call } from "../auth/helpers/auth-fixture.js";
import { CapturingLogger } from "../helpers/backend-app.js";
import { type ChatChain, startChatBackend, startChatChain } from "./helpers/chat-fixture.js";
import { type PacedModel, paceModel } from "./helpers/paced-model.js";

/** One token every TOKEN_MS: an answer of the policy's 512 tokens would stream for about 25 s. */
const TOKEN_MS = 50;
const PROMPT = "Explain delegation at length, please (revocation test prompt).";

let chain: ChatChain;
let app: NestExpressApplication;
let url: string;
let apiKey: string;
let paced: PacedModel;
const logger = new CapturingLogger();

beforeAll(async () => {
  chain = await startChatChain(33_545);
  ({ app, url, apiKey } = await startChatBackend(chain, logger));
  paced = paceModel(app.get(ModelServingService).get("commons-chat").model, TOKEN_MS);
}, 300_000);

afterAll(async () => {
  await app?.close();
  chain?.stop();
});

/** What each client saw, in the order it happened; `executing` is the test sending the revocation's execute. */
interface Seen {
  client: "openai" | "sse" | "graphql" | "completion" | "test";
  kind: "token" | "error" | "done" | "end" | "executing";
  code?: string;
  message?: string;
}

const openai = () => new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0 });
const body = { model: "commons-chat", messages: [{ role: "user" as const, content: PROMPT }] };

/** Streams through the official client; records tokens, then the error it throws, then the end of the iteration. */
async function streamWithOpenAi(seen: Seen[]): Promise<void> {
  try {
    const stream = await openai().chat.completions.create({ ...body, stream: true });
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta?.content) seen.push({ client: "openai", kind: "token" });
      if (chunk.choices[0]?.finish_reason) seen.push({ client: "openai", kind: "done" });
    }
  } catch (error) {
    const e = error as { code?: string; message: string };
    seen.push({ client: "openai", kind: "error", code: e.code, message: e.message });
  }
  seen.push({ client: "openai", kind: "end" });
}

/** Streams with fetch and reads the server-sent events as they are on the wire. */
async function streamWithFetch(seen: Seen[]): Promise<string[]> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ ...body, stream: true }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const frames: string[] = [];
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(bytes, { stream: true });
    let end = buffered.indexOf("\n\n");
    while (end >= 0) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      frames.push(frame);
      const data = frame.startsWith("data: ") ? frame.slice("data: ".length) : "";
      if (data === "[DONE]") seen.push({ client: "sse", kind: "done" });
      else {
        const event = JSON.parse(data) as {
          error?: { code: string; message: string };
          choices?: { delta: { content?: string } }[];
        };
        if (event.error)
          seen.push({ client: "sse", kind: "error", code: event.error.code, message: event.error.message });
        else if (event.choices?.[0]?.delta.content) seen.push({ client: "sse", kind: "token" });
        else seen.push({ client: "sse", kind: "done" });
      }
      end = buffered.indexOf("\n\n");
    }
  }
  if (buffered !== "") frames.push(buffered);
  seen.push({ client: "sse", kind: "end" });
  return frames;
}

interface GraphqlEvent {
  data?: { chatStream: { token: string | null; done: boolean } } | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: { code?: unknown } }[];
}

/**
 * Subscribes to chatStream over graphql-ws, authenticated by connection params; resolves with every event received
 * and how the subscription ended: `complete`, or `error` (graphql-ws's message for a failed operation).
 */
function streamWithGraphql(ws: Client, seen: Seen[]): Promise<{ events: GraphqlEvent[]; ended: "complete" | "error" }> {
  const events: GraphqlEvent[] = [];
  return new Promise((resolve) => {
    ws.subscribe<{ chatStream: { token: string | null; done: boolean } }>(
      {
        query: `subscription($m: [ChatMessageInput!]!, $model: String) {
          chatStream(messages: $m, model: $model) { token done }
        }`,
        variables: { m: body.messages, model: body.model },
      },
      {
        next: (result) => {
          events.push(result as GraphqlEvent);
          for (const error of result.errors ?? []) {
            seen.push({
              client: "graphql",
              kind: "error",
              code: String(error.extensions?.code),
              message: error.message,
            });
          }
          if (result.data?.chatStream.token) seen.push({ client: "graphql", kind: "token" });
          if (result.data?.chatStream.done) seen.push({ client: "graphql", kind: "done" });
        },
        error: (error) => {
          seen.push({ client: "graphql", kind: "error", code: "graphql-ws error", message: JSON.stringify(error) });
          seen.push({ client: "graphql", kind: "end" });
          resolve({ events, ended: "error" });
        },
        complete: () => {
          seen.push({ client: "graphql", kind: "end" });
          resolve({ events, ended: "complete" });
        },
      },
    );
  });
}

/** A request without streaming: one answer, or one error. */
async function askWithoutStreaming(seen: Seen[]): Promise<number> {
  const reply = await call<{ error?: { code: string; message: string } }>(app, "POST", "/v1/chat/completions", {
    bearer: apiKey,
    body,
  });
  if (reply.body.error) {
    seen.push({ client: "completion", kind: "error", code: reply.body.error.code, message: reply.body.error.message });
  } else seen.push({ client: "completion", kind: "done" });
  seen.push({ client: "completion", kind: "end" });
  return reply.status;
}

async function until(what: string, check: () => boolean, state: () => unknown, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(state())}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What each client saw, run-length encoded ("sse: token×12 error end"), for failure messages. */
function summary(seen: Seen[]): string {
  const lines = new Map<string, { kind: string; count: number }[]>();
  for (const { client, kind } of seen) {
    const runs = lines.get(client) ?? [];
    const last = runs.at(-1);
    if (last?.kind === kind) last.count += 1;
    else runs.push({ kind, count: 1 });
    lines.set(client, runs);
  }
  return [...lines]
    .map(([client, runs]) => `${client}: ${runs.map((r) => (r.count > 1 ? `${r.kind}×${r.count}` : r.kind)).join(" ")}`)
    .join("; ");
}

/** Everything `client` saw, as kinds. */
const kinds = (seen: Seen[], client: Seen["client"]) => seen.filter((s) => s.client === client).map((s) => s.kind);

describe("a fault on the server", () => {
  it("answers 500 in OpenAI's error shape, logging the fault and nothing of the conversation", async () => {
    const model = app.get(ModelServingService).get("commons-chat").model;
    const generate = model.generate;
    model.generate = () => {
      throw new Error("simulated runtime fault");
    };
    try {
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({
        error: {
          message: "the request failed on the server; send it again, and tell the operator if it keeps failing",
          type: "server_error",
          code: "INTERNAL_ERROR",
          param: null,
        },
      });
      const failure = logger.lines.find((line) => line.includes("chat request failed"));
      expect(failure).toContain("simulated runtime fault");
      expect(logger.lines.join("\n")).not.toContain("revocation test prompt");
    } finally {
      model.generate = generate;
    }
  });
});

describe("a member who stops reading", () => {
  it("stops the generation when an SSE client disconnects", async () => {
    const seen: Seen[] = [];
    const abort = new AbortController();
    const stream = openai().chat.completions.create({ ...body, stream: true }, { signal: abort.signal });
    const reading = stream.then(async (chunks) => {
      for await (const chunk of chunks)
        if (chunk.choices[0]?.delta?.content) seen.push({ client: "openai", kind: "token" });
    });
    await until(
      "a token",
      () => seen.length > 0 && paced.inFlight() === 1,
      () => seen,
    );
    abort.abort();
    await reading.catch(() => undefined);
    await until(
      "the generation to stop",
      () => paced.inFlight() === 0,
      () => paced.inFlight(),
      2_000,
    );
  });

  it("stops the generation when a graphql-ws client unsubscribes", async () => {
    const ws = createClient({
      url: `${url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${apiKey}` },
      retryAttempts: 0,
    });
    let tokens = 0;
    const unsubscribe = ws.subscribe<{ chatStream: { token: string | null } }>(
      {
        query: "subscription($m: [ChatMessageInput!]!) { chatStream(messages: $m) { token } }",
        variables: { m: body.messages },
      },
      {
        next: (r) => {
          if (r.data?.chatStream.token) tokens += 1;
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await until(
      "a token",
      () => tokens > 0 && paced.inFlight() === 1,
      () => tokens,
    );
    unsubscribe();
    await until(
      "the generation to stop",
      () => paced.inFlight() === 0,
      () => paced.inFlight(),
      2_000,
    );
    await ws.dispose();
  });
});

describe("a model version revoked while it answers", () => {
  const seen: Seen[] = [];
  let frames: string[] = [];
  let subscription: Awaited<ReturnType<typeof streamWithGraphql>> | undefined;
  let completionStatus = 0;
  let settledWithinMs = Number.POSITIVE_INFINITY;

  beforeAll(async () => {
    const ws = createClient({
      url: `${url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${apiKey}` },
      retryAttempts: 0,
    });
    const clients: Promise<unknown>[] = [];
    const revoke = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: "revokeModelVersion",
      args: ["commons-chat", "1.1.0", "test: revoked while answering"],
    });
    // Proposed, voted and queued first; `beforeExecute` starts the answers and returns once every one of them has
    // streamed a token, and only then is the proposal executed.
    await chain.pass(
      [{ contract: "ModelRegistry", data: revoke }],
      "# Revoke commons-chat 1.1.0 while it answers",
      async () => {
        clients.push(
          streamWithOpenAi(seen),
          streamWithFetch(seen).then((f) => {
            frames = f;
          }),
          streamWithGraphql(ws, seen).then((result) => {
            subscription = result;
          }),
          askWithoutStreaming(seen).then((status) => {
            completionStatus = status;
          }),
        );
        await until(
          "every answer to be streaming",
          () =>
            paced.inFlight() === 4 &&
            (["openai", "sse", "graphql"] as const).every((c) => kinds(seen, c).includes("token")),
          () => ({ inFlight: paced.inFlight(), seen: summary(seen) }),
        );
        seen.push({ client: "test", kind: "executing" });
      },
    );
    const executed = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all(clients),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`requests still open: ${summary(seen)}`)), 15_000);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
    settledWithinMs = Date.now() - executed;
    await ws.dispose();
  }, 120_000);

  it("was still streaming every answer when the revocation was executed", () => {
    const executing = seen.findIndex((s) => s.kind === "executing");
    const before = seen.slice(0, executing);
    for (const client of ["openai", "sse", "graphql"] as const) {
      expect(kinds(before, client)).toContain("token");
      expect(kinds(before, client)).not.toContain("error");
      expect(kinds(before, client)).not.toContain("done");
    }
    expect(kinds(before, "completion")).toEqual([]);
  });

  it("ends every answer with MODEL_REVOKED naming the revoked version, and nothing after it", () => {
    const executing = seen.findIndex((s) => s.kind === "executing");
    for (const client of ["openai", "sse", "graphql", "completion"] as const) {
      const after = kinds(seen.slice(executing + 1), client).filter((k) => k !== "token");
      // Tokens may still arrive until the indexer sees the block; then exactly one error, and the end.
      expect({ client, after }).toEqual({ client, after: ["error", "end"] });
      const error = seen.find((s) => s.client === client && s.kind === "error");
      expect(error?.code).toBe("MODEL_REVOKED");
      expect(error?.message).toMatch(
        /^commons-chat 1\.1\.0 stopped being served while answering \(the registry no longer approves it\); no other version of commons-chat is served now/,
      );
      const all = kinds(seen, client);
      expect(all.slice(all.indexOf("error"))).toEqual(["error", "end"]);
    }
    expect(completionStatus).toBe(410);
  });

  it("sends the error as OpenAI does: one data event with an error object, then closes without [DONE]", () => {
    const last = frames.at(-1) ?? "";
    expect(last.startsWith("data: ")).toBe(true);
    expect(JSON.parse(last.slice("data: ".length))).toEqual({
      error: {
        message: expect.stringMatching(/no longer approves it/),
        type: "model_revoked",
        code: "MODEL_REVOKED",
        param: null,
      },
    });
    expect(frames.slice(0, -1).every((f) => f.startsWith("data: {") && f.includes('"chat.completion.chunk"'))).toBe(
      true,
    );
    expect(frames).not.toContain("data: [DONE]");
  });

  it("sends the subscription's error as a GraphQL error with its code, then completes", () => {
    expect(subscription?.ended).toBe("complete");
    expect(subscription?.events.at(-1)).toEqual({
      data: null,
      errors: [
        {
          message: expect.stringMatching(/no longer approves it/),
          locations: expect.any(Array),
          path: ["chatStream"],
          extensions: { code: "MODEL_REVOKED" },
        },
      ],
    });
    expect(subscription?.events.slice(0, -1).every((e) => e.errors === undefined && e.data?.chatStream.token)).toBe(
      true,
    );
  });

  it("leaves no request open: all of them ended within seconds of the execution, the model's too", () => {
    expect(settledWithinMs).toBeLessThan(10_000);
    expect(paced.inFlight()).toBe(0);
  });

  it("refuses the next request for that model, and no longer lists it", async () => {
    for (const model of ["commons-chat", "commons-chat@1.1.0"]) {
      await expect(
        openai().chat.completions.create({ model, messages: [{ role: "user", content: "hi" }] }),
      ).rejects.toMatchObject({ status: 404, code: "MODEL_NOT_APPROVED" });
    }
    expect((await openai().models.list()).data).toEqual([]);
    const ws = createClient({
      url: `${url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${apiKey}` },
      retryAttempts: 0,
    });
    const again = await streamWithGraphql(ws, []);
    await ws.dispose();
    expect(again.ended).toBe("complete");
    expect(again.events.map((e) => e.errors?.[0]?.extensions?.code)).toEqual(["MODEL_NOT_APPROVED"]);
  });

  it("logged nothing of the conversation", () => {
    expect(logger.lines.join("\n")).not.toContain("revocation test prompt");
    expect(logger.lines.join("\n")).not.toContain("count toward quorum when");
  });
});
