// Detection of prompt-injection attempts in a member's prompt (or in a document pasted into it): keyword and pattern
// rules (prompt-injection-rules.ts), and where none matches, a small learned classifier (prompt-injection-
// classifier.ts) for the paraphrases and disguises rules miss. The verdict lists rule names, never the text that
// matched them. What to do with a suspected injection is the policy's choice (`promptInjection`: flag it in the
// response, or refuse the request).
import { readFileSync } from "node:fs";
import { InjectionClassifier, type InjectionModelFile } from "./prompt-injection-classifier.js";
import { revealDisguisedText } from "./prompt-injection-features.js";
import { matchPatternRules, PATTERN_RULES } from "./prompt-injection-rules.js";

/** The rules, by name; "classifier" is the learned classifier. */
export const INJECTION_RULES = [...PATTERN_RULES, "classifier"] as const;

export type InjectionRule = (typeof INJECTION_RULES)[number];

/** The verdict on a prompt: rule names only. */
export interface InjectionVerdict {
  readonly suspected: boolean;
  readonly rules: readonly InjectionRule[];
}

/** The classifier's weights, written by backend/bench/privacy/train-injection-model.ts. */
export const INJECTION_MODEL_FILE = new URL("./prompt-injection-model.json", import.meta.url);

// Read once, at import (a JSON import attribute would do the same, but SWC under jest drops it): a call does no I/O.
const classifier = new InjectionClassifier(
  JSON.parse(readFileSync(INJECTION_MODEL_FILE, "utf8")) as InjectionModelFile,
);

/**
 * Checks a prompt for injection attempts.
 * @returns The names of the rules that matched (in {@link INJECTION_RULES} order), or `["classifier"]` when no rule
 * matched but the classifier's score reached its threshold; `suspected` if any did.
 */
export function detectPromptInjection(text: string): InjectionVerdict {
  let rules: InjectionRule[] = matchPatternRules(text);
  // A disguised order ("ｉｇｎｏｒｅ …", ROT13, reversed) is held to the same rules once undone.
  if (rules.length === 0) {
    const revealed = revealDisguisedText(text);
    if (revealed !== undefined) rules = matchPatternRules(revealed);
  }
  // The classifier runs only when no rule matched: it cannot change a verdict the rules already gave.
  if (rules.length === 0 && classifier.score(text) >= classifier.threshold) rules.push("classifier");
  return { suspected: rules.length > 0, rules };
}
