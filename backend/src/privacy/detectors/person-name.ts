// Person names. Runs of capitalised words (with particles: "Maria de la Cruz", "Ludwig van Beethoven"; initials;
// "O'Brien", "McDonald", "Jean-Pierre") are names when the evidence says so:
//   - a strong cue before them: "my name is", "I'm", "Dear", "Hi", "Regards,", "Mr.", "Dr.", "my wife", "Name:";
//   - a given name from the lexicon (first-names.ts), with its surname; an ambiguous one ("Will", "May") only
//     mid-sentence or with a surname;
//   - two capitalised words or more, none an everyday word, place or product, one of them a family name
//     (surnames.ts) or a name of the large lexicon (name-lexicon.ts, ~29,000 names of 77 locales): "Ewa Kaczmarek";
//   - a lone given name of the large lexicon mid-sentence, not after a determiner or punctuation ("next to Tommaso"),
//     or opening a sentence before a person verb ("Donatella says");
//   - two capitalised words mid-sentence after a weak cue ("met", "ask", "with") or before a person verb ("said"),
//     none of them a word that is capitalised for other reasons (places, products, weekdays; NOT_NAMES).
// After "my name is", "i'm", "call me" a lower-case given name from the lexicon counts too ("im priya").
// Runs the rules settle by capitalisation alone, or do not accept, go to a learned scorer (person-name-model.ts,
// features in person-name-features.ts): it keeps or drops the former ("Kindle Paperwhite"), and adds the latter
// when it is confident ("Who should sit next to Tommaso?", "Colton Langley joined", "Ruiqi from the gym"; a lone
// word opening a sentence only if it is no everyday or English word, place or product).
import { readFileSync } from "node:fs";
import { detectNamesInCapitals } from "./capitals-names.js";
import { detectCasualNames } from "./casual-names.js";
import { detectCjkNames } from "./cjk-names.js";
import { type Detection, type Detector, PRIORITY } from "./detection.js";
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from "./first-names.js";
import { PLACES, PRODUCTS } from "./gazetteer.js";
import { detectMentions, detectProfileLinks } from "./mentions.js";
import { isEnglishNonName, isLexiconGivenName, isLexiconName, loadNameWordLists } from "./name-lexicon.js";
import { CAPITALS_SECOND_WORD, extendFoundNames, type NeighbourWords } from "./name-neighbours.js";
import {
  loadNameLikeness,
  NAME_WORD_CLASS,
  type NameRunContext,
  NameWordClasses,
  nameFeatures,
  wordFeatures,
} from "./person-name-features.js";
import { NAME_MODEL_FILE, type NameModelFile, NameScorer } from "./person-name-model.js";
import { BIP39_WORDS } from "./seed-phrase.js";
import { SURNAMES } from "./surnames.js";
import { scanText, type TextScan } from "./text-scan.js";
import { WordGate } from "./word-gate.js";

// A capitalised word, with a prefix of Irish and Scottish names ("McDonald", "O'Brien", "D'Angelo") or the Arabic
// article or kinship word of a family name ("al-Rashid", "el-Sayed", "ibn-Saud", "abu-Bakr").
const WORD = String.raw`(?:Mc|Mac|[OD]['’]|(?:a[lnrsdtz]|el|ash|ibn|bin|bint|abu)-)?\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}?[\p{Ll}\p{M}]+)?`;
const INITIAL = String.raw`\p{Lu}\.`;
const PARTICLE_WORDS = "van von der den de da del della di du le la bin binti ibn al el ter ten dos das do y".split(
  " ",
);
const PARTICLE = `(?:${PARTICLE_WORDS.join("|")})`;

/**
 * Lower-case words a name span can hold or end on: particles ("de", "van") and the words of the lower-case cues
 * ("my name is", "im"). The stream redactor never cuts right after one.
 */
export const NAME_WORDS: ReadonlySet<string> = new Set([
  ...PARTICLE_WORDS,
  "name",
  "name's",
  "names",
  "im",
  "i'm",
  "i’m",
  "am",
  "me",
]);
const RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}\p{M}@.]|[\p{L}\p{N}\p{M}_]['’_-])(?:${WORD}|${INITIAL})(?:(?:\s+${PARTICLE})*[ \t]+(?:${WORD}|${INITIAL}))*(?![\p{L}\p{N}@]|_[\p{L}\p{N}_]|['’]\p{Lu})`,
  "uy",
);
const RUN_WORD = new RegExp(`${WORD}|${INITIAL}|${PARTICLE}`, "gu");

/** Role nouns that open a run in forms and notes ("Patient Rhys Thornton", "Applicant: …"): a strong cue. */
const ROLES = new Set(
  "patient applicant candidate customer client employee tenant guest member student passenger attendee contact beneficiary".split(
    " ",
  ),
);
/** Words that, opening a run, introduce a name: "Dear Priya", "Thanks Kenji". */
const GREETINGS = new Set(
  "dear hi hello hey hiya heya howdy yo greetings thanks thank thx thanx ty cheers congrats congratulations welcome bye".split(
    " ",
  ),
);
/** Who a greeting addresses when it names no one: "Dear Hiring Manager", "Hello Admissions Committee", "Hi Team". */
const GENERIC_ADDRESSEES = new Set(
  (
    "hiring manager managers team committee sir sirs madam madame recruiter recruiters customer customers colleague " +
    "colleagues friend friends all everyone everybody members board editor editors reviewer reviewers organizer " +
    "organizers organiser organisers admissions support hr human resources valued user users applicant applicants " +
    "candidate candidates parents students neighbours neighbors residents client clients partners sponsor sponsors " +
    "host hosts officer department office staff folks guys"
  ).split(" "),
);
/** Verbs that, opening a run at the start of a sentence, take a person: "Ask Ilaria", "Tell Iker". */
const RUN_VERBS = new Set(
  "ask tell email call text thank invite meet cc ping remind message introduce congratulate".split(" "),
);
/** Titles before a name ("Dr. Okafor", "Frau Müller"). */
const TITLES = new Set(
  (
    "mr mrs ms miss mx dr prof professor sir dame madam mme mlle herr frau señor senor señora senora sr sra dott " +
    "dottore signor signora sheikh rev captain capt officer agent judge coach uncle aunt auntie grandma grandpa cousin"
  ).split(" "),
);

/** Capitalised words that are sentence words, not names: pronouns, function words, greetings, the calendar. */
const SENTENCE_WORDS = new Set(
  `
i i'm i've i'd i'll im the a an this that these those it its it's we you he she they my your our their his her what
when where why how who which whose please thanks thank yes no not ok okay sure can could would should shall must might
is are was were be been do does did have has had if but and or so also then now here there today tomorrow yesterday
tonight let lets let's just maybe hopefully unfortunately actually basically however meanwhile anyway btw fyi
note notes update reminder question answer problem issue error warning info subject re fwd attached attachment
deadline total order invoice reference ref phone email address name birthday number card date time
monday tuesday wednesday thursday friday saturday sunday january february march july september october november
december mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec
christmas easter halloween thanksgiving ramadan diwali eid hanukkah passover new year years day eve
team all everyone everybody world sir madam customer customers friends folks guys there again support admin sales
mum mom mommy mummy mama dad daddy papa mother father grandma grandpa granny nana wife husband son daughter sister
brother baby boss
explain write draft create make give show list summarise summarize translate compare describe find check help send
plan generate convert calculate fix review edit add remove update set use install run build deploy book schedule
reply forward prepare suggest recommend rewrite proofread correct format sort count read open close start stop try
bearer basic token authorization patient applicant candidate client employee tenant guest member student passenger
attendee contact beneficiary unit flat apt apartment suite floor room building
`
    .split(/\s+/)
    .filter(Boolean),
);
/** Capitalised words of places, organisations, products and titles: a run holding one is not a person's name. */
const THING_WORDS = new Set(
  `
