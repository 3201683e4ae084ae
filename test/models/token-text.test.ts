import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AutoTokenizer, env, type PreTrainedTokenizer } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { seededRandom } from "../../models/src/runtime/seeded-sampler.js";
import { ByteLevelVocabulary, type TokenText, WindowedTokenText } from "../../models/src/runtime/token-text.js";

const BUNDLED = path.resolve("models/commons-chat/1.0.0");

async function readJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
}

function streamed(text: TokenText, ids: bigint[]): { pieces: string[]; whole: string } {
  const pieces = ids.map((id) => text.push(id));
  pieces.push(text.flush());
  return { pieces, whole: pieces.join("") };
}

/** Token sequences that split multi-byte characters, mix in special tokens, and run long. */
function sequences(tokenizer: PreTrainedTokenizer, vocabSize: number): bigint[][] {
  const random = seededRandom(7);
  const texts = ["Delegate to yourself.", "café ✓ — 日本語 🙂 [EMAIL_1]", "né €\n\nok", "2,048 tokens; 0x90ef…"];
  const out = texts.map((t) => tokenizer.encode(t, { add_special_tokens: false }).map(BigInt));
  for (let n = 0; n < 300; n++) {
    const length = 1 + Math.floor(random() * 24);
    out.push(Array.from({ length }, () => BigInt(Math.floor(random() * vocabSize))));
  }
  return out;
}

describe("ByteLevelVocabulary", () => {
  let tokenizer: PreTrainedTokenizer;
  let tokenizerJson: Record<string, unknown>;
  let tokenizerConfig: Record<string, unknown>;
  let scratch: string;

  beforeAll(async () => {
    env.allowRemoteModels = false;
    env.useFSCache = false;
    env.useCustomCache = false;
    tokenizer = await AutoTokenizer.from_pretrained(BUNDLED, { local_files_only: true });
    tokenizerJson = await readJson(path.join(BUNDLED, "tokenizer.json"));
    tokenizerConfig = await readJson(path.join(BUNDLED, "tokenizer_config.json"));
    scratch = await mkdtemp(path.join(tmpdir(), "commons-tokenizer-"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("gives what transformers.js's decode gives, piece by piece, never half a character", () => {
    const vocabulary = ByteLevelVocabulary.from(tokenizerJson, tokenizerConfig) as ByteLevelVocabulary;
    expect(vocabulary).toBeDefined();
    const vocabSize = Object.keys((tokenizerJson.model as { vocab: object }).vocab).length;
    for (const ids of sequences(tokenizer, vocabSize)) {
      const { pieces, whole } = streamed(vocabulary.text(), ids);
      expect(whole).toBe(tokenizer.decode(ids, { skip_special_tokens: true }));
      // Only an incomplete character at the very end (flushed) may read as U+FFFD, as in a full decode.
      const expected = new WindowedTokenText((x) =>
        x.length ? tokenizer.decode(x, { skip_special_tokens: true }) : "",
      );
      expect(streamed(expected, ids).whole).toBe(whole);
      expect(pieces.length).toBe(ids.length + 1);
    }
  });

  it("writes a non-special added token as is, ending the bytes before it", async () => {
    const dir = path.join(scratch, "added");
    await cp(BUNDLED, dir, { recursive: true });
    const json = structuredClone(tokenizerJson) as { added_tokens: { content: string; special: boolean }[] };
    const system = json.added_tokens.find((t) => t.content === "<|system|>") as { special: boolean };
    system.special = false;
    const config = { ...tokenizerConfig, additional_special_tokens: ["<|user|>", "<|assistant|>"] };
    await writeFile(path.join(dir, "tokenizer.json"), JSON.stringify(json));
    await writeFile(path.join(dir, "tokenizer_config.json"), JSON.stringify(config));
    const other = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
    const vocabulary = ByteLevelVocabulary.from(json, config) as ByteLevelVocabulary;
    const euro = other.encode("€", { add_special_tokens: false }).map(BigInt);
    for (const ids of [
      [...euro.slice(0, 1), 5n, ...euro],
      [1n, 5n, 3n, ...euro, 5n, 2n],
    ]) {
      expect(streamed(vocabulary.text(), ids).whole).toBe(other.decode(ids, { skip_special_tokens: true }));
    }
  });

  it("declines tokenizers that are not plain byte-level", () => {
    const with_ = (patch: Record<string, unknown>) => ({ ...tokenizerJson, ...patch });
    expect(ByteLevelVocabulary.from(with_({ decoder: { type: "Metaspace" } }), tokenizerConfig)).toBeUndefined();
    expect(
      ByteLevelVocabulary.from(with_({ model: { type: "WordPiece", vocab: {} } }), tokenizerConfig),
    ).toBeUndefined();
    expect(
      ByteLevelVocabulary.from(tokenizerJson, { ...tokenizerConfig, clean_up_tokenization_spaces: true }),
    ).toBeUndefined();
    expect(ByteLevelVocabulary.from(tokenizerJson, { chat_template: "" })).toBeUndefined();
  });
});
