// The people split: a fifth set of chat messages about people, written on 2026-11-22 before any change it measures,
// by someone who had not read the person-name detector's code or word lists, so that nothing in it was picked to
// suit (or to trip) the detector. The splits before it have each been measured several times, and a number read
// often enough starts to steer the work; this one is meant to be measured once per change, on text nobody tuned on.
//
// Names, places, organisations, products and templates are its own: no given name, surname, place, organisation or
// product word appears (case-insensitive, as a whole word) in values.ts, corpus.ts, fresh-split.ts, name-split.ts or
// name-training-set.ts (a test checks the names and those words). Names come from nineteen cultures, many not in the
// earlier splits (Filipino, Vietnamese, Persian, Brazilian, Nordic, Hungarian, Ukrainian, Indonesian, Ethiopian,
// Pacific, Irish, Dutch, Thai, Punjabi, Mexican), written as people write them: with diacritics, particles (van der,
// de la, dela, al-), apostrophes (O'Connell), short surnames (Li, Ng, Ko) and names that are also English words
// (Hope, Drew, Clay, Bishop, Young, Frost, Little, Gill). Those hard cases are a fair share, not the bulk: most
// names in real chats are plain. The negatives are full of capitalised words that are not people: products and
// brands (some invented-looking), software, places, companies, titles, events, dishes, teams, ships, buildings and
// streets, at sentence start and mid-sentence.
import type { LabelledMessage } from "./corpus.js";
import { generateNameSplit, type NameSplitSpec } from "./name-split-generator.js";

// A person is a given name and a surname of the same culture, so the pairs look like real people rather than
// random mixes; within a culture they are paired at random.
const GIVEN: Readonly<Record<string, readonly string[]>> = {
  filipino: ["Rowena", "Jerico", "Marites", "Arnel", "Rhodora", "Dindo"],
  vietnamese: ["Phúc", "Hạnh", "Dũng", "Tâm", "Khoa", "Quyên"],
  persian: ["Shahrzad", "Farnaz", "Mahsa", "Behnam", "Ladan", "Arman"],
  brazilian: ["Gisele", "Joana", "Cleiton", "Raimunda", "Jurema", "Wanderley"],
  nordic: ["Ingvar", "Birgitta", "Håkon", "Ylva", "Torvald", "Ragnar"],
  hungarian: ["Bence", "Csilla", "Kinga", "Márton", "Szilvia", "Zsolt"],
  ukrainian: ["Oksana", "Taras", "Olena", "Mykola", "Iryna", "Yurii"],
  indonesian: ["Wahyu", "Dewi", "Bambang", "Rini", "Agus", "Ayu"],
  ethiopian: ["Abebe", "Tigist", "Mulugeta", "Selamawit", "Yohannes", "Meseret"],
  pacific: ["Sione", "Mele", "Tevita", "Losa", "Ngaio", "Kahurangi", "Whetu"],
  irish: ["Sorcha", "Fiachra", "Clodagh", "Ruairí", "Orla", "Peadar"],
  dutch: ["Joost", "Femke", "Maarten", "Ilse", "Bram", "Sanne"],
  thai: ["Nattapong", "Chaiwat", "Anong", "Ploy", "Supaporn", "Rungroj"],
  // Given names that are also ordinary English words or surnames.
  english: ["Hope", "Drew", "Clay", "Sterling", "Piers", "Constance"],
  chinese: ["Jiahui", "Haoyu", "Shuting", "Kaiwen", "Zixuan", "Yue"],
  arabic: ["Noura", "Tamer", "Hadeel", "Mazen", "Lujain", "Suhail"],
  mexican: ["Guadalupe", "Xóchitl", "Itzel", "Mauricio", "Jimena", "Yolanda"],
  korean: ["Seungmin", "Hyejin", "Eunbi", "Sangwoo", "Hyerin"],
  punjabi: ["Gurpreet", "Harjit", "Manpreet", "Jaswinder"],
};

