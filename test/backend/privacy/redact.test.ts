// One-shot redaction: typed, numbered placeholders shared within a request, restoration of the member's own values,
// and results, errors and logs that never carry a value.
import { inspect } from "node:util";
import { describe, expect, it } from "@jest/globals";
import { CATEGORY_BITS, PrivacyError, RedactionSession, redact } from "../../../backend/src/privacy/index.js";

const PROMPT =
  "I'm Priya Raman, email priya.raman@example.org or PRIYA.RAMAN@example.org, card 4111 1111 1111 1111, " +
  "call +44 20 7946 0958 or +442079460958.";

describe("redact", () => {
  it("restores a value with invisible characters inside exactly as it was written", () => {
    const session = new RedactionSession();
    const text = "mail jane\u200b@example.com or call 415\u200b555\u200b0132";
    const redacted = redact(text, { session });
    expect(redacted.text).toBe("mail [EMAIL_1] or call [PHONE_1]");
    expect(session.restore(redacted.text)).toBe(text);
  });

  it("gives a number the same placeholder in full-width and ASCII digits, and different numbers different ones", () => {
    const session = new RedactionSession();
    const text = "call ０９０－１２３４－５６７８ or 090-1234-5678, not ０８０－９８７６－５４３２";
    expect(redact(text, { categories: ["PHONE"], session }).text).toBe("call [PHONE_1] or [PHONE_1], not [PHONE_2]");
  });

  it("replaces values with typed, numbered placeholders; the same value gets the same one", () => {
    const session = new RedactionSession();
    const result = redact(PROMPT, { session });
    expect(result.text).toBe(
      "I'm [PERSON_NAME_1], email [EMAIL_1] or [EMAIL_1], card [PAYMENT_CARD_1], call [PHONE_1] or [PHONE_1].",
    );
    expect(result.findings).toEqual([
      { category: "EMAIL", count: 2 },
      { category: "PHONE", count: 2 },
      { category: "PAYMENT_CARD", count: 1 },
      { category: "PERSON_NAME", count: 1 },
    ]);
    expect(session.size).toBe(4);
    const next = redact("Also bob@example.com and priya.raman@example.org", { session });
    expect(next.text).toBe("Also [EMAIL_2] and [EMAIL_1]");
  });

  it("redacts only the policy's categories", () => {
    const result = redact(PROMPT, { categories: CATEGORY_BITS.EMAIL | CATEGORY_BITS.PHONE });
    expect(result.text).toContain("Priya Raman");
    expect(result.text).toContain("4111 1111 1111 1111");
    expect(result.text).not.toContain("example.org");
    expect(redact(PROMPT, { categories: [] }).text).toBe(PROMPT);
  });

  it("leaves a text without values as it is, and redacting twice changes nothing", () => {
    expect(redact("What is the capital of Australia?")).toEqual({
      text: "What is the capital of Australia?",
      findings: [],
    });
    const once = redact(PROMPT).text;
    expect(redact(once).text).toBe(once);
  });

  it("restores the member's own values into an answer, and only those", () => {
    const session = new RedactionSession();
    redact(PROMPT, { session });
    redact("someone else: eve@example.net", { session, restorable: false });
    const answer = "Sure [PERSON_NAME_1], I will write to [EMAIL_1], not [EMAIL_2], and keep [IBAN_1] as is.";
    expect(session.restore(answer)).toBe(
      "Sure Priya Raman, I will write to priya.raman@example.org, not [EMAIL_2], and keep [IBAN_1] as is.",
    );
  });

  it("keeps values out of results, JSON, inspection and errors", () => {
    const session = new RedactionSession();
    const result = redact(PROMPT, { session });
    const shown = [JSON.stringify(result), JSON.stringify(session), inspect(session), String(session), inspect(result)];
    for (const text of shown) {
      for (const value of ["Priya", "priya.raman", "4111", "7946"]) expect(text).not.toContain(value);
    }
    expect(JSON.stringify(session)).toBe('{"placeholders":4}');
    session.dispose();
    let error: unknown;
    try {
      session.restore("[EMAIL_1]");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PrivacyError);
    expect((error as PrivacyError).code).toBe("session-disposed");
    expect(String(error)).not.toContain("priya");
  });

  it("rejects an unknown category mask without echoing the text", () => {
    expect(() => redact(PROMPT, { categories: 1 << 20 })).toThrow(PrivacyError);
    try {
      redact(PROMPT, { categories: 1 << 20 });
    } catch (error) {
      expect((error as Error).message).not.toContain("Priya");
    }
  });
});
