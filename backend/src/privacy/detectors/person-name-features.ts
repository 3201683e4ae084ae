// Features of a candidate person name for the learned scorer (person-name-scorer.ts): a run of capitalised words. Binary features, hashed into
// 2^NAME_FEATURE_BITS buckets: the shape, length, affixes and character trigrams of each word; which word lists hold
// it (given names, family names, everyday words, places, products); the run's length and position in its sentence;
// the two words before it and the two after it (lower case) and the punctuation around it. The caller passes the text
// after the run already cut to its right-context bound (NAME_RIGHT_CONTEXT_CHARS in person-name.ts), so the features
// never depend on anything further.
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from "./first-names.js";
import { BIP39_WORDS } from "./seed-phrase.js";
import { SURNAMES } from "./surnames.js";

/** What the caller knows of a lower-case word: an everyday English word, a place, a product. */
export interface NameWordFlags {
  readonly everyday: boolean;
  readonly place: boolean;
  readonly product: boolean;
}

/** Bump when the features change: a model file trained on other features is refused. */
export const NAME_FEATURE_VERSION = 1;
/** log2 of the number of weights. */
export const NAME_FEATURE_BITS = 15;
const MASK = (1 << NAME_FEATURE_BITS) - 1;

/** Word-list bits of a lower-case word. */
function wordClasses(lower: string, flags: (lower: string) => NameWordFlags): number {
  const f = flags(lower);
  return (
    (FIRST_NAMES.has(lower) ? 1 : 0) |
    (AMBIGUOUS_FIRST_NAMES.has(lower) ? 2 : 0) |
    (SURNAMES.has(lower) ? 4 : 0) |
    (f.everyday ? 8 : 0) |
    (f.place ? 16 : 0) |
    (f.product ? 32 : 0)
  );
}
const CLASS_COUNT = 6;

/**
 * Character trigram models of names (the given-name and family-name lexicons) and of English words (the BIP-39
 * list), built once at import: how much more a word looks like a name than like a word, per character. This carries
 * what the lexicons know to names that are not in them ("-ski", "-ova", "Ng-", "-ath-").
 */
class TrigramModel {
  readonly #counts = new Map<string, number>();
  readonly #contexts = new Map<string, number>();

  constructor(words: Iterable<string>) {
    for (const word of words) {
      const padded = `^^${word}$`;
      for (let i = 0; i + 3 <= padded.length; i++) {
        const trigram = padded.slice(i, i + 3);
        const context = trigram.slice(0, 2);
        this.#counts.set(trigram, (this.#counts.get(trigram) ?? 0) + 1);
        this.#contexts.set(context, (this.#contexts.get(context) ?? 0) + 1);
      }
    }
  }

  /** log P(word) under add-one smoothing over an alphabet of 40. */
  logProbability(padded: string): number {
    let sum = 0;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const trigram = padded.slice(i, i + 3);
      sum += Math.log(((this.#counts.get(trigram) ?? 0) + 1) / ((this.#contexts.get(trigram.slice(0, 2)) ?? 0) + 40));
    }
    return sum;
  }
}

const NAME_MODEL = new TrigramModel([...FIRST_NAMES, ...SURNAMES]);
const WORD_MODEL = new TrigramModel(BIP39_WORDS);

/** How much more `lower` looks like a name than an English word: log-likelihood ratio per character, in steps. */
function nameLikeness(lower: string): number {
  const padded = `^^${lower}$`;
  const ratio = (NAME_MODEL.logProbability(padded) - WORD_MODEL.logProbability(padded)) / (lower.length + 1);
  return Math.max(-6, Math.min(6, Math.round(ratio * 2)));
}

/** Whether `lower` is two everyday words run together ("paperwhite", "ironwood"): products more than names. */
function isCompound(lower: string): boolean {
  for (let i = 3; i <= lower.length - 3; i++) {
    if (BIP39_WORDS.has(lower.slice(0, i)) && BIP39_WORDS.has(lower.slice(i))) return true;
  }
  return false;
}

/** A word of a candidate run, with its offsets in the text. */
export interface NameRunWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Feature families: each is hashed with its own tag, so "pw:to" and "nw:to" land apart.
enum Tag {
  Length = 1,
  Flags,
  FlagsByLength,
  WordClass,
  Shape,
  WordLength,
  Suffix2,
  Suffix3,
  Suffix4,
  Prefix3,
  Trigram,
  PreviousWord,
  PreviousWord2,
  PreviousPunctuation,
  PreviousByLength,
  NextPunctuation,
  NextWord,
  NextWord2,
  NextByLength,
  NextCapital,
  PreviousNext,
  Likeness,
  LikenessByPosition,
  Compound,
}

const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;

function begin(tag: number): number {
  return Math.imul(OFFSET ^ tag, PRIME);
}

function foldString(hash: number, s: string, from = 0, to = s.length): number {
  let h = hash;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), PRIME);
  return h;
}

