import { describe, expect, it } from "@jest/globals";
import { IncrementalTextDecoder } from "../../models/src/runtime/text-decoder.js";
import { WindowedTokenText } from "../../models/src/runtime/token-text.js";

/** A toy tokenizer: each id is one UTF-8 byte, so a character can span several tokens. */
const utf8 = (ids: bigint[]) => Buffer.from(ids.map(Number)).toString("utf8");
const decoderFor = (stop: string[]) => new IncrementalTextDecoder(new WindowedTokenText(utf8), stop);
const tokens = (text: string) => [...Buffer.from(text, "utf8")].map(BigInt);

function feed(decoder: IncrementalTextDecoder, text: string): string[] {
  return tokens(text).map((id) => decoder.push([id]));
}

describe("IncrementalTextDecoder", () => {
  it("sends text as it comes and everything by the end", () => {
    const decoder = decoderFor([]);
    const pieces = feed(decoder, "Delegate to yourself.");
    expect(pieces.join("") + decoder.flush()).toBe("Delegate to yourself.");
    expect(decoder.tokenCount).toBe(21);
  });

  it("never sends half of a multi-byte character", () => {
    const decoder = decoderFor([]);
    const pieces = feed(decoder, "né €");
    expect(pieces.every((p) => !p.includes("\uFFFD"))).toBe(true);
    expect(pieces.join("") + decoder.flush()).toBe("né €");
  });

  it("stops at a stop sequence split over several tokens, and sends none of it", () => {
    const decoder = decoderFor(["\nUser:"]);
    const pieces = feed(decoder, "Yes.\nUser: and then?");
    expect(decoder.stopped).toBe(true);
    expect(pieces.join("") + decoder.flush()).toBe("Yes.");
    expect(decoder.text).toBe("Yes.");
  });

  it("holds back a tail that may start a stop sequence, and sends it when it does not", () => {
    const decoder = decoderFor(["STOP"]);
    const sent = feed(decoder, "ST").join("");
    expect(sent).toBe("");
    expect(decoder.push(tokens("a"))).toBe("STa");
    expect(decoder.stopped).toBe(false);
  });

  it("sends an incomplete character left at the end when flushed, as a full decode would", () => {
    const decoder = decoderFor([]);
    const pieces = tokens("ok €")
      .slice(0, -1)
      .map((id) => decoder.push([id]));
    expect(pieces.join("")).toBe("ok ");
    expect(decoder.flush()).toBe("\uFFFD");
  });

  it("cuts at the earliest of several stop sequences", () => {
    const decoder = decoderFor(["world", "lo"]);
    feed(decoder, "hello world");
    expect(decoder.text).toBe("hel");
  });
});