const SURNAMES: Readonly<Record<string, readonly string[]>> = {
  // "dela Peña": a particle in lower case, as many Filipino families write it.
  filipino: ["Dimaculangan", "Macaraeg", "Pangilinan", "Dizon", "dela Peña"],
  vietnamese: ["Trịnh", "Lâm", "Đinh", "Lương", "Quách", "Châu"],
  persian: ["Khorasani", "Kermani", "Mirzaei", "Ghorbani", "Hashemi"],
  brazilian: ["Nascimento", "dos Santos", "Azevedo", "Bittencourt", "Araújo"],
  nordic: ["Sørensen", "Strømme", "Åkesson", "Åberg", "Ekdahl"],
  hungarian: ["Szűcs", "Fekete", "Oláh", "Vörös", "Halász"],
  ukrainian: ["Shevchenko", "Bondarenko", "Tkachuk", "Melnyk", "Hrytsenko"],
  indonesian: ["Susanto", "Setiawan", "Kusuma", "Hidayat", "Nugroho"],
  // Ethiopian "surnames" are fathers' given names; Haile is also a given name elsewhere.
  ethiopian: ["Bekele", "Tesfaye", "Gebremedhin", "Haile", "Girma"],
  pacific: ["Tupou", "Fifita", "Tuilagi", "Faleolo", "Te Kanawa", "Tamihana", "Pōmare"],
  irish: ["O'Connell", "O'Driscoll", "McGuinness", "Fitzpatrick", "Cullinane"],
  dutch: ["van der Meulen", "de Vries", "van den Broek", "Verhoeven", "de Groot"],
  thai: ["Wongsakul", "Phromma", "Sukjai", "Thongdee", "Kaewkanya"],
  // Surnames that are also English words.
  english: ["Bishop", "Young", "Frost", "Mason", "Little", "Sparrow"],
  // Short surnames: two letters leave a detector little to go on.
  chinese: ["Li", "Ng", "Lau", "Chan", "Yip", "Tse", "Mak"],
  arabic: ["Al-Masri", "El-Khoury", "Abu-Zeid", "al-Qahtani"],
  mexican: ["de la Fuente", "del Castillo", "de los Santos", "Villaseñor", "Ochoa"],
  korean: ["Ko", "Jin", "Noh", "Byun", "Seong"],
  punjabi: ["Sandhu", "Dhillon", "Grewal", "Gill"],
};

// Places, organisations and products of the split's own: capitalised words next to names in the positives, and the
// bulk of the capitals in the negatives. Organisations are invented, and none is named after a person, so that no
// unlabelled name hides in them.
const PLACES = [
  "Lalibela",
  "Szeged",
  "Yogyakarta",
  "Isfahan",
  "Haarlem",
  "Ayutthaya",
  "Dingle",
  "Debrecen",
  "Chernivtsi",
  "Whanganui",
  "Kilkenny",
  "Vigan",
  "Florianópolis",
  "Delft",
  "Puebla",
  "Gyeongju",
  "Kandy",
];
const ORGS = [
  "Tidewell Assurance",
  "Brackenfold Joinery",
  "Quillon Orthodontics",
  "Marrowby Cooperative",
  "Oxbow Ceramics",
  "Saltings Regatta Society",
  "Heronsgate Hospice",
  "Cinderford Opticians",
];
const PRODUCTS = ["Zulip", "Mattermost", "Excalidraw", "Logseq", "Typeform", "Pipedrive", "Quorvia", "Dashtrail"];
const DAYS = ["Monday", "Tuesday", "Thursday", "Saturday"];
const MONTHS = ["February", "March", "June", "September", "November"];