inc ltd llc gmbh ag sa plc corp co company group holdings university college school academy institute bank hospital
clinic hotel airport station street road avenue lane drive city county state province region district north south
east west central upper lower new old san santa los las saint st lake mount mt fort port bay beach island islands
river valley park hill hills united kingdom states republic union european europe asia africa america americas
australia english spanish french german chinese japanese korean italian portuguese russian arabic hindi dutch swedish
polish google apple microsoft amazon facebook meta netflix tesla uber airbnb slack zoom github gitlab docker
kubernetes python java javascript typescript react angular vue node linux windows mac macos ios iphone ipad android
excel word powerpoint outlook gmail chrome firefox safari aws azure cloud studio code visual teams office project
manager engineer director ceo cto cfo vp hr it ai api pr ml llm gpt chatgpt claude openai anthropic bitcoin ethereum
internet wifi covid sql json html css pdf csv readme docs doc section chapter part page table figure step version
release build test tests production staging dev prod server client database cluster service services app apps
account accounts payment payments delivery shipping tracking refund policy terms privacy security settings
dashboard login password traders logistics solutions systems technologies technology labs partners consulting
capital foundation media studios pharma health healthcare insurance motors airlines airways energy foods bakery
restaurant cafe café store shop market mall center centre museum library church cathedral stadium arena league cup
club fc united times post journal news daily weekly magazine review press records music pictures films games
department committee council ministry agency police court government association society network pro plus max
premium edition series season episode album band orchestra
`
    .split(/\s+/)
    .filter(Boolean),
);
const NOT_NAMES_LOWER_STOP = new Set(
  `and or but the a an to of in on at for from with by about as is am are was were be been being have has had do
does did not no yes so then than that this these those it its i me my we our you your he she they them their his her
here there just also very really too from im i'm going trying looking working writing calling new old good fine
tired sorry happy glad sure ok okay back home done ready still`
    .split(/\s+/)
    .filter(Boolean),
);

const STRONG_CUE =
  /(?:\bmy name is|\bmy name's|\bname is|\bnames? ?:|\bnamed|\bi'm|\bi’m|\bi am|\bim|\bcall me|\bthis is|\bit's|\bsigned|\bfrom:|\bto:|\bcc:|\battn:?|\bc\/o|\bcontact:|\bauthor:|\bsender:|\brecipient:|\bpatient:?|\bapplicant:?|\bcandidate:?|\bclient:|\bcustomer:|\bguest:|\bemployee:|\btenant:|\bmember:|\bfull name:?|\bname of|\bunder the name|\bname|\bdear|\bhi|\bhello|\bhey|\bhappy (?:birthday|anniversary|retirement),?|\b(?:shout-?out|kudos|props|congrats|congratulations) to|\bthanks,?|\bthank you,?|\bcheers,?|(?:\bregards|\bsincerely|\bbest|\byours(?: truly)?|\bwarmly|\blove),|^\s*[-—–]{1,2}|\bmy (?:wife|husband|son|daughter|mom|mum|mother|dad|father|brother|sister|friend|boss|colleague|coworker|co-worker|manager|partner|boyfriend|girlfriend|fiancée?|neighbou?r|doctor|lawyer|landlord|landlady|tenant|cousin|uncle|aunt|grandma|grandmother|grandpa|grandfather|niece|nephew|teacher|student|assistant|client|roommate|flatmate|kid|child|baby)(?:'s name is|,)?|\b(?:mr|mrs|ms|miss|mx|dr|prof)\.?)[\s,:;-]*$/i;
/** Verbs and phrases that take a person: weak evidence, enough for two capitalised words. */
const WEAK_CUE =
  /(?:\b(?:met|meet|meeting with|call with|ask|asked|tell|told|email|emailed|call|called|text|texted|thank|thanked|invite|invited|introduce|introducing|introduced|hire|hired|cc|ping|pinged|remind|reminded|message|messaged|congratulate|congratulated|loop in|talk to|spoke with|spoke to|married|dating|appointment with|interview with|signed by|written by|reviewed by|approved by|assigned to|on behalf of|attention of|owner|reporter|assignee|meeting|seeing|visiting|interviewing|pronounce|spell|eulogy for|obituary for|(?:email|e-mail|mail|note|letter|message|card|poem|toast|speech|gift|invitation|invite|reply|reference|recommendation|apology|condolences?)\s+(?:to|for)))\s+$/i;
const PERSON_AFTER =
  /^(?:['’]s\b(?!\s+(?:algorithm|law|theorem|principle|disease|syndrome|method|rule|constant|equation|paradox|razor|day|eve|cathedral|church|college|hospital|square|park|bay))|\s+(?:said|says|wrote|writes|told|asked|called|emailed|thinks|thought|mentioned|replied|will|would|is (?:my|our|a|the|an|on|in|out|off|coming|going|away|sick)|was (?:my|our|born)|and I\b|from (?:the|our|HR|IT|sales|marketing|finance|accounting|legal))\b|\s+here(?:\s*[.,!;:]|\s*$|\s+from\b))/;
/** Whether `word` is a given name that is also a word, no place or product, and a verb of speech follows it. */
function isSpeakingAmbiguousName(text: string, word: Word): boolean {
  return (
    AMBIGUOUS_FIRST_NAMES.has(word.lower) &&
    !isPlaceOrProduct(word.lower) &&
    SPEECH_AFTER.test(text.slice(word.end, word.end + PERSON_AFTER_CHARS))
  );
}

/** A verb of speech right after a word: what a person does, not a virtue, a month or a modal verb. */
const SPEECH_AFTER =
  /^\s+(?:said|says|wrote|writes|told|tells|asked|asks|replied|replies|mentioned|emailed|texted|suggested|explained|agreed|promised|confirmed|thinks|thought)\b/;
/** A request to the person just named ("Liesbeth: can you …", "Tommaso, please …"). */
const ADDRESSED = /^\s*[,:]\s*(?:(?:can|could|would|will|do|did|are|have) you|please|pls|plz)\b/i;
/**
 * The most characters after the end of a candidate name that the detector reads to decide whether it is a name and
 * where it ends: a person verb or a possessive after a run of capitalised words ("… said", "'s"), the scorer's view
 * of the next two words and the punctuation, the second word of a lower-case name ("my name is priya sharma"); each
 * lookahead is cut at this many characters. Text further on never changes a decision, with one exception: a run
 * joined by "and" or "&" to a name right after it ("Thao Hoang and Priya Shah") is a name when that one is. The
 * stream redactor's cut rules rely on it (stream-boundaries.ts).
 */
export const NAME_RIGHT_CONTEXT_CHARS = 24;
/** Characters after a run in which a person verb counts ("… said", "… is coming"): within the bound above. */
const PERSON_AFTER_CHARS = NAME_RIGHT_CONTEXT_CHARS;
/** Characters before a run the scorer reads (the two words before it). */
const NAME_LEFT_CONTEXT_CHARS = 48;

let committedScorer: NameScorer | undefined;

/**
 * The committed scorer, read on first use (not at import: the training script imports this module to collect
 * candidates, and must run when the committed weights are of older features).
 */
function scorer(): NameScorer {
  committedScorer ??= new NameScorer(JSON.parse(readFileSync(NAME_MODEL_FILE, "utf8")) as NameModelFile);
  return committedScorer;
}

/**
 * Reads what the detector otherwise reads on first use: the word lists (~0.4 s, ~20 MB), the likeness model built
 * from them (~0.35 s) and the scorer's weights. The chat service calls it at start-up so that no request waits.
 */
export function loadPersonNameData(): void {
  loadNameWordLists();
  loadNameLikeness();
  scorer();
}
const CLOSING_ABOVE = /(?:regards|sincerely|cheers|thanks|best|yours|love)[,!.]?[ \t]*\n\s*$/i;
const TITLE_BEFORE = /\b(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s+$/i;
const COLON_BEFORE = /:\s*$/;
const SAINT_BEFORE = /\b(?:St|Saint|San|Santa|Mount|Mt|Lake|Fort|Port)\.?\s+$/;
/** Ambiguous given names that are months ("May", "June"), and a number after one ("May 5"). */
const MONTH_NAMES = /^(?:may|june|april|august|jan|jun)$/;
const NUMBER_AFTER = /^\s*\d/;
const MONTH_CONTEXT_BEFORE =
  /\b(?:in|on|by|since|until|till|of|next|last|this|early|late|mid|during|before|after|from)\s+$/i;
/** "our new intern is …", "my dentist, …": a role noun, then the name. */
const ROLE_CUE =
  /\b(?:intern|manager|boss|colleague|coworker|teacher|doctor|dentist|therapist|lawyer|attorney|landlord|landlady|neighbou?r|partner|assistant|ceo|cto|cfo|founder|director|supervisor|mentor|tutor|coach|recruiter|friend|roommate|flatmate|husband|wife|son|daughter|mother|father|brother|sister|grandfather|grandmother|grandpa|grandma|uncle|aunt|cousin|fiancée?|nanny|babysitter|contractor|plumber|realtor|accountant|advisor|adviser|agent|hr contact|point of contact)(?:'s name)?\s*(?:is|was|,|:)\s+$/i;
/**
 * The last word of every cue above (lower case, without trailing punctuation): a run whose preceding word is not
 * one of these cannot have a cue, and the cue regexes are skipped.
 */
const CUE_TAILS: ReadonlySet<string> = new Set(
  `
