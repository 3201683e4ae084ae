import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";

// The committed training corpora and evaluation sets of the bundled models (models/training/), as make_corpus.py
// wrote them: the held-out set must be held out. The same rules as make_corpus.py's check_split.
const TRAINING = path.resolve("models/training");

interface Dialogue {
  messages: { role: "user" | "assistant"; content: string }[];
}

const readJsonl = <T>(file: string): T[] =>
  readFileSync(path.join(TRAINING, file), "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as T);

/** make_corpus.norm: lowercase, runs of anything but letters, digits, brackets and _ become one space. */
const norm = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9[\]_]+/g, " ")
    .trim();
/** make_corpus.norm_sentences: the normalised sentences, and clauses after ; or :, of an answer. */
const sentences = (text: string) =>
  text
    .split(/(?<=[.!?;:])\s+/)
    .map(norm)
    .filter((s) => s.length > 0);
const turns = (dialogues: Dialogue[], role: "user" | "assistant") =>
  dialogues.flatMap((d) => d.messages.filter((m) => m.role === role).map((m) => m.content));

const corpora = readdirSync(path.join(TRAINING, "corpus")).filter((f) => f.endsWith(".jsonl"));
const training = corpora.flatMap((f) => readJsonl<Dialogue>(path.join("corpus", f)));
const heldout = readJsonl<Dialogue>("eval/heldout.jsonl");
const dev = readJsonl<Dialogue>("eval/dev.jsonl");
const trainingQuestions = new Set(turns(training, "user").map(norm));
const trainingAnswers = new Set(turns(training, "assistant").map(norm));
const trainingSentences = new Set(turns(training, "assistant").flatMap(sentences));

describe("the bundled models' evaluation sets", () => {
  it("are read from every training corpus", () => {
    expect(corpora).toEqual(["train.jsonl"]);
    expect(training.length).toBeGreaterThan(1000);
    expect(heldout.length).toBeGreaterThan(100);
    expect(dev.length).toBeGreaterThan(40);
  });

  it("hold out the perplexity set's questions: none is a training question", () => {
    expect(turns(heldout, "user").filter((q) => trainingQuestions.has(norm(q)))).toEqual([]);
  });

  it("hold out the key-phrase questions: none is a training question", () => {
    const questions = readJsonl<{ question: string }>("eval/questions.jsonl").map((q) => q.question);
    expect(questions.length).toBeGreaterThan(50);
    expect(questions.filter((q) => trainingQuestions.has(norm(q)))).toEqual([]);
  });

  it.each([
    ["held-out", heldout],
    ["dev", dev],
  ])("hold out the %s answers: none, nor any sentence of one, is in training", (_name, set) => {
    const answers = [...new Set(turns(set, "assistant"))];
    expect(answers.length).toBeGreaterThanOrEqual(49);
    expect(answers.filter((a) => trainingAnswers.has(norm(a)))).toEqual([]);
    expect(answers.flatMap(sentences).filter((s) => trainingSentences.has(s))).toEqual([]);
  });

  it("keep the dev answers, used to choose training settings, apart from the held-out answers", () => {
    const heldoutSentences = new Set(turns(heldout, "assistant").flatMap(sentences));
    expect(
      turns(dev, "assistant")
        .flatMap(sentences)
        .filter((s) => heldoutSentences.has(s)),
    ).toEqual([]);
  });
});