function foldNumber(hash: number, n: number): number {
  return Math.imul(hash ^ (n + 0x9e37), PRIME);
}

function bucket(hash: number): number {
  return (hash ^ (hash >>> 15)) & MASK;
}

function isLetter(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  const ch = String.fromCharCode(c);
  return ch.toLowerCase() !== ch.toUpperCase() || (c >= 0x300 && c <= 0x36f);
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** The shape of a word: X for a capital, x for lower-case letters (runs collapsed), ' - . kept, é for non-ASCII. */
function shape(word: string): string {
  let out = "";
  let last = "";
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    let k: string;
    if (c >= 65 && c <= 90) k = "X";
    else if (c >= 97 && c <= 122) k = "x";
    else if (c > 127) k = isLetter(c) ? (word[i] === word[i]?.toUpperCase() ? "X" : "é") : "?";
    else k = word[i] as string;
    if (k === last && (k === "x" || k === "é")) continue;
    out += k;
    last = k;
  }
  return out;
}

/** The lower-case words of `text` from `from` on (up to `count`), and the punctuation before the first one. */
function wordsAfter(text: string, count: number): { punctuation: string; words: string[]; capital: boolean } {
  let i = 0;
  let punctuation = "";
  const words: string[] = [];
  let capital = false;
  while (i < text.length && words.length < count) {
    const c = text.charCodeAt(i);
    if (isLetter(c) || (c >= 48 && c <= 57)) {
      let end = i + 1;
      while (end < text.length) {
        const d = text.charCodeAt(end);
        if (isLetter(d) || (d >= 48 && d <= 57) || d === 45 || (isApostrophe(d) && isLetter(text.charCodeAt(end + 1))))
          end++;
        else break;
      }
      if (words.length === 0) capital = c >= 65 && c <= 90;
      words.push(text.slice(i, end).toLowerCase());
      i = end;
      continue;
    }
    if (words.length === 0 && c > 32 && punctuation.length < 3) punctuation += c === 0x2019 ? "'" : text[i];
    if (words.length === 0 && c === 10 && punctuation.length < 3) punctuation += "n";
    i++;
  }
  return { punctuation, words, capital };
}

/** The lower-case words of `text` before its end (the nearest first, up to `count`), and the punctuation after them. */
function wordsBefore(text: string, count: number): { punctuation: string; words: string[] } {
  let i = text.length - 1;
  let punctuation = "";
  const words: string[] = [];
  while (i >= 0 && words.length < count) {
    const c = text.charCodeAt(i);
    if (isLetter(c) || (c >= 48 && c <= 57)) {
      let start = i;
      while (start > 0) {
        const d = text.charCodeAt(start - 1);
        if (isLetter(d) || (d >= 48 && d <= 57) || d === 45 || isApostrophe(d)) start--;
        else break;
      }
      words.push(text.slice(start, i + 1).toLowerCase());
      i = start - 1;
      continue;
    }
    if (words.length === 0 && c > 32 && punctuation.length < 3)
      punctuation = (c === 0x2019 ? "'" : text[i]) + punctuation;
    if (words.length === 0 && c === 10 && punctuation.length < 3) punctuation = `n${punctuation}`;
    i--;
  }
  return { punctuation, words };
}

/** The features of the words around a run: the last ones {@link nameFeatures} returns (training drops them at times). */
export const NAME_CONTEXT_FEATURES = 10;

/** The features of a run without those of the words around it. */
export function wordFeatures(features: readonly number[]): readonly number[] {
  return features.slice(0, features.length - NAME_CONTEXT_FEATURES);
}

