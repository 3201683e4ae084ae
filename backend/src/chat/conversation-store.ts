import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from "node:crypto";
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from "@nestjs/common";
import { APP_CONFIG, type AppConfig } from "../config/app-config.js";
import { dataDirSecret } from "../config/data-dir-secret.js";
import { DATABASE, type Database } from "../database/database.js";

/** A stored conversation, as it was sent to the model (redacted) and answered. */
export interface StoredConversation {
  messages: { role: string; content: string }[];
  answer: string;
  modelId: string;
  modelVersion: string;
}

/** A stored conversation with its id and times. */
export interface ConversationRecord extends StoredConversation {
  id: string;
  createdAt: Date;
  expiresAt: Date;
}

type ConversationRow = {
  id: string;
  /** Seconds since the epoch (drivers differ in how they return timestamps). */
  created: number | string;
  expires: number | string;
  iv: string;
  tag: string;
  ciphertext: string;
};

const SELECT_ROWS = `select id, extract(epoch from created_at)::float8 as created,
  extract(epoch from expires_at)::float8 as expires, iv, tag, ciphertext from conversation`;

/**
 * Conversations kept for a policy whose `retentionSeconds` is above zero: encrypted with AES-256-GCM under
 * CONVERSATION_KEY (64 hex characters; generated into DATA_DIR when unset) and deleted when their time is up (checked
 * every minute). What is stored is the redacted conversation the model saw, never the originals. With retention 0,
 * {@link store} is never called and nothing is written. Members read and delete their own (GraphQL
 * `myConversations`, `deleteMyConversation`), never anyone else's.
 */
@Injectable()
export class ConversationStore implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #logger = new Logger("Conversations");
  readonly #key: Buffer;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
  ) {
    this.#key = conversationKey(process.env.CONVERSATION_KEY, config.dataDir, this.#logger);
  }

  onApplicationBootstrap(): void {
    void this.purge();
    this.#timer = setInterval(() => void this.purge(), 60_000);
    this.#timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.#timer);
  }

  /** Stores `conversation` for `retentionSeconds`; returns its id. */
  async store(member: string, conversation: StoredConversation, retentionSeconds: number): Promise<string> {
    const id = randomUUID();
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    cipher.setAAD(Buffer.from(`${id}:${member.toLowerCase()}`));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(conversation), "utf8"), cipher.final()]);
    await this.db.query(
      `insert into conversation (id, member, expires_at, iv, tag, ciphertext)
       values ($1, $2, now() + make_interval(secs => $3), $4, $5, $6)`,
      [
        id,
        member.toLowerCase(),
        retentionSeconds,
        iv.toString("base64"),
        cipher.getAuthTag().toString("base64"),
        ciphertext.toString("base64"),
      ],
    );
    return id;
  }

  /** A member's stored conversation, decrypted; undefined when absent, expired or someone else's. */
  async read(member: string, id: string): Promise<StoredConversation | undefined> {
    const record = await this.find(member, id);
    if (!record) return undefined;
    const { messages, answer, modelId, modelVersion } = record;
    return { messages, answer, modelId, modelVersion };
  }

  /** {@link read}, with the conversation's id and times. */
  async find(member: string, id: string): Promise<ConversationRecord | undefined> {
    const [row] = await this.db.query<ConversationRow>(
      `${SELECT_ROWS} where id = $1 and member = $2 and expires_at > now()`,
      [id, member.toLowerCase()],
    );
    return row && this.#decrypt(member, row);
  }

  /** A member's stored conversations that have not expired, newest first, at most `first`. */
  async list(member: string, first: number): Promise<ConversationRecord[]> {
    const rows = await this.db.query<ConversationRow>(
      `${SELECT_ROWS} where member = $1 and expires_at > now() order by created_at desc, id limit $2`,
      [member.toLowerCase(), first],
    );
    return rows.map((row) => this.#decrypt(member, row));
  }

  /** Deletes a member's stored conversation before its time; false when there is none of theirs with that id. */
  async delete(member: string, id: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      "delete from conversation where id = $1 and member = $2 returning id",
      [id, member.toLowerCase()],
    );
    return rows.length > 0;
  }

  /** Deletes every stored conversation of a member; returns how many. */
  async deleteAll(member: string): Promise<number> {
    const rows = await this.db.query<{ id: string }>("delete from conversation where member = $1 returning id", [
      member.toLowerCase(),
    ]);
    return rows.length;
  }

  #decrypt(member: string, row: ConversationRow): ConversationRecord {
    const decipher = createDecipheriv("aes-256-gcm", this.#key, Buffer.from(row.iv, "base64"));
    decipher.setAAD(Buffer.from(`${row.id}:${member.toLowerCase()}`));
    decipher.setAuthTag(Buffer.from(row.tag, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(row.ciphertext, "base64")), decipher.final()]);
    const conversation = JSON.parse(plain.toString("utf8")) as StoredConversation;
    return {
      ...conversation,
      id: row.id,
      createdAt: new Date(Number(row.created) * 1000),
      expiresAt: new Date(Number(row.expires) * 1000),
    };
  }

  /** Deletes every conversation whose retention has passed; returns how many. */
  async purge(): Promise<number> {
    try {
      const rows = await this.db.query<{ id: string }>(
        "delete from conversation where expires_at <= now() returning id",
      );
      if (rows.length > 0) this.#logger.log({ message: "expired conversations deleted", count: rows.length });
      return rows.length;
    } catch (error) {
      this.#logger.error({ message: "conversation purge failed", error: (error as Error).message });
      return 0;
    }
  }
}

function conversationKey(configured: string | undefined, dataDir: string, logger: Logger): Buffer {
  const HEX_KEY = /^[0-9a-fA-F]{64}$/;
  if (configured) {
    if (!HEX_KEY.test(configured)) {
      throw new Error(
        "CONVERSATION_KEY must be 64 hex characters (32 bytes); generate one with `openssl rand -hex 32`",
      );
    }
    return Buffer.from(configured, "hex");
  }
  const secret = dataDirSecret(dataDir, {
    fileName: "conversation-key",
    generate: () => randomBytes(32).toString("hex"),
    isValid: (value) => HEX_KEY.test(value),
    invalid: (file) =>
      new Error(
        `${file} does not hold 64 hex characters; set CONVERSATION_KEY to the key the stored conversations were encrypted with, or delete the file (stored conversations then cannot be read)`,
      ),
  });
  if (secret.exposed)
    logger.warn({ message: `${secret.file} is readable by other users: chmod 600 it`, file: secret.file });
  if (secret.created && secret.file !== undefined) {
    logger.warn({
      message: "generated a conversation encryption key; set CONVERSATION_KEY to share it across replicas",
      file: secret.file,
    });
  }
  return Buffer.from(secret.value, "hex");
}
