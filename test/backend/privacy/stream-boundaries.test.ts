// Where the stream redactor may cut: the cut rules let plain prose, capitalised words, identifiers and placeholders
// go before the answer ends, and never let a piece of a value go first. Values are put right after text the rules
// would release (long plain prose, capitalised words far enough back, the start of the stream), which is where a
// rule that is too loose would send part of them.
import { describe, expect, it } from "@jest/globals";
import { generateCorpus } from "../../../backend/bench/privacy/corpus.js";
import { Random } from "../../../backend/bench/privacy/values.js";
import { CATEGORIES } from "../../../backend/src/privacy/categories.js";
import { detect } from "../../../backend/src/privacy/detect.js";
import { NAME_RIGHT_CONTEXT_CHARS } from "../../../backend/src/privacy/detectors/person-name.js";
import { RedactionSession, StreamRedactor } from "../../../backend/src/privacy/index.js";
import {
  INERT_CHARS,
  isInertToken,
  isShortReachWord,
  SHORT_REACH,
  safeCut,
} from "../../../backend/src/privacy/stream-boundaries.js";
import { oneShot, randomChunks, streamed } from "./helpers/streaming.js";

/** Text the rules release as it arrives: before a value, it is where a loose rule would let the value's start go. */
const LEAD_INS = [
  "",
  "we were told that the best way to ask these kinds of questions is to write to the mailbox of ",
  "Call castVote on the COMMONS token once the vote opens, and then ask the others to do the same thing for ",
  "Redaction hides [EMAIL_1] and the rest from the model in may or june, so everything should be fine with ",
  "Delegate to yourself: call delegate(yourAddress) on the token, and your votes then count as soon as ",
  "The ModelRegistry keeps every approved version on chain, and the backend only serves those to its members ",
];

/** Values that hold whitespace, or that a neighbour makes a value, in the forms a cut could split. */
const VALUES = [
  "helpdesk [at] example [dot] org",
  "helpdesk (at) example (dot) org",
  "support [dot] team [at] example [dot] org",
  "helpdesk at example dot org",
  "jane dot doe at mail dot example dot co dot uk",
  "Tommaso Rossi",
  "Tommaso Rossi said",
  "Colton Langley is coming",
  "Rohan Patel was born",
  "Kwame and Priya Sharma",
  "Dr. Okafor",
  "Maria de la Cruz",
  "my name is tommaso rossi",
  "“Tommaso Rossi”",
  "tommaso said it",
  "jane\u200b@example.com",
  "415\u2013555\u20130132",
  "Best regards,\r\nAna Souza",
  "talked to oluwaseun",
  "_Tommaso Rossi_",
  "Dear 김민준",
  "김민준 씨에게",
  "我叫王小明",
  "@rafaela can you review",
  "born on may 3, 1990",
  "3 May 1990, my birthday",
  "12/03/1990 is my date of birth",
  "Hauptstraße 5, 10115 Berlin",
  "221B Baker Street, London NW1 6XE",
  "+44 20 7946 0958",
  "4111 1111 1111 1111",
  "DE89 3704 0044 0532 0130 00",
  "123 45 6789 (my SSN)",
  "abandon ability able about above absent absorb abstract absurd abuse access accident",
  "password is Sunsh1ne!",
  "password: delegate(yourAddress)",
];

const TAIL = " and that is all for now, thanks.";