/** What the rules found around a candidate run. */
export interface NameRunContext {
  /** The run opens a sentence (or a line). */
  readonly sentenceStart: boolean;
  /** A person verb or a possessive follows ("… said", "…'s"). */
  readonly personAfter: boolean;
  /** The rules accept the run on capitalisation alone (two uncommon capitalised words mid-sentence). */
  readonly byCapitals: boolean;
  /** The run holds an ambiguous given name ("Grace", "Will") the rules reject where it stands. */
  readonly ambiguous: boolean;
}

/**
 * The hashed features of a candidate run (its words, in order): `before` is the text before it (its last 48
 * characters count), `after` the text after it, already cut to the right-context bound; `flagsOf` says what each
 * lower-case word is.
 */
export function nameFeatures(
  before: string,
  words: readonly NameRunWord[],
  after: string,
  context: NameRunContext,
  flagsOf: (lower: string) => NameWordFlags,
): number[] {
  const out: number[] = [];
  const n = Math.min(words.length, 4);
  out.push(bucket(foldNumber(begin(Tag.Length), n)));
  const flags =
    (context.sentenceStart ? 1 : 0) |
    (context.personAfter ? 2 : 0) |
    (context.byCapitals ? 4 : 0) |
    (context.ambiguous ? 8 : 0);
  out.push(bucket(foldNumber(begin(Tag.Flags), flags)));
  out.push(bucket(foldNumber(foldNumber(begin(Tag.FlagsByLength), flags), n)));
  for (let i = 0; i < words.length; i++) {
    const word = (words[i] as NameRunWord).text;
    const lower = word.toLowerCase();
    const position = n === 1 ? 0 : i === 0 ? 1 : i === words.length - 1 ? 2 : 3;
    const bits = wordClasses(lower, flagsOf);
    if (bits === 0) out.push(bucket(foldNumber(foldNumber(begin(Tag.WordClass), position), 0)));
    for (let b = 0; b < CLASS_COUNT; b++) {
      if ((bits & (1 << b)) !== 0) out.push(bucket(foldNumber(foldNumber(begin(Tag.WordClass), position), b + 1)));
    }
    out.push(bucket(foldString(foldNumber(begin(Tag.Shape), position), shape(word))));
    out.push(bucket(foldNumber(begin(Tag.WordLength), Math.min(lower.length, 12))));
    const likeness = nameLikeness(lower);
    out.push(bucket(foldNumber(begin(Tag.Likeness), likeness)));
    out.push(bucket(foldNumber(foldNumber(begin(Tag.LikenessByPosition), position), likeness)));
    if (isCompound(lower)) out.push(bucket(begin(Tag.Compound)));
    const len = lower.length;
    if (len >= 3) out.push(bucket(foldString(begin(Tag.Suffix2), lower, len - 2)));
    if (len >= 4) out.push(bucket(foldString(begin(Tag.Suffix3), lower, len - 3)));
    if (len >= 5) out.push(bucket(foldString(begin(Tag.Suffix4), lower, len - 4)));
    if (len >= 4) out.push(bucket(foldString(begin(Tag.Prefix3), lower, 0, 3)));
    // Character trigrams, with ^ and $ for the word's edges.
    const padded = `^${lower}$`;
    for (let k = 0; k + 3 <= padded.length; k++) out.push(bucket(foldString(begin(Tag.Trigram), padded, k, k + 3)));
  }
  const left = wordsBefore(before.length > 48 ? before.slice(-48) : before, 2);
  const right = wordsAfter(after, 2);
  const previous = left.words[0] ?? "^";
  const next = right.words[0] ?? "$";
  out.push(bucket(foldString(begin(Tag.PreviousWord), previous)));
  out.push(bucket(foldString(begin(Tag.PreviousWord2), left.words[1] ?? "^")));
  out.push(bucket(foldString(begin(Tag.PreviousPunctuation), left.punctuation)));
  out.push(bucket(foldString(foldNumber(begin(Tag.PreviousByLength), n), previous)));
  out.push(bucket(foldString(begin(Tag.NextPunctuation), right.punctuation)));
  out.push(bucket(foldString(begin(Tag.NextWord), next)));
  out.push(bucket(foldString(begin(Tag.NextWord2), right.words[1] ?? "$")));
  out.push(bucket(foldString(foldNumber(begin(Tag.NextByLength), n), next)));
  out.push(bucket(foldNumber(begin(Tag.NextCapital), right.capital ? 1 : 0)));
  out.push(bucket(foldString(foldString(begin(Tag.PreviousNext), previous), `|${next}`)));
  return out;
}
