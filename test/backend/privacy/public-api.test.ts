// The library's public API: any change to this list shows in review.
import { expect, it } from "@jest/globals";
import * as privacy from "../../../backend/src/privacy/index.js";

it("exports exactly the public API", () => {
  expect(Object.keys(privacy).sort()).toEqual([
    "ALL_CATEGORIES",
    "CATEGORIES",
    "CATEGORY_BITS",
    "INJECTION_RULES",
    "PLACEHOLDER",
    "PROMPT_INJECTION_ACTIONS",
    "PrivacyError",
    "PrivacyGuard",
    "RedactionSession",
    "RequestGuard",
    "StreamRedactor",
    "categoriesOf",
    "detectPromptInjection",
    "formatPlaceholder",
    "loadPersonNameData",
    "maskOf",
    "redact",
    "redactStream",
  ]);
});
