// Retention: conversations a policy keeps are stored encrypted, readable only by their member, and deleted on time.
import "reflect-metadata";
import { afterAll, describe, expect, it } from "@jest/globals";
import { ConversationStore } from "../../../backend/src/chat/conversation-store.js";
import { loadAppConfig } from "../../../backend/src/config/app-config.js";
import type { Database } from "../../../backend/src/database/database.js";
import { migrate } from "../../../backend/src/database/migrations.js";
import { openPgliteDatabase } from "../../../backend/src/database/pglite-database.js";

const databases: Database[] = [];
afterAll(async () => {
  for (const db of databases) await db.close();
});

async function store(): Promise<{ db: Database; conversations: ConversationStore }> {
  const db = await openPgliteDatabase("memory://");
  databases.push(db);
  await migrate(db);
  return { db, conversations: new ConversationStore(loadAppConfig({ DATA_DIR: "memory://" }), db) };
}

const member = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const conversation = {
  messages: [{ role: "user", content: "My email is [EMAIL_1]; how do I delegate?" }],
  answer: "Call delegate(your address) on the token.",
  modelId: "commons-chat",
  modelVersion: "1.1.0",
};

describe("ConversationStore", () => {
  it("stores a conversation encrypted and gives it back to its member only", async () => {
    const { db, conversations } = await store();
    const id = await conversations.store(member, conversation, 3600);
    const [row] = await db.query<{ ciphertext: string }>("select ciphertext from conversation where id = $1", [id]);
    expect(Buffer.from(row?.ciphertext ?? "", "base64").toString("utf8")).not.toContain("delegate");
    expect(await conversations.read(member, id)).toEqual(conversation);
    expect(await conversations.read("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", id)).toBeUndefined();
  });

  it("refuses a tampered ciphertext", async () => {
    const { db, conversations } = await store();
    const id = await conversations.store(member, conversation, 3600);
    await db.query("update conversation set ciphertext = translate(ciphertext, 'AB', 'BA') where id = $1", [id]);
    await expect(conversations.read(member, id)).rejects.toThrow(/authenticate/);
  });

  it("deletes conversations whose retention has passed", async () => {
    const { db, conversations } = await store();
    const kept = await conversations.store(member, conversation, 3600);
    const expired = await conversations.store(member, conversation, 1);
    await db.query("update conversation set expires_at = now() - interval '1 second' where id = $1", [expired]);
    expect(await conversations.read(member, expired)).toBeUndefined();
    expect(await conversations.purge()).toBe(1);
    expect((await db.query<{ id: string }>("select id from conversation")).map((r) => r.id)).toEqual([kept]);
  });
});
