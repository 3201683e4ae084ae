// The person names `detect` finds in a text, as the text writes them: what the name tests compare.
import { detect } from "../../../../backend/src/privacy/detect.js";

export function namesIn(text: string): string[] {
  return detect(text, ["PERSON_NAME"]).map((span) => text.slice(span.start, span.end));
}
