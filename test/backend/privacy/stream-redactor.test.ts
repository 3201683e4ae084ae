// Streamed redaction: whatever the chunking, the member receives exactly the one-shot redaction, so no piece of a
// value is ever sent before it is known to be one; placeholders the model echoes are restored across chunks.
import { describe, expect, it } from "@jest/globals";
import { generateCorpus } from "../../../backend/bench/privacy/corpus.js";
import { Random } from "../../../backend/bench/privacy/values.js";
import {
  PrivacyError,
  RedactionSession,
  redact,
  redactStream,
  StreamRedactor,
} from "../../../backend/src/privacy/index.js";
import { oneShot, randomChunks, streamed } from "./helpers/streaming.js";

const VALUES = [
  "jane.doe@example.org",
  "+44 20 7946 0958",
  "4111 1111 1111 1111",
  "DE89 3704 0044 0532 0130 00",
  "123-45-6789",
  "2001:db8::8a2e:370:7334",
  "221B Baker Street, London NW1 6XE",
  "abandon ability able about above absent absorb abstract absurd abuse access accident",
  "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
];

describe("StreamRedactor", () => {
  it.each(VALUES)("never sends a piece of %j, wherever the stream is split", (value) => {
    const text = `Here it is: ${value} and that is all for today, thanks a lot for your patience with this.`;
    const expected = oneShot(text);
    expect(expected).not.toContain(value.slice(0, 6));
    for (let cut = 1; cut < text.length; cut++) {
      const out = streamed([text.slice(0, cut), text.slice(cut)]);
      expect(out.join("")).toBe(expected);
    }
    // One character at a time: every prefix sent so far is a prefix of the one-shot redaction.
    const out = streamed([...text]);
    let sent = "";
    for (const chunk of out) {
      sent += chunk;
      expect(expected.startsWith(sent)).toBe(true);
    }
    expect(sent).toBe(expected);
  });

  it("holds a PEM block until its END line", () => {
    const block = `-----BEGIN PRIVATE KEY-----\n${"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkw\n".repeat(30)}-----END PRIVATE KEY-----`;
    const text = `${"Plain words before the key arrive here. ".repeat(20)}${block}\nthat was it`;
    const redactor = new StreamRedactor({ session: new RedactionSession() });
    let sent = "";
    for (let i = 0; i < text.length; i += 7) {
      sent += redactor.push(text.slice(i, i + 7));
      expect(sent).not.toContain("QUJDREVGR0hJ");
    }
    sent += redactor.end();
    expect(sent).toBe(oneShot(text));
    expect(redactor.findings).toEqual([{ category: "PRIVATE_KEY", count: 1 }]);
  });

  it("sends plain prose without waiting for the end", () => {
    const prose = "the weather is nice today and everyone seems happy about it, so let us go outside and play. ";
    const redactor = new StreamRedactor({ session: new RedactionSession() });
    let sent = 0;
    for (const chunk of prose.repeat(10).match(/.{1,4}/gs) ?? []) sent += redactor.push(chunk).length;
    expect(sent).toBeGreaterThan(prose.length * 8);
  });

  it("gives the one-shot result on corpus messages and long answers, at random chunk sizes", () => {
    const corpus = generateCorpus(11, 150, 50);
    const r = new Random(3);
    const texts = [
      ...corpus.map((message) => message.text),
      ...Array.from({ length: 8 }, () => Array.from({ length: 30 }, () => r.pick(corpus).text).join(" ")),
    ];
    for (const text of texts) expect(streamed(randomChunks(text, r, 12)).join("")).toBe(oneShot(text));
  });

  it("restores the member's placeholders split over chunks, not those of values found in the answer", () => {
    const session = new RedactionSession();
    redact("My email is jane.doe@example.org and my phone +44 20 7946 0958.", { session });
    const answer = "I will email [EMAIL_1] and text [PHONE_1]; also reach bob@corp.example.com, or [EMAIL_1] again.";
    for (let cut = 1; cut < answer.length; cut++) {
      const redactor = new StreamRedactor({ session, restore: true });
      const out = redactor.push(answer.slice(0, cut)) + redactor.push(answer.slice(cut)) + redactor.end();
      expect(out).toBe(
        "I will email jane.doe@example.org and text +44 20 7946 0958; also reach [EMAIL_2], or jane.doe@example.org again.",
      );
    }
  });

  it("restores without redacting when the policy does not scan answers", () => {
    const session = new RedactionSession();
    redact("Call me on +44 20 7946 0958", { session });
    const out = streamed(["Calling [PHO", "NE_1] now, bob@x", ".org"], { session, categories: [], restore: true });
    expect(out.join("")).toBe("Calling +44 20 7946 0958 now, bob@x.org");
  });

  it("passes chunks through when there is nothing to redact or restore", () => {
    expect(streamed(["a b", "c"], { categories: 0 })).toEqual(["a b", "c", ""]);
  });

  it("refuses chunks after the end", () => {
    const redactor = new StreamRedactor();
    redactor.end();
    expect(() => redactor.push("x")).toThrow(PrivacyError);
  });

  it("wraps an async iterable", async () => {
    async function* tokens() {
      yield* ["Reach me at jane", ".doe@exam", "ple.org today"];
    }
    const out: string[] = [];
    for await (const chunk of redactStream(tokens())) out.push(chunk);
    expect(out.join("")).toBe("Reach me at [EMAIL_1] today");
  });
});
