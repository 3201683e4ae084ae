// The privacy guards, usable as a library: redaction of personal data and secrets in prompts and answers (one-shot
// and streamed), restoration of a member's own values, and prompt-injection heuristics. Nothing here logs, stores or
// reports the text it scans: results carry the redacted text and categories with counts, errors carry no values.
//
//   loadPersonNameData();                                   // optional, at start-up: word lists and models (~0.7 s)
//   const guard = new PrivacyGuard(activePolicy);          // UsagePolicyRegistry fields
//   const request = guard.startRequest();                   // one per chat request
//   const prompt = request.guardPrompt(userMessage);        // { text, findings, injection: { action, rules } }
//   if (prompt.injection.action === "refuse") …
//   for await (const chunk of request.guardAnswer(modelTokens)) send(chunk);
//   request.end();
//
// See docs/PRIVACY.md. This file lists the public API; test/backend/privacy/public-api.test.ts pins it.
export {
  ALL_CATEGORIES,
  CATEGORIES,
  CATEGORY_BITS,
  type Category,
  type CategorySelection,
  categoriesOf,
  maskOf,
} from "./categories.js";
export { loadPersonNameData } from "./detectors/person-name.js";
export { PrivacyError, type PrivacyErrorCode } from "./errors.js";
export { formatPlaceholder, PLACEHOLDER } from "./placeholder.js";
export {
  type GuardedPrompt,
  PROMPT_INJECTION_ACTIONS,
  PrivacyGuard,
  type PrivacyPolicy,
  type PromptInjectionAction,
  RequestGuard,
} from "./privacy-guard.js";
export {
  detectPromptInjection,
  INJECTION_RULES,
  type InjectionRule,
  type InjectionVerdict,
} from "./prompt-injection.js";
export { type Finding, type RedactionResult, type RedactOptions, redact } from "./redact.js";
export { RedactionSession } from "./redaction-session.js";
export { redactStream, StreamRedactor, type StreamRedactorOptions } from "./stream-redactor.js";
