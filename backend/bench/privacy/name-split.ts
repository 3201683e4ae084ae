// The name split: a fourth set of chat messages about people, written on 2026-11-22 before any further change to the
// person-name detector, to measure such a change on text nobody tuned on. Names, places, organisations, products and
// templates are its own: none appears in values.ts, the corpus or held-out templates, or fresh-split.ts (a test
// checks the names). Names come from sixteen cultures, whether or not the detector's lexicons hold them (the
// evaluation reports how many do); the negatives are full of capitalised words that are not people: places, shops,
// software, films, teams, dishes, brands and events.
import type { LabelledMessage } from "./corpus.js";
import { generateNameSplit, type NameSplitSpec } from "./name-split-generator.js";

const GIVEN: Readonly<Record<string, readonly string[]>> = {
  english: ["Araminta", "Barnaby", "Maisie", "Tobias", "Winifred", "Alfie", "Rosalind", "Duncan", "Hattie", "Ellis"],
  american: ["Brantley", "Raelynn", "Tucker", "Emmalyn", "Bryce", "Jolene", "Dallas", "Shelby"],
  spanish: ["Begoña", "Íñigo", "Remedios", "Baltasar", "Nieves", "Eusebio", "Edurne", "Anselmo"],
  italian: ["Ottavio", "Ludovica", "Gianmarco", "Benedetta", "Ruggero", "Ornella", "Cosimo", "Vittoria"],
  french: ["Bérénice", "Anatole", "Blandine", "Eudes", "Ombeline", "Tanguy", "Sidonie", "Gonzague"],
  german: ["Swantje", "Jörg", "Hannelore", "Gunnar", "Gesine", "Volker", "Ilka", "Bastian"],
  polish: ["Grażyna", "Zdzisław", "Bronisława", "Przemysław", "Jadwiga", "Bartosz"],
  greek: ["Eleftheria", "Stavros", "Despina", "Thanasis", "Chrysanthi", "Giorgos"],
  turkish: ["Ebru", "Tarkan", "Sevgi", "Hakan", "Yasemin", "Volkan"],
  arabic: ["Rania", "Ghassan", "Yasmin", "Wael", "Dalia", "Fadi", "Thurayya"],
  indian: ["Vaidehi", "Aniruddh", "Meenakshi", "Kshitij", "Anusha", "Harsha", "Mrunal"],
  chinese: ["Meiling", "Junhao", "Xinyi", "Yichen", "Ruolan", "Ruoxi"],
  japanese: ["Kanta", "Chihiro", "Itsuki", "Ayaka", "Daichi", "Nanami"],
  korean: ["Minseo", "Dohyun", "Chaewon", "Taeyang", "Yejin"],
  westAfrican: ["Olamide", "Chinelo", "Kwabena", "Abena", "Ikechukwu", "Temitope", "Mawuli"],
  eastAfrican: ["Wairimu", "Baraka", "Nyambura", "Onyancha", "Zawadi", "Kamau"],
};

const SURNAMES: Readonly<Record<string, readonly string[]>> = {
  english: ["Fairweather", "Bramley", "Colquhoun", "Ashdown", "Throckmorton", "Thistlewood"],
  american: ["McCready", "Hollister", "Brandvold", "Whitlock", "Kowalczyk", "Dubose"],
  spanish: ["Urquijo", "Altamirano", "Zubizarreta", "Mendizábal", "Carrasco", "Ybarra"],
  italian: ["Bellandi", "Caruso", "Tedeschi", "Lombardo", "Pellegrini", "Zanetti"],
  french: ["Delacourt", "Marchetti", "Beauchamp", "Lefebvre", "Vautrin", "Desmarais"],
  german: ["Oberhauser", "Kleinschmidt", "Reinholz", "Pfeiffer", "Ziegler", "Wohlgemuth"],
  polish: ["Kaczmarczyk", "Grabowski", "Szymańska", "Jankowski", "Pawlak"],
  greek: ["Papadakis", "Konstantinou", "Antoniou", "Mavridis", "Georgiadou"],
  turkish: ["Kaya", "Şahin", "Arslan", "Koç", "Erdem"],
  arabic: ["Sarkis", "Tannous", "Ghanem", "Bitar", "Shahin"],
  indian: ["Raghunathan", "Gangopadhyay", "Subramanian", "Malhotra", "Venkatesh", "Kulkarni"],
  chinese: ["Qian", "Xiao", "Liang", "Guo", "Tang"],
  japanese: ["Takahashi", "Hasegawa", "Matsumura", "Yamaguchi", "Fujita"],
  korean: ["Seo", "Bae", "Kang", "Yoon", "Han"],
  westAfrican: ["Ezeani", "Ofori", "Olaniyan", "Frimpong", "Nwachukwu", "Agyeman"],
  eastAfrican: ["Gitau", "Odhiambo", "Kiplagat", "Wambui", "Achieng"],
};