is was am im i'm i’m me it's name name's names named signed from to cc attn contact author sender recipient patient
birthday anniversary retirement
applicant candidate client customer guest employee tenant member of dear hi hello hey thanks you cheers regards
sincerely best yours truly warmly love mr mrs ms miss mx dr prof wife husband son daughter mom mum mother dad father
brother sister friend boss colleague coworker co-worker manager partner boyfriend girlfriend fiancé fiancée neighbor
neighbour doctor lawyer landlord landlady cousin uncle aunt grandma grandmother grandpa grandfather niece nephew
teacher student assistant roommate flatmate kid child baby met meet with ask asked tell told email emailed call
called text texted thank thanked invite invited introduce introducing introduced hire hired ping pinged remind
reminded message messaged congratulate congratulated in by for owner reporter assignee meeting seeing visiting
interviewing pronounce spell intern coworker therapist dentist attorney ceo cto cfo founder director supervisor
mentor tutor coach recruiter nanny babysitter contractor plumber realtor accountant advisor adviser agent under
c/o - -- — –
`
    .split(/\s+/)
    .filter(Boolean),
);
/**
 * The longest cue tail: a longer word is not one (lowering never shortens a word into a cue tail: no character but
 * the ASCII letters and the Kelvin sign lowers to an ASCII letter, and those keep their length).
 */
const LONGEST_CUE_TAIL = Math.max(...[...CUE_TAILS].map((tail) => tail.length));

/** Whether the word before `index` (same line or the one above) can end a cue. */
function mayFollowCue(text: string, index: number): boolean {
  let end = index;
  while (
    end > 0 &&
    (text[end - 1] === " " || text[end - 1] === "\t" || text[end - 1] === "\n" || text[end - 1] === "\r")
  )
    end--;
  if (end === 0) return false;
  const last = text[end - 1];
  if (last === ":" || last === ",") return true;
  // The word runs back to the last space, newline or tab; trailing punctuation is not part of a cue tail (cutting it
  // before lowering changes nothing: no other character lowers to it).
  let start = end - 1;
  while (start > 0 && !isWordBreak(text.charCodeAt(start - 1))) start--;
  while (end > start && isCueTailPunctuation(text.charCodeAt(end - 1))) end--;
  return end - start <= LONGEST_CUE_TAIL && CUE_TAILS.has(text.slice(start, end).toLowerCase());
}

/** The characters mayFollowCue splits words at. */
function isWordBreak(c: number): boolean {
  return c === 32 || c === 10 || c === 9;
}

/** Punctuation a cue tail may carry: , : ; . ! */
function isCueTailPunctuation(c: number): boolean {
  return c === 44 || c === 58 || c === 59 || c === 46 || c === 33;
}

/** The cues of LOWER_CASE_NAME, for a gate before searching for them. */
const LOWER_CASE_CUES = ["name", "i'm", "i’m", "im ", "i am", "call me", "this is"];
const LOWER_CASE_CUE_GATE = new WordGate(LOWER_CASE_CUES);
const LOWER_CASE_NAME = /\b(my name is|my name's|name:|i'm|i’m|i am|im|call me|this is)\s+([a-z][a-z'’-]+)/gi;
/** The cues of LOWER_CASE_NAME after which any word that is not a sentence word is a name. */
const NAME_CUE = /name/i;
/** A lower-case family name after the given name ("priya sharma"). */
const LOWER_CASE_SECOND_WORD = /^[ \t]+([a-z][a-z'’-]+)/;

interface Word {
  readonly text: string;
  /** `text.toLowerCase()`, computed once: every word list is looked up in lower case. */
  readonly lower: string;
  readonly start: number;
  readonly end: number;
}

function makeWord(text: string, start: number): Word {
  return { text, lower: text.toLowerCase(), start, end: start + text.length };
}

function isSentenceStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i] as string;
    if (c === " " || c === "\t" || c === '"' || c === "'" || c === "(" || c === "*" || c === "“" || c === "‘") continue;
    return c === "." || c === "!" || c === "?" || c === "\n" || c === ":" || c === "-" || c === "•" || c === ">";
  }
  return true;
}

function pushName(out: Detection[], words: readonly Word[]): void {
  const first = words[0];
  const last = words.at(-1);
  if (first === undefined || last === undefined) return;
  out.push({ category: "PERSON_NAME", start: first.start, end: last.end, priority: PRIORITY.personName });
}

const LOWER_FIRST = /^\p{Ll}/u;

/** Whether a word of a run is a particle ("de", "van"): in lower case, and not a family name after one ("al-Rashid"). */
function isParticle(word: Word): boolean {
  const c = word.text.charCodeAt(0);
  return (c < 128 ? c >= 97 && c <= 122 : LOWER_FIRST.test(word.text)) && !word.text.includes("-");
}

/** The leading words of a run that can be a name: up to four, up to a sentence word (or a thing word). */
function nameWords(words: readonly Word[], allowThings: boolean): Word[] {
  const accepted: Word[] = [];
  for (const word of words) {
    if (accepted.length >= 4) break;
    const lower = word.lower;
    if (!isParticle(word) && (SENTENCE_WORDS.has(lower) || (!allowThings && THING_WORDS.has(lower)))) break;
    accepted.push(word);
  }
  while (accepted.length > 0 && isParticle(accepted.at(-1) as Word)) accepted.pop();
  return accepted;
}

/** What decides whether a run of capitalised words is a name. */
interface RunEvidence {
  readonly strong: boolean;
  readonly title: boolean;
  readonly weak: boolean;
  /** A colon before the run ("CRM: Farhan Khan, …"): enough for two capitalised words. */
  readonly colon: boolean;
  readonly personAfter: boolean;
  readonly sentenceStart: boolean;
}

/**
 * What the rules make of a run: `rule`, a name on evidence; `capitals`, a name on capitalisation alone (the scorer
 * may drop it); `doubt`, not a name by the rules (the scorer may add it); `no`, never a name.
 */
type Verdict = "rule" | "capitals" | "doubt" | "no";

interface Decision {
  readonly verdict: Verdict;
  /** The words that would be the name. */
  readonly words: Word[];
  readonly ambiguous: boolean;
}

const NO: Decision = { verdict: "no", words: [], ambiguous: false };

function decide(words: readonly Word[], evidence: RunEvidence, text: string): Decision {
  if (evidence.title) {
    const titled = nameWords(words, true);
    // A lone initial after a title ("Dr. J.") is not a name.
    if (titled.length === 0 || (titled.length === 1 && (titled[0] as Word).text.endsWith("."))) return NO;
    return { verdict: "rule", words: titled, ambiguous: false };
  }
  const accepted = nameWords(words, false);
  const head = accepted[0];
  if (head === undefined) return NO;
  // A run holding a place or organisation word ("Blue Harbor Bank", "Rio de Janeiro") is not a person.
  if (hasThingWord(words)) return evidence.strong ? ruling("rule", accepted) : NO;
  if (accepted.length === 1 && head.text.endsWith(".")) return NO;
  if (evidence.strong) return ruling("rule", accepted);
  const headLower = head.lower;
  if (hasGivenName(accepted)) return ruling("rule", accepted);
  const multi = countNameWords(accepted) >= 2;
  if (AMBIGUOUS_FIRST_NAMES.has(headLower)) {
    const after = text.slice(accepted.at(-1)?.end ?? head.end, (accepted.at(-1)?.end ?? head.end) + 4);
    const monthLike = MONTH_NAMES.test(headLower);
    const before = text.slice(Math.max(0, head.start - 12), head.start);
    if (monthLike && (MONTH_CONTEXT_BEFORE.test(before) || NUMBER_AFTER.test(after))) return NO;
    // At the start of a sentence an ambiguous name is most likely the word ("Joy Division", "Will you…").
    if (
      evidence.weak ||
      (multi && (!evidence.sentenceStart || evidence.colon || evidence.personAfter)) ||
      (evidence.personAfter && !evidence.sentenceStart)
    ) {
      return ruling("rule", accepted);
    }
    return ruling("doubt", accepted, true);
  }
  if (evidence.weak || (multi && evidence.colon)) return ruling("rule", accepted);
  // "Scammer asked", "Management said": a single capitalised word opening a sentence is too often a noun.
  if (evidence.personAfter && (multi || !evidence.sentenceStart)) return ruling("rule", accepted);
  // Two capitalised words mid-sentence, none an everyday word or a place ("a bio for Thao Hoang"): a name on their
  // own. Titles and products are made of everyday words; places are in the gazetteer (places.ts).
  if (multi && !evidence.sentenceStart && allMayBeNameWords(accepted)) return ruling("capitals", accepted);
  return ruling("doubt", accepted);
}

function ruling(verdict: Verdict, words: Word[], ambiguous = false): Decision {
  return { verdict, words, ambiguous };
}

/** Whether a word of `words` is a place or organisation word. */
function hasThingWord(words: readonly Word[]): boolean {
  for (const word of words) if (THING_WORDS.has(word.lower)) return true;
  return false;
}

/** Whether a word of `words` is a given name from the lexicon. */
function hasGivenName(words: readonly Word[]): boolean {
  for (const word of words) if (FIRST_NAMES.has(word.lower)) return true;
  return false;
}

/** Whether `words` is one given name of the large lexicon that is no everyday or English word, place or product. */
function isLoneLexiconGivenName(words: readonly Word[]): boolean {
  const word = words[0];
  return words.length === 1 && word !== undefined && isLexiconGivenName(word.lower) && mayBeNameWord(word);
}

/** The words of `words` that are not particles. */
function countNameWords(words: readonly Word[]): number {
  let count = 0;
  for (const word of words) if (!isParticle(word)) count++;
  return count;
}

function allMayBeNameWords(words: readonly Word[]): boolean {
  for (const word of words) if (!mayBeNameWord(word)) return false;
  return true;
}

/**
 * Whether a lower-case word is an everyday English word, or one with a plural, verb or comparative ending: the
 * BIP-39 list (2048 common words) stands for the language. Titles, products and places are made of such words
 * ("Black Mirror", "Deep Work", "Breaking Bad"); names rarely are.
 */
function isEverydayWord(lower: string): boolean {
  return EVERYDAY_WORDS.has(lower);
}

/**
 * The endings of everyday words, each with what it replaces: a word is everyday if it is a BIP-39 word, or ends in
 * one of these after a stem of three letters or more that, with the replacement (or, for a non-empty replacement,
 * alone), is a BIP-39 word ("parties" from "party", "boxes" from "box", "making" from "make", "walked" from "walk").
 */
const EVERYDAY_ENDINGS: readonly (readonly [string, string])[] = [
  ["ies", "y"],
  ["es", ""],
  ["s", ""],
  ["ing", "e"],
  ["ed", "e"],
  ["er", "e"],
  ["ers", "e"],
  ["ly", ""],
];

/** Every everyday word: the BIP-39 words and each form EVERYDAY_ENDINGS makes of them, so that a test is one lookup. */
const EVERYDAY_WORDS: ReadonlySet<string> = everydayWords();

function everydayWords(): Set<string> {
  const words = new Set<string>(BIP39_WORDS);
  for (const word of BIP39_WORDS) {
    for (const [ending, replacement] of EVERYDAY_ENDINGS) {
      // The stem with the replacement is the word ("party" = "part" + "y" gives "parties") ...
      if (word.endsWith(replacement)) {
        const stem = word.slice(0, word.length - replacement.length);
        if (stem.length > 2) words.add(stem + ending);
      }
      // ... or, for a non-empty replacement, the stem alone is ("walk" gives "walked").
      if (replacement !== "" && word.length > 2) words.add(word + ending);
    }
  }
  return words;
}

/**
 * The lists a capitalised word must be in none of to count towards a name found by capitalisation alone (and it
 * must not be an everyday word).
 */
const NOT_NAME_CLASSES = NAME_WORD_CLASS.place | NAME_WORD_CLASS.product | NAME_WORD_CLASS.ambiguous;

/**
 * Whether a capitalised word can be part of a name found by capitalisation alone: not an everyday word (the BIP-39
 * list with its endings, or any English word that is not also a name: "Kindle", "Harbor"), a place or a product.
 */
function mayBeNameWord(word: Word): boolean {
  if (isParticle(word)) return true;
  const text = word.text;
  // An initial ("J.") is fine; other words ending in a period end a sentence.
  if (text.endsWith(".")) return text.length === 2;
  return (
    (WORD_CLASSES.listed(word.lower) & NOT_NAME_CLASSES) === 0 &&
    !isEverydayWord(word.lower) &&
    !isEnglishNonName(word.lower)
  );
}

/**
 * Two capitalised words or more, one of them a family name or a name of the large lexicon, none an everyday word or
 * a place: a person.
 */
function hasFamilyName(accepted: readonly Word[]): boolean {
  let words = 0;
  let family = false;
  for (const word of accepted) {
    if (isParticle(word)) continue;
    words++;
    if (SURNAMES.has(word.lower) || isLexiconName(word.lower)) family = true;
  }
  // The lexicons first: most runs hold no name of them, and need no look-up in the word lists.
  return family && words >= 2 && allMayBeNameWords(accepted);
}

const WHITESPACE = /\s/;

/** The words of a run with their offsets (a one-word run needs no regex). */
function runWords(runStart: number, runText: string): Word[] {
  const split = splitCapitalisedRun(runStart, runText);
  if (split !== undefined) return split;
  if (!WHITESPACE.test(runText)) return [makeWord(runText, runStart)];
  const words: Word[] = [];
  RUN_WORD.lastIndex = 0;
  for (let match = RUN_WORD.exec(runText); match !== null; match = RUN_WORD.exec(runText)) {
    words.push(makeWord(match[0], runStart + match.index));
  }
  return words;
}

/**
 * The words of a run made of ASCII letters and periods only, separated by spaces and tabs, each word starting with
 * a capital (most runs): split at the spaces, as RUN_WORD would match them. Each such word is one RUN_WORD match
 * (WORD or INITIAL, a prefix "Mc"/"Mac" included); a particle ("della") could be more than one, so a run with a
 * lower-case word, or any other character, is left to RUN_WORD (undefined).
 */
function splitCapitalisedRun(runStart: number, runText: string): Word[] | undefined {
  const words: Word[] = [];
  let start = -1;
  for (let i = 0; i <= runText.length; i++) {
    const c = i < runText.length ? runText.charCodeAt(i) : 32;
    if (c === 32 || c === 9) {
      if (start >= 0) words.push(makeWord(runText.slice(start, i), runStart + start));
      start = -1;
    } else if (start < 0) {
      if (c < 65 || c > 90) return undefined;
      start = i;
    } else if (!isAsciiLetter(c) && c !== 46) return undefined;
  }
  return words;
}

/**
 * Decides a run the rules leave in doubt (or accept on capitalisation alone, `context.byCapitals`): the scorer in
 * detection, a recorder when collecting candidates for training.
 */
type Judge = (text: string, words: readonly Word[], context: NameRunContext) => boolean;

/** The word lists of every lower-case word, for the scorer's features and for mayBeNameWord. */
const WORD_CLASSES = new NameWordClasses({ places: PLACES, products: PRODUCTS, isEveryday: isEverydayWord });

/** The scorer's features of a run: at most NAME_RIGHT_CONTEXT_CHARS after it are read. */
function runFeatures(text: string, words: readonly Word[], context: NameRunContext): number[] {
  const first = words[0] as Word;
  const last = words.at(-1) as Word;
  return nameFeatures(
    text.slice(Math.max(0, first.start - NAME_LEFT_CONTEXT_CHARS), first.start),
    words,
    text.slice(last.end, last.end + NAME_RIGHT_CONTEXT_CHARS),
    context,
    WORD_CLASSES,
  );
}

/**
 * The scorer's verdict. A run the rules accept by capitals is kept or dropped on its own words (their shape,
 * affixes, trigrams, word lists): what they look like says more than the words around them, which the training
 * sentences make too telling. A run the rules do not accept is added on its words and the words around it.
 */
const scorerJudge: Judge = (text, words, context) => {
  const model = scorer();
  if (context.byCapitals) return model.score(wordFeatures(runFeatures(text, words, context))) >= model.keepThreshold;
  return model.score(runFeatures(text, words, context)) >= model.addThreshold;
};

const LETTER_BEFORE = /\p{L}\s+$/u;
/** Words after which a capitalised word is a thing, not a person: "an Austrian account", "the Globex team". */
const DETERMINER_BEFORE = /\b(?:a|an|the|this|that|these|those|each|every|any|some|no|its|their|our|your)\s+$/i;

/**
 * Whether the scorer may add a run the rules do not accept: not a lone word opening a sentence ("Scammer asked",
 * "Payroll needs"; a noun far more often than a name) or after punctuation, not after an article or determiner, and
 * no everyday word, place or product in it.
 */
function mayAdd(text: string, words: readonly Word[], context: NameRunContext): boolean {
  const first = words[0] as Word;
  if (words.length === 1 && (context.sentenceStart || first.text.endsWith("."))) return false;
  if (!words.every(mayBeNameWord)) return false;
  const before = text.slice(Math.max(0, first.start - 8), first.start);
  // A lone word after punctuation is an item of a list or a record ("Khalid Haddad, Globex, …") as often as a name.
  if (words.length === 1 && !LETTER_BEFORE.test(before)) return false;
  return !DETERMINER_BEFORE.test(before);
}

/** The cues in the text before a run. */
interface Cues {
  readonly strong: boolean;
  readonly title: boolean;
  readonly weak: boolean;
  readonly colon: boolean;
}

const NO_CUES: Cues = { strong: false, title: false, weak: false, colon: false };

/** Whether a strong cue or a title ends right before `start` ("my colleague 王小明", "Dear 김민준"). */
function cueEndsBefore(text: string, start: number): boolean {
  const cues = cuesBefore(text, start);
  return cues.strong || cues.title;
}

/** The cues before `start` (STRONG_CUE, TITLE_BEFORE, …), looked for only after a word that can end one. */
function cuesBefore(text: string, start: number): Cues {
  if (!mayFollowCue(text, start)) return NO_CUES;
  const around = text.slice(Math.max(0, start - 40), start);
  const before = around.slice(around.lastIndexOf("\n") + 1);
  return {
    // CLOSING_ABOVE needs a line break, which `before` starts after.
    strong:
      (mayEndCue(before, STRONG_CUE_ENDS) && STRONG_CUE.test(before)) ||
      (mayEndRoleCue(before) && ROLE_CUE.test(before)) ||
      (before.length < around.length && CLOSING_ABOVE.test(around)),
    title: TITLE_BEFORE.test(before),
    weak: mayEndCue(before, WEAK_CUE_ENDS) && WEAK_CUE.test(before),
    colon: COLON_BEFORE.test(before),
  };
}

/**
 * The cheap part of STRONG_CUE and WEAK_CUE, which scan the whole text before a run: what they can end with.
 * `trailing` is what the pattern allows after its words ([\s,:;-]* or \s+); `words` the last run of ASCII letters of
 * each alternative (after it only `trailing` characters, or a ':' or ',' that is one of them; "i'm" ends with "m",
 * "co-worker" with "worker"); `other` whether an alternative may end in something else (a title's period, a dash).
 */
interface CueEnds {
  readonly trailing: (c: number) => boolean;
  readonly words: ReadonlySet<string>;
  readonly other: (c: number) => boolean;
}

const STRONG_CUE_ENDS: CueEnds = {
  trailing: (c) => isAsciiSpace(c) || c === 44 || c === 58 || c === 59 || c === 45,
  words: new Set(
    `is s named m am im me signed from to cc attn contact author sender recipient patient applicant candidate client
