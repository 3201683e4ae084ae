// Mentions of people by handle, as chat tools and code hosts write them: `@rafaela`, `@Priya`, `@john.smith`,
// `@maria_garcia`. A handle is a person's name when one of its parts is a given name of the lexicons; code decorators
// and doc tags (`@Injectable`, `@param`), package scopes (`@nestjs/common`) and group mentions (`@here`) are not.
// An address's '@' has its local part before it, so no email is a mention. A LinkedIn profile's address names its
// person too (`linkedin.com/in/analuciafdez`): its last part is taken, whatever it holds.

import { type Detection, PRIORITY } from "./detection.js";
import { isAnyGivenName } from "./name-lexicon.js";

/** A handle after '@': letters first, then letters, digits, '.', '_' or '-' (a trailing '.' or '-' is punctuation). */
const HANDLE = /[\p{L}][\p{L}\p{N}._-]*[\p{L}\p{N}]|[\p{L}]/uy;
const PARTS = /[._\-\d]+/;
/** Doc-comment tags and group mentions: never a person, though "param" and "see" may be names elsewhere. */
const NOT_HANDLES: ReadonlySet<string> = new Set(
  (
    "param params arg argument returns return throws throw exception see since example examples author deprecated " +
    "type typedef property prop link todo override inheritdoc class module namespace default description summary " +
    "callback template extends implements abstract async private public protected readonly static enum event fires " +
    "listens yields version license copyright file fileoverview ignore internal alpha beta experimental remarks " +
    "here channel everyone all team"
  ).split(" "),
);

/** Whether the character before an '@' lets it open a mention: the text's start, a space, a bracket or a quote. */
function opensMention(text: string, at: number): boolean {
  if (at === 0) return true;
  const c = text.charCodeAt(at - 1);
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 40 || c === 91 || c === 34 || c === 39 || c === 0xa0;
}

/** Appends a PERSON_NAME for each handle after an '@' of `ats` that holds a given name (the handle, not the '@'). */
export function detectMentions(text: string, ats: readonly number[], out: Detection[]): void {
  for (const at of ats) {
    if (!opensMention(text, at)) continue;
    HANDLE.lastIndex = at + 1;
    const match = HANDLE.exec(text);
    if (match === null) continue;
    const handle = match[0];
    if (NOT_HANDLES.has(handle.toLowerCase())) continue;
    // A package scope (`@nestjs/common`) or a path.
    if (text.charCodeAt(at + 1 + handle.length) === 47) continue;
    const named = handle
      .toLowerCase()
      .split(PARTS)
      .some((part) => part.length >= 2 && isAnyGivenName(part, true));
    if (named)
      out.push({ category: "PERSON_NAME", start: at + 1, end: at + 1 + handle.length, priority: PRIORITY.personName });
  }
}

/** A LinkedIn profile's address; group 1 is the person's part (`linkedin.com/in/<name>`). */
const LINKEDIN_PROFILE = /linkedin\.com\/in\/([\p{L}\p{N}%_-]+)/giu;

/** Appends a PERSON_NAME for the person's part of each LinkedIn profile address. */
export function detectProfileLinks(text: string, out: Detection[]): void {
  LINKEDIN_PROFILE.lastIndex = 0;
  for (let match = LINKEDIN_PROFILE.exec(text); match !== null; match = LINKEDIN_PROFILE.exec(text)) {
    const end = match.index + match[0].length;
    out.push({ category: "PERSON_NAME", start: end - (match[1] as string).length, end, priority: PRIORITY.personName });
  }
}
