// Retention end to end, on a real local chain: the DAO publishes a policy that keeps conversations for a few seconds;
// a member's conversation is then stored encrypted (nothing of it readable anywhere in the database), decrypts for
// that member only (GraphQL `myConversations`), can be deleted by that member before its time, and is purged once its
// time is up; back under a policy with retention 0, nothing is stored.
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { NestExpressApplication } from "@nestjs/platform-express";
import OpenAI from "openai";
import { encodeFunctionData } from "viem";
import { ConversationStore } from "../../../backend/src/chat/conversation-store.js";
import { DATABASE, type Database } from "../../../backend/src/database/database.js";
import { IndexerService } from "../../../backend/src/indexer/indexer.service.js";
import { RegistryService } from "../../../backend/src/registry/registry.service.js";
import { usagePolicyRegistryAbi } from "../../../generated/contracts.js";
import { genesisPolicy } from "../../../ignition/parameters.js";
import { devAccount, signIn } from "../auth/helpers/auth-fixture.js";
import { type ChatChain, member, startChatBackend, startChatChain } from "./helpers/chat-fixture.js";

/** Short enough to wait for, long enough to find the conversation stored first. */
const RETENTION_SECONDS = 3;
const PROMPT = "How do I delegate my votes? Retention marker zq7-kestrel.";

let chain: ChatChain;
let app: NestExpressApplication;
let apiKey: string;
let url: string;
let db: Database;

beforeAll(async () => {
  chain = await startChatChain(34_545);
  ({ app, url, apiKey } = await startChatBackend(chain));
  db = app.get<Database>(DATABASE);
}, 300_000);

afterAll(async () => {
  await app?.close();
  chain?.stop();
});

/** Passes a proposal calling the UsagePolicyRegistry and waits until the backend has indexed it. */
async function governPolicy(data: `0x${string}`, description: string): Promise<void> {
  await chain.pass([{ contract: "UsagePolicyRegistry", data }], description);
  await app.get(IndexerService).waitForBlock(await chain.head(), 10_000);
}

async function ask(): Promise<{ answer: string; conversationId: string | null }> {
  const client = new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0 });
  const completion = await client.chat.completions.create({
    model: "commons-chat",
    max_tokens: 48,
    messages: [{ role: "user", content: PROMPT }],
  });
  const commons = (completion as unknown as { commons: { conversation_id: string | null } }).commons;
  return { answer: completion.choices[0]?.message.content ?? "", conversationId: commons.conversation_id };
}

interface GraphqlReply<Data> {
  data?: Data | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** A GraphQL operation with `bearer` (an API key or session token) as the credentials. */
async function graphql<Data>(
  query: string,
  variables: Record<string, unknown> = {},
  bearer?: string,
): Promise<GraphqlReply<Data>> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphqlReply<Data>;
}

const CONVERSATION_FIELDS = "id createdAt expiresAt modelId modelVersion messages { role content } answer";

/** Every row of every table, as text. */
async function wholeDatabase(): Promise<string> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE'`,
  );
  expect(tables.map((t) => t.name)).toContain("conversation");
  const rows = await Promise.all(
    tables.map(({ name }) => db.query<{ row: string }>(`select t::text as row from "${name}" t`)),
  );
  return rows
    .flat()
    .map((r) => r.row)
    .join("\n");
}

const conversationIds = async () =>
  (await db.query<{ id: string }>("select id from conversation order by id")).map((r) => r.id);

