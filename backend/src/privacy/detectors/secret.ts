// API keys, tokens and passwords. Three kinds of evidence, from the most to the least certain:
//   1. a known format: OpenAI/Anthropic `sk-…`, GitHub `ghp_…`/`github_pat_…`, GitLab `glpat-…`, Slack `xoxb-…`,
//      AWS `AKIA…`, Google `AIza…`, Stripe `sk_live_…`, JWTs, SendGrid, Twilio, npm, Hugging Face, Telegram, …;
//   2. a cue: `password=…`, `api_key: …`, "my password is …", `Authorization: Bearer …`, `scheme://user:pass@host`;
//   3. a high-entropy token: 20+ characters mixing upper case, lower case and digits, with many class changes and a
//      high Shannon entropy (identifiers such as `Base64EncoderV2` have few; hashes and UUIDs are excluded).
import { Alphabet } from "./alphabet.js";
import { type Detection, type Detector, matchInTokens, PRIORITY } from "./detection.js";
import { findAssignments } from "./secret-assignment.js";
import { findRandomTokens, MIN_RANDOM_TOKEN } from "./secret-random.js";
import { LONG_TOKEN, type TextScan } from "./text-scan.js";
import { WordGate } from "./word-gate.js";

export { looksRandom } from "./secret-random.js";

const BOUNDARY_BEFORE = String.raw`(?<![\p{L}\p{N}_+/=-])`;
const BOUNDARY_AFTER = String.raw`(?![\p{L}\p{N}_+/=-])`;

/** Known token formats, by provider (the names are for readers; results say SECRET only). */
export const KNOWN_SECRET_FORMATS: Readonly<Record<string, string>> = {
  openai: String.raw`sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)\d\d-)?[A-Za-z0-9_-]{20,}`,
  github: `gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}`,
  gitlab: `glpat-[A-Za-z0-9_-]{20,}`,
  slack: String.raw`xox[abposre]-[A-Za-z0-9-]{10,}|https://hooks\.slack\.com/services/[A-Za-z0-9/]{20,}`,
  aws: `(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}`,
  google: `AIza[0-9A-Za-z_-]{35}`,
  stripe: `(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,}`,
  jwt: String.raw`eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`,
  sendgrid: String.raw`SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}`,
  twilio: `SK[0-9a-fA-F]{32}`,
  npm: `npm_[A-Za-z0-9]{36}`,
  huggingface: `hf_[A-Za-z0-9]{30,}`,
  pypi: `pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`,
  telegram: String.raw`\d{8,10}:AA[A-Za-z0-9_-]{33}`,
  digitalocean: `do[por]_v1_[a-f0-9]{64}`,
  shopify: `shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}`,
  mailgun: `key-[0-9a-f]{32}`,
};

const KNOWN = new RegExp(
  `${BOUNDARY_BEFORE}(?:${Object.values(KNOWN_SECRET_FORMATS).join("|")})${BOUNDARY_AFTER}`,
  "gu",
);
/** Strings of KNOWN's formats without case, for a gate before it runs (digits are one class: "sk0" stands for them). */
const KNOWN_GATE = new WordGate(
  (
    "sk- ghp_ gho_ ghu_ ghs_ ghr_ github_pat_ glpat- xox hooks.slack akia asia abia acca aiza _live_ _test_ whsec_ " +
    "eyj sg. sk0 ska skb skc skd ske skf npm_ hf_ pypi- :aa _v1_ shp key-"
  ).split(" "),
);
/** Codes that open something or prove who one is: "the door code is 7731", "OTP: 482913". */
const CODE_WORDS =
  "(?:door|gate|alarm|access|entry|lock|keypad|garage|building|verification|one[- ]time|2fa|mfa|backup|recovery|login|sms)[_ -]?code|otp|combination";