customer guest employee tenant member name names of dear hi hello hey thanks you cheers regards sincerely best yours
birthday anniversary retirement
truly warmly love wife husband son daughter mom mum mother dad father brother sister friend boss colleague coworker
worker manager partner boyfriend girlfriend e neighbor neighbour doctor lawyer landlord landlady cousin uncle aunt
grandma grandmother grandpa grandfather niece nephew teacher student assistant roommate flatmate kid child baby mr
mrs ms miss mx dr prof o`.split(/\s+/),
  ),
  // "Dr." ends in a period; "^ -- " may be nothing but trailing characters (an empty rest) or end in a long dash.
  other: (c) => c === 46 || c === 0x2014 || c === 0x2013,
};

const WEAK_CUE_ENDS: CueEnds = {
  trailing: isAsciiSpace,
  words: new Set(
    `met meet with ask asked tell told email emailed call called text texted thank thanked invite invited introduce
introducing introduced hire hired cc ping pinged remind reminded message messaged congratulate congratulated in to by
dating married of owner reporter assignee meeting seeing visiting interviewing pronounce spell for`.split(/\s+/),
  ),
  other: () => false,
};

/**
 * Whether a cue pattern with these ends may match at the end of `before`: false when what precedes the trailing
 * characters is an ASCII character no alternative ends with, or a run of letters that is none of its last words.
 * Non-ASCII characters (Unicode spaces, which `\s` takes in) and nothing but trailing characters leave it to the
 * pattern.
 */
function mayEndCue(before: string, ends: CueEnds): boolean {
  let end = before.length;
  while (end > 0 && ends.trailing(before.charCodeAt(end - 1))) end--;
  if (end === 0) return true;
  const c = before.charCodeAt(end - 1);
  if (c > 127 || ends.other(c)) return true;
  if (!isAsciiLetter(c)) return false;
  let start = end - 1;
  while (start > 0 && isAsciiLetter(before.charCodeAt(start - 1))) start--;
  return ends.words.has(before.slice(start, end).toLowerCase());
}

/**
 * Whether ROLE_CUE may match at the end of `before`: it ends in spaces after "is", "was", a comma or a colon.
 * Non-ASCII characters (Unicode spaces) leave it to the pattern.
 */
function mayEndRoleCue(before: string): boolean {
  let end = before.length;
  while (end > 0 && isAsciiSpace(before.charCodeAt(end - 1))) end--;
  if (end === 0) return false;
  const c = before.charCodeAt(end - 1);
  if (c > 127) return true;
  if (end === before.length) return false;
  if (c === 44 || c === 58) return true;
  return endsWithLetters(before, end, "is") || endsWithLetters(before, end, "was");
}

/** Whether `text` before `end` ends with the lower-case ASCII letters `word`, in either case. */
function endsWithLetters(text: string, end: number, word: string): boolean {
  if (end < word.length) return false;
  for (let i = 0; i < word.length; i++) {
    if ((text.charCodeAt(end - word.length + i) | 32) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether "St.", "San", "Lake" or another word of SAINT_BEFORE stands right before `start`. */
function followsSaint(text: string, start: number): boolean {
  if (start <= 2) return false;
  const from = Math.max(0, start - 8);
  // SAINT_BEFORE ends in spaces after a period or the last letter of one of its words (t, n, a, e): most runs have
  // something else before their spaces, and need no slice.
  let i = start - 1;
  while (i >= from && isAsciiSpace(text.charCodeAt(i))) i--;
  // Nothing but spaces in the window: no word.
  if (i < from) return false;
  const c = text.charCodeAt(i);
  // Non-ASCII (a Unicode space, say) is left to the pattern.
  if (c > 127) return saintBefore(text, from, start);
  if (i === start - 1 || (c !== 46 && c !== 116 && c !== 110 && c !== 97 && c !== 101)) return false;
  return saintBefore(text, from, start);
}

function saintBefore(text: string, from: number, start: number): boolean {
  return SAINT_BEFORE.test(text.slice(from, start));
}

/** The ASCII characters of \s: tab, line feed, vertical tab, form feed, carriage return, space. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Whether a person verb, a possessive, a self-introduction or a request to them follows `end` ("… said", "…'s",
 * "… here.", "…: can you"), within PERSON_AFTER_CHARS.
 */
function hasPersonAfter(text: string, end: number): boolean {
  // PERSON_AFTER starts with an apostrophe, a space, a comma or a colon: most words are followed by none of them, and
  // need no slice.
  const next = end < text.length ? text.charCodeAt(end) : 0;
  if (next < 128 && next !== 39 && next !== 44 && next !== 58 && !isAsciiSpace(next)) return false;
  const after = text.slice(end, end + PERSON_AFTER_CHARS);
  return PERSON_AFTER.test(after) || ADDRESSED.test(after);
}

/** Whether a request to the person follows `end` ("…: can you", "…, please"). */
function isAddressed(text: string, end: number): boolean {
  const next = end < text.length ? text.charCodeAt(end) : 0;
  return (
    (next === 44 || next === 58 || isAsciiSpace(next)) && ADDRESSED.test(text.slice(end, end + PERSON_AFTER_CHARS))
  );
}

function judged(out: Detection[], words: Word[], accept: boolean): Word[] {
  if (!accept) return words;
  pushName(out, words);
  return [];
}

/**
 * A lone capitalised word opening a sentence, that no hand-written list makes a name and no cue precedes: most such
 * words are nouns ("Scammer asked", "Payroll needs"), so only one that is no everyday or English word, place or
 * product can be a name: a given name of the large lexicon before a person verb ("Donatella says"), or what the
 * scorer is confident of ("Ruiqi from the gym", a signature on the last line).
 */
function loneWordAtStart(text: string, all: Word[], end: number, judge: Judge, out: Detection[]): Word[] {
  const word = all[0] as Word;
  if (word.text.endsWith(".") || !mayBeNameWord(word)) return [];
  const personAfter = hasPersonAfter(text, end);
  if (personAfter && isLexiconGivenName(word.lower)) return judged(out, all, true);
  // Addressed at the start of a message or sentence ("Liesbeth: can you check?"): no everyday word is.
  if (isAddressed(text, end)) return judged(out, all, true);
  const context = { sentenceStart: true, personAfter, byCapitals: false, ambiguous: false };
  judged(out, all, judge(text, all, context));
  return [];
}

function detectRun(text: string, runStart: number, runText: string, out: Detection[], judge: Judge): Word[] {
  const all = runWords(runStart, runText);
  // Most runs are one capitalised word ("The", "Can", "Order"): a name only if it is a given name, follows a cue, or
  // precedes a person verb mid-sentence; otherwise the scorer decides.
  if (all.length === 1) {
    const lower = (all[0] as Word).lower;
    if (COMMON_WORDS.has(lower)) return [];
    // A title before the name it belongs to ("seeing Dr. Okonjo"): the name's own run follows.
    if (TITLES.has(lower) && text.charCodeAt(runStart + runText.length) === 46) return [];
    // A given name that is also a word ("Grace", "Will", "Joy") before a verb of speech: a person ("Grace said").
    if (isSpeakingAmbiguousName(text, all[0] as Word)) return judged(out, all, true);
    if (!FIRST_NAMES.has(lower) && !AMBIGUOUS_FIRST_NAMES.has(lower) && !mayFollowCue(text, runStart)) {
      const end = runStart + runText.length;
      if (isSentenceStart(text, runStart)) return loneWordAtStart(text, all, end, judge, out);
      if (!hasPersonAfter(text, end)) {
        const context = { sentenceStart: false, personAfter: false, byCapitals: false, ambiguous: false };
        if (!mayAdd(text, all, context)) return [];
        // A given name of the large lexicon mid-sentence, where the scorer could add a word: a person ("next to
        // Tommaso?"); the lexicon holds no English word, place or product.
        return judged(out, all, isLexiconGivenName(lower) || judge(text, all, context));
      }
    }
  }
  // Leading greetings and titles ("Dear", "Thanks", "Dr.") are evidence for what follows; a leading sentence word is
  // dropped.
  let strong = false;
  let title = false;
  let verb = false;
  // Whether a sentence word opened the run: the rest then counts as opening the sentence.
  let opener = false;
  let i = 0;
  for (; i < all.length - 1; i++) {
    const { text, lower } = all[i] as Word;
    const word = text.endsWith(".") ? text.slice(0, -1).toLowerCase() : lower;
    if (GREETINGS.has(word) || ROLES.has(word)) strong = true;
    else if (TITLES.has(word)) title = true;
    else if (i === 0 && RUN_VERBS.has(word)) verb = true;
    // A sentence word opening the run ("Is Rohan Patel coming?") is no evidence; the rest may be a name.
    else if (i === 0 && SENTENCE_WORDS.has(word) && !text.endsWith(".")) opener = true;
    else break;
  }
  const words = all.slice(i);
  const first = words[0];
  if (first === undefined || isParticle(first)) return [];
  // "Dear Hiring Manager", "Hello Admissions Committee": a greeting to a role, not to a person.
  if (strong && words.some((word) => GENERIC_ADDRESSEES.has(word.lower))) return [];
  // A title left alone after a greeting or a verb ("Dear Mr. Nakamura", "Ask Dr. Okafor"): the name's own run follows.
  if (words.length === 1 && TITLES.has(first.text.endsWith(".") ? first.text.slice(0, -1).toLowerCase() : first.lower))
    return [];
  // "Yesterday Grace said": a given name that is also a word, after a sentence word, before a verb of speech.
  if (words.length === 1 && isSpeakingAmbiguousName(text, first)) return judged(out, words, true);
  // "St. Patrick's Day", "San Diego", "Lake Victoria": a saint's or a place's name.
  if (followsSaint(text, first.start)) return [];
  // The cheap evidence first: a given name from the lexicon in a run without place or organisation words.
  if (!title && !strong) {
    const accepted = nameWords(words, false);
    if ((hasGivenName(accepted) || hasFamilyName(accepted)) && !hasThingWord(words)) {
      pushName(out, accepted);
      return [];
    }
    // A given name of the large lexicon after an auxiliary opening a question ("Has Ignatius replied?").
    if (opener && isLoneLexiconGivenName(accepted) && !hasThingWord(words)) {
      pushName(out, accepted);
      return [];
    }
    if (accepted.length === 0) return words;
  }
  const last = words.at(-1) as Word;
  const cues = cuesBefore(text, first.start);
  const evidence: RunEvidence = {
    strong: strong || cues.strong,
    title: title || cues.title,
    weak: verb || cues.weak,
    colon: cues.colon,
    personAfter: hasPersonAfter(text, last.end),
    sentenceStart: isSentenceStart(text, opener ? (all[0] as Word).start : first.start),
  };
  const decision = decide(words, evidence, text);
  if (decision.verdict === "no") return words;
  if (decision.verdict === "rule") return judged(out, decision.words, true);
  const context = {
    sentenceStart: evidence.sentenceStart,
    personAfter: evidence.personAfter,
    byCapitals: decision.verdict === "capitals",
    ambiguous: decision.ambiguous,
  };
  if (!context.byCapitals && !mayAdd(text, decision.words, context)) return words;
  return judged(out, decision.words, judge(text, decision.words, context)).length > 0 ? words : [];
}

const PARTICLE_SET: ReadonlySet<string> = new Set(PARTICLE_WORDS);

function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isAsciiLetter(c: number): boolean {
  return isLowerAscii(c) || isUpperAscii(c);
}

/**
 * Where RUN, tried at a capitalised word at `start`, ends, for the common runs settled by looking at ASCII
 * characters: capitalised words of ASCII letters ("Maria", "Lopez") and initials ("J.") separated by spaces or tabs,
 * the last one followed by punctuation, the end, or spaces not followed by another capitalised word or a particle.
 * NO_RUN where RUN cannot match at all ("AI", "I think", "JavaScript", "ID9"); PATTERN when the pattern must decide
 * (anything else: non-ASCII letters, hyphens, apostrophes, "McDonald", a particle after the spaces), so the result is
 * always what RUN would give.
 */
function simpleRunEnd(text: string, start: number): number {
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  // RUN's lookbehind: not after @ or . (letters and digits never precede a site), nor after an apostrophe, '_' or '-'
  // that follows a letter, digit or '_' ("O'Brien", "don't", "snake_Case", "e-Mail"); one that opens a quote, an
  // emphasis or a list item is fine ("VALUES ('Laura Chen'", "_Laura Chen_", "-Laura Chen"), as is a slash between
  // names ("Laura Chen/Priya Raman"; a path's words need evidence to be names like any other). A non-ASCII character
  // before the site is left to the pattern.
  if (before > 127) return PATTERN;
  if (before === 64 || before === 46) return NO_RUN;
  if ((before === 39 || before === 95 || before === 45) && start > 1) {
    const quoted = text.charCodeAt(start - 2);
    if (quoted > 127) return PATTERN;
    if (isAsciiLetter(quoted) || (quoted >= 48 && quoted <= 57) || quoted === 95) return NO_RUN;
  }
  if (!isUpperAscii(text.charCodeAt(start))) return PATTERN;
  let end = simpleWordEnd(text, start);
  if (end < 0) return startsNoWord(text, start) ? NO_RUN : PATTERN;
  // A first word glued to a letter, digit, '_' or '@' fails RUN's lookahead at every length ("JavaScript", "Abc1"),
  // unless it is the prefix of "McDonald" or "MacArthur".
  // A '_' after it closes an emphasis ("_Laura Chen_") unless a word goes on after it: the pattern decides.
  if (text.charCodeAt(end) === 95) return PATTERN;
  if (end < text.length && gluedAfter(text.charCodeAt(end)) && !mayBeNamePrefix(text, start, end)) return NO_RUN;
  while (end >= 0) {
    if (end === text.length) return end;
    const next = text.charCodeAt(end);
    if (next > 32) return endsRun(text, end) ? end : PATTERN;
    // Spaces: the run goes on if a capitalised word or an initial follows after spaces and tabs only, and may if a
    // particle follows.
    let i = end;
    let spacesAndTabs = true;
    for (; i < text.length && text.charCodeAt(i) <= 32; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9) spacesAndTabs = false;
    }
    if (i === text.length) return end;
    const c = text.charCodeAt(i);
    if (c > 127) return PATTERN;
    if (isLowerAscii(c)) {
      let wordEnd = i + 1;
      while (wordEnd < text.length && isLowerAscii(text.charCodeAt(wordEnd))) wordEnd++;
      return PARTICLE_SET.has(text.slice(i, wordEnd)) ? PATTERN : end;
    }
    if (!isUpperAscii(c) || !spacesAndTabs) return end;
    // A capital that starts neither a word nor an initial ("I think", "AI") ends the run; one the pattern has to
    // judge ("O'Brien", a non-ASCII letter) is left to it.
    if (startsNoWord(text, i)) return end;
    end = simpleWordEnd(text, i);
  }
  return PATTERN;
}

/** simpleRunEnd: RUN does not match here. */
const NO_RUN = -2;
/** simpleRunEnd: only RUN can tell. */
const PATTERN = -1;

/**
 * Whether the ASCII capital at `start` starts neither a word nor an initial for RUN ("AI", "I think", "A1", "I'm"):
 * the next character is ASCII (or the end) and not a lower-case letter (a word, or the prefix of "McDonald") or a
 * period (an initial), or it is an apostrophe after a capital that cannot open "O'Brien" or "D'Angelo".
 */
function startsNoWord(text: string, start: number): boolean {
  if (start + 1 >= text.length) return true;
  const c = text.charCodeAt(start + 1);
  if (isApostrophe(c)) {
    const capital = text.charCodeAt(start);
    return capital !== 79 && capital !== 68;
  }
  return c < 128 && !isLowerAscii(c) && c !== 46;
}

/** Whether an ASCII character right after a word makes RUN's lookahead fail: a letter, digit, '_' (followed by a
 * word character; simpleRunEnd leaves '_' to the pattern) or '@'. */
function gluedAfter(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 64;
}

/** Whether the word from `start` to `end` is "Mc" or "Mac", which RUN's WORD may take as a prefix. */
function mayBeNamePrefix(text: string, start: number, end: number): boolean {
  const word = text.slice(start, end);
  return word === "Mc" || word === "Mac";
}

/** The end of a capital followed by ASCII lower-case letters, or by a period (an initial), at `start`; else -1. */
function simpleWordEnd(text: string, start: number): number {
  let end = start + 1;
  while (end < text.length && isLowerAscii(text.charCodeAt(end))) end++;
  if (end > start + 1) return end;
  return text.charCodeAt(end) === 46 ? end + 1 : -1;
}

/**
 * Whether the printable character at `end`, after a word or an initial, ends a run there: ASCII punctuation but
 * '_' and '@' (RUN's lookahead would make it backtrack) and '-' (hyphenated words), or an apostrophe not followed by
 * a capital ("John's"; "John'S" fails the lookahead). Anything else the pattern decides.
 */
function endsRun(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (isApostrophe(c)) {
    const after = end + 1 < text.length ? text.charCodeAt(end + 1) : 32;
    return after < 128 && !isUpperAscii(after);
  }
  if (c > 127 || isAsciiLetter(c) || (c >= 48 && c <= 57)) return false;
  return c !== 95 && c !== 64 && c !== 45;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Lone capitalised words no name run can consist of (sentence words, things, greetings): detectRun drops them. */
const COMMON_WORDS: ReadonlySet<string> = new Set([...SENTENCE_WORDS, ...THING_WORDS, ...GREETINGS]);

/**
 * The common words of ASCII lower-case letters, capitalised ("The", "Please"): a run simpleRunEnd finds is ASCII
 * letters, so it is one of these exactly when its lower case is a common word, with no string lowered.
 */
const COMMON_CAPITALISED: ReadonlySet<string> = new Set(
  [...COMMON_WORDS].filter((word) => /^[a-z]+$/.test(word)).map((word) => word[0]?.toUpperCase() + word.slice(1)),
);

/** A run the rules leave to the scorer, as training sees it. */
export interface NameCandidate {
  readonly start: number;
  readonly end: number;
  /** The scorer's features (person-name-features.ts). */
  readonly features: readonly number[];
  /** The rules accept it on capitalisation alone; the scorer may drop it (else: may add it). */
  readonly byCapitals: boolean;
}

/**
 * The runs of `text` the rules leave to the scorer, with their features: what the scorer is trained on. The rules'
 * own decision stands for each (kept if by capitals, not added otherwise), so what follows is detected as the rules
 * alone would.
 */
export function personNameCandidates(text: string): NameCandidate[] {
  const candidates: NameCandidate[] = [];
  const record: Judge = (text, words, context) => {
    const first = words[0] as Word;
    const last = words.at(-1) as Word;
    const features = runFeatures(text, words, context);
    candidates.push({ start: first.start, end: last.end, features, byCapitals: context.byCapitals });
    return context.byCapitals;
  };
  detectNames(scanText(text), [], record);
  return candidates;
}

/**
 * Whether a text writes in lower case, as casual chat does: it has no capitalised word, or its first letter is lower
 * case ("talked to priya yesterday"). Names there may be in lower case too (casual-names.ts).
 */
function writesInLowerCase(scan: TextScan): boolean {
  if (scan.capitals.length === 0) return true;
  const text = scan.text;
  for (let i = 0; i < text.length && i < 16; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if (c >= 65 && c <= 90) return false;
  }
  return false;
}

/** LinkedIn profile addresses (mentions.ts) hold a person's name. */
const PROFILE_GATE = new WordGate(["linkedin"]);

export const personNameDetector: Detector = {
  category: "PERSON_NAME",
  // Any text with a word may hold one: a text without capitals writes in lower case, and its names may be too.
  mayMatch: (scan) => scan.tokens > 0,
  detect(scan: TextScan, out: Detection[]): void {
    detectNames(scan, out, scorerJudge);
    if (scan.ats.length > 0) detectMentions(scan.text, scan.ats, out);
    if (scan.cjk) detectCjkNames(scan.text, out, cueEndsBefore);
    if (scan.capitals.length > 1) detectNamesInCapitals(scan.text, scan.capitals, out);
    if (writesInLowerCase(scan)) detectCasualNames(scan.text, out);
    if (PROFILE_GATE.mayContain(scan.trigrams) && scan.lower.includes("linkedin.com/in/")) {
      detectProfileLinks(scan.text, out);
    }
  },
};

/** Whether a lower-case word is a place or a product of the gazetteer. */
function isPlaceOrProduct(lower: string): boolean {
  return (WORD_CLASSES.listed(lower) & (NAME_WORD_CLASS.place | NAME_WORD_CLASS.product)) !== 0;
}

/** What name-neighbours.ts asks of this detector's word lists. */
const NEIGHBOUR_WORDS: NeighbourWords = {
  reach: NAME_RIGHT_CONTEXT_CHARS,
  mayBeName: (word, start) => mayBeNameWord(makeWord(word, start)),
  isPlaceOrProduct,
};

function detectNames(scan: TextScan, out: Detection[], judge: Judge): void {
  const { text, capitals } = scan;
  const before = out.length;
  const rejected: Word[][] = [];
  // As matchAtSites(RUN, …), with most runs found without the pattern and the lone common words ("The", "Can",
  // "Please") settled before building any word.
  let next = 0;
  for (const site of capitals) {
    if (site < next) continue;
    let runText: string;
    const end = simpleRunEnd(text, site);
    if (end === NO_RUN) continue;
    if (end >= 0) {
      next = end;
      runText = text.slice(site, end);
      if (COMMON_CAPITALISED.has(runText)) continue;
    } else {
      RUN.lastIndex = site;
      const match = RUN.exec(text);
      if (match === null) continue;
      runText = match[0];
      next = site + runText.length;
    }
    const words = detectRun(text, site, runText, out, judge);
    if (words.length >= 2) rejected.push(words);
  }
  if (rejected.length > 0) addJoinedNames(text, out, out.slice(before), rejected);
  if (out.length > before) extendFoundNames(text, out, before, scan.colon, NEIGHBOUR_WORDS);
  detectLowerCaseNames(scan, out);
}

/** "Babajide Adeyemi and Yuki Zhang": a pair joined by "and" or "&" to a name is a name too. */
function addJoinedNames(
  text: string,
  out: Detection[],
  names: readonly Detection[],
  rejected: readonly Word[][],
): void {
  for (const words of rejected) {
    const first = words[0] as Word;
    const last = words.at(-1) as Word;
    if (words.some((word) => SENTENCE_WORDS.has(word.lower) || THING_WORDS.has(word.lower))) continue;
    const joined = names.some(
      (name) => JOINER.test(text.slice(last.end, name.start)) || JOINER.test(text.slice(name.end, first.start)),
    );
    if (joined) out.push({ category: "PERSON_NAME", start: first.start, end: last.end, priority: PRIORITY.personName });
  }
}

const JOINER = /^\s*(?:and|&|or)\s*$/;

/** "my name is priya", "im john smith": lower-case names after the strongest cues. */
function detectLowerCaseNames(scan: TextScan, out: Detection[]): void {
  const text = scan.text;
  if (!LOWER_CASE_CUE_GATE.mayContain(scan.trigrams)) return;
  const lower = scan.lower;
  if (!LOWER_CASE_CUES.some((cue) => lower.includes(cue))) return;
  LOWER_CASE_NAME.lastIndex = 0;
  for (let match = LOWER_CASE_NAME.exec(text); match !== null; match = LOWER_CASE_NAME.exec(text)) {
    const word = match[2] as string;
    // A name in capitals, as forms and signatures write them ("Name: JOHN SMITH"); its family name is in capitals too.
    const capitals = word.length >= 2 && word === word.toUpperCase();
    const lowerWord = capitals ? word.toLowerCase() : word;
    // After "my name is" any word that is not a sentence word; after "i'm" only a known given name.
    const strongest = NAME_CUE.test(match[1] as string);
    if (strongest ? NOT_NAMES_LOWER_STOP.has(lowerWord) : !FIRST_NAMES.has(lowerWord) && !isLexiconGivenName(lowerWord))
      continue;
    const start = match.index + match[0].length - word.length;
    let end = start + word.length;
    const after = text.slice(end, end + NAME_RIGHT_CONTEXT_CHARS);
    const next = (capitals ? CAPITALS_SECOND_WORD : LOWER_CASE_SECOND_WORD).exec(after);
    const second = next?.[1]?.toLowerCase();
    if (next !== null && second !== undefined && !NOT_NAMES_LOWER_STOP.has(second) && second.length >= 2)
      end += next[0].length;
    out.push({ category: "PERSON_NAME", start, end, priority: PRIORITY.personName });
  }
}