// Messages with names: every template holds at least one labelled name. Cues vary on purpose: some names have a
// title, a greeting or a signature before them, many have nothing but their capital letter ("Tell {FIRST} ...").
const POSITIVE_TEMPLATES: readonly string[] = [
  "Tell {FIRST} the build is green.",
  "{FIRST} said the deploy can wait until {DAY}, is that risky?",
  "Can you draft a thank-you card for {NAME}? She covered my shifts all {MONTH}.",
  "On call this week: {NAME}. Next week: {NAME2}.",
  "Rota for the school run\nMon: {FIRST}\nTue: {FIRST2}\nWed: me",
  "Cheers,\n{FIRST}",
  "Kind regards\n{NAME}\n{ORG}\n{EMAIL}",
  "Hi {FIRST}! Just checking you got the invoice.",
  "Good morning {FIRST}, can we move our call to 3pm?",
  "---------- Forwarded message ---------\nFrom: {NAME} <{EMAIL}>\nSubject: {PLACE} offsite",
  "Meeting notes ({DAY})\nPresent: {NAME}, {NAME2}\nApologies: none",
  "my name is {LNAME} and i want to close my account",
  "hi this is {LNAME}, I was on the phone earlier",
  "{FIRST}'s laptop won't connect to the office wifi, what should she try?",
  "What should I get {NAME}'s twins for their birthday?",
  "Prof. {SURNAME} wants the draft by {MONTH}; help me plan the chapters.",
  "Mr {SURNAME} from the council never called back about the bins.",
  "Mrs. {SURNAME} next door keeps parking across our drive. How do I bring it up politely?",
  "Coach {SURNAME} benched my son for the whole match, should I say something?",
  "Does {NAME} still work at {ORG}? I need to reach them.",
  "I've been asked to give the eulogy for {NAME}. Where do I start?",
  "Write a welcome post introducing {NAME}, our new backend engineer.",
  "{NAME} ({PHONE}) will collect the keys.",
  "Make a sign-up sheet: {NAME}, {NAME2}, and two blank rows.",
  "Pls remind {FIRST} about the dentist at 4",
  "Who should present first, {FIRST} or {FIRST2}?",
  "lunch w/ {FIRST} tmrw, somewhere quiet in {PLACE}?",
  "{FIRST2} and {FIRST} are getting married in {PLACE}! Help me with a speech.",
  "I owe {NAME} 40 euros for the concert tickets, write a polite IOU.",
  "Rewrite more kindly: '{FIRST}, your report was late again.'",
  "Email to the landlord, cc {NAME}: the boiler is broken again.",
  "Text for the group: {FIRST} is bringing dessert, {FIRST2} the drinks.",
  "Please change the account contact to {NAME}, phone {PHONE}.",
  "The reviewer, {NAME}, flagged three issues in the pull request. Summarise them nicely.",
  "Our new neighbour is called {FIRST} and I keep forgetting it. Tips?",
  "Happy birthday {FIRST}!!! make it rhyme",
  "Congratulations to {NAME} on ten years at {ORG}.",
  "Can you check my cover letter? It's addressed to {NAME}, hiring manager at {ORG}.",
  "Name on the ticket: {SURNAME}, {FIRST}. Is that the right order?",
  "Interview panel: {NAME} (chair), {NAME2}, and someone from HR.",
  "How do I pronounce {NAME}? I'm introducing them on stage on {DAY}.",
  "Sent from my phone - {FIRST}",
  "Write a short bio: {NAME} is a nurse in {PLACE} who runs marathons.",
  "{FIRST} keeps taking credit for my work. How do I handle it?",
  "According to {NAME}, the venue in {PLACE} holds 200 people.",
  "Split the bill between me, {FIRST} and {FIRST2}: 96 euros.",
  "Thanks {FIRST} — and thanks {FIRST2} for the slides!",
  "RE: {PRODUCT} licences\n\nHi all, {NAME} has approved the budget.",
  "Letter of recommendation for {NAME}, who volunteered at {ORG} for two years.",
  "Yesterday {NAME} told me the project is cancelled. Is that even allowed?",
  "Care plan: {FIRST} takes her tablets at 8 and 20; her daughter {FIRST2} visits on {DAY}s.",
  "the contractor is {LNAME}, can you find reviews for him",
];