describe("a policy that keeps conversations", () => {
  let conversationId = "";
  let answer = "";

  it("applies once the DAO publishes it", async () => {
    const keeping = { ...genesisPolicy(), retentionSeconds: BigInt(RETENTION_SECONDS) };
    await governPolicy(
      encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "publishPolicy", args: [keeping] }),
      `# Keep conversations for ${RETENTION_SECONDS} s`,
    );
    const active = await app.get(RegistryService).activePolicy();
    expect(Number(active?.retentionSeconds)).toBe(RETENTION_SECONDS);
  }, 60_000);

  it("stores the member's conversation, encrypted: nothing of it appears anywhere in the database", async () => {
    const reply = await ask();
    answer = reply.answer;
    conversationId = reply.conversationId ?? "";
    expect(conversationId).not.toBe("");
    expect(answer.length).toBeGreaterThan(20);
    const [row] = await db.query<{ member: string; ciphertext: string; left: number }>(
      `select member, ciphertext, extract(epoch from expires_at - now())::float8 as left
       from conversation where id = $1`,
      [conversationId],
    );
    expect(row?.member).toBe(member.address.toLowerCase());
    expect(row?.left).toBeGreaterThan(0);
    expect(row?.left).toBeLessThanOrEqual(RETENTION_SECONDS);
    const everything = await wholeDatabase();
    const decoded = Buffer.from(row?.ciphertext ?? "", "base64").toString("utf8");
    for (const haystack of [everything, decoded]) {
      expect(haystack).not.toContain("zq7-kestrel");
      expect(haystack).not.toContain(PROMPT);
      expect(haystack).not.toContain(answer);
      expect(haystack).not.toContain(answer.slice(0, 20));
    }
  });

  it("decrypts for its member only, through the API", async () => {
    const mine = await graphql<{ myConversations: Record<string, unknown>[] }>(
      `{ myConversations { ${CONVERSATION_FIELDS} } }`,
      {},
      apiKey,
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.myConversations).toEqual([
      {
        id: conversationId,
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        modelId: "commons-chat",
        modelVersion: "1.1.0",
        messages: [{ role: "user", content: PROMPT }],
        answer,
      },
    ]);
    const [stored] = mine.data?.myConversations ?? [];
    const kept = Date.parse(String(stored?.expiresAt)) - Date.parse(String(stored?.createdAt));
    expect(kept).toBeGreaterThan((RETENTION_SECONDS - 1) * 1000);
    expect(kept).toBeLessThanOrEqual((RETENTION_SECONDS + 1) * 1000);
    const one = await graphql<{ myConversation: { id: string } | null }>(
      "query ($id: String!) { myConversation(id: $id) { id answer } }",
      { id: conversationId },
      apiKey,
    );
    expect(one.data?.myConversation).toEqual({ id: conversationId, answer });

    // Another member sees none of it, and cannot delete it.
    const other = (await signIn(app, devAccount(1))).token;
    const theirs = await graphql<{ myConversations: unknown[]; myConversation: unknown }>(
      "query ($id: String!) { myConversations { id } myConversation(id: $id) { id } }",
      { id: conversationId },
      other,
    );
    expect(theirs.data).toEqual({ myConversations: [], myConversation: null });
    const deleted = await graphql<{ deleteMyConversation: boolean }>(
      "mutation ($id: String!) { deleteMyConversation(id: $id) }",
      { id: conversationId },
      other,
    );
    expect(deleted.data?.deleteMyConversation).toBe(false);
    expect(await app.get(ConversationStore).read(member.address, conversationId)).toBeDefined();

    // Without credentials: the error says how to sign in.
    const anonymous = await graphql("{ myConversations { id } }");
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("AUTH_REQUIRED");
  });

  it("is kept until its retention has passed, then purged", async () => {
    const store = app.get(ConversationStore);
    // What the app's purge timer runs (every minute): too early, it leaves the conversation alone.
    await store.purge();
    expect(await conversationIds()).toEqual([conversationId]);
    const deadline = Date.now() + (RETENTION_SECONDS + 5) * 1000;
    while ((await db.query("select id from conversation where expires_at > now()")).length > 0) {
      if (Date.now() > deadline) throw new Error("the conversation's retention never passed");
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await store.read(member.address, conversationId)).toBeUndefined();
    await store.purge();
    expect(await conversationIds()).toEqual([]);
  }, 20_000);

  it("deletes a member's conversations when the member asks, before their time", async () => {
    const first = (await ask()).conversationId ?? "";
    const second = (await ask()).conversationId ?? "";
    expect((await conversationIds()).sort()).toEqual([first, second].sort());
    const one = await graphql<{ deleteMyConversation: boolean }>(
      "mutation ($id: String!) { deleteMyConversation(id: $id) }",
      { id: first },
      apiKey,
    );
    expect(one.data?.deleteMyConversation).toBe(true);
    expect(await conversationIds()).toEqual([second]);
    const again = await graphql<{ deleteMyConversation: boolean }>(
      "mutation ($id: String!) { deleteMyConversation(id: $id) }",
      { id: first },
      apiKey,
    );
    expect(again.data?.deleteMyConversation).toBe(false);
    const all = await graphql<{ deleteMyConversations: number }>("mutation { deleteMyConversations }", {}, apiKey);
    expect(all.data?.deleteMyConversations).toBe(1);
    expect(await conversationIds()).toEqual([]);
  }, 30_000);
});

describe("back under a policy with retention 0", () => {
  it("stores nothing new", async () => {
    await governPolicy(
      encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "activatePolicy", args: [1n] }),
      "# Back to the genesis policy: keep nothing",
    );
    expect(Number((await app.get(RegistryService).activePolicy())?.retentionSeconds)).toBe(0);
    const { conversationId } = await ask();
    expect(conversationId).toBeNull();
    expect(await conversationIds()).toEqual([]);
    expect(await wholeDatabase()).not.toContain("zq7-kestrel");
  }, 60_000);
});