const KEY_WORDS = `(?:password|passwd|passwort|pwd|pass|passphrase|passcode|pin|secret|client[_ -]?secret|secret[_ -]?key|api[_ -]?key|apikey|api[_ -]?token|access[_ -]?key|access[_ -]?token|auth[_ -]?token|refresh[_ -]?token|private[_ -]?token|token|aws_secret_access_key|accountkey|credentials?|${CODE_WORDS})`;
/** `password=…`, `"api_key": "…"`, `export TOKEN=…`: the value after an assignment (sticky: see findAssignments). */
const ASSIGNMENT = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:[A-Za-z0-9]+[_-])*${KEY_WORDS}["']?\s*(?::=|=>|=|:)\s*["'${"`"}]?([^\s"'${"`"},;<>]{4,200})`,
  "iuy",
);
/** "my password is …", "the wifi passcode was …". */
const STATEMENT = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${KEY_WORDS}(?:\s+(?:for|to|of|on)\s+(?:the\s+|my\s+)?[\p{L}\p{N}.'-]+)?\s+(?:is|was|is now|will be)\s*:?\s+["'${"`"}]?([^\s"'${"`"},;<>]{4,200})`,
  "giu",
);
/** What STATEMENT needs in the lower-case text: "is", "was" or "will be" after a space, before a space or ':'. */
const STATEMENT_HINT = /\s(?:is|was|will be)[\s:]/;
/** "login with password Tr0ub4dor&3": the value right after the word, when it looks like a password. */
const BARE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:password|passwd|passwort|pwd|passphrase|passcode)\s+["'${"`"}]?([^\s"'${"`"},;<>]{6,64})`,
  "giu",
);
const AUTHORIZATION = /\b(?:Bearer|Basic|Token)\s+([A-Za-z0-9._~+/-]{16,}=*)/g;
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s:/@]+)(?=@)/gi;
/** Words that follow "password is" in sentences about a password, not in ones that give it. */
const NOT_A_VALUE = new Set(
  (
    "incorrect wrong invalid required expired correct empty missing weak strong reset changed saved stored case-sensitive " +
    "different same long short fine okay set updated hashed encrypted visible hidden shown too not the a an your my our " +
    "their his her its this that still also being very stolen leaked compromised protected generated needed mandatory " +
    "optional unknown forgotten lost valid secure insecure accepted rejected blocked locked sent displayed printed " +
    "only never always none null undefined true false xxxx xxxxxx xxxxxxxx ****** ******** changeme_later"
  ).split(" "),
);

const DIGIT = /\d/;
const TRAILING = /[.,)\]]+$/;
const PASSWORD_LIKE = /^(?=.*\p{L})(?=.*[\d\W_])/u;
/** "key" and "pin" are parts of many words ("monkey", "shipping"); the cues need them as words. */
const KEY_GATE = /(?:api|secret|access|account)[_ -]?key/;
const PIN_GATE = /(?<![a-z])pin(?![a-z])/;
const TOKEN_CHARS = new Alphabet("A-Za-z0-9_+/=-");

/** The cue words, for a gate before searching for them. */
const CUE_GATE = new WordGate([
  ..."pass pwd secret token credential bearer basic key pin code otp combination".split(" "),
]);
/** "code" alone is too common a word to search for the cues on; the words before it narrow it down. */
const CODE_GATE = new RegExp(`(?<![a-z])(?:${CODE_WORDS})(?![a-z])`);

/**
 * The first characters of each known format, by the code of the first (`?` stands for any character): a format can
 * only start where one of them does. Telegram's digits are tested apart.
 */
const KNOWN_PREFIXES: readonly (readonly string[] | undefined)[] = (() => {
  const prefixes: string[][] = [];
  for (const prefix of (
    "sk- sk_ rk_ shp gh?_ github_pat_ glpat- xox https://hooks.slack.com/services/ AKIA ASIA ABIA ACCA AIza " +
    "whsec_ eyJ SG. SK npm_ hf_ pypi- do?_v1_ key-"
  ).split(" ")) {
    const first = prefix.charCodeAt(0);
    prefixes[first] ??= [];
    prefixes[first].push(prefix);
  }
  return prefixes;
})();

function startsWithPattern(text: string, index: number, prefix: string): boolean {
  if (index + prefix.length > text.length) return false;
  for (let i = 1; i < prefix.length; i++) {
    const expected = prefix.charCodeAt(i);
    if (expected !== 63 && text.charCodeAt(index + i) !== expected) return false;
  }
  return true;
}

/** Whether a known format may start at `index`: one of its prefixes, or Telegram's `\d{8,10}:AA`. */
function knownPrefixAt(text: string, index: number): boolean {
  const first = text.charCodeAt(index);
  if (first >= 48 && first <= 57) {
    let end = index + 1;
    while (end < text.length && end - index <= 10 && isDigit(text.charCodeAt(end))) end++;
    return end - index >= 8 && end - index <= 10 && text.startsWith(":AA", end);
  }
  const prefixes = first < 128 ? KNOWN_PREFIXES[first] : undefined;
  if (prefixes === undefined) return false;
  for (const prefix of prefixes) if (startsWithPattern(text, index, prefix)) return true;
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The characters a known format can start with: the first of each prefix, and digits. */
const KNOWN_FIRST = new Alphabet("0-9ASdeghknprswx");

/**
 * Whether KNOWN can match in `text[start, end)`: a known prefix where its lookbehind holds (at the start, or after a
 * character other than `[A-Za-z0-9_+/=-]`; after a non-ASCII character, the pattern decides).
 */
function mayHoldKnown(text: string, start: number, end: number): boolean {
  let boundary = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (boundary && KNOWN_FIRST.has(c) && knownPrefixAt(text, i)) return true;
    boundary = !TOKEN_CHARS.has(c);
  }
  return false;
}

