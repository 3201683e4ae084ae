// The features the prompt-injection classifier reads: hashed word unigrams and bigrams, character 3- to 5-grams, and
// a few structural signs (chat-template tokens, role markers, an order to drop instructions, text addressed to "the
// AI", hidden characters). The text is first undone from the usual disguises (zero-width and tag characters,
// homoglyphs, full-width and other compatibility letters, leetspeak, spaced-out letters, base64, ROT13, reversed
// text), so that a disguised order reads like the plain one.
// Training (backend/bench/privacy/train-injection-model.ts) and detection share this file: change it, retrain.

import { englishWords } from "./english-words.js";

/** Bump when the features change: a model trained on other features must not be loaded. */
export const FEATURE_VERSION = 2;
/** log2 of the hashed feature space. */
export const FEATURE_BITS = 16;
const MASK = (1 << FEATURE_BITS) - 1;

/** Sparse features: parallel arrays of indices (distinct) and values (L2-normalised). */
export interface InjectionFeatures {
  readonly indices: readonly number[];
  readonly values: readonly number[];
}

const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E007F}]/gu;
const TAGS = /[\u{E0020}-\u{E007E}]+/gu;
const BASE64_BLOB = /[A-Za-z0-9+/]{16,}={0,2}/g;
// Cyrillic and Greek letters that look like Latin ones, used to dodge keyword filters.
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  х: "x",
  у: "y",
  і: "i",
  ј: "j",
  ѕ: "s",
  һ: "h",
  ԁ: "d",
  ӏ: "l",
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  І: "I",
  α: "a",
  ο: "o",
  ε: "e",
  ι: "i",
  ν: "v",
  ρ: "p",
  τ: "t",
  Α: "A",
  Β: "B",
  Ε: "E",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
};
const LEET: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};
const MIXED_SCRIPT_WORD = /[\p{L}\p{M}]+/gu;
// A word mixing letters and leet digits ("1gn0r3"); plain words and plain numbers are left alone.
const LEET_WORD = /[\p{L}0-9@$]*(?:\p{L}[0-9@$]|[0-9@$]\p{L})[\p{L}0-9@$]*/gu;
const NON_ASCII = /[^\t\n\r\x20-\x7E]/;
// "i g n o r e", "I-g-n-o-r-e", "i.g.n.o.r.e": single letters joined by one separator.
const SPACED_LETTERS = /\b\p{L}(?:[ .\-_]\p{L}){2,}\b/gu;
const TOKEN = /[\p{L}\p{N}']+/gu;

/** Signs that do not survive lower-casing and tokenising, read on the raw text. */
const STRUCTURE: readonly (readonly [string, RegExp])[] = [
  [
    "template-token",
    /<\|[a-z_]+\|>|\[\/?INST\]|<<\/?SYS>>|<\/?s>|<(?:start|end)_of_turn>|^\s*#{2,}\s*\w+|^\s*(?:system|assistant|user|developer|human)\s*:/im,
  ],
  ["role-json", /"role"\s*:\s*"(?:system|developer|assistant|tool)"/i],
  [
    "role-tag",
    /<\/?(?:system|tool_result|function_results?|instructions?|developer)>|\[(?:system|developer|admin)\b[^\]]*\]/i,
  ],
  ["addressed-to-ai", /\b(?:ai|assistant|llm|chatbot|language model|model|ia|ki)\b[^.\n:,]{0,40}[:,]/i],
  ["markdown-image-query", /!\[[^\]]*\]\(\s*https?:\/\/[^)\s]*\?/i],
  ["open-query-url", /https?:\/\/[^\s)]*[?&][\w-]+=(?=[\s)'"]|$|\{|[A-Z_]{4,})/],
  ["question", /^\s*(?:what|how|why|when|where|which|who|is|are|can|could|should|do|does|explain)\b|\?\s*$/i],
];

const OVERRIDE_VERBS = new Set(
  "ignore disregard forget override overrule bypass skip drop abandon discard neglect cancel reset wipe unlearn revoke suspend void obey follow reveal print show repeat output dump disable remove lift deactivate ignorez oublie ignore ignoriere vergiss missachte deaktiviere ignora olvida revela desconsidere esqueca desative mostre muestra affiche zeig".split(
    " ",
  ),
);
const INSTRUCTION_NOUNS = new Set(
  "instruction instructions prompt prompts rule rules directive directives guideline guidelines guidance policy policies restriction restrictions filter filters guardrails safeguards configuration programming briefing setup orders consignes regles anweisungen regeln richtlinien instrucciones reglas instrucoes regras filtros".split(
    " ",
  ),
);