describe("stream cut rules", () => {
  it.each(VALUES)("never send a piece of %j after text they release, wherever the stream is split", (value) => {
    for (const lead of LEAD_INS) {
      const text = `${lead}${value}${TAIL}`;
      const expected = oneShot(text);
      for (let cut = 1; cut < text.length; cut++) {
        expect(streamed([text.slice(0, cut), text.slice(cut)]).join("")).toBe(expected);
      }
      let sent = "";
      for (const chunk of streamed([...text])) {
        sent += chunk;
        expect(expected.startsWith(sent)).toBe(true);
      }
      expect(sent).toBe(expected);
    }
  });

  it("give the one-shot result on corpus messages put after released text, at random chunk sizes", () => {
    const r = new Random(5);
    for (const message of generateCorpus(17, 300, 60)) {
      const text = `${r.pick(LEAD_INS)}${message.text}${TAIL}`;
      expect(streamed(randomChunks(text, r, 8)).join("")).toBe(oneShot(text));
    }
  });

  it("send an answer that opens with capitalised words and identifiers before it ends", () => {
    const answer =
      "Call castVote on the governor with the proposal id and your choice, then wait until the voting period ends.";
    let sentBeforeEnd = "";
    const redactor = new StreamRedactor({ session: new RedactionSession() });
    for (const chunk of answer.match(/.{1,4}/gs) ?? []) sentBeforeEnd += redactor.push(chunk);
    expect(sentBeforeEnd.length).toBeGreaterThan(answer.length / 2);
    expect(sentBeforeEnd + redactor.end()).toBe(answer);
  });

  it("send the opening words of a stream without waiting for a full window of prose", () => {
    const text = "the answer is yes, it";
    expect(safeCut(text, 0, [], false, true)).toBe(text.indexOf("it"));
    // The same words after text that was dropped from the context are not enough.
    expect(safeCut(text, 0, [], false, false)).toBe(0);
  });

  it("hold a capitalised word until a plain word closes its run and it is far enough back", () => {
    const text = "ask Tommaso about the plan for the week ahead of us all now";
    const afterName = text.indexOf("Tommaso") + "Tommaso".length;
    const cut = safeCut(text, 0, [], false, true);
    expect(cut - afterName).toBeGreaterThanOrEqual(SHORT_REACH);
    expect(safeCut("ask Tommaso Rossi", 0, [], false, true)).toBe(0);
    expect(cut).toBeLessThan(text.length);
  });

  it("wait longer after a capitalised word than the name detector reads after a run", () => {
    expect(SHORT_REACH).toBeGreaterThan(NAME_RIGHT_CONTEXT_CHARS);
    // What follows a run further than that does not change whether it is a name.
    const run = "we saw Thornquist";
    const filler = " and the others of the group ";
    expect(filler.length).toBeGreaterThanOrEqual(NAME_RIGHT_CONTEXT_CHARS);
    const names = (after: string) =>
      detect(`${run}${filler}${after}`, CATEGORIES)
        .filter((span) => span.start < run.length)
        .map((span) => `${span.category} ${span.start}-${span.end}`);
    const alone = names("left early.");
    for (const after of ["said hi.", "was born here.", "is coming too.", "and I left.", "'s car broke."]) {
      expect(names(after)).toEqual(alone);
    }
    // Within reach it does: the same words right after the run make it a name.
    expect(detect(`${run} said hi.`, CATEGORIES).map((span) => span.category)).toContain("PERSON_NAME");
    expect(alone).toEqual([]);
  });

  it("hold the word before an obfuscated email's [at] or [dot], whole or in part", () => {
    const prose = "we were told that the best way to ask these kinds of questions is to write to ";
    expect(prose.length).toBeGreaterThan(INERT_CHARS);
    for (const next of [
      "[at] example [dot] org",
      "[at",
      "[ a",
      "(",
      "{at}",
      "<at>",
      "[dot] team [at] x",
      "(do",
      "[ d",
    ]) {
      const text = `${prose}helpdesk ${next}`;
      expect(safeCut(text, 0, [], false)).toBeLessThanOrEqual(text.indexOf("helpdesk"));
    }
    const text = `${prose}helpdesk [EMAIL_1] today`;
    expect(safeCut(text, 0, [], false)).toBeGreaterThan(text.indexOf("helpdesk"));
  });

  it("hold the word before a spelled-out email's at or dot, whole or in part", () => {
    const prose = "we were told that the best way to ask these kinds of questions is to write to ";
    for (const next of ["at example dot org", "at", "a", "dot doe", "d", "do"]) {
      const text = `${prose}helpdesk ${next}`;
      expect(safeCut(text, 0, [], false)).toBeLessThanOrEqual(text.indexOf("helpdesk"));
    }
    // Nor is a cut right after "at" or "dot": the rest of the address would follow.
    const after = `${prose}helpdesk at `;
    expect(safeCut(`${after}e`, 0, [], false)).toBeLessThanOrEqual(after.indexOf("helpdesk"));
  });

  it("classify words: plain, placeholders, short-reach words, and the rest", () => {
    expect(isInertToken("governor,", true)).toBe(true);
    expect(isInertToken("policy's", true)).toBe(true);
    expect(isInertToken("[EMAIL_1].", true)).toBe(true);
    expect(isInertToken("[NOT_A_CATEGORY_1]", false)).toBe(false);
    expect(isInertToken("abandon", true)).toBe(false);
    expect(isInertToken("abandon", false)).toBe(true);
    expect(isInertToken("street", false)).toBe(false);
    expect(isInertToken("may", false)).toBe(false);
    expect(isShortReachWord("may")).toBe(true);
    expect(isShortReachWord("COMMONS")).toBe(true);
    expect(isShortReachWord("castVote")).toBe(true);
    expect(isShortReachWord("Müller's")).toBe(true);
    expect(isShortReachWord("Street")).toBe(false);
    expect(isShortReachWord("De")).toBe(false);
    expect(isShortReachWord("sha256")).toBe(false);
    expect(isShortReachWord("delegate(you)")).toBe(false);
    expect(isInertToken("delegate(yourAddress)", true)).toBe(true);
    expect(isInertToken("getVotes(account,timepoint).", false)).toBe(true);
    expect(isInertToken("f(0x12)", false)).toBe(false);
  });
});