const PLACES = [
  "Ljubljana",
  "Salzburg",
  "Cartagena",
  "Chiang Mai",
  "Tallinn",
  "Cusco",
  "Zanzibar",
  "Hobart",
  "Galway",
  "Antwerp",
  "Kyoto",
  "Quito",
  "Bruges",
  "Sintra",
];
const ORGS = [
  "Fernhill Veterinary",
  "Copperleaf Studios",
  "Bluewater Credit Union",
  "Stonebridge Academy",
  "Larkspur Logistics",
  "Redwood Physiotherapy",
  "Silverline Telecom",
];
const PRODUCTS = ["Slack Huddles", "Miro", "Asana", "Airtable", "Zoom Rooms", "Dropbox Paper", "Evernote", "Jira"];
const DAYS = ["Monday", "Wednesday", "Friday", "Sunday"];
const MONTHS = ["January", "April", "July", "October", "December"];

const POSITIVE_TEMPLATES: readonly string[] = [
  "Could you make this email to {NAME} sound less passive-aggressive?",
  "{FIRST} borrowed my drill three months ago, how do I ask for it back?",
  "Put {NAME} down as the emergency contact on the form.",
  "Attendees: {NAME}; {NAME2}; me.",
  "Best wishes,\n{NAME}",
  "Hey {FIRST}, running ten minutes late, sorry! — {FIRST2}",
  "my name is {LNAME}, I forgot my password again",
  "should I invite {FIRST} to the wedding even though we fell out?",
  "{NAME}'s retirement party is next {DAY}, suggest a venue in {PLACE}.",
  "Help me write a reference letter for {NAME}, who interned with us at {ORG}.",
  "I'm meeting {NAME} for coffee on {DAY}, any conversation starters?",
  "Tell {FIRST} the parcel is at the front desk.",
  "Booking reference for {NAME}: two nights in {PLACE}.",
  "{SURNAME} in accounts rejected my expense claim, how do I appeal?",
  "Translate into Spanish: 'Dear {FIRST}, thank you for the lovely dinner.'",
  "Send the minutes to {NAME} at {EMAIL} please.",
  "Is it weird that {FIRST} never replies to group chats?",
  "Write a limerick about {FIRST} and their cat.",
  "Rota: {FIRST} opens on {DAY}, {FIRST2} closes.",
  "{NAME}\nSenior Analyst, {ORG}\n{PHONE}",
  "Ms {SURNAME} says my daughter talks too much in class, how do I respond?",
  "Dr. {SURNAME} prescribed something I can't pronounce, what is it for?",
  "Plan a surprise for my brother {FIRST}, he turns forty in {MONTH}.",
  "How is {NAME} spelled in Cyrillic?",
  "Seat {NAME} next to {NAME2}, they get along.",
  "On behalf of {NAME}, please accept our apologies.",
  "yo its {FIRST} again, need help with my cover letter",
  "Note to the nursery: {FIRST} will be picked up by her aunt today.",
  "Shorten this bio: {NAME} grew up in {PLACE} and now teaches piano.",
  "Gift ideas for {FIRST}? She's into pottery and crosswords.",
  "Action items: {NAME} to update the budget, {NAME2} to call the supplier.",
  "Reply to {FIRST}: yes to {DAY}, no to Saturday.",
  "Why would {NAME} unfollow me after the meeting?",
  "Yours sincerely,\n{NAME}",
  "Add '{NAME}, Head of Design' under the logo.",
  "A short note thanking {NAME} and {NAME2} for hosting us.",
  "{NAME} and I want to split a car lease, how do we write it down?",
  "Feedback for {FIRST}: brilliant with clients, late with reports.",
  "im {LNAME}, new here, how does this work",
  "Is {SURNAME} an Irish name or a Scottish one?",
  "Remember that {FIRST} doesn't eat pork when you suggest recipes.",
  "Forwarded message from {NAME} <{EMAIL}>: see you at the station.",
  "Thank you, {FIRST}, that was exactly what I needed.",
  "Invite {FIRST} and {FIRST2} to a picnic in {MONTH}, casual tone.",
  "Our plumber, {NAME}, charged twice for the same visit.",
  "Arrange a pickup for {NAME} at the airport at 7.",
  "Toast idea: I met {FIRST} on the first day of university.",
  "Love,\n{FIRST}",
  "Coaching notes for {FIRST}: good serve, weak backhand.",
  "Was {NAME} the one who founded {ORG}?",
];

