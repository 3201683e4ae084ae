// Features of a candidate person name for the learned scorer (person-name-model.ts): a run of capitalised words.
// Binary features, hashed into 2^NAME_FEATURE_BITS buckets: the shape, length, affixes and character trigrams of each
// word; which word lists hold it (given names, family names, everyday words, places, products, the large name
// lexicon, English words); the run's length and position in its sentence; the two words before it and the two after
// it (lower case) and the punctuation around it. The caller passes the text after the run already cut to its
// right-context bound (NAME_RIGHT_CONTEXT_CHARS in person-name.ts), so the features never depend on anything further.

import { englishWords } from "../english-words.js";
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from "./first-names.js";
import { isEnglishNonName, isLexiconFamilyName, isLexiconGivenName, nameLexicon } from "./name-lexicon.js";
import { BIP39_WORDS } from "./seed-phrase.js";
import { SURNAMES } from "./surnames.js";

/** What the caller knows of lower-case words: which are places and products, and which are everyday words. */
export interface NameWordLists {
  readonly places: ReadonlySet<string>;
  readonly products: ReadonlySet<string>;
  readonly isEveryday: (lower: string) => boolean;
}

/** Bump when the features change: a model file trained on other features is refused. */
export const NAME_FEATURE_VERSION = 2;
/** log2 of the number of weights. */
export const NAME_FEATURE_BITS = 15;
const MASK = (1 << NAME_FEATURE_BITS) - 1;

/**
 * Word-list bits: given name, ambiguous given name, family name (the hand-written lexicons), everyday word, place,
 * product; a given or family name of the large lexicon (name-lexicon.ts); an English word no name list holds.
 */
export const NAME_WORD_CLASS = {
  given: 1,
  ambiguous: 2,
  family: 4,
  everyday: 8,
  place: 16,
  product: 32,
  lexiconGiven: 64,
  lexiconFamily: 128,
  english: 256,
} as const;
const CLASS_COUNT = 9;

/**
 * The word-list bits of lower-case words. The lists are merged into one table at import, so that a word is one
 * lookup rather than five; everyday words (endings of a word list) are asked of the caller.
 */
export class NameWordClasses {
  readonly #listed = new Map<string, number>();
  readonly #isEveryday: (lower: string) => boolean;

  constructor(lists: NameWordLists) {
    const mark = (words: Iterable<string>, bit: number): void => {
      for (const word of words) this.#listed.set(word, (this.#listed.get(word) ?? 0) | bit);
    };
    mark(FIRST_NAMES, NAME_WORD_CLASS.given);
    mark(AMBIGUOUS_FIRST_NAMES, NAME_WORD_CLASS.ambiguous);
    mark(SURNAMES, NAME_WORD_CLASS.family);
    mark(lists.places, NAME_WORD_CLASS.place);
    mark(lists.products, NAME_WORD_CLASS.product);
    this.#isEveryday = lists.isEveryday;
  }

  /** The bits of the lists a word is in, without the everyday bit. */
  listed(lower: string): number {
    return this.#listed.get(lower) ?? 0;
  }

  /** All bits of a word. */
  of(lower: string): number {
    return (
      this.listed(lower) |
      (this.#isEveryday(lower) ? NAME_WORD_CLASS.everyday : 0) |
      (isLexiconGivenName(lower) ? NAME_WORD_CLASS.lexiconGiven : 0) |
      (isLexiconFamilyName(lower) ? NAME_WORD_CLASS.lexiconFamily : 0) |
      (isEnglishNonName(lower) ? NAME_WORD_CLASS.english : 0)
    );
  }
}

/**
 * Character trigram models of names (every name list: the hand-written lexicons and the large one) and of English
 * words (the BIP-39 list and every English word that is not a name): how much more a word looks like a name than like
 * a word, per character. This carries what the lexicons know to names that are not in them ("-ski", "-ova", "Ng-",
 * "-ath-").
 */
class TrigramModel {
  /** log((count + 1) / (context count + 40)) of every trigram seen, by {@link trigramKey}. */
  readonly logs = new Map<number, number>();
  /** log(1 / (context count + 40)), the log of an unseen trigram, by the {@link contextKey} of its first two. */
  readonly unseenLogs = new Map<number, number>();