function pushAll(pattern: RegExp, text: string, out: Detection[]): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) pushValue(match, out);
}

function pushValue(match: RegExpMatchArray, out: Detection[]): void {
  const value = match[1];
  if (value === undefined || match.index === undefined) return;
  if (NOT_A_VALUE.has(value.toLowerCase().replace(/[.!?]+$/, ""))) return;
  // `${TOKEN}`, `<your key>`, `***`: a template or a mask, not a value.
  if (/^(?:\$\{?|%|\{\{|\*+$|x+$|\.\.\.)/i.test(value)) return;
  // A sentence's full stop or a closing bracket after the value is not part of it.
  const trimmed = value.replace(TRAILING, "");
  if (trimmed.length < 4) return;
  const start = match.index + match[0].length - value.length;
  out.push({ category: "SECRET", start, end: start + trimmed.length, priority: PRIORITY.heuristicSecret });
}

export const secretDetector: Detector = {
  category: "SECRET",
  mayMatch: (scan) => scan.longestToken >= 4,
  detect(scan: TextScan, out: Detection[]): void {
    const { text, longTokens } = scan;
    if (longTokens.length > 0 && KNOWN_GATE.mayContain(scan.trigrams)) {
      matchInTokens(
        KNOWN,
        text,
        longTokens,
        LONG_TOKEN,
        (match, offset) => {
          const value = match[0];
          // `sk-learn-tutorial-notes`: a known prefix followed by words is not a key.
          if (value.startsWith("sk-") && !DIGIT.test(value)) return;
          const start = offset + match.index;
          out.push({ category: "SECRET", start, end: start + value.length, priority: PRIORITY.knownSecret });
        },
        mayHoldKnown,
      );
    }
    const lower = CUE_GATE.mayContain(scan.trigrams) ? scan.lower : "";
    if (
      lower.includes("pass") ||
      lower.includes("pwd") ||
      lower.includes("secret") ||
      lower.includes("token") ||
      lower.includes("credential") ||
      lower.includes("bearer") ||
      lower.includes("basic") ||
      (lower.includes("key") && KEY_GATE.test(lower)) ||
      (lower.includes("pin") && PIN_GATE.test(lower)) ||
      ((lower.includes("code") || lower.includes("otp") || lower.includes("combination")) && CODE_GATE.test(lower))
    ) {
      findAssignments(ASSIGNMENT, text, (match) => pushValue(match, out));
      // Each search only when the text has its words. `lower` has them whenever the patterns (case-insensitive,
      // Unicode) can match, except with a long s ("paſſword", folded to "s" by the patterns, not by toLowerCase).
      const longS = text.includes("ſ");
      if (longS || STATEMENT_HINT.test(lower)) pushAll(STATEMENT, text, out);
      if (text.includes("Bearer") || text.includes("Basic") || text.includes("Token")) {
        pushAll(AUTHORIZATION, text, out);
      }
      if (longS || lower.includes("pass") || lower.includes("pwd")) {
        BARE.lastIndex = 0;
        for (let match = BARE.exec(text); match !== null; match = BARE.exec(text)) {
          // A word after "password" ("password reset", "password manager") is not one; a value mixes letters with
          // digits or symbols.
          if (PASSWORD_LIKE.test(match[1] as string)) pushValue(match, out);
        }
      }
    }
    if (text.includes("://")) {
      URL_CREDENTIALS.lastIndex = 0;
      for (let match = URL_CREDENTIALS.exec(text); match !== null; match = URL_CREDENTIALS.exec(text))
        pushValue(match, out);
    }
    for (let i = 0; i < longTokens.length; i += 2) {
      const start = longTokens[i] as number;
      const end = longTokens[i + 1] as number;
      if (end - start >= MIN_RANDOM_TOKEN) findRandomTokens(text, start, end, out);
    }
  },
};
