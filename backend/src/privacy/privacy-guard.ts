// The privacy guards of one usage policy: what the chat applies to each request, configured from the on-chain policy
// fields (UsagePolicyRegistry.UsagePolicy: redactCategories, scanAnswers, restoreOriginals, promptInjection).
import { type Category, categoriesOf } from "./categories.js";
import { PrivacyError } from "./errors.js";
import { detectPromptInjection, type InjectionRule } from "./prompt-injection.js";
import { type Finding, redact } from "./redact.js";
import { RedactionSession } from "./redaction-session.js";
import { redactStream, StreamRedactor } from "./stream-redactor.js";

/** UsagePolicyRegistry.PromptInjectionAction, in the enum's order (Flag = 0, Refuse = 1). */
export const PROMPT_INJECTION_ACTIONS = ["Flag", "Refuse"] as const;
export type PromptInjectionAction = (typeof PROMPT_INJECTION_ACTIONS)[number];

/** The privacy fields of a usage policy, as the contract returns them (the enum as its number or its name). */
export interface PrivacyPolicy {
  readonly redactCategories: number;
  readonly scanAnswers: boolean;
  readonly restoreOriginals: boolean;
  readonly promptInjection: number | PromptInjectionAction;
}

/** What the guard did with a prompt: the text for the model, what was redacted, and the injection verdict. */
export interface GuardedPrompt {
  /** The prompt with its values replaced by placeholders: what the model may see. */
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly injection: {
    readonly suspected: boolean;
    readonly rules: readonly InjectionRule[];
    /** "none", or what the policy says to do: "flag" it in the response, "refuse" the request. */
    readonly action: "none" | "flag" | "refuse";
  };
}

function actionOf(value: number | PromptInjectionAction): PromptInjectionAction {
  const action = typeof value === "number" ? PROMPT_INJECTION_ACTIONS[value] : value;
  if (action === undefined || !PROMPT_INJECTION_ACTIONS.includes(action)) {
    throw new PrivacyError(
      "invalid-option",
      `promptInjection must be one of ${PROMPT_INJECTION_ACTIONS.map((name, i) => `${i} (${name})`).join(", ")}`,
    );
  }
  return action;
}

/**
 * The guards of one policy. Create it when the active policy changes; call {@link PrivacyGuard.startRequest} for
 * each chat request.
 * @throws {PrivacyError} `unknown-categories` or `invalid-option` for a policy the contract would not accept.
 */
export class PrivacyGuard {
  readonly categories: readonly Category[];
  readonly scanAnswers: boolean;
  readonly restoreOriginals: boolean;
  readonly promptInjection: PromptInjectionAction;

  constructor(policy: PrivacyPolicy) {
    this.categories = categoriesOf(policy.redactCategories);
    this.scanAnswers = policy.scanAnswers;
    this.restoreOriginals = policy.restoreOriginals;
    this.promptInjection = actionOf(policy.promptInjection);
  }

  /** The guard of one request: it holds the request's placeholders, in memory, until {@link RequestGuard.end}. */
  startRequest(): RequestGuard {
    return new RequestGuard(this);
  }
}

/** One chat request: its prompt messages, then its answer, share one redaction session. */
export class RequestGuard {
  readonly #policy: PrivacyGuard;
  readonly #session = new RedactionSession();

  constructor(policy: PrivacyGuard) {
    this.#policy = policy;
  }

  /** Redacts a prompt message (each message of the conversation in turn) and checks it for injection. */
  guardPrompt(text: string): GuardedPrompt {
    const { text: redacted, findings } = redact(text, { categories: this.#policy.categories, session: this.#session });
    const verdict = detectPromptInjection(text);
    const action = !verdict.suspected ? "none" : this.#policy.promptInjection === "Refuse" ? "refuse" : "flag";
    return { text: redacted, findings, injection: { ...verdict, action } };
  }

  /**
   * A push-based redactor for the answer: redacts it if the policy scans answers, and puts back the member's own
   * values if it restores originals.
   */
  answerRedactor(): StreamRedactor {
    return new StreamRedactor({
      categories: this.#policy.scanAnswers ? this.#policy.categories : [],
      restore: this.#policy.restoreOriginals,
      session: this.#session,
    });
  }

  /** The answer's chunks (model tokens) as they may be sent to the member. */
  guardAnswer(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string, void, undefined> {
    return redactStream(chunks, {
      categories: this.#policy.scanAnswers ? this.#policy.categories : [],
      restore: this.#policy.restoreOriginals,
      session: this.#session,
    });
  }

  /** Forgets the request's values. */
  end(): void {
    this.#session.dispose();
  }
}
