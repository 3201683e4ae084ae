// API keys, tokens and passwords. Three kinds of evidence, from the most to the least certain:
//   1. a known format: OpenAI/Anthropic `sk-…`, GitHub `ghp_…`/`github_pat_…`, GitLab `glpat-…`, Slack `xoxb-…`,
//      AWS `AKIA…`, Google `AIza…`, Stripe `sk_live_…`, JWTs, SendGrid, Twilio, npm, Hugging Face, Telegram, …;
//   2. a cue: `password=…`, `api_key: …`, "my password is …", `Authorization: Bearer …`, `scheme://user:pass@host`;
//   3. a high-entropy token: 20+ characters mixing upper case, lower case and digits, with many class changes and a
//      high Shannon entropy (identifiers such as `Base64EncoderV2` have few; hashes and UUIDs are excluded).
import { Alphabet } from "./alphabet.js";
import { type Detection, type Detector, matchInTokens, PRIORITY } from "./detection.js";
import { LONG_TOKEN, type TextScan } from "./text-scan.js";
import { WordGate } from "./word-gate.js";

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
/** KNOWN_PREFILTER's strings without case, for a gate before it runs (digits are one class: "sk0" stands for them). */
const KNOWN_GATE = new WordGate(
  (
    "sk- ghp_ gho_ ghu_ ghs_ ghr_ github_pat_ glpat- xox hooks.slack akia asia abia acca aiza _live_ _test_ whsec_ " +
    "eyj sg. sk0 ska skb skc skd ske skf npm_ hf_ pypi- :aa _v1_ shp key-"
  ).split(" "),
);
const KNOWN_PREFILTER =
  /sk-|gh[pousr]_|github_pat_|glpat-|xox|hooks\.slack|AKIA|ASIA|ABIA|ACCA|AIza|_live_|_test_|whsec_|eyJ|SG\.|SK[0-9a-f]|npm_|hf_|pypi-|:AA|_v1_|shp|key-/;

const KEY_WORDS = `(?:password|passwd|passwort|pwd|pass|passphrase|passcode|pin|secret|client[_ -]?secret|secret[_ -]?key|api[_ -]?key|apikey|api[_ -]?token|access[_ -]?key|access[_ -]?token|auth[_ -]?token|refresh[_ -]?token|private[_ -]?token|token|aws_secret_access_key|accountkey|credentials?)`;
/** `password=…`, `"api_key": "…"`, `export TOKEN=…`: the value after an assignment. */
const ASSIGNMENT = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:[A-Za-z0-9]+[_-])*${KEY_WORDS}["']?\s*(?::=|=>|=|:)\s*["'${"`"}]?([^\s"'${"`"},;<>]{4,200})`,
  "giu",
);
/** "my password is …", "the wifi passcode was …". */
const STATEMENT = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${KEY_WORDS}(?:\s+(?:for|to|of|on)\s+(?:the\s+|my\s+)?[\p{L}\p{N}.'-]+)?\s+(?:is|was|is now|will be)\s*:?\s+["'${"`"}]?([^\s"'${"`"},;<>]{4,200})`,
  "giu",
);
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
const TOKEN = /(?<![\p{L}\p{N}_+/=.-])[A-Za-z0-9_+/=-]{20,512}(?![\p{L}\p{N}_+/=-])/gu;
const TOKEN_CHARS = new Alphabet("A-Za-z0-9_+/=-");

/**
 * Whether TOKEN can find a random-looking token here: twenty token characters in a row, and upper case, lower case
 * and digits somewhere (looksRandom needs all three in the match).
 */
function mayHoldRandomToken(text: string, start: number, end: number): boolean {
  let seen = 0;
  for (let i = start; i < end && seen !== 7; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) seen |= 1;
    else if (c >= 65 && c <= 90) seen |= 2;
    else if (c >= 48 && c <= 57) seen |= 4;
  }
  return seen === 7 && TOKEN_CHARS.hasRun(text, start, end, 20);
}

