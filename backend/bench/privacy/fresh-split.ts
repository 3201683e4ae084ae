// The fresh split: person names in chat messages written after the held-out split had been tuned on, with names,
// places and products of their own (none taken from values.ts or from the detectors' word lists), from its own seed.
// It was measured once before the person-name detector changed (docs/PRIVACY.md gives both numbers); its templates
// and names were not used to pick any rule or word of the detectors. Names come from about fifteen cultures, with
// and without cues: mid-sentence, in lists, in signatures and letters, possessives, lower case after "my name is",
// names that are also words; the negatives are full of capitalised places, products, titles and organisations.
import type { LabelledMessage } from "./corpus.js";
import { generateNameSplit, type NameSplitSpec } from "./name-split-generator.js";

const GIVEN: Readonly<Record<string, readonly string[]>> = {
  english: ["Harriet", "Nathaniel", "Poppy", "Jasper", "Eleanor", "Rufus", "Clementine", "Wesley", "Faith", "Garrett"],
  spanish: ["Rocío", "Esteban", "Ignacio", "Paloma", "Fausto", "Marisol", "Leandro", "Constanza", "Amparo"],
  portuguese: ["Thalita", "Caio", "Renan", "Luana", "Vinícius", "Bianca", "Otávio", "Graça"],
  french: ["Amandine", "Gauthier", "Ségolène", "Lucien", "Perrine", "Thibault", "Clémence", "Loïc"],
  germanic: ["Annelie", "Joris", "Wouter", "Marlene", "Sjoerd", "Frauke", "Hannes", "Lieke"],
  slavic: ["Bożena", "Miroslav", "Darya", "Yaroslav", "Kseniya", "Tadeusz", "Jelena", "Nikola"],
  turkish: ["Deniz", "Cem", "Selin", "Oğuz", "Gizem", "Kerem"],
  persian: ["Arash", "Niloufar", "Kaveh", "Babak", "Roya", "Setareh"],
  arabic: ["Reem", "Nabil", "Lina", "Zaid", "Hala", "Munir", "Ghada"],
  southAsian: ["Aarti", "Naveen", "Sunil", "Devika", "Rajiv", "Ashwin", "Pallavi", "Gaurav"],
  eastAsian: ["Wenjing", "Zhiwei", "Xiulan", "Ryota", "Kaito", "Emiko", "Hyunwoo", "Soojin", "Jiyeon"],
  southeastAsian: ["Siti", "Nurul", "Arief", "Putri", "Rizal", "Maricel", "Jomar", "Somchai"],
  african: ["Folasade", "Chukwuma", "Yaw", "Efua", "Adwoa", "Tafadzwa", "Mandla", "Nomsa", "Kagiso", "Njoki"],
  nordic: ["Aino", "Eero", "Linnea", "Jukka", "Signe", "Torbjørn", "Freja"],
  hebrew: ["Noa", "Yonatan", "Tamar", "Itai", "Shira", "Avi"],
};

const SURNAMES: Readonly<Record<string, readonly string[]>> = {
  english: ["Hargreaves", "Pennington", "Oakley", "Whitfield", "Cartwright", "Stanton", "Mercer", "Ashby"],
  spanish: ["Quiroga", "Benavides", "Arrieta", "Salcedo", "Echeverría", "Valdivia", "Ortega"],
  portuguese: ["Albuquerque", "Carvalho", "Siqueira", "Magalhães", "Teixeira"],
  french: ["Dufresne", "Lacroix", "Vasseur", "Brunet", "Peyrac"],
  germanic: ["Vermeulen", "Brandt", "Kuipers", "Stolz", "Achterberg", "van Dijk"],
  slavic: ["Zieliński", "Marković", "Lebedeva", "Kravchenko", "Horák"],
  turkish: ["Yılmaz", "Aydın", "Öztürk", "Çelik", "Demir"],
  persian: ["Tehrani", "Farahani", "Mohammadi", "Karimi"],
  arabic: ["Al-Hashimi", "Darwish", "Saleh", "Barakat", "Awad"],
  southAsian: ["Krishnan", "Banerjee", "Deshpande", "Agarwal", "Pillai", "Joshi"],
  eastAsian: ["Zhou", "Huang", "Sato", "Suzuki", "Lee", "Jung", "Ito"],
  southeastAsian: ["Santos", "Reyes", "Wijaya", "Rahman", "Saetang"],
  african: ["Okonjo", "Adebayo", "Asante", "Moyo", "Ndlovu", "Kariuki", "Onyango", "Mutasa"],
  nordic: ["Korhonen", "Lindgren", "Mikkelsen", "Halvorsen"],
  hebrew: ["Levi", "Mizrahi", "Friedman", "Ben-David"],
};