  constructor(words: Iterable<string>) {
    const counts = new Map<number, number>();
    const contexts = new Map<number, number>();
    for (const word of words) {
      for (let i = 0; i < word.length + 1; i++) {
        const a = paddedCode(word, 2, i);
        const b = paddedCode(word, 2, i + 1);
        const c = paddedCode(word, 2, i + 2);
        if (a >= KEY_CHARS || b >= KEY_CHARS || c >= KEY_CHARS)
          throw new Error(`Trigram model: "${word}" is out of range`);
        counts.set(trigramKey(a, b, c), (counts.get(trigramKey(a, b, c)) ?? 0) + 1);
        contexts.set(contextKey(a, b), (contexts.get(contextKey(a, b)) ?? 0) + 1);
      }
    }
    // log P(trigram) under add-one smoothing over an alphabet of 40, for each trigram once.
    for (const [trigram, count] of counts) {
      this.logs.set(trigram, Math.log((count + 1) / ((contexts.get(trigram >>> KEY_BITS) ?? 0) + 40)));
    }
    for (const [context, count] of contexts) this.unseenLogs.set(context, Math.log(1 / (count + 40)));
  }

  /** The log of a trigram whose characters are in the key range. */
  trigramLog(trigram: number): number {
    return this.logs.get(trigram) ?? this.unseenLog(trigram >>> KEY_BITS);
  }

  /** The log of an unseen trigram with this context. */
  unseenLog(context: number): number {
    return this.unseenLogs.get(context) ?? UNSEEN_CONTEXT_LOG;
  }
}

/** The log of a trigram whose first two characters were never seen. */
const UNSEEN_CONTEXT_LOG = Math.log(1 / 40);

/**
 * The logs of both models side by side, so that each trigram of a word is looked up once for both: a slot holds the
 * name model's log and then the word model's, for every trigram either model has seen, for an unseen trigram after
 * every context either has seen, and (the last slot) for an unseen trigram after an unseen context.
 */
class LikenessModel {
  readonly #slots = new Map<number, number>();
  readonly #contextSlots = new Map<number, number>();
  readonly #logs: Float64Array;
  readonly #unseenSlot: number;
  /**
   * The slot of every trigram of lower-case ASCII letters, "^" and "$" (most words are made of nothing else), by
   * {@link denseIndex}: an array read instead of a hash lookup.
   */
  readonly #denseSlots = new Int32Array(DENSE_SYMBOLS ** 3);

  constructor(names: TrigramModel, words: TrigramModel) {
    const logs: number[] = [];
    for (const trigram of new Set([...names.logs.keys(), ...words.logs.keys()])) {
      this.#slots.set(trigram, logs.length);
      logs.push(names.trigramLog(trigram), words.trigramLog(trigram));
    }
    for (const context of new Set([...names.unseenLogs.keys(), ...words.unseenLogs.keys()])) {
      this.#contextSlots.set(context, logs.length);
      logs.push(names.unseenLog(context), words.unseenLog(context));
    }
    this.#unseenSlot = logs.length;
    logs.push(UNSEEN_CONTEXT_LOG, UNSEEN_CONTEXT_LOG);
    this.#logs = Float64Array.from(logs);
    for (const a of DENSE_CODES) {
      for (const b of DENSE_CODES) {
        for (const c of DENSE_CODES) {
          this.#denseSlots[denseIndex(a, b, c)] = this.#mappedSlot(a, b, c);
        }
      }
    }
  }

  /**
   * How much more `lower` looks like a name than an English word: log-likelihood ratio per character, in steps. The
   * word is padded as "^^word$"; each model's logs are summed in order, as each model alone would.
   */
  likeness(lower: string): number {
    let name = 0;
    let word = 0;
    for (let i = 0; i < lower.length + 1; i++) {
      const slot = this.#slot(paddedCode(lower, 2, i), paddedCode(lower, 2, i + 1), paddedCode(lower, 2, i + 2));
      name += this.#logs[slot] as number;
      word += this.#logs[slot + 1] as number;
    }
    const ratio = (name - word) / (lower.length + 1);
    return Math.max(-6, Math.min(6, Math.round(ratio * 2)));
  }

  #slot(a: number, b: number, c: number): number {
    const dense = denseIndex(a, b, c);
    return dense >= 0 ? (this.#denseSlots[dense] as number) : this.#mappedSlot(a, b, c);
  }

  #mappedSlot(a: number, b: number, c: number): number {
    // A character outside the key range is in no word of either model: the trigram is unseen, and so is its context
    // if the character is in it.
    if (a >= KEY_CHARS || b >= KEY_CHARS) return this.#unseenSlot;
    if (c < KEY_CHARS) {
      const slot = this.#slots.get(trigramKey(a, b, c));
      if (slot !== undefined) return slot;
    }
    return this.#contextSlots.get(contextKey(a, b)) ?? this.#unseenSlot;
  }
}