const NEGATIVE_TEMPLATES: readonly string[] = [
  "Which is cheaper in {MONTH}, {PLACE} or Valencia?",
  "How do I share a board in {PRODUCT} with someone outside the company?",
  "Compare the Pixel Watch and the Garmin Venu for running.",
  "Summarise Pride and Prejudice for a book club.",
  "What are the opening hours of the Uffizi Gallery?",
  "Good day hikes around {PLACE}?",
  "Does Netflix Basic allow downloads on two phones?",
  "Explain the Birthday Paradox with an example.",
  "Where should we eat near Covent Garden before the show?",
  "Should our startup use Kotlin or Swift for the app?",
  "The Piccadilly Line is delayed, fastest way to Heathrow Terminal Five?",
  "Write copy for the Nimbus Standing Desk launch.",
  "Who composed The Four Seasons?",
  "Itinerary for five days in {PLACE} and the Atlas Mountains.",
  "Can I replace the battery in a Sony WH-1000XM4?",
  "Finance needs the Operation Bluebird slides by {DAY}.",
  "Season's Greetings from everyone at {ORG}!",
  "Turn these notes into a {PRODUCT} checklist.",
  "Should we visit Sagrada Família or Park Güell first?",
  "Is Mexico City higher than La Paz?",
  "Is Samsung Pay safer than PayPal for online shopping?",
  "When did Fleetwood Mac record Rumours?",
  "Create a calendar event named Quarterly Planning Sync in {PRODUCT}.",
  "Can I cite Scientific American in a literature review?",
  "Who do I contact at {ORG} about a refund?",
  "To Whom It May Concern, I would like to cancel my subscription.",
  "Great job everyone, Release Candidate Two is out!",
  "Show me Fizz Buzz in Python and Go.",
  "Is the Amazon Rainforest still shrinking?",
  "Coca Cola or Pepsi Max, which has less sugar?",
  "How do Manchester United and Real Madrid compare this season?",
  "Recipe for Chicken Tikka Masala without cream?",
  "What time does Black Friday start at Best Buy?",
  "Is Lord of the Rings better read before watching?",
  "Set up Microsoft Teams for a {PLACE} office of twenty.",
  "The Golden State Warriors play on {DAY}, what channel?",
  "Is Grand Theft Auto suitable for a twelve-year-old?",
  "Book a table at Le Petit Bistro for {DAY} evening.",
  "Explain how Visa Infinite differs from Mastercard World Elite.",
  "Review our Terms of Service for {ORG} in plain English.",
];

const NAME_SPLIT: NameSplitSpec = {
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
export const NAME_SPLIT_NAMES: readonly string[] = [...Object.values(GIVEN).flat(), ...Object.values(SURNAMES).flat()];

/** The name split of a seed: `positives` messages with names, then `negatives` without personal data. */
export function generateNameSplitMessages(seed: number, positives = 500, negatives = 200): LabelledMessage[] {
  return generateNameSplit(NAME_SPLIT, seed, positives, negatives);
}