const PLACES = [
  "Lisbon",
  "Kraków",
  "Montreal",
  "Accra",
  "Hanoi",
  "Valparaíso",
  "Tbilisi",
  "Brisbane",
  "Edinburgh",
  "Marrakesh",
  "Osaka",
  "Cebu",
  "Bergen",
];
const ORGS = [
  "Brightline Analytics",
  "Harbourview Dental",
  "Northstar Freight",
  "Pinecrest Elementary",
  "Kestrel Labs",
  "Meridian Health",
];
const PRODUCTS = ["Notion", "Figma", "Trello", "Google Calendar", "Canva", "Xero", "QuickBooks", "Obsidian"];
const DAYS = ["Monday", "Tuesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["March", "June", "September", "November"];

const POSITIVE_TEMPLATES: readonly string[] = [
  "Can you proofread this before I send it to {NAME}? They're picky about commas.",
  "{FIRST} keeps interrupting me in standups, how do I bring it up kindly?",
  "Write a LinkedIn recommendation for {NAME}; we worked together for three years at {ORG}.",
  "Guest list so far: {NAME}, {NAME2}, and a plus-one.",
  "Kind regards,\n{NAME}\n{ORG}",
  "Hi {FIRST},\n\nJust checking whether the invoice went out. Let me know!\n\n{FIRST2}",
  "my name is {LNAME} and I can't log in to the portal",
  "is it rude to remind {FIRST} about the money she owes me?",
  "{NAME}'s flight lands at 6pm, who's picking her up?",
  "Draft a condolence message to {NAME}, her father passed last week.",
  "Our new hire {NAME} starts on {DAY}; write a welcome post for the team channel.",
  "Summarise the attached CV of {NAME} in three bullet points.",
  "Appointment confirmed for {NAME} on {DAY} at 10:30.",
  "{SURNAME} from procurement says the quote is fine, do you agree?",
  "Can you translate this message from {FIRST}: 'Je serai en retard ce soir.'",
  "Please add {NAME} ({EMAIL}) to the shared drive.",
  "Who would win at chess, me or {FIRST}? Kidding, give me an opening for beginners.",
  "Write a haiku for {FIRST}'s birthday.",
  "Carpool this week: {FIRST} on {DAY}, {FIRST2} on Wednesday.",
  "Regards, {NAME} | {PHONE}",
  "Dr {SURNAME} wants me to cut down on coffee, what are good alternatives?",
  "Prof. {SURNAME} extended the deadline, can you help me plan the essay?",
  "I need a speech for my sister {FIRST}'s wedding.",
  "How do you pronounce {NAME}?",
  "Make a seating chart for {NAME}, {NAME2} and their kids.",
  "Forwarding on behalf of {NAME}: the venue is booked.",
  "hey it's {FIRST}, can u help me fix my resume",
  "Letter to the school: my son {NAME} will be absent on {DAY}.",
  "Rewrite this bio: {NAME} is a ceramicist based in {PLACE}.",
  "What should I get {FIRST} for our anniversary? He likes climbing.",
  "Minutes: {NAME} presented the Q3 numbers; {NAME2} raised concerns about hiring.",
  "Compose a reply to {FIRST} saying I can't make it on {DAY}.",
  "I think {NAME} is ghosting me, what should I text?",
  "Signed,\n{NAME}",
  "Add a footer with '{NAME}, Project Lead' to the slides.",
  "Can you write a short thank-you card for {NAME} and {NAME2}?",
  "{NAME} and I are splitting the rent, work out our shares of 1,850 a month.",
  "Review the performance notes for {FIRST}: strong coder, misses deadlines.",
  "im {LNAME}, first time using this app",
  "Is {SURNAME} a common surname in {PLACE}?",
  "Remind me that {FIRST} is allergic to peanuts when I plan the menu.",
  "Email from {NAME} <{EMAIL}>: can we move the call to {DAY}?",
  "Thanks so much, {FIRST}! The slides look great.",
  "Write an invitation to {FIRST} and {FIRST2} for a housewarming in {MONTH}.",
  "The landlord, {NAME}, hasn't fixed the boiler in two weeks.",
  "Please book a taxi for {NAME} from the hotel to the airport.",
  "Draft a toast: {FIRST} and I have been friends since primary school.",
  "Cheers,\n{FIRST}",
  "Tutor feedback for {FIRST}: great progress in algebra, needs to show working.",
  "Could {NAME} be related to the {SURNAME} family who owned the bakery?",
];

const NEGATIVE_TEMPLATES: readonly string[] = [
  "Is {PLACE} or Porto better for a long weekend in {MONTH}?",
  "How do I export contacts from {PRODUCT} to a CSV?",
  "Compare the Kindle Paperwhite and the Kobo Clara for reading in bed.",
  "Summarise the plot of Wuthering Heights in five sentences.",
  "What time does the Rijksmuseum open on Sundays?",
  "Best hiking trails near Lake Bled?",
  "Does Spotify Premium work offline with Android Auto?",
  "Explain the Monty Hall problem simply.",
  "Recommend restaurants near Union Square for a team dinner.",
  "Should I learn Rust or Go for backend work?",
  "The Northern Line is down again, how else can I get to King's Cross?",
  "Write a product description for the Aurora Desk Lamp.",
  "Who painted Girl with a Pearl Earring?",
  "Plan a three-day trip to {PLACE} and Nara.",
  "Is the Samsung Galaxy Buds battery replaceable?",
  "Marketing wants a tagline for Project Falcon by {DAY}.",
  "Happy New Year from the whole Customer Success team!",
  "Convert this Google Doc into a {PRODUCT} page template.",
  "Grace Cathedral or Golden Gate Park first?",
  "Which is bigger, Buenos Aires or Santiago?",
  "How does Apple Pay compare to Google Wallet for security?",
  "When did Pink Floyd release The Dark Side of the Moon?",
  "Set up a recurring meeting called Weekly Budget Review in {PRODUCT}.",
  "Can Harvard Business Review articles be cited in a thesis?",
  "Our {ORG} account manager changed, who do I ask about invoices?",
  "Dear Sir or Madam, I am writing to complain about a late delivery.",
  "Thanks Team, the launch went really well!",
  "Hello World programs in five languages, please.",
  "What is the Great Barrier Reef's current condition?",
  "Red Bull or Monster, which has more caffeine?",
];

const FRESH: NameSplitSpec = {
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

/** The fresh split of a seed: `positives` messages with names, then `negatives` without personal data. */
export function generateFresh(seed: number, positives = 500, negatives = 150): LabelledMessage[] {
  return generateNameSplit(FRESH, seed, positives, negatives);
}