/** The symbols of the dense slot table: "a" to "z", "^" and "$". */
const DENSE_CODES: readonly number[] = [..."abcdefghijklmnopqrstuvwxyz^$"].map((c) => c.charCodeAt(0));
const DENSE_SYMBOLS = DENSE_CODES.length;

function denseSymbol(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  return c === 0x5e ? 26 : c === 0x24 ? 27 : -1;
}

/** The index of a trigram of DENSE_CODES in LikenessModel's dense table; -1 for any other. */
function denseIndex(a: number, b: number, c: number): number {
  const x = denseSymbol(a);
  const y = denseSymbol(b);
  const z = denseSymbol(c);
  return x < 0 || y < 0 || z < 0 ? -1 : (x * DENSE_SYMBOLS + y) * DENSE_SYMBOLS + z;
}

/**
 * Trigrams are keyed by their UTF-16 code units, KEY_BITS each: small integers, no string per trigram. Every
 * character of the lexicons is below KEY_CHARS (checked at import).
 */
const KEY_BITS = 10;
const KEY_CHARS = 1 << KEY_BITS;

function trigramKey(a: number, b: number, c: number): number {
  return (contextKey(a, b) << KEY_BITS) | c;
}

function contextKey(a: number, b: number): number {
  return (a << KEY_BITS) | b;
}

/**
 * The code unit at `i` of `word` padded with `carets` "^" before it and one "$" after it, without building the
 * padded string (a concatenation is a rope, slower to read character by character).
 */
function paddedCode(word: string, carets: number, i: number): number {
  if (i < carets) return CARET;
  return i - carets < word.length ? word.charCodeAt(i - carets) : DOLLAR;
}

const CARET = 0x5e;
const DOLLAR = 0x24;

let likeness: LikenessModel | undefined;

/** Whether every character of a word is in the trigram key range (Latin and Greek: not Cyrillic or Armenian). */
function inKeyRange(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= KEY_CHARS) return false;
  return true;
}

/**
 * The likeness model of every name the detector knows (the hand-written lexicons and the large one, its names that
 * are words too included) against every English word that is not a name: built on first use (~0.3 s), or by
 * {@link loadNameLikeness}.
 */
function likenessModel(): LikenessModel {
  if (likeness === undefined) {
    const lexicon = nameLexicon();
    const names = [...FIRST_NAMES, ...SURNAMES, ...lexicon.given, ...lexicon.family, ...lexicon.alsoWords];
    const words = [...englishWords()].filter((word) => !lexicon.alsoWords.has(word));
    likeness = new LikenessModel(
      new TrigramModel(names.filter(inKeyRange)),
      new TrigramModel([...BIP39_WORDS, ...words].filter(inKeyRange)),
    );
  }
  return likeness;
}

/** Builds the likeness model now, so that no request waits for it. */
export function loadNameLikeness(): void {
  likenessModel();
}

/** How much more `lower` looks like a name than an English word: log-likelihood ratio per character, in steps. */
function nameLikeness(lower: string): number {
  return likenessModel().likeness(lower);
}

/** Whether `lower` is two everyday words run together ("paperwhite", "ironwood"): products more than names. */
function isCompound(lower: string): boolean {
  // Neither part can be longer than the longest BIP-39 word: only the splits where both fit are looked up.
  const from = Math.max(3, lower.length - LONGEST_BIP39_WORD);
  const to = Math.min(lower.length - 3, LONGEST_BIP39_WORD);
  for (let i = from; i <= to; i++) {
    if (BIP39_WORDS.has(lower.slice(0, i)) && BIP39_WORDS.has(lower.slice(i))) return true;
  }
  return false;
}

const LONGEST_BIP39_WORD = Math.max(...[...BIP39_WORDS].map((word) => word.length));

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

/** foldString over `^${word}$` from `from` to `to`, without building it. */
function foldPadded(hash: number, word: string, from: number, to: number): number {
  let h = hash;
  for (let i = from; i < to; i++) h = Math.imul(h ^ paddedCode(word, 1, i), PRIME);
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
 * characters count), `after` the text after it, already cut to the right-context bound; `classes` says which lists
 * hold each lower-case word.
 */
export function nameFeatures(
  before: string,
  words: readonly NameRunWord[],
  after: string,
  context: NameRunContext,
  classes: NameWordClasses,
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
    const bits = classes.of(lower);
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
    for (let k = 0; k + 3 <= lower.length + 2; k++) out.push(bucket(foldPadded(begin(Tag.Trigram), lower, k, k + 3)));
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