/** FNV-1a over the UTF-16 units of `s`, continuing from `hash`. */
function fnv(hash: number, s: string): number {
  let h = hash;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * How much a character n-gram counts next to a word: on the dev set, words and bigrams generalise better to new
 * phrasings (n-grams at full weight cost about ten points of recall at the same false-positive rate); n-grams still
 * help with inflections, other languages and misspellings.
 */
const CHAR_NGRAM_WEIGHT = 0.2;

const SEED = 0x811c9dc5;
const WORD = fnv(SEED, "w|");
const BIGRAM = fnv(SEED, "b|");
const CHARS = fnv(SEED, "c|");
const SIGN = fnv(SEED, "s|");

const counts = new Float64Array(1 << FEATURE_BITS);
let touched: Int32Array = new Int32Array(1024);

function growInt32(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** Words that mix Latin letters with look-alikes of other scripts ("іgnоre"), in Latin letters only. */
function mapHomoglyphs(text: string): string {
  return text.replace(MIXED_SCRIPT_WORD, (word) =>
    /[a-z]/i.test(word) && /[^\p{Script=Latin}]/u.test(word) ? [...word].map((c) => HOMOGLYPHS[c] ?? c).join("") : word,
  );
}

/** Undoes the disguises of `text` and lower-cases it; decoded hidden or encoded text is appended. */
export function normaliseForFeatures(text: string): { readonly text: string; readonly signs: readonly string[] } {
  const signs: string[] = [];
  // Most prompts are plain ASCII: the Unicode passes are skipped for them (a third of the cost).
  const ascii = !NON_ASCII.test(text);
  let plain = text;
  if (!ascii) {
    let hidden = "";
    for (const run of text.match(TAGS) ?? []) {
      hidden += ` ${[...run].map((c) => String.fromCharCode((c.codePointAt(0) as number) - 0xe0000)).join("")}`;
    }
    if (hidden !== "") signs.push("tag-text");
    const invisible = text.match(INVISIBLE)?.length ?? 0;
    if (invisible > 0) signs.push(invisible > 5 ? "invisible-many" : "invisible-few");
    plain = `${text.replace(INVISIBLE, "")}${hidden}`;
    plain = mapHomoglyphs(plain);
  }
  BASE64_BLOB.lastIndex = 0;
  for (let match = BASE64_BLOB.exec(plain); match !== null; match = BASE64_BLOB.exec(plain)) {
    const decoded = Buffer.from(match[0], "base64").toString("utf8");
    const printable = decoded.replace(/[^\x20-\x7E]/g, "").length / Math.max(decoded.length, 1);
    // Printable words, not random bytes: hashes and keys decode to noise.
    if (printable > 0.95 && / [a-z]/i.test(decoded)) {
      plain += ` ${decoded}`;
      signs.push("base64-text");
    }
  }
  plain = plain.replace(SPACED_LETTERS, (run) => run.replace(/[ .\-_]/g, ""));
  // NFKD: full-width ("ｉｇｎｏｒｅ"), mathematical ("𝐢𝐠𝐧𝐨𝐫𝐞") and circled letters become plain ones, accents marks.
  if (!ascii) plain = plain.normalize("NFKD").replace(/\p{M}/gu, "");
  plain = plain.toLowerCase().replace(LEET_WORD, (word) => word.replace(/[0-9@$]/g, (c) => LEET[c] ?? c));
  const unshuffled = undoLetterCipher(plain, (reading) => reading);
  if (unshuffled !== undefined) {
    plain += ` ${unshuffled.text}`;
    signs.push(unshuffled.sign);
  }
  return { text: plain, signs };
}

/**
 * The text with its disguises undone but its case and punctuation kept, for the pattern rules: invisible characters
 * dropped, homoglyphs mapped to Latin, full-width and other compatibility forms folded (NFKC), and a ROT13 or
 * reversed text read the right way. Undefined when nothing was disguised (the rules have seen the text as it is).
 */
export function revealDisguisedText(text: string): string | undefined {
  let plain = text;
  if (NON_ASCII.test(text)) {
    plain = text.replace(INVISIBLE, "").normalize("NFKC");
    plain = mapHomoglyphs(plain);
  }
  plain = undoLetterCipher(plain, (reading) => reading.toLowerCase())?.text ?? plain;
  return plain === text ? undefined : plain;
}

const LETTER_WORD = /[a-z]{3,}/g;

/** The share of the words of three letters or more of lower-case `text` that are English words; -1 under three. */
function englishShare(text: string): number {
  const words = text.match(LETTER_WORD);
  if (words === null || words.length < 3) return -1;
  const english = englishWords();
  let count = 0;
  for (const word of words) if (english.has(word)) count++;
  return count / words.length;
}

/** ROT13 of the ASCII letters, either case. */
function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (c) => {
    const base = c <= "Z" ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/**
 * Text that is mostly not English but becomes English in ROT13 or read backwards ("vtaber nyy cerivbhf",
 * "snoitcurtsni suoiverp lla erongi"): that reading, and the sign of the disguise. English text, other languages
 * and random tokens stay as they are. `lower` makes a reading lower case for the English test (the identity for
 * text already in lower case).
 */
function undoLetterCipher(
  text: string,
  lower: (reading: string) => string,
): { readonly text: string; readonly sign: string } | undefined {
  const share = englishShare(lower(text));
  if (share < 0 || share >= 0.5) return undefined;
  const shifted = rot13(text);
  if (englishShare(lower(shifted)) >= 0.75) return { text: shifted, sign: "rot13-text" };
  const reversed = [...text].reverse().join("");
  if (englishShare(lower(reversed)) >= 0.75) return { text: reversed, sign: "reversed-text" };
  return undefined;
}

/** The hashed, L2-normalised features of `text`. */
export function injectionFeatures(text: string): InjectionFeatures {
  // One dense accumulator for every call (JavaScript runs one call at a time): a Map costs five times as much.
  let touchedCount = 0;
  const add = (hash: number, weight = 1) => {
    const index = hash & MASK;
    if (counts[index] === 0) {
      if (touchedCount === touched.length) touched = growInt32(touched);
      touched[touchedCount++] = index;
    }
    counts[index] = (counts[index] as number) + weight;
  };
  const { text: plain, signs } = normaliseForFeatures(text);
  for (const sign of signs) add(fnv(SIGN, sign));
  for (const [name, pattern] of STRUCTURE) if (pattern.test(text)) add(fnv(SIGN, name));

  const tokens = plain.match(TOKEN) ?? [];
  let previous: string | undefined;
  let lastVerb = -100;
  let ordered = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const word = fnv(WORD, token);
    add(word);
    if (previous !== undefined) add(fnv(fnv(fnv(BIGRAM, previous), " "), token));
    previous = token;
    if (OVERRIDE_VERBS.has(token)) lastVerb = i;
    else if (INSTRUCTION_NOUNS.has(token) && i - lastVerb <= 6) ordered = true;
  }
  if (ordered) add(fnv(SIGN, "verb-then-instruction-noun"));
  add(fnv(SIGN, `length-${Math.min(Math.floor(Math.log2(tokens.length + 1)), 9)}`));

  // Character n-grams over the tokens joined by single spaces, so that they span word boundaries too.
  const joined = ` ${tokens.join(" ")} `;
  for (let i = 0; i + 3 <= joined.length; i++) {
    let h = CHARS;
    for (let n = 0; n < 5 && i + n < joined.length; n++) {
      h ^= joined.charCodeAt(i + n);
      h = Math.imul(h, 0x01000193) >>> 0;
      if (n >= 2) add(h ^ n, CHAR_NGRAM_WEIGHT);
    }
  }

  let norm = 0;
  for (let i = 0; i < touchedCount; i++) norm += (counts[touched[i] as number] as number) ** 2;
  const scale = 1 / Math.sqrt(Math.max(norm, 1));
  const indices: number[] = new Array(touchedCount);
  const values: number[] = new Array(touchedCount);
  for (let i = 0; i < touchedCount; i++) {
    const index = touched[i] as number;
    indices[i] = index;
    values[i] = (counts[index] as number) * scale;
    counts[index] = 0;
  }
  return { indices, values };
}