/** Runs of letters; those of three or more with a vowel read like words. */
const WORD_LIKE = /[A-Z]?[a-z]{2,}/g;
const VOWEL = /[aeiouy]/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HEX = /^(?:0x)?[0-9a-f]+$/i;

/** The words of the cues, for a gate before searching for them. */
const CUE_GATE = new WordGate(["pass", "pwd", "secret", "token", "credential", "bearer", "basic", "key", "pin"]);

const ASCII_COUNTS = new Uint16Array(128);

/** Shannon entropy of an ASCII token, in bits per character (without allocating). */
function asciiEntropy(token: string): number {
  ASCII_COUNTS.fill(0);
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i) & 127;
    ASCII_COUNTS[c] = (ASCII_COUNTS[c] as number) + 1;
  }
  let entropy = 0;
  for (let c = 0; c < 128; c++) {
    const count = ASCII_COUNTS[c] as number;
    if (count === 0) continue;
    const p = count / token.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

function charClass(c: number): number {
  if (c >= 97 && c <= 122) return 0;
  if (c >= 65 && c <= 90) return 1;
  if (c >= 48 && c <= 57) return 2;
  return 3;
}

/** Whether a token looks randomly generated: three character classes, frequent class changes, high entropy. */
export function looksRandom(token: string): boolean {
  let seen = 0;
  let changes = 0;
  let previous = -1;
  for (let i = 0; i < token.length; i++) {
    const cls = charClass(token.charCodeAt(i));
    seen |= 1 << cls;
    if (previous >= 0 && cls !== previous) changes++;
    previous = cls;
  }
  // Lower case, upper case and digits (hashes and UUIDs have no upper case; words have no digits).
  if ((seen & 7) !== 7 || changes / token.length < 0.3) return false;
  if (UUID.test(token) || HEX.test(token)) return false;
  // Identifiers are made of words (`Base64EncoderV2Factory`): random tokens have few runs of three or more letters
  // that read like a word.
  let wordLike = 0;
  WORD_LIKE.lastIndex = 0;
  for (let match = WORD_LIKE.exec(token); match !== null; match = WORD_LIKE.exec(token)) {
    if (match[0].length >= 3 && VOWEL.test(match[0])) wordLike += match[0].length;
  }
  if (wordLike / token.length >= 0.5) return false;
  return asciiEntropy(token) >= Math.min(4, Math.log2(token.length) * 0.85);
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
    if (longTokens.length > 0 && KNOWN_GATE.mayContain(scan.trigrams) && KNOWN_PREFILTER.test(text)) {
      matchInTokens(KNOWN, text, longTokens, LONG_TOKEN, (match, offset) => {
        const value = match[0];
        // `sk-learn-tutorial-notes`: a known prefix followed by words is not a key.
        if (value.startsWith("sk-") && !DIGIT.test(value)) return;
        const start = offset + match.index;
        out.push({ category: "SECRET", start, end: start + value.length, priority: PRIORITY.knownSecret });
      });
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
      (lower.includes("pin") && PIN_GATE.test(lower))
    ) {
      for (const pattern of [ASSIGNMENT, STATEMENT, AUTHORIZATION]) {
        pattern.lastIndex = 0;
        for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) pushValue(match, out);
      }
      BARE.lastIndex = 0;
      for (let match = BARE.exec(text); match !== null; match = BARE.exec(text)) {
        // A word after "password" ("password reset", "password manager") is not one; a value mixes letters with
        // digits or symbols.
        if (PASSWORD_LIKE.test(match[1] as string)) pushValue(match, out);
      }
    }
    if (text.includes("://")) {
      URL_CREDENTIALS.lastIndex = 0;
      for (let match = URL_CREDENTIALS.exec(text); match !== null; match = URL_CREDENTIALS.exec(text))
        pushValue(match, out);
    }
    matchInTokens(
      TOKEN,
      text,
      longTokens,
      20,
      (match, offset) => {
        if (!looksRandom(match[0])) return;
        const start = offset + match.index;
        out.push({ category: "SECRET", start, end: start + match[0].length, priority: PRIORITY.heuristicSecret });
      },
      mayHoldRandomToken,
    );
  },
};