// Messages without personal data, heavy with capitals that are not people. No slot here is labelled, and no word
// here is a person's name as used (Burj Khalifa and Baldur's Gate are a building and a game).
const NEGATIVE_TEMPLATES: readonly string[] = [
  "Is a Fjällräven Kånken big enough for a Lenovo ThinkPad?",
  "Which is prettier in {MONTH}, {PLACE} or the coast?",
  "Can {PRODUCT} export straight to Google Sheets?",
  "Summarise Cold Comfort Farm chapter by chapter for my book club.",
  "Best time of year to walk the Camino Portugués?",
  "Does the Ryanair cabin bag rule apply on flights to {PLACE}?",
  "Hades or Terraria for a first console game?",
  "Write an ad for Glimmerbrook Oat Milk, upbeat but not cheesy.",
  "Explain the Treaty of Westphalia in three sentences.",
  "Is the Cutty Sark open to visitors on {DAY}?",
  "Recipe for Pad Kra Pao that isn't too spicy?",
  "How did the Milwaukee Bucks do against the Memphis Grizzlies?",
  "When was the Flatiron Building finished?",
  "{ORG} moved to Wexford Street, opposite the old Corn Exchange.",
  "Meet outside the Tramshed at noon, by the fountain on Threadneedle Street.",
  "Is Zentrova Cloud cheaper than DigitalOcean for a small API?",
  "What to bring to Glastonbury in {MONTH}?",
  "What is there for kids to see on HMS Belfast?",
  "Translate this Oktoberfest menu: Schweinshaxe, Obatzda, Brezn.",
  "Kaldervik Air cancelled my flight to {PLACE}, what are my rights?",
  "Set a reminder in {PRODUCT} for the Harvest Lantern Market on {DAY}.",
  "Is Solaris better as a book or as a film?",
  "Which Pokémon evolves from Eevee with a Moon Stone?",
  "Cheapest way from Schiphol to {PLACE}?",
  "Can I machine-wash a Rab Microlight jacket?",
  "Thanks to everyone at {ORG} for the Spring Fundraiser!",
  "Why is Lake Titicaca so high up?",
  "Our Orbiscope 3 projector flickers over HDMI, any fixes?",
  "Write a haiku about Mount Fuji in {MONTH}.",
  "Status: Project Kingfisher is blocked until Finance signs off Phase Two.",
  "Does Jumbo sell Halloumi all year?",
  "Compare {PRODUCT} and Dashtrail for tracking sprint velocity.",
  "When does the Tour de France cross the Pyrenees?",
  "How many floors does the Burj Khalifa have?",
  "Crystal Palace versus Brentford, who won on {DAY}?",
  "Welcome to {ORG}! Your Starter Kit ships on {DAY}.",
  "Is Baldur's Gate worth playing solo?",
  "Explain why the Suez Canal matters to the Port of Piraeus.",
  "Upgrade to Windows 11 or buy a MacBook Air?",
  "Lunch at Wagamama or the Dumpling Den near {PLACE} station?",
  "Quorvia Sync keeps logging me out of {PRODUCT}, is it a known bug?",
];

const PEOPLE_SPLIT: NameSplitSpec = {
  given: GIVEN,
  surnames: SURNAMES,
  places: PLACES,
  orgs: ORGS,
  products: PRODUCTS,
  days: DAYS,
  months: MONTHS,
  positives: POSITIVE_TEMPLATES,
  negatives: NEGATIVE_TEMPLATES,
};

/** Every given name and surname of the split, for checks that they appear nowhere else. */
export const PEOPLE_SPLIT_NAMES: readonly string[] = [
  ...Object.values(GIVEN).flat(),
  ...Object.values(SURNAMES).flat(),
];

/** Every word of the split's places, organisations and products, for the same check. */
export const PEOPLE_SPLIT_OTHER_WORDS: readonly string[] = [...PLACES, ...ORGS, ...PRODUCTS].flatMap((entry) =>
  entry.split(" "),
);

/** The people split of a seed: `positives` messages with names, then `negatives` without personal data. */
export function generatePeopleSplit(seed: number, positives = 500, negatives = 200): LabelledMessage[] {
  return generateNameSplit(PEOPLE_SPLIT, seed, positives, negatives);
}
